-- The default tier catalogue, so that every console starts with one: free (SMEs only), business, enterprise.
-- Limits: NULL is unlimited. Prices in cents per month.
INSERT INTO dbo.Tiers (Code, Name, SortOrder, SmeOnly)
SELECT N'free', N'Free', 1, 1 WHERE NOT EXISTS (SELECT 1 FROM dbo.Tiers WHERE Code = 'free');
INSERT INTO dbo.Tiers (Code, Name, SortOrder, SmeOnly)
SELECT N'business', N'Business', 2, 0 WHERE NOT EXISTS (SELECT 1 FROM dbo.Tiers WHERE Code = 'business');
INSERT INTO dbo.Tiers (Code, Name, SortOrder, SmeOnly)
SELECT N'enterprise', N'Enterprise', 3, 0 WHERE NOT EXISTS (SELECT 1 FROM dbo.Tiers WHERE Code = 'enterprise');

INSERT INTO dbo.TierVersions (TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
                          VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy)
SELECT t.Id, 1, '2025-01-01T00:00:00+00:00', 0, 1000, 1, 1, 0, 0, 0, 0, 'Community', '2025-01-01T00:00:00+00:00', 'console'
FROM dbo.Tiers t WHERE t.Code = 'free' AND NOT EXISTS (SELECT 1 FROM dbo.TierVersions v WHERE v.TierId = t.Id);
INSERT INTO dbo.TierVersions (TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
                          VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy)
SELECT t.Id, 1, '2025-01-01T00:00:00+00:00', 49900, 10000, 10, 5, 1, 1, 1, 1, 'Next business day', '2025-01-01T00:00:00+00:00', 'console'
FROM dbo.Tiers t WHERE t.Code = 'business' AND NOT EXISTS (SELECT 1 FROM dbo.TierVersions v WHERE v.TierId = t.Id);
INSERT INTO dbo.TierVersions (TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
                          VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy)
SELECT t.Id, 1, '2025-01-01T00:00:00+00:00', 499900, NULL, 100, 50, 1, 1, 1, 1, '4 hours, 24/7', '2025-01-01T00:00:00+00:00', 'console'
FROM dbo.Tiers t WHERE t.Code = 'enterprise' AND NOT EXISTS (SELECT 1 FROM dbo.TierVersions v WHERE v.TierId = t.Id);
