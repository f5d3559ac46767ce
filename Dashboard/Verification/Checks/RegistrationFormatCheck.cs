using Dashboard.Data.Demo;

namespace Dashboard.Verification.Checks;

/// <summary>REGISTRATION_FORMAT: the company registration number has its country's written form and, where it has one, a correct check digit.</summary>
internal sealed class RegistrationFormatCheck(VerificationCheckOptions options)
{
    private const string Title = "Registration number";

    /// <summary>The number as compared: trimmed, runs of spaces made one; null when none was given.</summary>
    public static string? Clean(string? number) =>
        string.IsNullOrWhiteSpace(number) ? null : string.Join(' ', number.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public CheckResult Run(CheckSubject subject)
    {
        var country = subject.Country.Trim().ToUpperInvariant();
        var number = Clean(subject.RegistrationNumber);
        var format = RegistrationNumberFormats.For(country);
        var expected = format is null
            ? $"Expected: no format is known for country '{country}'"
            : $"Expected: {format.Register}, e.g. {format.Example}" + (format.HasCheckDigits ? ", with a check digit" : "");

        if (number is null)
        {
            var highRisk = Categories.IsHighRisk(subject.Category, options);
            return Result(
                highRisk ? CheckVerdict.Fail : CheckVerdict.Warn,
                highRisk
                    ? $"No registration number was given; one is required for the high-risk category {subject.Category}."
                    : "No registration number was given.",
                ["Given: nothing", expected]);
        }

        if (format is null)
        {
            return Result(CheckVerdict.Warn, $"The console knows no registration number format for '{country}'; check the number in the register by hand.",
                [$"Given: {number}", expected]);
        }

        if (format.IsValid(number) || format.IsValid(number.ToUpperInvariant()))
        {
            List<string> evidence = [$"Given: {number}", expected];
            if (format.HasCheckDigits)
            {
                evidence.Add("Check digit: correct");
            }

            return Result(CheckVerdict.Pass, $"The number has the form of the {format.Register}.", evidence);
        }

        if (format.Pattern.IsMatch(number) || format.Pattern.IsMatch(number.ToUpperInvariant()))
        {
            return Result(CheckVerdict.Fail, "The number has the right form but a wrong check digit: a typing error or an invented number.",
                [$"Given: {number}", expected, "Check digit: wrong"]);
        }

        return Result(CheckVerdict.Fail, $"The number does not have the form of the {format.Register}.", [$"Given: {number}", expected]);
    }

    private CheckResult Result(CheckVerdict verdict, string summary, IReadOnlyList<string> evidence) =>
        new(CheckCodes.RegistrationFormat, Title, verdict, options.PointsFor(CheckCodes.RegistrationFormat, verdict), summary, evidence);
}

/// <summary>Which categories trust and safety treats as high-risk.</summary>
internal static class Categories
{
    public static bool IsHighRisk(string? category, VerificationCheckOptions options) =>
        !string.IsNullOrWhiteSpace(category) && options.HighRiskCategories.Contains(category.Trim(), StringComparer.OrdinalIgnoreCase);
}
