-- The default tier catalogue, so that every console starts with one: free (SMEs only), business, enterprise.
-- Limits: NULL is unlimited. Prices in cents per month.
INSERT INTO Tiers (Code, Name, SortOrder, SmeOnly)
SELECT 'free', 'Free', 1, 1 WHERE NOT EXISTS (SELECT 1 FROM Tiers WHERE Code = 'free');
INSERT INTO Tiers (Code, Name, SortOrder, SmeOnly)
SELECT 'business', 'Business', 2, 0 WHERE NOT EXISTS (SELECT 1 FROM Tiers WHERE Code = 'business');
INSERT INTO Tiers (Code, Name, SortOrder, SmeOnly)
SELECT 'enterprise', 'Enterprise', 3, 0 WHERE NOT EXISTS (SELECT 1 FROM Tiers WHERE Code = 'enterprise');

INSERT INTO TierVersions (TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
                          VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy)
SELECT t.Id, 1, '2025-01-01T00:00:00.0000000Z', 0, 1000, 1, 1, 0, 0, 0, 0, 'Community', '2025-01-01T00:00:00.0000000Z', 'console'
FROM Tiers t WHERE t.Code = 'free' AND NOT EXISTS (SELECT 1 FROM TierVersions v WHERE v.TierId = t.Id);
INSERT INTO TierVersions (TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
                          VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy)
SELECT t.Id, 1, '2025-01-01T00:00:00.0000000Z', 49900, 10000, 10, 5, 1, 1, 1, 1, 'Next business day', '2025-01-01T00:00:00.0000000Z', 'console'
FROM Tiers t WHERE t.Code = 'business' AND NOT EXISTS (SELECT 1 FROM TierVersions v WHERE v.TierId = t.Id);
INSERT INTO TierVersions (TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
                          VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy)
SELECT t.Id, 1, '2025-01-01T00:00:00.0000000Z', 499900, NULL, 100, 50, 1, 1, 1, 1, '4 hours, 24/7', '2025-01-01T00:00:00.0000000Z', 'console'
FROM Tiers t WHERE t.Code = 'enterprise' AND NOT EXISTS (SELECT 1 FROM TierVersions v WHERE v.TierId = t.Id);
