using Dashboard.Data.Demo;

namespace Dashboard.Verification.Checks;

/// <summary>REGISTRATION_FORMAT: the company registration number has its country's written form and, where it has one, a correct check digit.</summary>
internal sealed class RegistrationFormatCheck(VerificationCheckOptions options)
{
    private static string Title => CheckText.Get("Title.RegistrationFormat");

    /// <summary>The number as compared: trimmed, runs of spaces made one; null when none was given.</summary>
    public static string? Clean(string? number) =>
        string.IsNullOrWhiteSpace(number) ? null : string.Join(' ', number.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public CheckResult Run(CheckSubject subject)
    {
        var country = subject.Country.Trim().ToUpperInvariant();
        var number = Clean(subject.RegistrationNumber);
        var format = RegistrationNumberFormats.For(country);
        var expected = format is null
            ? CheckText.Format("Registration.ExpectedUnknown", country)
            : CheckText.Format(format.HasCheckDigits ? "Registration.ExpectedWithDigit" : "Registration.Expected", format.Register, format.Example);

        if (number is null)
        {
            var highRisk = Categories.IsHighRisk(subject.Category, options);
            return Result(
                highRisk ? CheckVerdict.Fail : CheckVerdict.Warn,
                highRisk
                    ? CheckText.Format("Registration.MissingHighRisk", VerificationDisplay.CategoryLabel(subject.Category))
                    : CheckText.Get("Registration.Missing"),
                [CheckText.Get("Registration.GivenNothing"), expected]);
        }

        if (format is null)
        {
            return Result(CheckVerdict.Warn, CheckText.Format("Registration.UnknownFormat", country),
                [CheckText.Format("Registration.Given", number), expected]);
        }

        if (format.IsValid(number) || format.IsValid(number.ToUpperInvariant()))
        {
            List<string> evidence = [CheckText.Format("Registration.Given", number), expected];
            if (format.HasCheckDigits)
            {
                evidence.Add(CheckText.Get("Registration.DigitCorrect"));
            }

            return Result(CheckVerdict.Pass, CheckText.Format("Registration.Pass", format.Register), evidence);
        }

        if (format.Pattern.IsMatch(number) || format.Pattern.IsMatch(number.ToUpperInvariant()))
        {
            return Result(CheckVerdict.Fail, CheckText.Get("Registration.WrongDigit"),
                [CheckText.Format("Registration.Given", number), expected, CheckText.Get("Registration.DigitWrong")]);
        }

        return Result(CheckVerdict.Fail, CheckText.Format("Registration.WrongForm", format.Register), [CheckText.Format("Registration.Given", number), expected]);
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
