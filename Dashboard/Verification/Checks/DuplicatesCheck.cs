using Dashboard.Data.Verification;

namespace Dashboard.Verification.Checks;

/// <summary>DUPLICATES: no other business should have the same phone number, registration number or website.</summary>
internal sealed class DuplicatesCheck(VerificationCheckOptions options)
{
    private static string Title => CheckText.Get("Title.Duplicates");

    public CheckResult Run(CheckSubject subject, string? websiteDomain, IReadOnlyList<DuplicateBusiness> duplicates)
    {
        if (duplicates.Count == 0)
        {
            List<string> compared = [CheckText.Format("Duplicates.Phone", subject.PhoneE164.Trim())];
            if (RegistrationFormatCheck.Clean(subject.RegistrationNumber) is { } number)
            {
                compared.Add(CheckText.Format("Duplicates.RegistrationNumber", number, subject.Country.Trim().ToUpperInvariant()));
            }

            if (websiteDomain is not null)
            {
                compared.Add(CheckText.Format("Duplicates.WebsiteDomain", websiteDomain));
            }

            return Result(CheckVerdict.Pass, CheckText.Get("Duplicates.Pass"), compared);
        }

        // A shared phone or register entry means one company behind two accounts, or a copied identity; a shared
        // website is also what branches and franchisees of one company have.
        var strong = duplicates.Any(d => d.MatchedField is DuplicateField.Phone or DuplicateField.RegistrationNumber);
        var businesses = duplicates.Select(d => d.BusinessId).Distinct().Count();
        var fields = duplicates.Select(d => FieldLabel(d.MatchedField)).Distinct();
        var evidence = duplicates
            .Select(d => CheckText.Format(d.IsVerified ? "Duplicates.MatchVerified" : "Duplicates.Match",
                d.BusinessId.ToString(System.Globalization.CultureInfo.InvariantCulture), d.DisplayName, d.Country, FieldLabel(d.MatchedField), d.MatchedValue))
            .ToList();
        if (duplicates.Count >= CheckDataStore.MaxDuplicates)
        {
            evidence.Add(CheckText.Format("Duplicates.OnlyFirst", CheckDataStore.MaxDuplicates));
        }

        var summary = businesses == 1
            ? CheckText.Format("Duplicates.One", string.Join(CheckText.Get("Duplicates.And"), fields))
            : CheckText.Format("Duplicates.Many", businesses, string.Join(CheckText.Get("Duplicates.Or"), fields));
        return Result(strong ? CheckVerdict.Fail : CheckVerdict.Warn, summary, evidence);
    }

    private static string FieldLabel(string field) => field switch
    {
        DuplicateField.Phone => CheckText.Get("Duplicates.Field.Phone"),
        DuplicateField.RegistrationNumber => CheckText.Get("Duplicates.Field.RegistrationNumber"),
        DuplicateField.Website => CheckText.Get("Duplicates.Field.Website"),
        _ => field,
    };

    private CheckResult Result(CheckVerdict verdict, string summary, IReadOnlyList<string> evidence) =>
        new(CheckCodes.Duplicates, Title, verdict, options.PointsFor(CheckCodes.Duplicates, verdict), summary, evidence);
}
