-- The verification queue at a million requests: every page is found by walking one index in the page's order
-- and reading only index entries, so that page 1,000 costs little more than page 1.
--
-- The queue filters on the business's country and category. To filter and order by one index, each request
-- carries a copy of both; the console writes them with the request and again whenever intake changes the business.
ALTER TABLE VerificationRequests ADD COLUMN BusinessCountry TEXT NOT NULL DEFAULT '';
ALTER TABLE VerificationRequests ADD COLUMN BusinessCategory TEXT NOT NULL DEFAULT '';
UPDATE VerificationRequests
SET BusinessCountry = (SELECT b.Country FROM Businesses b WHERE b.Id = VerificationRequests.BusinessId),
    BusinessCategory = (SELECT b.Category FROM Businesses b WHERE b.Id = VerificationRequests.BusinessId);

-- The open queue (the default view): small partial indexes, one per order, each holding every column a filter reads.
CREATE INDEX IX_VerificationRequests_OpenByDue ON VerificationRequests
    (DueAt, Id, Status, RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId)
    WHERE Status IN ('Pending', 'InReview', 'Escalated', 'AwaitingSecondApproval');
CREATE INDEX IX_VerificationRequests_OpenBySubmitted ON VerificationRequests
    (SubmittedAt, Id, Status, RiskBand, BusinessCountry, BusinessCategory, AssignedToUserId, ClaimExpiresAt, BusinessId)
    WHERE Status IN ('Pending', 'InReview', 'Escalated', 'AwaitingSecondApproval');
CREATE INDEX IX_VerificationRequests_OpenByRisk ON VerificationRequests
    (RiskScore DESC, DueAt, Id, Status, RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId)
    WHERE Status IN ('Pending', 'InReview', 'Escalated', 'AwaitingSecondApproval');

-- One state (any of them, decided ones run to hundreds of thousands): per order, and per country or category newest first.
CREATE INDEX IX_VerificationRequests_StatusByDue ON VerificationRequests
    (Status, DueAt, Id, RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusBySubmitted ON VerificationRequests
    (Status, SubmittedAt, Id, RiskBand, BusinessCountry, BusinessCategory, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusByRisk ON VerificationRequests
    (Status, RiskScore DESC, DueAt, Id, RiskBand, BusinessCountry, BusinessCategory, SubmittedAt, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusCountryBySubmitted ON VerificationRequests
    (Status, BusinessCountry, SubmittedAt, Id, RiskBand, BusinessCategory, AssignedToUserId, ClaimExpiresAt, BusinessId);
CREATE INDEX IX_VerificationRequests_StatusCategoryBySubmitted ON VerificationRequests
    (Status, BusinessCategory, SubmittedAt, Id, RiskBand, BusinessCountry, AssignedToUserId, ClaimExpiresAt, BusinessId);

-- A search starts from the few businesses whose names match and reads their requests here, without the table.
CREATE INDEX IX_VerificationRequests_ByBusiness ON VerificationRequests
    (BusinessId, Status, DueAt, SubmittedAt, RiskScore, RiskBand, BusinessCountry, BusinessCategory, AssignedToUserId, ClaimExpiresAt);

-- Covered by IX_VerificationRequests_StatusBySubmitted and IX_VerificationRequests_ByBusiness.
DROP INDEX IX_VerificationRequests_Status_SubmittedAt;
DROP INDEX IX_VerificationRequests_BusinessId;

-- The queue's search matches the start of a name, phone number or registration number, without regard to case.
-- SQLite's LIKE ignores ASCII case and can use an index only when the index does too.
CREATE INDEX IX_Businesses_LegalName_NoCase ON Businesses (LegalName COLLATE NOCASE);
CREATE INDEX IX_Businesses_PhoneE164_NoCase ON Businesses (PhoneE164 COLLATE NOCASE);
CREATE INDEX IX_Businesses_RegistrationNumber_NoCase ON Businesses (RegistrationNumber COLLATE NOCASE);
