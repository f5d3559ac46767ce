-- Tier changes entered in the console: overrides end on a date, changes above a threshold wait for a second
-- person's approval, and a business has at most one change waiting (scheduled or awaiting approval) at a time.
ALTER TABLE Subscriptions ADD COLUMN OverridesEndAt TEXT NULL;
ALTER TABLE Subscriptions ADD COLUMN ApprovalReasons TEXT NULL;
ALTER TABLE Subscriptions ADD COLUMN DecidedAt TEXT NULL;
ALTER TABLE Subscriptions ADD COLUMN DecisionNote TEXT NULL;

-- Overrides entered before end dates existed run until the discount ends, or stay open.
UPDATE Subscriptions SET OverridesEndAt = DiscountEndsAt
WHERE OverridesEndAt IS NULL AND DiscountEndsAt IS NOT NULL
  AND (PriceOverrideCents IS NOT NULL OR ConversationsOverride IS NOT NULL OR AgentSeatsOverride IS NOT NULL);

CREATE UNIQUE INDEX UX_Subscriptions_OneActive ON Subscriptions (BusinessId) WHERE Status = 'Active';
CREATE UNIQUE INDEX UX_Subscriptions_OneWaiting ON Subscriptions (BusinessId) WHERE Status IN ('Scheduled', 'PendingApproval');
CREATE INDEX IX_Subscriptions_PendingApproval ON Subscriptions (EnteredAt) WHERE Status = 'PendingApproval';
