using System.Globalization;
using static Dashboard.Data.Demo.DemoVocabulary;

namespace Dashboard.Data.Demo;

/// <summary>Subscriptions: one active row per business, some with an earlier ended row, a few with a change scheduled.</summary>
internal sealed partial class DemoDataGenerator
{
    private List<SubscriptionPlan> PlanSubscriptions(IReadOnlyList<TierPlan> tiers, DateTimeOffset catalogueStart)
    {
        var r = _tierRandom;
        var tier = tiers.ToDictionary(t => t.Code, StringComparer.Ordinal);
        var rows = new List<SubscriptionPlan>();
        var active = new List<SubscriptionPlan>();
        foreach (var business in _businesses)
        {
            var start = business.CreatedAt > catalogueStart ? business.CreatedAt : catalogueStart;
            var launch = business.CreatedAt <= catalogueStart;
            var current = business.Tier;
            var previous = PreviousTier(r, business);
            DateTimeOffset? change = null;
            if (previous is not null)
            {
                var lower = start.AddDays(14);
                var upper = _now.AddDays(-1);
                var firstRequest = business.Requests.Count == 0 ? (DateTimeOffset?)null : business.Requests.Min(q => q.SubmittedAt);
                if (firstRequest is { } applied && previous == Free)
                {
                    // Businesses upgrade before they apply for the marker the free tier lacks.
                    upper = applied.AddHours(-1) < upper ? applied.AddHours(-1) : upper;
                }

                if (current == Free && firstRequest is not null)
                {
                    upper = lower;
                }

                if (upper - lower >= TimeSpan.FromDays(1))
                {
                    var day = lower + TimeSpan.FromSeconds(r.NextDouble() * (upper - lower).TotalSeconds);
                    var midnight = new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero);
                    change = midnight > start ? midnight : null;
                }
            }

            if (change is { } changedAt)
            {
                rows.Add(new SubscriptionPlan
                {
                    Business = business,
                    Tier = tier[previous!],
                    EffectiveFrom = start,
                    EffectiveTo = changedAt,
                    Status = Ended,
                    Reason = FirstReason(previous!, launch),
                    EnteredAt = start,
                    EnteredByUserId = previous == Free ? null : AccountManager(business),
                    Version = 2,
                });
                var enteredAt = changedAt - Between(r, TimeSpan.FromHours(1), TimeSpan.FromDays(5));
                var row = new SubscriptionPlan
                {
                    Business = business,
                    Tier = tier[current],
                    EffectiveFrom = changedAt,
                    Status = Active,
                    Reason = ChangeReason(business, previous!, current),
                    EnteredAt = Seconds(enteredAt > start ? enteredAt : start.AddMinutes(1)),
                    EnteredByUserId = AccountManager(business),
                };
                rows.Add(row);
                active.Add(row);
            }
            else
            {
                var row = new SubscriptionPlan
                {
                    Business = business,
                    Tier = tier[current],
                    EffectiveFrom = start,
                    Status = Active,
                    Reason = FirstReason(current, launch),
                    EnteredAt = start,
                    EnteredByUserId = current == Free ? null : AccountManager(business),
                };
                rows.Add(row);
                active.Add(row);
            }

            if (r.NextDouble() < 0.012 && ScheduledChange(r, business, active[^1], tier) is { } scheduled)
            {
                rows.Add(scheduled);
            }
        }

        AdjustPaidRows(r, active);
        return rows.OrderBy(s => s.EnteredAt).ToList();
    }

    private static string? PreviousTier(Random r, BusinessPlan business) => business.Tier switch
    {
        Business when r.NextDouble() < (business.IsSme ? 0.5 : 0.3) => Free,
        Enterprise when r.NextDouble() < (business.IsSme ? 0.5 : 0.3) => r.NextDouble() < 0.7 ? Business : Free,
        Free when r.NextDouble() < 0.03 => Business,
        _ => null,
    };

    private static string FirstReason(string tier, bool launch) => (tier, launch) switch
    {
        (Free, true) => "Moved to the free tier at programme launch",
        (Free, false) => "Free tier at sign-up",
        (Business, true) => "Business contract migrated at programme launch",
        (Business, false) => "Business tier booked at sign-up",
        (_, true) => "Enterprise contract migrated at programme launch",
        _ => "Enterprise contract signed at onboarding",
    };

    private static string ChangeReason(BusinessPlan business, string previous, string current) => (previous, current) switch
    {
        (Free, _) when !business.IsSme => "Reclassified as a large enterprise in the annual size review; the free tier is for SMEs only",
        (Free, Business) => "Upgrade: needs several agents and broadcast campaigns",
        (Free, Enterprise) => "Upgrade to Enterprise for API access and round-the-clock support",
        (Business, Enterprise) => "Upgrade to Enterprise: conversation volume above the Business limit",
        _ => "Downgrade at the customer's request after the seasonal campaign",
    };

    /// <summary>A change agreed now that starts within the next 30 days; the active row ends when it starts.</summary>
    private SubscriptionPlan? ScheduledChange(Random r, BusinessPlan business, SubscriptionPlan active, Dictionary<string, TierPlan> tiers)
    {
        var (next, reason) = active.Tier.Code switch
        {
            Free when business.IsSme && business.Requests.Count == 0 => (Business, "Upgrade booked for the next billing period"),
            Business => (Enterprise, "Contract renewal moves to Enterprise"),
            Enterprise => (Business, "Downgrade to Business at the end of the contract term"),
            _ => ((string?)null, ""),
        };
        if (next is null)
        {
            return null;
        }

        var startsAt = _today.AddDays(r.Next(1, 31));
        var enteredAt = _now - Between(r, TimeSpan.FromHours(1), TimeSpan.FromDays(7));
        active.EffectiveTo = startsAt;
        active.Version = 2;
        return new SubscriptionPlan
        {
            Business = business,
            Tier = tiers[next],
            EffectiveFrom = startsAt,
            Status = Scheduled,
            Reason = reason,
            EnteredAt = Seconds(enteredAt > active.EffectiveFrom ? enteredAt : active.EffectiveFrom.AddMinutes(1)),
            EnteredByUserId = AccountManager(business),
        };
    }

    /// <summary>A handful of paid rows carry a time-limited discount, extra seats or a negotiated group price.</summary>
    private void AdjustPaidRows(Random r, List<SubscriptionPlan> active)
    {
        var paid = active.Where(s => s.Tier.Code != Free).ToList();
        if (paid.Count == 0)
        {
            return;
        }

        var discounts = Math.Clamp(paid.Count / 60, 3, 25);
        for (var i = 0; i < discounts; i++)
        {
            var row = paid[r.Next(paid.Count)];
            if (row.DiscountPercent is not null)
            {
                continue;
            }

            int[] percents = [10, 15, 20, 25, 30];
            row.DiscountPercent = percents[r.Next(percents.Length)];
            row.DiscountEndsAt = _today.AddDays(r.Next(14, 181));
            row.Reason = string.Create(CultureInfo.InvariantCulture,
                $"Introductory discount of {row.DiscountPercent} % until {row.DiscountEndsAt:yyyy-MM-dd}, agreed by account management");
        }

        var seats = paid.Where(s => s.Tier.Code == Business && s.DiscountPercent is null).ToList();
        for (var i = 0; i < Math.Clamp(paid.Count / 100, 2, 12) && seats.Count > 0; i++)
        {
            var row = seats[r.Next(seats.Count)];
            seats.Remove(row);
            int[] options = [15, 20, 25];
            row.AgentSeatsOverride = options[r.Next(options.Length)];
            row.ConversationsOverride = r.NextDouble() < 0.5 ? 20_000 : null;
            row.Reason = "Extra agent seats for the customer service team";
        }

        var groups = paid.Where(s => s.Tier.Code == Enterprise && s.Business.Employees >= 20_000 && s.DiscountPercent is null).ToList();
        for (var i = 0; i < Math.Clamp(_businesses.Count / 1000, 1, 8) && groups.Count > 0; i++)
        {
            var row = groups[r.Next(groups.Count)];
            groups.Remove(row);
            row.PriceOverrideCents = r.Next(15, 50) * 50_000L;
            row.AgentSeatsOverride = r.Next(2, 6) * 100;
            row.Reason = "Group contract with negotiated price and seats";
        }
    }

    private long? AccountManager(BusinessPlan business) =>
        business.AccountManagerUserId ??= PickUser(_options.AccountManagerUserIds);
}
