-- At most one open request per business: a second application while one is open is refused by the database too.
CREATE UNIQUE INDEX UX_VerificationRequests_OpenPerBusiness ON VerificationRequests (BusinessId)
    WHERE Status IN ('Pending', 'InReview', 'NeedsInfo', 'Escalated', 'AwaitingSecondApproval');

-- The queue's default order (most urgent first) and the "next request" pick.
CREATE INDEX IX_VerificationRequests_DueAt ON VerificationRequests (DueAt, Id);
CREATE INDEX IX_VerificationRequests_SubmittedAt ON VerificationRequests (SubmittedAt, Id);
CREATE INDEX IX_VerificationRequests_Decided ON VerificationRequests (DecidedByUserId, DecidedAt);
