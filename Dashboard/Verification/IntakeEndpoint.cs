using System.Text.RegularExpressions;
using Dashboard.Data.Audit;
using Dashboard.Data.Businesses;
using Dashboard.Data.Identity;
using Dashboard.Data.Verification;
using Dashboard.Identity;
using Dashboard.Verification.Checks;
using Microsoft.Extensions.Options;

namespace Dashboard.Verification;

/// <summary><c>POST /api/v1/verification-requests</c>: a business applies for the verified marker, or re-applies with more information.</summary>
public static partial class IntakeEndpoint
{
    public sealed record BusinessPayload(
        string? ExternalId, string? LegalName, string? DisplayName, string? Category, string? Country, string? PhoneNumber,
        string? Website, string? Email, string? RegistrationNumber, int? Employees, long? AnnualTurnoverEur);

    public sealed record DocumentPayload(string? Kind, string? FileName, string? Sha256, long? SizeBytes);

    public sealed record ApplicationPayload(BusinessPayload? Business, IReadOnlyList<DocumentPayload>? Documents);

    public sealed record ApplicationResponse(long RequestId, long BusinessId, string Status, bool Resubmission);

    public const int MaxDocuments = 20;
    public const long MaxDocumentBytes = 50L * 1024 * 1024;

    public static RouteGroupBuilder MapVerificationIntake(this RouteGroupBuilder api)
    {
        api.MapPost("/verification-requests", SubmitAsync)
            .RequireAuthorization(Policies.Scope(ApiScopes.VerificationWrite))
            .WithName("SubmitVerificationRequest");
        return api;
    }

    private static async Task<IResult> SubmitAsync(
        ApplicationPayload? payload,
        HttpContext context,
        IVerificationStore store,
        VerificationChecks checks,
        IOptions<VerificationOptions> options,
        VerificationFeed feed,
        CancellationToken cancellationToken)
    {
        var errors = Validate(payload, out var application);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The application has invalid fields", detail: "Nothing was stored. Correct the named fields and send it again.");
        }

        var businessId = await store.FindBusinessIdAsync(application!.ExternalId, cancellationToken);
        var report = await checks.RunAsync(new CheckSubject(businessId, application.DisplayName, application.LegalName, application.Category, application.Country,
            application.PhoneE164, application.Website, application.EmailDomain, application.RegistrationNumber), cancellationToken);
        try
        {
            var actor = Actor.ApiKey(context.User.Identity?.Name ?? "api", context.Connection.RemoteIpAddress?.ToString());
            var result = await store.SubmitAsync(application, options.Value.IntakePolicy(), report.RiskScore, report.RiskBand, actor, cancellationToken);
            await feed.PublishAsync(result.RequestId, result.Resubmission ? VerificationEventKinds.Resubmitted : VerificationEventKinds.Submitted, result.Status, actor.Name);
            return Results.Json(new ApplicationResponse(result.RequestId, result.BusinessId, result.Status, result.Resubmission),
                statusCode: result.Resubmission ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }
        catch (IntakeRefusedException refused)
        {
            if (refused.RetryAfter is { } retry)
            {
                context.Response.Headers.RetryAfter = retry.UtcDateTime.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The business cannot apply now", detail: refused.Message,
                extensions: refused.RetryAfter is { } when ? new Dictionary<string, object?> { ["retryAfter"] = when } : null);
        }
    }

    /// <summary>Checks every field and names each bad one by its JSON path; builds the application when all are good.</summary>
    public static Dictionary<string, string[]> Validate(ApplicationPayload? payload, out BusinessApplication? application)
    {
        application = null;
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var business = payload?.Business;
        if (business is null)
        {
            Add("business", "The business is required.");
            return errors;
        }

        var externalId = business.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > 100)
        {
            Add("business.externalId", "Give the platform's id of the business (1 to 100 characters).");
        }

        if (string.IsNullOrWhiteSpace(business.LegalName) || business.LegalName.Trim().Length > 300)
        {
            Add("business.legalName", "Give the registered legal name (1 to 300 characters).");
        }

        if (string.IsNullOrWhiteSpace(business.DisplayName) || business.DisplayName.Trim().Length > 200)
        {
            Add("business.displayName", "Give the name users see (1 to 200 characters).");
        }

        var category = BusinessCategories.Normalise(business.Category);
        if (category is null)
        {
            Add("business.category", $"Unknown category '{business.Category}'. Categories: {string.Join(", ", BusinessCategories.All)}.");
        }

        var country = business.Country?.Trim().ToUpperInvariant();
        if (country is null || !Countries.IsIso3166Alpha2(country))
        {
            Add("business.country", $"'{business.Country}' is not an ISO 3166-1 alpha-2 country code (e.g. DE, AT, CH).");
        }

        var phone = business.PhoneNumber?.Trim();
        if (phone is null || !E164().IsMatch(phone))
        {
            Add("business.phoneNumber", "Give the phone number in E.164 form: + and 7 to 15 digits, e.g. +4989123456.");
        }

        string? website = null;
        if (!string.IsNullOrWhiteSpace(business.Website))
        {
            if (Uri.TryCreate(business.Website.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.', StringComparison.Ordinal))
            {
                website = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            }
            else
            {
                Add("business.website", "Give the website as an absolute http(s) address, e.g. https://www.example.de.");
            }
        }

        string? emailDomain = null;
        if (!string.IsNullOrWhiteSpace(business.Email))
        {
            var at = business.Email.Trim().LastIndexOf('@');
            var domain = at > 0 ? business.Email.Trim()[(at + 1)..].ToLowerInvariant() : "";
            if (domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain.Contains(' ', StringComparison.Ordinal))
            {
                Add("business.email", $"'{business.Email}' is not an e-mail address.");
            }
            else
            {
                emailDomain = domain;
            }
        }

        if (business.RegistrationNumber is { Length: > 64 })
        {
            Add("business.registrationNumber", "The registration number is longer than 64 characters.");
        }

        if (business.Employees is < 0 or > 10_000_000)
        {
            Add("business.employees", "Employees must be between 0 and 10,000,000.");
        }

        if (business.AnnualTurnoverEur is < 0)
        {
            Add("business.annualTurnoverEur", "The annual turnover cannot be negative.");
        }

        var documents = payload!.Documents ?? [];
        if (documents.Count > MaxDocuments)
        {
            Add("documents", $"At most {MaxDocuments} documents per request.");
        }

        for (var i = 0; i < documents.Count && i < MaxDocuments; i++)
        {
            var document = documents[i];
            if (document is null)
            {
                Add($"documents[{i}]", "The document is empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(document.Kind) || document.Kind.Length > 40)
            {
                Add($"documents[{i}].kind", "Give the kind of document, e.g. CommercialRegisterExtract.");
            }

            if (string.IsNullOrWhiteSpace(document.FileName) || document.FileName.Length > 260)
            {
                Add($"documents[{i}].fileName", "Give the file name (1 to 260 characters).");
            }

            if (document.Sha256 is null || !Sha256Hex().IsMatch(document.Sha256))
            {
                Add($"documents[{i}].sha256", "Give the SHA-256 of the file as 64 hexadecimal characters.");
            }

            if (document.SizeBytes is not (> 0 and <= MaxDocumentBytes))
            {
                Add($"documents[{i}].sizeBytes", $"The size must be between 1 byte and {MaxDocumentBytes / 1024 / 1024} MB.");
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        application = new BusinessApplication
        {
            ExternalId = externalId!,
            LegalName = business.LegalName!.Trim(),
            DisplayName = business.DisplayName!.Trim(),
            Category = category!,
            Country = country!,
            PhoneE164 = phone!,
            Website = website,
            EmailDomain = emailDomain,
            RegistrationNumber = string.IsNullOrWhiteSpace(business.RegistrationNumber) ? null : business.RegistrationNumber.Trim(),
            Employees = business.Employees,
            AnnualTurnoverEur = business.AnnualTurnoverEur,
            Documents = documents.Select(d => new NewDocument(d.Kind!.Trim(), d.FileName!.Trim(), d.Sha256!.ToLowerInvariant(), d.SizeBytes!.Value)).ToList(),
        };
        return errors;
    }

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();
}
