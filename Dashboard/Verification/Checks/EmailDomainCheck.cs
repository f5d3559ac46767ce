namespace Dashboard.Verification.Checks;

/// <summary>EMAIL_DOMAIN: the e-mail address should be at the company's own domain, the one its website is on.</summary>
internal sealed class EmailDomainCheck(VerificationCheckOptions options)
{
    private static string Title => CheckText.Get("Title.EmailDomain");

    public CheckResult Run(CheckSubject subject)
    {
        var evidence = new List<string>();
        var websiteHost = DomainNames.Host(subject.Website);
        var websiteDomain = websiteHost is null ? null : DomainNames.RegistrableDomain(websiteHost);
        if (string.IsNullOrWhiteSpace(subject.Website))
        {
            evidence.Add(CheckText.Get("Email.NoWebsite"));
        }
        else
        {
            evidence.Add(websiteDomain is null
                ? CheckText.Format("Email.WebsiteInvalid", subject.Website.Trim())
                : CheckText.Format("Email.Website", subject.Website.Trim(), websiteDomain));
        }

        if (string.IsNullOrWhiteSpace(subject.EmailDomain))
        {
            evidence.Insert(0, CheckText.Get("Email.NoDomain"));
            return Result(CheckVerdict.Warn, CheckText.Get("Email.NoDomainSummary"), evidence);
        }

        var emailHost = DomainNames.Host(subject.EmailDomain);
        if (emailHost is null)
        {
            evidence.Insert(0, CheckText.Format("Email.DomainInvalid", subject.EmailDomain.Trim()));
            return Result(CheckVerdict.Warn, CheckText.Format("Email.DomainInvalidSummary", subject.EmailDomain.Trim()), evidence);
        }

        var emailDomain = DomainNames.RegistrableDomain(emailHost);
        evidence.Insert(0, emailDomain == emailHost ? CheckText.Format("Email.Domain", emailHost) : CheckText.Format("Email.DomainRegistered", emailHost, emailDomain));
        if (websiteDomain is not null && emailDomain == websiteDomain)
        {
            return Result(CheckVerdict.Pass, CheckText.Format("Email.Pass", emailDomain), evidence);
        }

        if (DomainNames.IsFreeMail(emailDomain, options.FreeMailDomains))
        {
            return Result(CheckVerdict.Fail, CheckText.Format("Email.FreeMail", emailDomain), evidence);
        }

        if (websiteDomain is null)
        {
            return Result(CheckVerdict.Warn, CheckText.Format("Email.NoWebsiteToCompare", emailDomain), evidence);
        }

        return Result(CheckVerdict.Warn, CheckText.Format("Email.Differs", emailDomain, websiteDomain), evidence);
    }

    private CheckResult Result(CheckVerdict verdict, string summary, List<string> evidence) =>
        new(CheckCodes.EmailDomain, Title, verdict, options.PointsFor(CheckCodes.EmailDomain, verdict), summary, evidence);
}
