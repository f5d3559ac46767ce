using Dashboard.Data.Identity;
using Dashboard.Identity;

namespace Dashboard.Shell;

/// <summary>
/// The language switch: sets the culture cookie, keeps the choice on the signed-in user (so that another
/// browser gets it at sign-in) and goes back to the page, which loads again in the new language.
/// </summary>
public static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", async (string? lang, string? returnUrl, HttpContext context, IAccountStore accounts) =>
        {
            var language = ConsoleLocalization.Normalise(lang);
            if (language is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Unknown language",
                    detail: $"lang must be one of: {string.Join(", ", ConsoleLocalization.Languages)}.");
            }

            ConsoleLocalization.SetCookie(context.Response, language);
            if (long.TryParse(context.User.FindFirst(ConsoleClaims.UserId)?.Value, out var userId))
            {
                await accounts.SetCultureAsync(userId, language, context.RequestAborted);
            }

            return Results.LocalRedirect(LoginPage.LocalUrl(returnUrl));
        }).AllowAnonymous();

        return endpoints;
    }

    /// <summary>The address that switches to <paramref name="language"/> and comes back to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(string language, string returnUrl) =>
        $"culture?lang={Uri.EscapeDataString(language)}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
