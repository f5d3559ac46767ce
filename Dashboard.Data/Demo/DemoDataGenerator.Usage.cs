using static Dashboard.Data.Demo.DemoVocabulary;

namespace Dashboard.Data.Demo;

/// <summary>
/// Per-business daily usage for the last 30 full days, so that usage against limits and the downgrade check have data:
/// three in four businesses are active, mostly well inside their tier's limit, a few growing past it.
/// </summary>
internal sealed partial class DemoDataGenerator
{
    private const int UsageDays = 30;

    private List<BusinessUsagePlan> PlanBusinessUsage(IReadOnlyList<SubscriptionPlan> subscriptions)
    {
        var r = _usageRandom;
        var current = subscriptions.Where(s => s.Status == Active).ToDictionary(s => s.Business);
        var rows = new List<BusinessUsagePlan>();
        foreach (var business in _businesses)
        {
            if (r.NextDouble() >= 0.75 || !current.TryGetValue(business, out var subscription))
            {
                continue;
            }

            var limit = subscription.ConversationsOverride ?? subscription.Tier.ConversationsPer24h;
            var typical = limit is { } l ? l * (0.08 + r.NextDouble() * 0.6) : 15_000 + r.NextDouble() * 100_000;

            // One business in twelve grows towards, and past, its limit over the month: the upgrade candidates.
            var growth = r.NextDouble() < 1.0 / 12 ? 1.0 + r.NextDouble() * 0.04 : 1.0;
            var messagesPerConversation = 6 + r.NextDouble() * 14;
            for (var d = UsageDays; d >= 1; d--)
            {
                var day = _today.AddDays(-d);
                if (day < business.CreatedAt)
                {
                    continue;
                }

                var weekly = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.55 : 1.0;
                var trend = Math.Pow(growth, UsageDays - d);
                var conversations = (long)Math.Max(0, typical * weekly * trend * (0.8 + r.NextDouble() * 0.4));
                rows.Add(new BusinessUsagePlan(business, day.ToUnixTimeSeconds(), conversations, (long)(conversations * messagesPerConversation)));
            }
        }

        return rows;
    }

    /// <summary>
    /// A few upgrades with a discount above the approval threshold, entered by account management and waiting for a second
    /// person. The account managers take turns entering them, so that with two or more each has another's to approve.
    /// </summary>
    private void PlanPendingApprovals(List<SubscriptionPlan> subscriptions, IReadOnlyList<TierPlan> tiers)
    {
        var enterprise = tiers.Single(t => t.Code == Enterprise);
        var waiting = subscriptions.Where(s => s.Status is Scheduled).Select(s => s.Business).ToHashSet();
        var candidates = subscriptions
            .Where(s => s.Status == Active && s.Tier.Code == Business && s.DiscountPercent is null && s.PriceOverrideCents is null && !waiting.Contains(s.Business))
            .ToList();
        var firstOfNextMonth = new DateTimeOffset(_today.Year, _today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        for (var i = 0; i < Math.Min(3, candidates.Count); i++)
        {
            var active = candidates[_usageRandom.Next(candidates.Count)];
            candidates.Remove(active);
            var percent = i == 0 ? 30 : 25 + 5 * i;
            subscriptions.Add(new SubscriptionPlan
            {
                Business = active.Business,
                Tier = enterprise,
                EffectiveFrom = firstOfNextMonth,
                Status = PendingApproval,
                DiscountPercent = percent,
                DiscountEndsAt = firstOfNextMonth.AddMonths(6),
                ApprovalStatus = Pending,
                // Kept without words, as the console keeps them (a code and its figures), so each reader sees them in their language.
                ApprovalReasons = $$"""[{"code":"Discount","args":["{{percent}}","499900","20"]}]""",
                Reason = "Upgrade to Enterprise with an introductory discount for the first six months",
                EnteredAt = Seconds(_now.AddHours(-2 - 20 * i)),
                EnteredByUserId = _options.AccountManagerUserIds is { Count: > 1 } managers ? managers[i % managers.Count] : AccountManager(active.Business),
            });
        }
    }
}

/// <summary>A business's conversations and messages on one day (unix seconds of 00:00 UTC).</summary>
internal sealed record BusinessUsagePlan(BusinessPlan Business, long Day, long Conversations, long Messages)
{
    public long BusinessId => Business.Id;
}
