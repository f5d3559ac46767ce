using Dashboard.Data.Businesses;
using Dashboard.Data.Usage;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>Which region each country belongs to, from <c>Usage:Regions</c>; lookups by country index allocate nothing.</summary>
public sealed class UsageRegions
{
    private readonly int[] _regionOfCountry = new int[UsageCountryCodes.Count];

    public UsageRegions(IOptions<UsageOptions> options)
    {
        Array.Fill(_regionOfCountry, -1);
        var names = new List<string>();
        foreach (var (region, countries) in options.Value.Regions)
        {
            names.Add(region.Trim());
            foreach (var country in countries)
            {
                var index = UsageCountryCodes.Index(country?.Trim());
                if (index >= 0)
                {
                    _regionOfCountry[index] = names.Count - 1;
                }
            }
        }

        Names = names;
    }

    /// <summary>The region names, in configured order; a region's position is its index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The region index of a country index (see <see cref="UsageCountryCodes"/>), or -1 for a country in no region.</summary>
    public int IndexOfCountry(int countryIndex) => (uint)countryIndex < (uint)_regionOfCountry.Length ? _regionOfCountry[countryIndex] : -1;

    /// <summary>The region of a country code, or null.</summary>
    public string? RegionOf(string? country) => IndexOfCountry(UsageCountryCodes.Index(country)) is var index and >= 0 ? Names[index] : null;

    /// <summary>The configured spelling of a region name given in any case, or null when there is no such region.</summary>
    public string? Find(string? region) => Names.FirstOrDefault(n => string.Equals(n, region?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the mapping puts every ISO country in exactly one region and names only ISO countries; otherwise what is wrong.</summary>
    public static string? Problem(Dictionary<string, List<string>>? regions)
    {
        if (regions is null || regions.Count == 0)
        {
            return "names no region";
        }

        if (regions.Keys.Any(string.IsNullOrWhiteSpace))
        {
            return "has a region without a name";
        }

        var regionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (region, countries) in regions)
        {
            foreach (var entry in countries ?? [])
            {
                var code = entry?.Trim().ToUpperInvariant();
                if (!Countries.IsIso3166Alpha2(code))
                {
                    problems.Add($"'{entry}' in {region} is not an ISO 3166-1 alpha-2 country code");
                }
                else if (!regionOf.TryAdd(code!, region))
                {
                    problems.Add($"{code} is in both {regionOf[code!]} and {region}");
                }
            }
        }

        var missing = Countries.All.Where(c => !regionOf.ContainsKey(c)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"no region for {string.Join(", ", missing)}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>The default mapping: five regions that together hold every ISO 3166-1 country.</summary>
    public static Dictionary<string, List<string>> Default() => new(StringComparer.Ordinal)
    {
            ["Europe"] =
            [
                "AD", "AL", "AM", "AT", "AX", "AZ", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR",
                "GB", "GE", "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK",
                "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SJ", "SK", "SM", "TR", "UA", "VA",
            ],
            ["North America"] =
            [
                "BM", "CA", "GL", "PM", "UM", "US",
            ],
            ["Latin America"] =
            [
                "AG", "AI", "AR", "AW", "BB", "BL", "BO", "BQ", "BR", "BS", "BV", "BZ", "CL", "CO", "CR", "CU", "CW", "DM", "DO", "EC",
                "FK", "GD", "GF", "GP", "GS", "GT", "GY", "HN", "HT", "JM", "KN", "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA", "PE",
                "PR", "PY", "SR", "SV", "SX", "TC", "TT", "UY", "VC", "VE", "VG", "VI",
            ],
            ["Middle East & Africa"] =
            [
                "AE", "AO", "BF", "BH", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "EH", "ER", "ET", "GA",
                "GH", "GM", "GN", "GQ", "GW", "IL", "IQ", "IR", "JO", "KE", "KM", "KW", "LB", "LR", "LS", "LY", "MA", "MG", "ML", "MR",
                "MU", "MW", "MZ", "NA", "NE", "NG", "OM", "PS", "QA", "RE", "RW", "SA", "SC", "SD", "SH", "SL", "SN", "SO", "SS", "ST",
                "SY", "SZ", "TD", "TF", "TG", "TN", "TZ", "UG", "YE", "YT", "ZA", "ZM", "ZW",
            ],
            ["Asia-Pacific"] =
            [
                "AF", "AQ", "AS", "AU", "BD", "BN", "BT", "CC", "CK", "CN", "CX", "FJ", "FM", "GU", "HK", "HM", "ID", "IN", "IO", "JP",
                "KG", "KH", "KI", "KP", "KR", "KZ", "LA", "LK", "MH", "MM", "MN", "MO", "MP", "MV", "MY", "NC", "NF", "NP", "NR", "NU",
                "NZ", "PF", "PG", "PH", "PK", "PN", "PW", "SB", "SG", "TH", "TJ", "TK", "TL", "TM", "TO", "TV", "TW", "UZ", "VN", "VU",
                "WF", "WS",
            ],
    };
}
