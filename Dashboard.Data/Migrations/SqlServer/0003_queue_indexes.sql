-- The verification queue at a million requests: every page is found by walking one index in the page's order
-- and reading only index entries, so that page 1,000 costs little more than page 1.
--
-- The queue filters on the business's country and category. To filter and order by one index, each request
-- carries a copy of both; the console writes them with the request and again whenever intake changes the business.
ALTER TABLE dbo.VerificationRequests ADD
    BusinessCountry CHAR(2) NOT NULL CONSTRAINT DF_VerificationRequests_BusinessCountry DEFAULT '',
    BusinessCategory NVARCHAR(40) NOT NULL CONSTRAINT DF_VerificationRequests_BusinessCategory DEFAULT N'';
GO

UPDATE r
SET BusinessCountry = b.Country, BusinessCategory = b.Category
FROM dbo.VerificationRequests r
JOIN dbo.Businesses b ON b.Id = r.BusinessId;

-- The open queue (the default view): small filtered indexes, one per order, each holding every column a filter reads.
CREATE INDEX IX_VerificationRequests_OpenByDue ON dbo.VerificationRequests (DueAt, Id)
    INCLUDE (Status, RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId)
    WHERE Status IN (N'Pending', N'InReview', N'Escalated', N'AwaitingSecondApproval');
CREATE INDEX IX_VerificationRequests_OpenBySubmitted ON dbo.VerificationRequests (SubmittedAt, Id)
    INCLUDE (Status, RiskBand, BusinessCountry, BusinessCategory, AssignedToUserId, ClaimExpiresAt, BusinessId)
    WHERE Status IN (N'Pending', N'InReview', N'Escalated', N'AwaitingSecondApproval');
CREATE INDEX IX_VerificationRequests_OpenByRisk ON dbo.VerificationRequests (RiskScore DESC, DueAt, Id)
    INCLUDE (Status, RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId)
    WHERE Status IN (N'Pending', N'InReview', N'Escalated', N'AwaitingSecondApproval');

-- One state (any of them, decided ones run to hundreds of thousands): per order, and per country or category newest first.
CREATE INDEX IX_VerificationRequests_StatusByDue ON dbo.VerificationRequests (Status, DueAt, Id)
    INCLUDE (RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusBySubmitted ON dbo.VerificationRequests (Status, SubmittedAt, Id)
    INCLUDE (RiskBand, BusinessCountry, BusinessCategory, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusByRisk ON dbo.VerificationRequests (Status, RiskScore DESC, DueAt, Id)
    INCLUDE (RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusCountryBySubmitted ON dbo.VerificationRequests (Status, BusinessCountry, SubmittedAt, Id)
    INCLUDE (RiskBand, BusinessCategory, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusCategoryBySubmitted ON dbo.VerificationRequests (Status, BusinessCategory, SubmittedAt, Id)
    INCLUDE (RiskBand, BusinessCountry, AssignedToUserId, ClaimExpiresAt, BusinessId);

-- A search starts from the few businesses whose names match and reads their requests here, without the table.
CREATE INDEX IX_VerificationRequests_ByBusiness ON dbo.VerificationRequests (BusinessId, Status)
    INCLUDE (DueAt, SubmittedAt, RiskScore, RiskBand, BusinessCountry, BusinessCategory, AssignedToUserId, ClaimExpiresAt);

-- Covered by IX_VerificationRequests_StatusBySubmitted and IX_VerificationRequests_ByBusiness.
DROP INDEX IX_VerificationRequests_Status_SubmittedAt ON dbo.VerificationRequests;
DROP INDEX IX_VerificationRequests_BusinessId ON dbo.VerificationRequests;

-- The queue's search matches the start of a name, phone number or registration number (the database's
-- case-insensitive collation ignores case); DisplayName, PhoneE164 and RegistrationNumber have indexes already.
CREATE INDEX IX_Businesses_LegalName ON dbo.Businesses (LegalName);
