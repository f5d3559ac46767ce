-- The tier catalogue counts the businesses on each tier version and finds those on older versions to move them to the
-- latest one; without this index both read every active subscription.
CREATE INDEX IX_Subscriptions_TierVersionId_Status ON Subscriptions (TierVersionId, Status);
