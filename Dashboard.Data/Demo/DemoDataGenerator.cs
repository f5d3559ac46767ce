using System.Globalization;
using Dashboard.Data.Tiers;
using static Dashboard.Data.Demo.DemoVocabulary;

namespace Dashboard.Data.Demo;

/// <summary>
/// Plans the demo data in memory from the options and one point in time. Each concern draws from its own random
/// stream derived from the seed, so that, say, the number of reviewers changes who acted but not which businesses exist.
/// </summary>
internal sealed partial class DemoDataGenerator
{
    private static readonly SmeThresholds s_thresholds = new();
    private static readonly string[] s_brandCategories =
        [DemoCatalog.Bank, DemoCatalog.Airline, DemoCatalog.OnlineRetailer, DemoCatalog.Telecom, DemoCatalog.Payments, DemoCatalog.Insurer];

    private readonly DemoSeedOptions _options;
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _today;
    private readonly Random _businessRandom;
    private readonly Random _specialRandom;
    private readonly Random _tierRandom;
    private readonly Random _verificationRandom;
    private readonly Random _peopleRandom;
    private readonly Random _financialsRandom;
    private readonly Random _usageRandom;
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
    private readonly HashSet<string> _registrationNumbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _domains = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<BusinessPlan> _businesses = [];
    private readonly double[] _countryWeights;
    private readonly double[] _categoryWeights;

    public DemoDataGenerator(DemoSeedOptions options, DateTimeOffset now)
    {
        _options = options;
        _now = Seconds(now.ToUniversalTime());
        _today = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero);
        var master = new Random(options.Seed);
        _businessRandom = new Random(master.Next());
        _specialRandom = new Random(master.Next());
        _tierRandom = new Random(master.Next());
        _verificationRandom = new Random(master.Next());
        _peopleRandom = new Random(master.Next());
        _financialsRandom = new Random(master.Next());
        _usageRandom = new Random(master.Next());
        _countryWeights = DemoCatalog.Countries.Select(c => (double)c.Weight).ToArray();
        _categoryWeights = DemoCatalog.CategoryProfiles.Select(c => c.Weight).ToArray();
    }

    public DemoDataSet Generate()
    {
        var catalogueStart = _today.AddDays(-365);
        var tiers = PlanTiers(catalogueStart);
        for (var i = 0; i < _options.BusinessCount; i++)
        {
            _businesses.Add(NewBusiness());
        }

        ChooseTiers();
        PlanImpersonations();
        PlanSharedNumbers();
        var links = PlanLinks();
        var requests = PlanRequests();
        ApplyVerificationOutcomes();
        var subscriptions = PlanSubscriptions(tiers, catalogueStart);
        PlanPendingApprovals(subscriptions, tiers);
        var usage = PlanBusinessUsage(subscriptions);
        var businesses = AssignExternalIds();
        var financials = PlanFinancials(businesses);

        return new DemoDataSet
        {
            Now = _now,
            CatalogueStart = catalogueStart,
            Tiers = tiers,
            Businesses = businesses,
            Financials = financials,
            Links = links,
            Requests = requests,
            Subscriptions = subscriptions,
            BusinessUsage = usage,
        };
    }

    private List<TierPlan> PlanTiers(DateTimeOffset catalogueStart)
    {
        var createdAt = catalogueStart.AddDays(-14);
        const string createdBy = "console";
        return
        [
            new()
            {
                Code = Free, Name = "Free", SortOrder = 1, SmeOnly = true, EffectiveFrom = catalogueStart, MonthlyPriceCents = 0,
                ConversationsPer24h = 1_000, AgentSeats = 1, PhoneNumbers = 1, SupportSla = "Community",
                CreatedAt = createdAt, CreatedBy = createdBy,
            },
            new()
            {
                Code = Business, Name = "Business", SortOrder = 2, EffectiveFrom = catalogueStart, MonthlyPriceCents = 49_900,
                ConversationsPer24h = 10_000, AgentSeats = 10, PhoneNumbers = 5, VerifiedMarkerEligible = true, ApiAccess = true,
                BroadcastCampaigns = true, Analytics = true, SupportSla = "Next business day", CreatedAt = createdAt, CreatedBy = createdBy,
            },
            new()
            {
                Code = Enterprise, Name = "Enterprise", SortOrder = 3, EffectiveFrom = catalogueStart, MonthlyPriceCents = 499_900,
                ConversationsPer24h = null, AgentSeats = 100, PhoneNumbers = 50, VerifiedMarkerEligible = true, ApiAccess = true,
                BroadcastCampaigns = true, Analytics = true, SupportSla = "4 hours, 24/7", CreatedAt = createdAt, CreatedBy = createdBy,
            },
        ];
    }

    private BusinessPlan NewBusiness()
    {
        var r = _businessRandom;
        var country = DemoCatalog.Countries[WeightedIndex(r, _countryWeights)];
        var region = country.Regions.Count == 1 ? country.Regions[0] : country.Regions[WeightedIndex(r, country.Regions.Select(x => (double)x.Weight).ToArray())];
        var profile = DemoCatalog.CategoryProfiles[WeightedIndex(r, _categoryWeights)];
        var large = r.NextDouble() < profile.LargeShare;
        var employees = large
            ? LogUniform(r, profile.LargeEmployeesMin, profile.LargeEmployeesMax)
            : LogUniform(r, profile.SmallEmployeesMin, profile.SmallEmployeesMax);
        var perHead = r.Next(profile.TurnoverPerHeadMinK, profile.TurnoverPerHeadMaxK + 1) * 1000.0;
        var turnover = RoundMoney(employees * perHead * (0.85 + (0.3 * r.NextDouble())));
        var balance = RoundMoney(turnover * (profile.BalanceRatioMin + ((profile.BalanceRatioMax - profile.BalanceRatioMin) * r.NextDouble())));

        var business = new BusinessPlan { Profile = profile, CountryInfo = country, Region = region };
        business.SetFigures(employees, turnover, balance, s_thresholds);
        business.LegalForm = profile.Name == DemoCatalog.Government ? "" : DemoNames.Pick(r, business.IsSme ? region.SmallForms : region.LargeForms);
        Name(business, r);
        business.PhoneE164 = UniquePhone(r, country);
        business.RegistrationNumber = profile.Name == DemoCatalog.Government ? null : UniqueRegistrationNumber(r, business);
        var daysAgo = 1 + (539 * Math.Pow(r.NextDouble(), 1.25));
        business.CreatedAt = Seconds(_now.AddDays(-daysAgo));
        return business;
    }

    /// <summary>Gives the business a display name unique in its country, its legal name, and a website and e-mail domain no other business has.</summary>
    private void Name(BusinessPlan business, Random r)
    {
        for (var attempt = 0; ; attempt++)
        {
            var display = DemoNames.DisplayName(r, business.Category, business.Region);
            if (attempt >= 10)
            {
                var city = DemoNames.Pick(r, business.Region.Cities);
                display = display.Contains(city, StringComparison.Ordinal) ? display : display + " " + city;
            }

            if (attempt >= 20)
            {
                display += " " + (attempt - 18).ToString(CultureInfo.InvariantCulture);
            }

            var legal = business.LegalForm.Length == 0 ? display : display + " " + business.LegalForm;
            var slug = DemoNames.Slug(display);
            var tld = !business.IsSme && business.Category != DemoCatalog.Government && r.NextDouble() < 0.2 ? "com" : business.CountryInfo.WebsiteTld;
            var domain = slug + "." + tld;
            if (_names.Contains(business.Country + "|" + display) || _domains.Contains(domain))
            {
                continue;
            }

            _names.Add(business.Country + "|" + display);
            _domains.Add(domain);
            business.DisplayName = display;
            business.LegalName = legal;
            business.Website = "https://www." + domain;
            business.EmailDomain = domain;
            if (r.NextDouble() < 0.08)
            {
                business.EmailDomainDiffers = true;
                if (r.NextDouble() < 0.65)
                {
                    business.UsesFreeMail = true;
                    business.EmailDomain = DemoNames.Pick(r, business.CountryInfo.FreeMail);
                }
                else
                {
                    string[] variants = [slug + "-mail.com", slug + "-group.com", slug + ".net", "mail-" + slug + ".com", slug + "online." + tld];
                    business.EmailDomain = DemoNames.Pick(r, variants);
                }
            }

            return;
        }
    }

    private string UniquePhone(Random r, DemoCountry country)
    {
        while (true)
        {
            var plan = DemoNames.Pick(r, country.PhonePlans);
            var digits = new char[plan.Length];
            for (var i = 0; i < plan.Length; i++)
            {
                digits[i] = plan[i] switch
                {
                    'X' => (char)('0' + r.Next(10)),
                    'N' => (char)('0' + r.Next(2, 10)),
                    var literal => literal,
                };
            }

            var phone = "+" + country.CallingCode + new string(digits);
            if (_phones.Add(phone))
            {
                return phone;
            }
        }
    }

    private string UniqueRegistrationNumber(Random r, BusinessPlan business)
    {
        var format = RegistrationNumberFormats.For(business.Country)
            ?? throw new InvalidOperationException($"No registration number format for {business.Country}.");
        while (true)
        {
            var number = format.Generate(r, business.LegalForm);
            if (_registrationNumbers.Add(business.Country + "|" + number))
            {
                return number;
            }
        }
    }

    private void ChooseTiers()
    {
        var r = _tierRandom;
        foreach (var business in _businesses)
        {
            var profile = business.Profile;
            if (!business.IsSme)
            {
                var enterprise = Math.Min(0.95, profile.EnterpriseShare + (business.Employees >= 5000 ? 0.15 : 0));
                business.Tier = r.NextDouble() < enterprise ? Enterprise : Business;
            }
            else
            {
                var sizeFactor = business.Employees >= 50 ? 2.0 : business.Employees >= 10 ? 1.0 : 0.5;
                business.Tier = r.NextDouble() < profile.PayingSmeShare * sizeFactor
                    ? (r.NextDouble() < 0.05 ? Enterprise : Business)
                    : Free;
            }

            if (business.Tier != Free)
            {
                business.AccountManagerUserId = PickUser(_options.AccountManagerUserIds);
            }
        }
    }

    /// <summary>
    /// A handful of small, new, free-tier businesses pose as one of the big verified brands of their country: a
    /// look-alike display name, a look-alike domain, mostly a free-mail address, and a pending request.
    /// </summary>
    private void PlanImpersonations()
    {
        var r = _specialRandom;
        var count = Math.Clamp(_businesses.Count / 500, 3, 12);
        var candidates = _businesses
            .Where(b => !b.IsSme && b.Tier != Free && s_brandCategories.Contains(b.Category))
            .OrderByDescending(b => b.Employees)
            .Take(count * 3)
            .ToList();
        for (var i = 0; i < count && candidates.Count > 0; i++)
        {
            var target = candidates[r.Next(candidates.Count)];
            candidates.Remove(target);
            var pool = _businesses
                .Where(b => b.CountryInfo == target.CountryInfo && b.IsSme && b.Tier == Free && b.Category != DemoCatalog.Government
                    && b.Impersonates is null && !b.IsImpersonationTarget)
                .ToList();
            if (pool.Count == 0)
            {
                continue;
            }

            var impostor = pool[r.Next(pool.Count)];
            target.IsImpersonationTarget = true;
            impostor.Impersonates = target;
            impostor.Profile = target.Profile;
            impostor.LegalForm = DemoNames.Pick(r, impostor.Region.SmallForms);
            var display = LookAlike(r, target);
            while (!_names.Add(impostor.Country + "|" + display))
            {
                display += " " + DemoNames.Pick(r, impostor.Region.Cities);
            }

            impostor.DisplayName = display;
            impostor.LegalName = display + " " + impostor.LegalForm;
            string[] tlds = ["com", "net", "info", impostor.CountryInfo.WebsiteTld];
            var domain = DemoNames.Slug(display) + "." + DemoNames.Pick(r, tlds);
            while (!_domains.Add(domain))
            {
                domain = DemoNames.Slug(display) + "-" + r.Next(2, 99).ToString(CultureInfo.InvariantCulture) + ".com";
            }

            impostor.Website = "https://www." + domain;
            impostor.EmailDomainDiffers = r.NextDouble() < 0.75;
            impostor.UsesFreeMail = impostor.EmailDomainDiffers;
            impostor.EmailDomain = impostor.UsesFreeMail ? DemoNames.Pick(r, impostor.CountryInfo.FreeMail) : domain;
            var employees = r.Next(1, 5);
            var turnover = RoundMoney(employees * r.Next(30, 90) * 1000.0);
            impostor.SetFigures(employees, turnover, RoundMoney(turnover * 0.4), s_thresholds);
            _registrationNumbers.Remove(impostor.Country + "|" + impostor.RegistrationNumber);
            impostor.RegistrationNumber = UniqueRegistrationNumber(r, impostor);
            impostor.CreatedAt = Seconds(_now.AddDays(-1 - (11 * r.NextDouble())));
        }
    }

    private static string LookAlike(Random r, BusinessPlan target)
    {
        var name = target.DisplayName;
        var suffixes = DemoNames.ImpersonationSuffixes(target.Region.Style);
        switch (r.Next(4))
        {
            case 0:
                return name + " " + DemoNames.Pick(r, suffixes);
            case 1:
                (string From, string To)[] glyphs = [("o", "0"), ("l", "I"), ("i", "l"), ("e", "3"), ("a", "4")];
                foreach (var (from, to) in glyphs)
                {
                    var at = name.IndexOf(from, 1, StringComparison.Ordinal);
                    if (at > 0)
                    {
                        return name[..at] + to + name[(at + 1)..];
                    }
                }

                return name + " Official";
            case 2:
                var letter = 1 + r.Next(Math.Max(1, name.Length - 2));
                return char.IsLetter(name[letter]) ? name[..letter] + name[letter] + name[letter..] : name + " " + DemoNames.Pick(r, suffixes);
            default:
                var swap = 1 + r.Next(Math.Max(1, name.Length - 3));
                return char.IsLetter(name[swap]) && char.IsLetter(name[swap + 1]) && name[swap] != name[swap + 1]
                    ? name[..swap] + name[swap + 1] + name[swap] + name[(swap + 2)..]
                    : name + " " + DemoNames.Pick(r, suffixes);
        }
    }

    /// <summary>A few businesses share a phone number or a registration number with another business of their country.</summary>
    private void PlanSharedNumbers()
    {
        var r = _specialRandom;
        var pairs = Math.Clamp(_businesses.Count / 1000, 2, 8);
        foreach (var registration in new[] { false, true })
        {
            for (int made = 0, attempts = 0; made < pairs && attempts < 1000; attempts++)
            {
                var source = _businesses[r.Next(_businesses.Count)];
                if (source.Impersonates is not null || (registration && source.RegistrationNumber is null))
                {
                    continue;
                }

                var pool = _businesses
                    .Where(b => b != source && b.CountryInfo == source.CountryInfo && b.Impersonates is null && !b.IsImpersonationTarget
                        && !b.SharesPhone && !b.SharesRegistrationNumber && (!registration || b.RegistrationNumber is not null))
                    .ToList();
                if (pool.Count == 0)
                {
                    continue;
                }

                var copier = pool[r.Next(pool.Count)];
                if (registration)
                {
                    copier.RegistrationNumber = source.RegistrationNumber;
                    copier.SharesRegistrationNumber = true;
                }
                else
                {
                    copier.PhoneE164 = source.PhoneE164;
                    copier.SharesPhone = true;
                }

                made++;
            }
        }
    }

    /// <summary>
    /// A few dozen small businesses are majority-owned by a large group of a related trade (linked enterprises),
    /// and a few more have a large partner holding 25 to 49 %.
    /// </summary>
    private List<LinkPlan> PlanLinks()
    {
        var r = _specialRandom;
        var affinity = new Dictionary<string, string[]>
        {
            [DemoCatalog.Bank] = [DemoCatalog.Payments, DemoCatalog.Insurer, DemoCatalog.RealEstate],
            [DemoCatalog.Insurer] = [DemoCatalog.Healthcare, DemoCatalog.RealEstate],
            [DemoCatalog.Payments] = [DemoCatalog.OnlineRetailer, DemoCatalog.Payments],
            [DemoCatalog.Airline] = [DemoCatalog.Travel, DemoCatalog.Hospitality, DemoCatalog.Logistics],
            [DemoCatalog.OnlineRetailer] = [DemoCatalog.Logistics, DemoCatalog.LocalShop, DemoCatalog.Payments],
            [DemoCatalog.Telecom] = [DemoCatalog.Media, DemoCatalog.OnlineRetailer],
            [DemoCatalog.Logistics] = [DemoCatalog.Logistics, DemoCatalog.Automotive],
            [DemoCatalog.Travel] = [DemoCatalog.Hospitality, DemoCatalog.Travel],
            [DemoCatalog.Hospitality] = [DemoCatalog.Restaurant, DemoCatalog.Fitness],
            [DemoCatalog.Media] = [DemoCatalog.Media, DemoCatalog.Education],
            [DemoCatalog.Utilities] = [DemoCatalog.RealEstate, DemoCatalog.Utilities],
            [DemoCatalog.Automotive] = [DemoCatalog.Automotive, DemoCatalog.Logistics],
            [DemoCatalog.Healthcare] = [DemoCatalog.Healthcare, DemoCatalog.Beauty],
        };
        var majority = Math.Clamp(_businesses.Count / 150, 3, 60);
        var partners = Math.Clamp(_businesses.Count / 600, 1, 15);
        var owners = _businesses.Where(b => !b.IsSme && b.Category != DemoCatalog.Government).ToList();
        var links = new List<LinkPlan>();
        for (var i = 0; i < majority + partners && owners.Count > 0; i++)
        {
            var owner = owners[r.Next(owners.Count)];
            var wanted = affinity.TryGetValue(owner.Category, out var related) ? DemoNames.Pick(r, related) : owner.Category;
            var pool = _businesses
                .Where(b => b.IsSme && !b.IsLinkedChild && b.Impersonates is null && !b.SharesPhone && !b.SharesRegistrationNumber
                    && b.Category == wanted)
                .ToList();
            var sameCountry = pool.Where(b => b.CountryInfo == owner.CountryInfo).ToList();
            if (sameCountry.Count > 0 && r.NextDouble() < 0.75)
            {
                pool = sameCountry;
            }

            if (pool.Count == 0)
            {
                continue;
            }

            var child = pool[r.Next(pool.Count)];
            child.IsLinkedChild = true;
            var percent = i < majority
                ? (r.NextDouble() < 0.3 ? 100 : r.Next(51, 100))
                : r.Next(25, 50);
            links.Add(new LinkPlan(child, owner, percent));
        }

        return links;
    }

    /// <summary>The latest request decides the verified marker: approved sets it, revoked clears it.</summary>
    private void ApplyVerificationOutcomes()
    {
        foreach (var business in _businesses)
        {
            business.UpdatedAt = business.CreatedAt;
            var current = business.Requests.Count == 0 ? null : business.Requests.MaxBy(q => q.SubmittedAt);
            if (current is { Status: Approved, DecidedAt: { } approvedAt })
            {
                business.IsVerified = true;
                business.VerifiedAt = approvedAt;
                business.UpdatedAt = approvedAt;
                business.Version = 2;
            }
            else if (current is { Status: Revoked, DecidedAt: { } revokedAt })
            {
                business.IsVerified = false;
                business.VerifiedAt = null;
                business.UpdatedAt = revokedAt;
                business.Version = 3;
            }
        }
    }

    /// <summary>External ids follow sign-up order, so biz-000001 is the oldest business.</summary>
    private List<BusinessPlan> AssignExternalIds()
    {
        var ordered = _businesses.OrderBy(b => b.CreatedAt).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].ExternalId = "biz-" + (i + 1).ToString("D6", CultureInfo.InvariantCulture);
        }

        return ordered;
    }

    /// <summary>The two previous fiscal years, each a little smaller than the year after it.</summary>
    private List<FinancialsPlan> PlanFinancials(List<BusinessPlan> businesses)
    {
        var r = _financialsRandom;
        var financials = new List<FinancialsPlan>(businesses.Count * 2);
        foreach (var business in businesses)
        {
            double employees = business.Employees, turnover = business.AnnualTurnoverEur, balance = business.BalanceSheetEur;
            for (var yearsBack = 1; yearsBack <= 2; yearsBack++)
            {
                employees *= 0.9 + (0.12 * r.NextDouble());
                turnover *= 0.86 + (0.16 * r.NextDouble());
                balance *= 0.9 + (0.12 * r.NextDouble());
                financials.Add(new FinancialsPlan(business, _now.Year - yearsBack, Math.Max(1, (int)Math.Round(employees)), RoundMoney(turnover), RoundMoney(balance)));
            }
        }

        return financials;
    }

    private long? PickUser(IReadOnlyList<long> users) =>
        users.Count == 0 ? null : users[_peopleRandom.Next(users.Count)];

    private long? PickUserExcept(IReadOnlyList<long> users, long? except)
    {
        if (users.Count == 0)
        {
            return null;
        }

        if (except is null || users.Count == 1 || !users.Contains(except.Value))
        {
            return users[_peopleRandom.Next(users.Count)];
        }

        var others = users.Where(u => u != except.Value).ToList();
        return others.Count == 0 ? users[0] : others[_peopleRandom.Next(others.Count)];
    }

    private static int WeightedIndex(Random r, double[] weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = r.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static T Weighted<T>(Random r, params (T Item, double Weight)[] items) =>
        items[WeightedIndex(r, items.Select(i => i.Weight).ToArray())].Item;

    private static int LogUniform(Random r, int min, int max) =>
        (int)Math.Round(Math.Exp(Math.Log(min) + (r.NextDouble() * (Math.Log(max) - Math.Log(min)))));

    /// <summary>Money rounded the way annual reports state it: thousands, then tens of thousands, then millions.</summary>
    private static long RoundMoney(double euros) => euros switch
    {
        < 1_000_000 => Math.Max(1_000, (long)Math.Round(euros / 1_000) * 1_000),
        < 100_000_000 => (long)Math.Round(euros / 10_000) * 10_000,
        _ => (long)Math.Round(euros / 1_000_000) * 1_000_000,
    };

    private static TimeSpan Between(Random r, TimeSpan min, TimeSpan max) =>
        min + TimeSpan.FromSeconds(r.NextDouble() * (max - min).TotalSeconds);

    private static DateTimeOffset Seconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
