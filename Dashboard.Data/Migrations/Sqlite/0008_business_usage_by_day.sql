-- The usage history ranks businesses by their messages over a range of days: the range is read from this index
-- alone (it holds every column the ranking sums) instead of walking every business's rows.
CREATE INDEX IX_BusinessUsageDay_Day ON BusinessUsageDay (Day, BusinessId, Conversations, Messages);
