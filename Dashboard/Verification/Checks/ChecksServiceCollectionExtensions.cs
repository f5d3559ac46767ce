using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Verification.Checks;

/// <summary>Registers the automated checks of verification requests and their settings.</summary>
public static partial class ChecksServiceCollectionExtensions
{
    private const string Key = VerificationCheckOptions.SectionName;

    public static IServiceCollection AddVerificationChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        services.AddOptions<VerificationCheckOptions>()
            .Bind(section)
            .Configure(o => ReplaceConfiguredLists(o, section))
            .Validate(o => o.ImpersonationWarnAt is > 0 and <= 1, $"{Key}:ImpersonationWarnAt must be greater than 0 and at most 1.")
            .Validate(o => o.ImpersonationFailAt is > 0 and <= 1, $"{Key}:ImpersonationFailAt must be greater than 0 and at most 1.")
            .Validate(o => o.ImpersonationFailAt >= o.ImpersonationWarnAt, $"{Key}:ImpersonationFailAt must not be below {Key}:ImpersonationWarnAt.")
            .Validate(o => o.ClosestNameCount is >= 1 and <= 20, $"{Key}:ClosestNameCount must be between 1 and 20.")
            .Validate(o => o.VerifiedNamesRefreshInterval >= TimeSpan.FromSeconds(1) && o.VerifiedNamesRefreshInterval <= TimeSpan.FromHours(1),
                $"{Key}:VerifiedNamesRefreshInterval must be between 00:00:01 and 01:00:00.")
            .Validate(o => o.MaxAcronymLength is >= 1 and <= 10, $"{Key}:MaxAcronymLength must be between 1 and 10.")
            .Validate(o => ValidPoints(o.EmailDomainPoints), PointsMessage(nameof(VerificationCheckOptions.EmailDomainPoints)))
            .Validate(o => ValidPoints(o.RegistrationFormatPoints), PointsMessage(nameof(VerificationCheckOptions.RegistrationFormatPoints)))
            .Validate(o => ValidPoints(o.DuplicatesPoints), PointsMessage(nameof(VerificationCheckOptions.DuplicatesPoints)))
            .Validate(o => ValidPoints(o.DisplayNamePoints), PointsMessage(nameof(VerificationCheckOptions.DisplayNamePoints)))
            .Validate(o => ValidPoints(o.ImpersonationPoints), PointsMessage(nameof(VerificationCheckOptions.ImpersonationPoints)))
            .Validate(o => o.HighRiskCategoryPoints is >= 0 and <= CheckReport.MaxRiskScore, $"{Key}:HighRiskCategoryPoints must be between 0 and 100.")
            .Validate(o => o.MediumRiskFrom >= 1 && o.MediumRiskFrom < o.HighRiskFrom && o.HighRiskFrom <= CheckReport.MaxRiskScore,
                $"{Key}:MediumRiskFrom and {Key}:HighRiskFrom must satisfy 1 <= MediumRiskFrom < HighRiskFrom <= 100.")
            .Validate(o => NoBlankEntries(o.ProtectedBrands), ListMessage(nameof(VerificationCheckOptions.ProtectedBrands)))
            .Validate(o => NoBlankEntries(o.GenericNames), ListMessage(nameof(VerificationCheckOptions.GenericNames)))
            .Validate(o => NoBlankEntries(o.PlatformNames), ListMessage(nameof(VerificationCheckOptions.PlatformNames)))
            .Validate(o => NoBlankEntries(o.ClaimWords), ListMessage(nameof(VerificationCheckOptions.ClaimWords)))
            .Validate(o => NoBlankEntries(o.HighRiskCategories), ListMessage(nameof(VerificationCheckOptions.HighRiskCategories)))
            .Validate(o => o.FreeMailDomains.All(d => d is not null && FreeMailPattern().IsMatch(d)),
                $"{Key}:FreeMailDomains entries must be domains such as \"gmail.com\", or a name with \".*\" for every country domain, such as \"yahoo.*\".")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VerifiedNameCache>();
        services.TryAddSingleton<VerificationChecks>();
        return services;
    }

    // The configuration binder adds configured list items to the defaults instead of replacing them; a list set in
    // configuration is meant to be the whole list.
    private static void ReplaceConfiguredLists(VerificationCheckOptions options, IConfigurationSection section)
    {
        options.ProtectedBrands = Configured(section, nameof(options.ProtectedBrands)) ?? options.ProtectedBrands;
        options.GenericNames = Configured(section, nameof(options.GenericNames)) ?? options.GenericNames;
        options.PlatformNames = Configured(section, nameof(options.PlatformNames)) ?? options.PlatformNames;
        options.ClaimWords = Configured(section, nameof(options.ClaimWords)) ?? options.ClaimWords;
        options.FreeMailDomains = Configured(section, nameof(options.FreeMailDomains)) ?? options.FreeMailDomains;
        options.HighRiskCategories = Configured(section, nameof(options.HighRiskCategories)) ?? options.HighRiskCategories;
    }

    private static List<string>? Configured(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        return list.GetChildren().Any() ? list.GetChildren().Select(c => c.Value ?? "").ToList() : null;
    }

    private static bool ValidPoints(CheckPoints? points) =>
        points is { Warn: >= 0 and <= CheckReport.MaxRiskScore, Fail: >= 0 and <= CheckReport.MaxRiskScore } && points.Warn <= points.Fail;

    private static string PointsMessage(string name) =>
        $"{Key}:{name}:Warn and {Key}:{name}:Fail must be between 0 and 100, and Warn must not exceed Fail.";

    private static bool NoBlankEntries(List<string>? list) => list is not null && list.All(e => !string.IsNullOrWhiteSpace(e));

    private static string ListMessage(string name) => $"{Key}:{name} must not contain empty entries.";

    [GeneratedRegex(@"\A[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:[a-z]{2,}|\*)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FreeMailPattern();
}
