using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

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
        services.AddTransient<MudLocalizer, ConsoleMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(Culture).ToList();
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

    /// <summary>
    /// The culture of one of the console's languages. English is written as in Europe, where the programme is run:
    /// dates day before month with a 24-hour clock (British conventions; numbers as in English anywhere), German as in Germany.
    /// </summary>
    public static CultureInfo Culture(string language)
    {
        var culture = new CultureInfo(language);
        if (language == "en")
        {
            var british = CultureInfo.GetCultureInfo("en-GB");
            culture.DateTimeFormat = (DateTimeFormatInfo)british.DateTimeFormat.Clone();
        }

        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>The console's language for <paramref name="language"/> ("de", "de-DE", "EN"), or null when it speaks none such.</summary>
    public static string? Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var neutral = language.Trim().Split('-', '_')[0];
        return Languages.FirstOrDefault(l => string.Equals(l, neutral, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Remembers the language in this browser for a year.</summary>
    public static void SetCookie(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Path = "/" });

    /// <summary>Forgets the language in this browser, so that its languages decide again.</summary>
    public static void ClearCookie(HttpResponse response) =>
        response.Cookies.Delete(CookieRequestCultureProvider.DefaultCookieName, new CookieOptions { Path = "/" });
}
