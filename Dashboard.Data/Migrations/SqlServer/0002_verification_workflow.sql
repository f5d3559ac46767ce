-- At most one open request per business: a second application while one is open is refused by the database too.
CREATE UNIQUE INDEX UX_VerificationRequests_OpenPerBusiness ON dbo.VerificationRequests (BusinessId)
    WHERE Status IN (N'Pending', N'InReview', N'NeedsInfo', N'Escalated', N'AwaitingSecondApproval');

-- The queue's default order (most urgent first) and the "next request" pick.
CREATE INDEX IX_VerificationRequests_DueAt ON dbo.VerificationRequests (DueAt, Id) INCLUDE (Status, AssignedToUserId, ClaimExpiresAt);
CREATE INDEX IX_VerificationRequests_SubmittedAt ON dbo.VerificationRequests (SubmittedAt, Id);
CREATE INDEX IX_VerificationRequests_Decided ON dbo.VerificationRequests (DecidedByUserId, DecidedAt);
