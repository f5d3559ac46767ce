using Dashboard.Data.Verification;
using Microsoft.Extensions.Options;

namespace Dashboard.Verification.Checks;

/// <summary>Runs the automated checks of a verification request and adds their points up to the request's risk score.</summary>
public sealed class VerificationChecks
{
    private readonly ICheckDataStore _store;
    private readonly VerifiedNameCache _verifiedNames;
    private readonly VerificationCheckOptions _options;
    private readonly EmailDomainCheck _emailDomain;
    private readonly RegistrationFormatCheck _registrationFormat;
    private readonly DuplicatesCheck _duplicates;
    private readonly DisplayNameCheck _displayName;
    private readonly ImpersonationCheck _impersonation;

    public VerificationChecks(ICheckDataStore store, VerifiedNameCache verifiedNames, IOptions<VerificationCheckOptions> options)
    {
        _store = store;
        _verifiedNames = verifiedNames;
        _options = options.Value;
        _emailDomain = new EmailDomainCheck(_options);
        _registrationFormat = new RegistrationFormatCheck(_options);
        _duplicates = new DuplicatesCheck(_options);
        _displayName = new DisplayNameCheck(_options);
        _impersonation = new ImpersonationCheck(_options);
    }

    /// <summary>The checks as they stand now for the business of <paramref name="request"/>.</summary>
    public Task<CheckReport> RunAsync(RequestDetail request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(new CheckSubject(request.BusinessId, request.DisplayName, request.LegalName, request.Category, request.Country,
            request.PhoneE164, request.Website, request.EmailDomain, request.RegistrationNumber), ct);
    }

    public async Task<CheckReport> RunAsync(CheckSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var websiteHost = DomainNames.Host(subject.Website);
        var duplicates = _store.FindDuplicatesAsync(
            subject.BusinessId, subject.PhoneE164, RegistrationFormatCheck.Clean(subject.RegistrationNumber), subject.Country, websiteHost, ct);
        var verified = _verifiedNames.GetAsync(ct).AsTask();
        await Task.WhenAll(duplicates, verified);

        var (impersonation, closest) = _impersonation.Run(subject, await verified);
        List<CheckResult> checks =
        [
            _emailDomain.Run(subject),
            _registrationFormat.Run(subject),
            _duplicates.Run(subject, websiteHost, await duplicates),
            _displayName.Run(subject),
            impersonation,
        ];
        if (Categories.IsHighRisk(subject.Category, _options))
        {
            checks.Add(new CheckResult(CheckCodes.Category, CheckText.Get("Title.Category"), CheckVerdict.Warn, _options.HighRiskCategoryPoints,
                CheckText.Format("Category.Summary", VerificationDisplay.CategoryLabel(subject.Category.Trim()), _options.HighRiskCategoryPoints),
                [CheckText.Format("Category.Evidence", string.Join(", ", _options.HighRiskCategories.Select(VerificationDisplay.CategoryLabel)))]));
        }

        var score = RiskScore(checks);
        return new CheckReport(checks, closest, score, _options.BandOf(score));
    }

    /// <summary>The sum of the results' points, at most <see cref="CheckReport.MaxRiskScore"/>.</summary>
    internal static int RiskScore(IEnumerable<CheckResult> checks) => Math.Min(CheckReport.MaxRiskScore, checks.Sum(c => c.Points));
}
