namespace Dashboard.Verification.Checks;

/// <summary>EMAIL_DOMAIN: the e-mail address should be at the company's own domain, the one its website is on.</summary>
internal sealed class EmailDomainCheck(VerificationCheckOptions options)
{
    private const string Title = "E-mail domain";

    public CheckResult Run(CheckSubject subject)
    {
        var evidence = new List<string>();
        var websiteHost = DomainNames.Host(subject.Website);
        var websiteDomain = websiteHost is null ? null : DomainNames.RegistrableDomain(websiteHost);
        if (string.IsNullOrWhiteSpace(subject.Website))
        {
            evidence.Add("Website: none given");
        }
        else
        {
            evidence.Add(websiteDomain is null
                ? $"Website: '{subject.Website.Trim()}' has no valid domain"
                : $"Website: {subject.Website.Trim()} (registered domain {websiteDomain})");
        }

        if (string.IsNullOrWhiteSpace(subject.EmailDomain))
        {
            evidence.Insert(0, "E-mail domain: none given");
            return Result(CheckVerdict.Warn, "No e-mail domain was given, so the contact address cannot be tied to the company.", evidence);
        }

        var emailHost = DomainNames.Host(subject.EmailDomain);
        if (emailHost is null)
        {
            evidence.Insert(0, $"E-mail domain: '{subject.EmailDomain.Trim()}' is not a valid domain");
            return Result(CheckVerdict.Warn, $"The e-mail domain '{subject.EmailDomain.Trim()}' is not a valid domain.", evidence);
        }

        var emailDomain = DomainNames.RegistrableDomain(emailHost);
        evidence.Insert(0, emailDomain == emailHost ? $"E-mail domain: {emailHost}" : $"E-mail domain: {emailHost} (registered domain {emailDomain})");
        if (websiteDomain is not null && emailDomain == websiteDomain)
        {
            return Result(CheckVerdict.Pass, $"E-mail and website are on the same domain, {emailDomain}.", evidence);
        }

        if (DomainNames.IsFreeMail(emailDomain, options.FreeMailDomains))
        {
            return Result(CheckVerdict.Fail, $"The e-mail address is at the free-mail provider {emailDomain}; a company writes from its own domain.", evidence);
        }

        if (websiteDomain is null)
        {
            return Result(CheckVerdict.Warn, $"There is no valid website to compare the e-mail domain {emailDomain} with.", evidence);
        }

        return Result(CheckVerdict.Warn, $"The e-mail domain {emailDomain} differs from the website's domain {websiteDomain}.", evidence);
    }

    private CheckResult Result(CheckVerdict verdict, string summary, List<string> evidence) =>
        new(CheckCodes.EmailDomain, Title, verdict, options.PointsFor(CheckCodes.EmailDomain, verdict), summary, evidence);
}
