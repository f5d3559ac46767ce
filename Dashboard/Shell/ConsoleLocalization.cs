using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Shell;

/// <summary>
/// The console's languages. Strings come from resource files next to each component
/// (<c>Page.resx</c> for English, <c>Page.de.resx</c> for German), read through <c>IStringLocalizer&lt;Page&gt;</c>.
/// The language is chosen per request: the user's own choice (a cookie) first, else the browser's languages.
/// </summary>
public static class ConsoleLocalization
{
    /// <summary>The languages the console speaks; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    public static IServiceCollection AddConsoleLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages[0]);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }
}
