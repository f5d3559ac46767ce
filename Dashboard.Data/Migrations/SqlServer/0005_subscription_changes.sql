-- Tier changes entered in the console: overrides end on a date, changes above a threshold wait for a second
-- person's approval, and a business has at most one change waiting (scheduled or awaiting approval) at a time.
ALTER TABLE dbo.Subscriptions ADD
    OverridesEndAt DATETIMEOFFSET NULL,
    ApprovalReasons NVARCHAR(1000) NULL,
    DecidedAt DATETIMEOFFSET NULL,
    DecisionNote NVARCHAR(1000) NULL;
GO

-- Overrides entered before end dates existed run until the discount ends, or stay open.
UPDATE dbo.Subscriptions SET OverridesEndAt = DiscountEndsAt
WHERE OverridesEndAt IS NULL AND DiscountEndsAt IS NOT NULL
  AND (PriceOverrideCents IS NOT NULL OR ConversationsOverride IS NOT NULL OR AgentSeatsOverride IS NOT NULL);

CREATE UNIQUE INDEX UX_Subscriptions_OneActive ON dbo.Subscriptions (BusinessId) WHERE Status = N'Active';
CREATE UNIQUE INDEX UX_Subscriptions_OneWaiting ON dbo.Subscriptions (BusinessId) WHERE Status IN (N'Scheduled', N'PendingApproval');
CREATE INDEX IX_Subscriptions_PendingApproval ON dbo.Subscriptions (EnteredAt) WHERE Status = N'PendingApproval';
