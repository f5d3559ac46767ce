using System.Globalization;
using static Dashboard.Data.Demo.DemoVocabulary;

namespace Dashboard.Data.Demo;

/// <summary>Verification requests: who applies, in which state the request is now, and the history that led there.</summary>
internal sealed partial class DemoDataGenerator
{
    private static readonly TimeSpan s_claimLifetime = TimeSpan.FromHours(1);

    private static readonly Dictionary<string, string[]> s_rejectionNotes = new()
    {
        [LegalNameNotMatching] = ["The legal name in the register extract does not match the name applied for.", "The register lists a different legal form and name; the application names a trading name only."],
        [WebsiteNotMatching] = ["The website's imprint names another company.", "The e-mail domain does not belong to the website given; ownership of the domain could not be confirmed."],
        [AddressNotMatching] = ["The registered address differs from the address on the utility bill.", "The address in the application is a virtual office; the register shows another seat."],
        [MalformedDocuments] = ["The register extract is older than three months.", "The uploaded scan is unreadable; the second page is missing."],
        [BusinessNotEligible] = ["The business's tier does not include the verified marker.", "The business does not meet the programme's eligibility criteria."],
        [Impersonation] = ["The display name imitates another company's brand.", "Look-alike name and domain of a verified brand; the register entry belongs to a different company."],
        [DisplayNamePolicy] = ["The display name contains generic or misleading terms.", "The display name claims an official status the business does not have."],
        [Other] = ["Rejected after a call with the business; see the notes.", "Duplicate application for a business that is already under review."],
    };

    private static readonly Dictionary<string, string[]> s_infoNotes = new()
    {
        [MalformedDocuments] = ["Please upload a register extract that is not older than three months.", "The scan is cut off; please upload the complete document as PDF."],
        [AddressNotMatching] = ["Please upload proof of the registered address (utility bill or bank statement).", "The address differs from the register; please explain or correct it."],
        [LegalNameNotMatching] = ["Please upload a document that shows the full legal name.", "The application gives a trading name; please add the registered name."],
        [WebsiteNotMatching] = ["Please confirm ownership of the website, e.g. with a DNS record or the imprint.", "Please use an e-mail address at the company's own domain."],
    };

    private static readonly Dictionary<string, string[]> s_revocationNotes = new()
    {
        [Impersonation] = ["The verified account was used to pose as another company.", "Reports from users: the account impersonated a bank's support line."],
        [WebsiteNotMatching] = ["The domain was transferred to another owner.", "The website now redirects to an unrelated business."],
        [LegalNameNotMatching] = ["The company was merged and now trades under another name.", "The register shows a change of name that was not reported."],
        [Other] = ["The business was dissolved according to the register.", "Revoked at the business's request after a change of ownership."],
    };

    private static readonly string[] s_reviewNotes =
    [
        "Register entry checked against the legal name.",
        "Website imprint matches the registered address.",
        "Called the registered phone number; the business confirmed the application.",
        "Brand registration covers the display name.",
        "Directors match the identity document.",
    ];

    private static readonly string[] s_escalationNotes =
    [
        "Ownership structure unclear; group parent not in the register extract.",
        "High-profile brand; second opinion requested.",
        "Documents look edited; second opinion requested.",
    ];

    private List<RequestPlan> PlanRequests()
    {
        var r = _verificationRandom;
        var requests = new List<RequestPlan>();
        foreach (var business in _businesses)
        {
            var special = business.Impersonates is not null || business.IsImpersonationTarget || business.SharesPhone || business.SharesRegistrationNumber;
            if (!special && r.NextDouble() >= (business.Tier == Free ? 0.30 : 0.90))
            {
                continue;
            }

            DateTimeOffset? notBefore = null;
            if (!special && r.NextDouble() < 0.03)
            {
                var earlier = PlanRequest(business, Rejected, RiskScore(business), null, ageDays: (70, 120));
                requests.Add(earlier);
                notBefore = earlier.DecidedAt!.Value.AddDays(1 + (9 * r.NextDouble()));
            }

            var score = RiskScore(business);
            var band = RiskBand(score);
            string status;
            string? reason = null;
            (double, double)? ageDays = null;
            if (business.Impersonates is not null)
            {
                status = Weighted(r, (Pending, 70.0), (Escalated, 15.0), (Rejected, 15.0));
                reason = Impersonation;
            }
            else if (business.IsImpersonationTarget)
            {
                status = Approved;
                ageDays = (20, 120);
            }
            else if (business.SharesPhone || business.SharesRegistrationNumber)
            {
                status = Weighted(r, (Pending, 60.0), (InReview, 15.0), (Escalated, 25.0));
            }
            else if (business.Tier == Free)
            {
                status = Weighted(r, (Pending, 13.0), (InReview, 3.5), (NeedsInfo, 3.0), (Escalated, 1.0), (Rejected, 79.5));
            }
            else
            {
                status = Weighted(r,
                    (Pending, 10.0), (InReview, 3.5), (NeedsInfo, 5.0), (Escalated, band == High ? 5.0 : 2.0),
                    (AwaitingSecondApproval, band == High ? 12.0 : 0.0), (Approved, 55.0), (Rejected, 13.0), (Revoked, 2.0));
            }

            requests.Add(PlanRequest(business, status, score, notBefore, reason, ageDays));
        }

        return requests.OrderBy(q => q.SubmittedAt).ToList();
    }

    /// <summary>0 to 100; high-risk categories start higher, and every warning sign adds to it.</summary>
    private int RiskScore(BusinessPlan business)
    {
        var r = _verificationRandom;
        var score = business.Profile.HighRisk ? 45 + r.Next(0, 41) : 5 + r.Next(0, 36);
        if (business.EmailDomainDiffers)
        {
            score += business.UsesFreeMail ? 20 : 15;
        }

        if (business.SharesPhone || business.SharesRegistrationNumber)
        {
            score += 20;
        }

        if (business.Impersonates is not null)
        {
            score += 40;
        }

        if (business.CreatedAt > _now.AddDays(-45))
        {
            score += 10;
        }

        if (!business.IsSme)
        {
            score -= 5;
        }

        return Math.Clamp(score, 0, 100);
    }

    private sealed record Step(TimeSpan Delay, string Kind, string? From, string? To, long? Actor, string? Reason = null, string? Note = null);

    /// <summary>
    /// Builds the steps that lead to <paramref name="status"/>, then lays them out in time: by the age of the
    /// submission, or (for states a reviewer is working on now) by the age of the last step.
    /// </summary>
    private RequestPlan PlanRequest(
        BusinessPlan business, string status, int score, DateTimeOffset? notBefore, string? forcedReason = null, (double Min, double Max)? ageDays = null)
    {
        var r = _verificationRandom;
        var request = new RequestPlan(business) { Status = status, RiskScore = score };
        var high = request.RiskBand == High;
        var steps = new List<Step> { new(TimeSpan.Zero, Submitted, null, Pending, null) };
        var claimer = PickUser(_options.ReviewerUserIds);
        var resubmissions = 0;
        var byEnd = false;
        TimeSpan ageMin, ageMax;

        void Claim(TimeSpan wait) => steps.Add(new Step(wait, Claimed, Pending, InReview, claimer));

        void MaybeNote(double chance)
        {
            if (r.NextDouble() < chance)
            {
                steps.Add(new Step(Work(), Note, InReview, InReview, claimer, Note: DemoNames.Pick(r, s_reviewNotes)));
            }
        }

        void InfoLoop()
        {
            var reason = InfoReason(business);
            steps.Add(new Step(Work(), InfoRequested, InReview, NeedsInfo, claimer, reason, DemoNames.Pick(r, s_infoNotes[reason])));
            steps.Add(new Step(Between(r, TimeSpan.FromHours(6), TimeSpan.FromDays(6)), Resubmitted, NeedsInfo, Pending, null, Note: "Uploaded the requested document."));
            resubmissions++;
            if (r.NextDouble() < 0.5)
            {
                claimer = PickUser(_options.ReviewerUserIds);
            }

            Claim(Between(r, TimeSpan.FromMinutes(10), TimeSpan.FromHours(30)));
        }

        // The road to a decision: claim, sometimes a round of questions, sometimes a note.
        void Review()
        {
            Claim(QueueWait());
            if (r.NextDouble() < 0.15)
            {
                InfoLoop();
            }

            MaybeNote(0.25);
        }

        void Approve()
        {
            if (high)
            {
                steps.Add(new Step(Work(), FirstApproval, InReview, AwaitingSecondApproval, claimer, Note: "First approval; high-risk request needs a second reviewer."));
                request.FirstApproverUserId = claimer;
                var senior = PickUserExcept(_options.SeniorReviewerUserIds, claimer);
                steps.Add(new Step(SeniorWait(), Approved, AwaitingSecondApproval, Approved, senior, Note: "Second approval."));
                request.DecidedByUserId = senior;
            }
            else if (r.NextDouble() < 0.08)
            {
                steps.Add(new Step(Work(), Escalated, InReview, Escalated, claimer, Note: EscalationNote(business)));
                var senior = PickUser(_options.SeniorReviewerUserIds);
                steps.Add(new Step(SeniorWait(), Approved, Escalated, Approved, senior));
                request.DecidedByUserId = senior;
            }
            else
            {
                steps.Add(new Step(Work(), Approved, InReview, Approved, claimer,
                    Note: r.NextDouble() < 0.3 ? "All documents match the register entry." : null));
                request.DecidedByUserId = claimer;
            }
        }

        void Reject(string reason)
        {
            var note = reason == BusinessNotEligible
                ? s_rejectionNotes[reason][business.Tier == Free ? 0 : 1]
                : DemoNames.Pick(r, s_rejectionNotes[reason]);
            if (high && business.Tier != Free && r.NextDouble() < 0.2)
            {
                steps.Add(new Step(Work(), FirstApproval, InReview, AwaitingSecondApproval, claimer));
                request.FirstApproverUserId = claimer;
                var senior = PickUserExcept(_options.SeniorReviewerUserIds, claimer);
                steps.Add(new Step(SeniorWait(), Rejected, AwaitingSecondApproval, Rejected, senior, reason, "Second reviewer: " + note));
                request.DecidedByUserId = senior;
            }
            else if (r.NextDouble() < 0.1 || reason == Impersonation)
            {
                steps.Add(new Step(Work(), Escalated, InReview, Escalated, claimer, Note: EscalationNote(business)));
                var senior = PickUser(_options.SeniorReviewerUserIds);
                steps.Add(new Step(SeniorWait(), Rejected, Escalated, Rejected, senior, reason, note));
                request.DecidedByUserId = senior;
            }
            else
            {
                steps.Add(new Step(Work(), Rejected, InReview, Rejected, claimer, reason, note));
                request.DecidedByUserId = claimer;
            }

            request.ReasonCode = reason;
            request.DecisionNote = note;
        }

        switch (status)
        {
            case Pending:
                {
                    var variant = r.NextDouble();
                    if (variant < 0.65)
                    {
                        (ageMin, ageMax) = PendingAge();
                    }
                    else if (variant < 0.85)
                    {
                        Claim(Between(r, TimeSpan.FromMinutes(10), TimeSpan.FromHours(20)));
                        steps.Add(new Step(Work(), Released, InReview, Pending, claimer, Note: "Released for a colleague with the right language."));
                        (ageMin, ageMax) = PendingAge();
                    }
                    else
                    {
                        Claim(QueueWait());
                        InfoLoop();
                        steps.RemoveAt(steps.Count - 1);
                        byEnd = true;
                        (ageMin, ageMax) = (TimeSpan.FromMinutes(5), TimeSpan.FromHours(40));
                    }

                    break;
                }

            case InReview:
                if (r.NextDouble() < 0.25)
                {
                    Claim(QueueWait());
                    steps.Add(new Step(s_claimLifetime + Between(r, TimeSpan.Zero, TimeSpan.FromMinutes(10)), Released, InReview, Pending, null, Note: "Claim expired."));
                    claimer = PickUser(_options.ReviewerUserIds);
                }

                Claim(Between(r, TimeSpan.FromMinutes(10), TimeSpan.FromHours(30)));
                MaybeNote(0.2);
                byEnd = true;
                (ageMin, ageMax) = r.NextDouble() < 0.88
                    ? (TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(55))
                    : (TimeSpan.FromMinutes(65), TimeSpan.FromHours(4));
                break;

            case NeedsInfo:
                {
                    Claim(QueueWait());
                    if (r.NextDouble() < 0.25)
                    {
                        InfoLoop();
                    }

                    MaybeNote(0.15);
                    var reason = InfoReason(business);
                    var note = DemoNames.Pick(r, s_infoNotes[reason]);
                    steps.Add(new Step(Work(), InfoRequested, InReview, NeedsInfo, claimer, reason, note));
                    request.ReasonCode = reason;
                    request.DecisionNote = note;
                    byEnd = true;
                    (ageMin, ageMax) = (TimeSpan.FromMinutes(10), TimeSpan.FromDays(12));
                    break;
                }

            case Escalated:
                Claim(QueueWait());
                MaybeNote(0.4);
                steps.Add(new Step(Work(), Escalated, InReview, Escalated, claimer, Note: EscalationNote(business)));
                byEnd = true;
                (ageMin, ageMax) = (TimeSpan.FromMinutes(10), TimeSpan.FromDays(5));
                break;

            case AwaitingSecondApproval:
                Claim(QueueWait());
                MaybeNote(0.3);
                steps.Add(new Step(Work(), FirstApproval, InReview, AwaitingSecondApproval, claimer, Note: "First approval; high-risk request needs a second reviewer."));
                request.FirstApproverUserId = claimer;
                byEnd = true;
                (ageMin, ageMax) = (TimeSpan.FromMinutes(10), TimeSpan.FromDays(3));
                break;

            case Approved:
                Review();
                Approve();
                (ageMin, ageMax) = Days(ageDays ?? (1, 120));
                break;

            case Rejected:
                Review();
                Reject(forcedReason ?? RejectionReason(business));
                (ageMin, ageMax) = Days(ageDays ?? (1, 120));
                break;

            case Revoked:
                {
                    Review();
                    Approve();
                    var reason = Weighted(r, (Impersonation, 25.0), (WebsiteNotMatching, 25.0), (LegalNameNotMatching, 20.0), (Other, 30.0));
                    var note = DemoNames.Pick(r, s_revocationNotes[reason]);
                    var senior = PickUser(_options.SeniorReviewerUserIds);
                    steps.Add(new Step(Between(r, TimeSpan.FromDays(5), TimeSpan.FromDays(60)), Revoked, Approved, Revoked, senior, reason, note));
                    request.DecidedByUserId = senior;
                    request.ReasonCode = reason;
                    request.DecisionNote = note;
                    (ageMin, ageMax) = Days(ageDays ?? (20, 120));
                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown verification status.");
        }

        Lay(request, steps, Between(r, ageMin, ageMax), byEnd, notBefore);
        request.Attempt = 1 + resubmissions;
        if (status == InReview)
        {
            var claim = request.Events.Last(e => e.Kind == Claimed);
            request.AssignedToUserId = claim.ActorUserId;
            request.ClaimExpiresAt = claim.At + s_claimLifetime;
        }

        if (status is Approved or Rejected or Revoked)
        {
            request.DecidedAt = request.Events[^1].At;
        }

        AddDocuments(request, resubmissions);
        business.Requests.Add(request);
        return request;
    }

    /// <summary>Places the steps in time, all in the past, in strictly increasing whole seconds.</summary>
    private void Lay(RequestPlan request, List<Step> steps, TimeSpan age, bool byEnd, DateTimeOffset? notBefore)
    {
        var total = TimeSpan.Zero;
        foreach (var step in steps)
        {
            total += step.Delay;
        }

        var latest = _now.AddMinutes(-1);
        var start = byEnd ? _now - age - total : _now - age;
        if (start + total > latest)
        {
            start = latest - total;
        }

        var scale = 1.0;
        if (notBefore is { } earliest && start < earliest && earliest < latest)
        {
            start = earliest;
            if (start + total > latest)
            {
                scale = (latest - start) / total;
            }
        }

        start = Seconds(start);
        var business = request.Business;
        if (business.CreatedAt > start.AddMinutes(-5))
        {
            var before = business.Impersonates is not null
                ? Between(_verificationRandom, TimeSpan.FromMinutes(10), TimeSpan.FromDays(2))
                : Between(_verificationRandom, TimeSpan.FromMinutes(30), TimeSpan.FromDays(30));
            business.CreatedAt = Seconds(start - before);
        }

        var at = start;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (i > 0)
            {
                var delay = TimeSpan.FromSeconds(Math.Max(1, Math.Round(step.Delay.TotalSeconds * scale)));
                at += delay;
            }

            request.Events.Add(new EventPlan(request)
            {
                At = at,
                ActorUserId = step.Actor,
                Kind = step.Kind,
                FromStatus = step.From,
                ToStatus = step.To,
                ReasonCode = step.Reason,
                Note = step.Note,
            });
        }

        request.SubmittedAt = start;
    }

    /// <summary>One to three documents; a resubmission brings one more.</summary>
    private void AddDocuments(RequestPlan request, int resubmissions)
    {
        var r = _verificationRandom;
        var business = request.Business;
        var initial = resubmissions > 0 ? r.Next(1, 3) : Weighted(r, (1, 30.0), (2, 45.0), (3, 25.0));
        var kinds = new List<string>();
        var brand = !business.IsSme || s_brandCategories.Contains(business.Category);
        string NextKind()
        {
            string kind;
            if (kinds.Count == 0)
            {
                kind = business.RegistrationNumber is null || r.NextDouble() >= 0.8 ? TaxCertificate : CommercialRegisterExtract;
            }
            else
            {
                do
                {
                    kind = Weighted(r, (TaxCertificate, 30.0), (UtilityBill, 30.0), (IdentityDocument, 25.0), (BrandRegistration, brand ? 40.0 : 10.0));
                }
                while (kinds.Contains(kind));
            }

            kinds.Add(kind);
            return kind;
        }

        for (var i = 0; i < initial; i++)
        {
            request.Documents.Add(Document(request, NextKind(), request.SubmittedAt));
        }

        foreach (var resubmitted in request.Events.Where(e => e.Kind == Resubmitted).Take(3 - initial))
        {
            request.Documents.Add(Document(request, NextKind(), resubmitted.At));
        }
    }

    private DocumentPlan Document(RequestPlan request, string kind, DateTimeOffset sentAt)
    {
        var r = _verificationRandom;
        var business = request.Business;
        var uploadedAt = sentAt - TimeSpan.FromSeconds(r.Next(5, 600));
        var register = business.RegistrationNumber is null ? "" : string.Concat(business.RegistrationNumber.Where(char.IsAsciiLetterOrDigit));
        var surname = DemoNames.Slug(DemoNames.Pick(r, business.Region.Surnames));
        var (fileName, image) = kind switch
        {
            CommercialRegisterExtract => (RegisterExtractName(business) + "_" + register + ".pdf", false),
            TaxCertificate => ("tax_certificate_" + (uploadedAt.Year - 1).ToString(CultureInfo.InvariantCulture) + ".pdf", false),
            UtilityBill => ("utility_bill_" + uploadedAt.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".pdf", false),
            IdentityDocument => r.NextDouble() < 0.5 ? ("id_" + surname + ".jpg", true) : ("passport_" + surname + ".pdf", false),
            _ => ("trademark_registration_" + DemoNames.Slug(business.DisplayName) + ".pdf", false),
        };
        var size = image ? r.Next(250_000, 6_000_000) : r.Next(60_000, 3_500_000);
        var hash = new byte[32];
        r.NextBytes(hash);
        return new DocumentPlan(request, kind, fileName, Convert.ToHexStringLower(hash), size, uploadedAt);
    }

    private static string RegisterExtractName(BusinessPlan business) => business.Country switch
    {
        "DE" => "Handelsregisterauszug",
        "AT" => "Firmenbuchauszug",
        "CH" => business.Region.Style == NameStyle.German ? "Handelsregisterauszug" : "Extrait_registre_du_commerce",
        "FR" => "Extrait_Kbis",
        "GB" or "IE" => "Certificate_of_Incorporation",
        "NL" => "KvK_uittreksel",
        "BE" => "KBO_uittreksel",
        "IT" => "Visura_camerale",
        "ES" => "Nota_simple_Registro_Mercantil",
        "PL" => "Odpis_KRS",
        _ => "company_register_extract",
    };

    /// <summary>Why a reviewer hands the request to a senior: the warning sign the business shows, if it shows one.</summary>
    private string EscalationNote(BusinessPlan business) => business switch
    {
        { Impersonates: { } target } => "Possible impersonation of " + target.DisplayName + "; needs a senior decision.",
        { SharesPhone: true } => "Phone number is also used by another business; needs a senior decision.",
        { SharesRegistrationNumber: true } => "Registration number is already used by another business; needs a senior decision.",
        _ => DemoNames.Pick(_verificationRandom, s_escalationNotes),
    };

    private string RejectionReason(BusinessPlan business) => Weighted(_verificationRandom,
        (LegalNameNotMatching, 20.0),
        (WebsiteNotMatching, business.EmailDomainDiffers ? 56.0 : 16.0),
        (AddressNotMatching, 12.0),
        (MalformedDocuments, 18.0),
        (BusinessNotEligible, business.Tier == Free ? 140.0 : 6.0),
        (Impersonation, 4.0),
        (DisplayNamePolicy, 8.0),
        (Other, 6.0));

    private string InfoReason(BusinessPlan business) => Weighted(_verificationRandom,
        (MalformedDocuments, 35.0),
        (AddressNotMatching, 25.0),
        (LegalNameNotMatching, 20.0),
        (WebsiteNotMatching, business.EmailDomainDiffers ? 50.0 : 20.0));

    /// <summary>How long a request waits before a reviewer claims it; about one in eight waits past the 48-hour goal.</summary>
    private TimeSpan QueueWait() => _verificationRandom.NextDouble() < 0.88
        ? Between(_verificationRandom, TimeSpan.FromMinutes(15), TimeSpan.FromHours(40))
        : Between(_verificationRandom, TimeSpan.FromHours(48), TimeSpan.FromHours(96));

    private TimeSpan Work() => Between(_verificationRandom, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(50));

    private TimeSpan SeniorWait() => Between(_verificationRandom, TimeSpan.FromHours(1), TimeSpan.FromHours(30));

    /// <summary>A quarter of the plain pending requests are older than the 48-hour goal.</summary>
    private (TimeSpan, TimeSpan) PendingAge() => _verificationRandom.NextDouble() < 0.75
        ? (TimeSpan.FromMinutes(5), TimeSpan.FromHours(47))
        : (TimeSpan.FromHours(49), TimeSpan.FromDays(9));

    private static (TimeSpan, TimeSpan) Days((double Min, double Max) days) =>
        (TimeSpan.FromDays(days.Min), TimeSpan.FromDays(days.Max));
}
