using System.Globalization;
using Dashboard.Data.Verification;

namespace Dashboard.Verification.Checks;

/// <summary>DUPLICATES: no other business should have the same phone number, registration number or website.</summary>
internal sealed class DuplicatesCheck(VerificationCheckOptions options)
{
    private const string Title = "Duplicates";

    public CheckResult Run(CheckSubject subject, string? websiteDomain, IReadOnlyList<DuplicateBusiness> duplicates)
    {
        if (duplicates.Count == 0)
        {
            List<string> compared = [$"Phone: {subject.PhoneE164.Trim()}"];
            if (RegistrationFormatCheck.Clean(subject.RegistrationNumber) is { } number)
            {
                compared.Add($"Registration number: {number} ({subject.Country.Trim().ToUpperInvariant()})");
            }

            if (websiteDomain is not null)
            {
                compared.Add($"Website domain: {websiteDomain}");
            }

            return Result(CheckVerdict.Pass, "No other business has this phone number, registration number or website.", compared);
        }

        // A shared phone or register entry means one company behind two accounts, or a copied identity; a shared
        // website is also what branches and franchisees of one company have.
        var strong = duplicates.Any(d => d.MatchedField is DuplicateField.Phone or DuplicateField.RegistrationNumber);
        var businesses = duplicates.Select(d => d.BusinessId).Distinct().Count();
        var fields = duplicates.Select(d => FieldLabel(d.MatchedField)).Distinct();
        var evidence = duplicates
            .Select(d => string.Create(CultureInfo.InvariantCulture,
                $"#{d.BusinessId} {d.DisplayName} ({d.Country}{(d.IsVerified ? ", verified" : "")}): same {FieldLabel(d.MatchedField)}, {d.MatchedValue}"))
            .ToList();
        if (duplicates.Count >= CheckDataStore.MaxDuplicates)
        {
            evidence.Add($"Only the first {CheckDataStore.MaxDuplicates} matches are shown.");
        }

        var summary = businesses == 1
            ? $"Another business has the same {string.Join(" and ", fields)}."
            : $"{businesses} other businesses have the same {string.Join(" or ", fields)}.";
        return Result(strong ? CheckVerdict.Fail : CheckVerdict.Warn, summary, evidence);
    }

    private static string FieldLabel(string field) => field switch
    {
        DuplicateField.Phone => "phone number",
        DuplicateField.RegistrationNumber => "registration number",
        DuplicateField.Website => "website",
        _ => field,
    };

    private CheckResult Result(CheckVerdict verdict, string summary, IReadOnlyList<string> evidence) =>
        new(CheckCodes.Duplicates, Title, verdict, options.PointsFor(CheckCodes.Duplicates, verdict), summary, evidence);
}
