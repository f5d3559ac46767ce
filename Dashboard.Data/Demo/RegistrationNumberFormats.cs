using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Data.Demo;

/// <summary>One country's company registration number: its register, its written form and, where it has one, its check-digit rule.</summary>
public sealed class RegistrationNumberFormat
{
    private readonly Func<string, bool>? _checkDigits;
    private readonly Func<Random, string, string> _generate;

    internal RegistrationNumberFormat(
        string country,
        string register,
        string pattern,
        string example,
        Func<Random, string, string> generate,
        Func<string, bool>? checkDigits = null)
    {
        Country = country;
        Register = register;
        Pattern = new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        Example = example;
        _generate = generate;
        _checkDigits = checkDigits;
    }

    /// <summary>ISO 3166-1 alpha-2 code of the country.</summary>
    public string Country { get; }

    /// <summary>The register or number the format belongs to, e.g. "Handelsregister (HRA/HRB)".</summary>
    public string Register { get; }

    /// <summary>The written form, anchored at both ends.</summary>
    public Regex Pattern { get; }

    /// <summary>A well-formed number, for help texts.</summary>
    public string Example { get; }

    /// <summary>True when the number carries a check digit that <see cref="IsValid"/> verifies.</summary>
    public bool HasCheckDigits => _checkDigits is not null;

    /// <summary>True when the number has the country's written form and, where the format has one, a correct check digit.</summary>
    public bool IsValid(string? number) =>
        number is not null && Pattern.IsMatch(number) && (_checkDigits is null || _checkDigits(number));

    /// <summary>A new well-formed number; <paramref name="legalForm"/> picks the register section where the country has several.</summary>
    internal string Generate(Random random, string legalForm) => _generate(random, legalForm);
}

/// <summary>
/// The registration number formats of every country the console's demo data uses, so that generated data and a later
/// plausibility check of submitted numbers agree on one table.
/// </summary>
public static class RegistrationNumberFormats
{
    private static readonly Dictionary<string, RegistrationNumberFormat> s_byCountry = Build().ToDictionary(f => f.Country, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known format, ordered by country code.</summary>
    public static IReadOnlyList<RegistrationNumberFormat> All { get; } = s_byCountry.Values.OrderBy(f => f.Country, StringComparer.Ordinal).ToList();

    /// <summary>The format of a country, or null when the console knows none for it.</summary>
    public static RegistrationNumberFormat? For(string country) =>
        s_byCountry.GetValueOrDefault(country);

    /// <summary>True when the number is plausible for the country: known format, right form, right check digit.</summary>
    public static bool IsPlausible(string country, string? number) =>
        For(country) is { } format && format.IsValid(number);

    private static IEnumerable<RegistrationNumberFormat> Build()
    {
        // Europe: DACH first.
        yield return new("DE", "Handelsregister (HRA/HRB)", "HR[AB] [1-9][0-9]{2,5}", "HRB 123456",
            (r, form) => (IsGermanPartnership(form) ? "HRA " : "HRB ") + Digits(r, 1, 1, 9) + Digits(r, r.Next(3, 6)));
        yield return new("AT", "Firmenbuchnummer", "FN [1-9][0-9]{0,5}[a-z]", "FN 123456a",
            (r, _) => "FN " + Digits(r, 1, 1, 9) + Digits(r, r.Next(4, 6)) + "abdfghikmpstvwxyz"[r.Next(17)]);
        yield return new("CH", "Unternehmens-Identifikationsnummer (UID)", "CHE-[0-9]{3}\\.[0-9]{3}\\.[0-9]{3}", "CHE-116.281.710",
            (r, _) =>
            {
                while (true)
                {
                    var body = Digits(r, 1, 1, 9) + Digits(r, 7);
                    if (CheckDigits.SwissUid(body) is { } check)
                    {
                        var all = body + check;
                        return $"CHE-{all[..3]}.{all[3..6]}.{all[6..]}";
                    }
                }
            },
            n => CheckDigits.SwissUid(OnlyDigits(n)[..8]) == OnlyDigits(n)[8]);
        yield return new("GB", "Companies House company number", "[0-9]{8}|(?:SC|NI|OC)[0-9]{6}", "01234567",
            (r, _) => r.NextDouble() < 0.08 ? "SC" + Digits(r, 6) : "0" + Digits(r, 1, 1, 9) + Digits(r, 6));
        yield return new("IE", "Companies Registration Office number", "[1-9][0-9]{4,5}", "512345",
            (r, _) => Digits(r, 1, 1, 7) + Digits(r, 5));
        yield return new("FR", "SIREN", "[0-9]{9}", "552100554",
            (r, _) => CheckDigits.WithLuhn(Digits(r, 1, 3, 9) + Digits(r, 7)),
            CheckDigits.IsLuhn);
        yield return new("BE", "Ondernemingsnummer / numéro d'entreprise", "[01][0-9]{3}\\.[0-9]{3}\\.[0-9]{3}", "0417.497.106",
            (r, _) =>
            {
                var body = "0" + Digits(r, 1, 4, 8) + Digits(r, 6);
                var all = body + CheckDigits.BelgianEnterprise(body);
                return $"{all[..4]}.{all[4..7]}.{all[7..]}";
            },
            n => CheckDigits.BelgianEnterprise(OnlyDigits(n)[..8]) == OnlyDigits(n)[8..]);
        yield return new("LU", "Registre de commerce et des sociétés", "B[1-9][0-9]{3,5}", "B123456",
            (r, _) => "B" + Digits(r, 1, 1, 2) + Digits(r, 5));
        yield return new("NL", "KvK-nummer", "[0-9]{8}", "12345678",
            (r, _) => Digits(r, 1, 1, 9) + Digits(r, 7));
        yield return new("IT", "Partita IVA", "[0-9]{11}", "00484960588",
            (r, _) => CheckDigits.WithLuhn(Digits(r, 1, 0, 1) + Digits(r, 9)),
            CheckDigits.IsLuhn);
        yield return new("ES", "CIF / NIF de sociedad", "[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]", "A28015865",
            (r, form) =>
            {
                var body = (form.StartsWith("S.A", StringComparison.Ordinal) ? "A" : "B") + Digits(r, 7);
                return body + CheckDigits.SpanishCif(body[1..]).ToString(CultureInfo.InvariantCulture);
            },
            CheckDigits.IsSpanishCif);
        yield return new("PT", "NIPC", "[5-9][0-9]{8}", "500697256",
            (r, _) => CheckDigits.WithPortugueseNif("5" + Digits(r, 7)),
            CheckDigits.IsPortugueseNif);
        yield return new("PL", "Numer KRS", "[0-9]{10}", "0000123456",
            (r, _) => "0000" + Digits(r, 1, 1, 9) + Digits(r, 5));
        yield return new("SE", "Organisationsnummer", "[0-9]{6}-[0-9]{4}", "556012-5790",
            (r, _) =>
            {
                var all = CheckDigits.WithLuhn("55" + Digits(r, 7));
                return all[..6] + "-" + all[6..];
            },
            n => CheckDigits.IsLuhn(OnlyDigits(n)));
        yield return new("NO", "Organisasjonsnummer", "[89][0-9]{8}", "923609016",
            (r, _) =>
            {
                while (true)
                {
                    var body = Digits(r, 1, 8, 9) + Digits(r, 7);
                    if (CheckDigits.NorwegianOrganisation(body) is { } check)
                    {
                        return body + check;
                    }
                }
            },
            n => CheckDigits.NorwegianOrganisation(n[..8]) == n[8]);
        yield return new("DK", "CVR-nummer", "[1-9][0-9]{7}", "22756214",
            (r, _) => Digits(r, 1, 1, 4) + Digits(r, 7));
        yield return new("FI", "Y-tunnus (Business ID)", "[0-9]{7}-[0-9]", "0112038-9",
            (r, _) =>
            {
                while (true)
                {
                    var body = Digits(r, 1, 0, 3) + Digits(r, 6);
                    if (CheckDigits.FinnishBusinessId(body) is { } check)
                    {
                        return body + "-" + check;
                    }
                }
            },
            n => CheckDigits.FinnishBusinessId(n[..7]) == n[8]);
        yield return new("CZ", "IČO", "[0-9]{8}", "00177041",
            (r, _) => CheckDigits.WithCzechIco(Digits(r, 1, 0, 9) + Digits(r, 6)),
            CheckDigits.IsCzechIco);
        yield return new("SK", "IČO", "[0-9]{8}", "35763469",
            (r, _) => Digits(r, 1, 3, 5) + Digits(r, 7));
        yield return new("HU", "Cégjegyzékszám", "[0-2][0-9]-(?:09|10)-[0-9]{6}", "01-09-123456",
            (r, _) => Digits(r, 1, 0, 1) + Digits(r, 1, 1, 9) + (r.NextDouble() < 0.85 ? "-09-" : "-10-") + Digits(r, 6));
        yield return new("RO", "Număr de ordine în Registrul Comerțului", "J[0-4][0-9]/[1-9][0-9]{0,5}/(?:19|20)[0-9]{2}", "J40/1234/2015",
            (r, _) => "J" + Digits(r, 1, 0, 4) + Digits(r, 1) + "/" + Digits(r, 1, 1, 9) + Digits(r, r.Next(2, 6)) + "/" + r.Next(1995, 2025).ToString(CultureInfo.InvariantCulture));
        yield return new("BG", "ЕИК (UIC)", "[0-9]{9}", "131468980",
            (r, _) => Digits(r, 1, 1, 2) + Digits(r, 8));
        yield return new("GR", "Αριθμός Γ.Ε.ΜΗ. (GEMI)", "[0-9]{12}", "000123456789",
            (r, _) => "00" + Digits(r, 1, 1, 1) + Digits(r, 9));
        yield return new("HR", "OIB", "[0-9]{11}", "12345678901",
            (r, _) => Digits(r, 1, 1, 9) + Digits(r, 10));
        yield return new("SI", "Matična številka", "[0-9]{7}000", "1234567000",
            (r, _) => Digits(r, 1, 1, 8) + Digits(r, 6) + "000");
        yield return new("EE", "Registrikood", "1[0-9]{7}", "10123456",
            (r, _) => "1" + Digits(r, 1, 0, 6) + Digits(r, 6));
        yield return new("LV", "Reģistrācijas numurs", "4[0-9]{10}", "40003012345",
            (r, _) => "4000" + Digits(r, 1, 0, 3) + Digits(r, 6));
        yield return new("LT", "Įmonės kodas", "[1-3][0-9]{8}", "302123456",
            (r, _) => r.NextDouble() < 0.6 ? "30" + Digits(r, 7) : "1" + Digits(r, 1, 1, 9) + Digits(r, 7));

        // Rest of the world.
        yield return new("TR", "MERSIS numarası", "0[0-9]{15}", "0123456789012345",
            (r, _) => "0" + Digits(r, 1, 1, 9) + Digits(r, 14));
        yield return new("IL", "Company number (Registrar of Companies)", "5[0-9]{8}", "515123456",
            (r, _) => "51" + Digits(r, 1, 0, 6) + Digits(r, 6));
        yield return new("AE", "Trade licence number (DED)", "CN-[0-9]{7}", "CN-1234567",
            (r, _) => "CN-" + Digits(r, 1, 1, 4) + Digits(r, 6));
        yield return new("SA", "Commercial Registration (CR) number", "[1-7][0-9]{9}", "1010123456",
            (r, _) => (r.NextDouble() < 0.6 ? "1010" : "4030") + Digits(r, 6));
        yield return new("ZA", "CIPC registration number", "(?:19|20)[0-9]{2}/[0-9]{6}/(?:06|07|08|21|23)", "2015/123456/07",
            (r, form) => r.Next(1990, 2025).ToString(CultureInfo.InvariantCulture) + "/" + Digits(r, 6) + (form == "Ltd" ? "/06" : "/07"));
        yield return new("NG", "RC number (Corporate Affairs Commission)", "RC [1-9][0-9]{3,6}", "RC 123456",
            (r, _) => "RC " + Digits(r, 1, 1, 9) + Digits(r, r.Next(4, 7)));
        yield return new("IN", "Corporate Identification Number (CIN)", "[LU][0-9]{5}[A-Z]{2}(?:19|20)[0-9]{2}(?:PLC|PTC|GOI|NPL|FTC|GAP|GAT|ULL|ULT|SGC)[0-9]{6}", "U72900KA2015PTC123456",
            (r, form) =>
            {
                var listed = form == "Ltd.";
                string[] industries = ["72900", "74999", "51909", "65910", "64200", "63040", "55101", "85110"];
                string[] states = ["MH", "KA", "DL", "TN", "TG", "GJ", "WB", "HR"];
                return (listed ? "L" : "U") + industries[r.Next(industries.Length)] + states[r.Next(states.Length)]
                    + r.Next(1990, 2024).ToString(CultureInfo.InvariantCulture) + (listed ? "PLC" : "PTC") + Digits(r, 6);
            });
        yield return new("SG", "Unique Entity Number (UEN)", "(?:19|20)[0-9]{7}[A-Z]", "201912345K",
            (r, _) => r.Next(1995, 2025).ToString(CultureInfo.InvariantCulture) + Digits(r, 5) + (char)('A' + r.Next(26)));
        yield return new("MY", "SSM registration number", "(?:19|20)[0-9]{2}0[1-3][0-9]{6}", "201901012345",
            (r, _) => r.Next(1990, 2025).ToString(CultureInfo.InvariantCulture) + "01" + Digits(r, 6));
        yield return new("JP", "Corporate Number (法人番号)", "[1-9][0-9]{12}", "1234567890123",
            (r, _) => Digits(r, 1, 1, 9) + Digits(r, 12));
        yield return new("KR", "Business registration number", "[1-9][0-9]{2}-[0-9]{2}-[0-9]{5}", "123-45-67890",
            (r, _) => Digits(r, 1, 1, 9) + Digits(r, 2) + "-" + Digits(r, 1, 8, 8) + Digits(r, 1) + "-" + Digits(r, 5));
        yield return new("HK", "Company Registry number", "[0-9]{7,8}", "1234567",
            (r, _) => Digits(r, 1, 1, 3) + Digits(r, 6));
        yield return new("AU", "Australian Business Number (ABN)", "[1-9][0-9] [0-9]{3} [0-9]{3} [0-9]{3}", "51 824 753 556",
            (r, _) =>
            {
                var all = CheckDigits.WithAbnPrefix(r, Digits(r, 9));
                return $"{all[..2]} {all[2..5]} {all[5..8]} {all[8..]}";
            },
            n => CheckDigits.IsAbn(OnlyDigits(n)));
        yield return new("NZ", "New Zealand Business Number (NZBN)", "9429[0-9]{9}", "9429041234567",
            (r, _) => "94290" + Digits(r, 1, 3, 5) + Digits(r, 7));
        yield return new("US", "Employer Identification Number (EIN)", "(?:0[1-6]|1[0-6]|2[0-7]|3[0-9]|4[0-8]|5[0-9]|6[0-8]|7[1-7]|8[0-8]|9[0-58-9])-[0-9]{7}", "12-3456789",
            (r, _) =>
            {
                string[] prefixes = ["12", "13", "20", "26", "27", "30", "33", "35", "38", "41", "45", "46", "47", "51", "52", "61", "81", "82", "83", "84", "86", "87", "88", "91", "92", "93", "94", "95", "98"];
                return prefixes[r.Next(prefixes.Length)] + "-" + Digits(r, 7);
            });
        yield return new("CA", "Business Number (BN9)", "[1-9][0-9]{8}", "123456789",
            (r, _) => Digits(r, 1, 1, 8) + Digits(r, 8));
        yield return new("MX", "RFC (persona moral)", "[A-Z&]{3}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[A-Z0-9]{3}", "ABC150312XY1",
            (r, _) => Letters(r, 3) + r.Next(0, 25).ToString("00", CultureInfo.InvariantCulture)
                + r.Next(1, 13).ToString("00", CultureInfo.InvariantCulture) + r.Next(1, 29).ToString("00", CultureInfo.InvariantCulture)
                + Letters(r, 2) + Digits(r, 1));
        yield return new("BR", "CNPJ", "[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}/[0-9]{4}-[0-9]{2}", "33.000.167/0001-01",
            (r, _) =>
            {
                var all = CheckDigits.WithCnpj(Digits(r, 1, 1, 9) + Digits(r, 7) + "0001");
                return $"{all[..2]}.{all[2..5]}.{all[5..8]}/{all[8..12]}-{all[12..]}";
            },
            n => CheckDigits.IsCnpj(OnlyDigits(n)));
        yield return new("AR", "CUIT", "3[034]-[0-9]{8}-[0-9]", "30-12345678-9",
            (r, _) => (r.NextDouble() < 0.9 ? "30-" : "33-") + Digits(r, 1, 5, 7) + Digits(r, 7) + "-" + Digits(r, 1));
        yield return new("CL", "RUT", "[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}-[0-9K]", "76.086.428-5",
            (r, _) =>
            {
                var body = (r.NextDouble() < 0.8 ? "76" : "96") + Digits(r, 6);
                return $"{body[..2]}.{body[2..5]}.{body[5..]}-{CheckDigits.ChileanRut(body)}";
            },
            n => CheckDigits.ChileanRut(OnlyDigits(n[..^2])) == n[^1]);
    }

    private static bool IsGermanPartnership(string legalForm) =>
        legalForm is "e.K." or "KG" or "OHG" or "GmbH & Co. KG";

    /// <summary>Random decimal digits; the overload with bounds draws <paramref name="count"/> digits each between them.</summary>
    internal static string Digits(Random random, int count, int min = 0, int max = 9)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('0' + random.Next(min, max + 1)));
        }

        return builder.ToString();
    }

    private static string Letters(Random random, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('A' + random.Next(26)));
        }

        return builder.ToString();
    }

    private static string OnlyDigits(string text) => string.Concat(text.Where(char.IsAsciiDigit));
}

/// <summary>The check-digit rules of the registration number formats that have one.</summary>
internal static class CheckDigits
{
    public static bool IsLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    public static string WithLuhn(string body)
    {
        for (var check = 0; check < 10; check++)
        {
            var candidate = body + (char)('0' + check);
            if (IsLuhn(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No Luhn check digit exists.");
    }

    /// <summary>Swiss UID: weights 5,4,3,2,7,6,5,4, modulus 11; null when the body has no valid check digit.</summary>
    public static char? SwissUid(string body)
    {
        int[] weights = [5, 4, 3, 2, 7, 6, 5, 4];
        var check = 11 - (WeightedSum(body, weights) % 11);
        return check switch
        {
            11 => '0',
            10 => null,
            _ => (char)('0' + check),
        };
    }

    /// <summary>Belgian enterprise number: the last two digits are 97 minus the first eight modulo 97.</summary>
    public static string BelgianEnterprise(string firstEight) =>
        (97 - (long.Parse(firstEight, CultureInfo.InvariantCulture) % 97)).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Spanish CIF control digit over the seven digits.</summary>
    public static int SpanishCif(string sevenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            var d = sevenDigits[i] - '0';
            if (i % 2 == 0)
            {
                var doubled = d * 2;
                sum += (doubled / 10) + (doubled % 10);
            }
            else
            {
                sum += d;
            }
        }

        return (10 - (sum % 10)) % 10;
    }

    public static bool IsSpanishCif(string cif)
    {
        var control = SpanishCif(cif[1..8]);
        var last = cif[8];
        var letter = "JABCDEFGHI"[control];
        var digit = (char)('0' + control);
        return cif[0] switch
        {
            'A' or 'B' or 'E' or 'H' => last == digit,
            'N' or 'P' or 'Q' or 'R' or 'S' or 'W' => last == letter,
            _ => last == digit || last == letter,
        };
    }

    /// <summary>Portuguese NIF/NIPC: weights 9..2, modulus 11, remainders 0 and 1 give 0.</summary>
    public static string WithPortugueseNif(string eightDigits)
    {
        var remainder = WeightedSum(eightDigits, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        return eightDigits + (remainder < 2 ? '0' : (char)('0' + (11 - remainder)));
    }

    public static bool IsPortugueseNif(string nif) => WithPortugueseNif(nif[..8]) == nif;

    /// <summary>Norwegian organisation number: weights 3,2,7,6,5,4,3,2, modulus 11; null when no check digit exists.</summary>
    public static char? NorwegianOrganisation(string eightDigits)
    {
        var check = 11 - (WeightedSum(eightDigits, [3, 2, 7, 6, 5, 4, 3, 2]) % 11);
        return check switch
        {
            11 => '0',
            10 => null,
            _ => (char)('0' + check),
        };
    }

    /// <summary>Finnish Business ID: weights 7,9,10,5,8,4,2, modulus 11; remainder 1 has no check digit.</summary>
    public static char? FinnishBusinessId(string sevenDigits)
    {
        var remainder = WeightedSum(sevenDigits, [7, 9, 10, 5, 8, 4, 2]) % 11;
        return remainder switch
        {
            0 => '0',
            1 => null,
            _ => (char)('0' + (11 - remainder)),
        };
    }

    /// <summary>Czech IČO: weights 8..2, modulus 11.</summary>
    public static string WithCzechIco(string sevenDigits)
    {
        var remainder = WeightedSum(sevenDigits, [8, 7, 6, 5, 4, 3, 2]) % 11;
        return sevenDigits + (char)('0' + ((11 - remainder) % 10));
    }

    public static bool IsCzechIco(string ico) => WithCzechIco(ico[..7]) == ico;

    /// <summary>Brazilian CNPJ: two modulus-11 check digits over the twelve-digit body.</summary>
    public static string WithCnpj(string twelveDigits)
    {
        var first = CnpjDigit(twelveDigits, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
        var thirteen = twelveDigits + first;
        return thirteen + CnpjDigit(thirteen, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    }

    public static bool IsCnpj(string fourteenDigits) => fourteenDigits.Length == 14 && WithCnpj(fourteenDigits[..12]) == fourteenDigits;

    /// <summary>Australian ABN: first digit minus one, weights 10,1,3,...,19, sum divisible by 89.</summary>
    public static bool IsAbn(string elevenDigits)
    {
        if (elevenDigits.Length != 11)
        {
            return false;
        }

        int[] weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            var d = elevenDigits[i] - '0' - (i == 0 ? 1 : 0);
            sum += d * weights[i];
        }

        return sum % 89 == 0;
    }

    /// <summary>Finds the two leading digits that make the nine-digit tail a valid ABN, starting from a random prefix.</summary>
    public static string WithAbnPrefix(Random random, string nineDigits)
    {
        var start = random.Next(10, 100);
        for (var step = 0; step < 90; step++)
        {
            var prefix = 10 + ((start - 10 + step) % 90);
            var candidate = prefix.ToString(CultureInfo.InvariantCulture) + nineDigits;
            if (IsAbn(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No ABN prefix exists.");
    }

    /// <summary>Chilean RUT verifier: weights 2..7 from the right, modulus 11, 10 written as K.</summary>
    public static char ChileanRut(string body)
    {
        var sum = 0;
        var weight = 2;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            sum += (body[i] - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => '0',
            10 => 'K',
            _ => (char)('0' + check),
        };
    }

    private static char CnpjDigit(string digits, int[] weights)
    {
        var remainder = WeightedSum(digits, weights) % 11;
        return remainder < 2 ? '0' : (char)('0' + (11 - remainder));
    }

    private static int WeightedSum(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum;
    }
}
