using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dashboard.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Dashboard.Platform;

/// <summary>
/// Answers a request that failed because the database is out of reach with <c>503</c> and <c>Retry-After</c>: problem
/// details for the API and health endpoints, and for pages a short page that says so and reloads itself. Pages already
/// open in a browser show the same message through the layout's error boundary (<see cref="Shell.PageProblem"/>).
/// </summary>
public sealed partial class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e) && !context.Response.HasStarted)
        {
            LogUnavailable(e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (WantsPage(context.Request))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                var text = context.RequestServices.GetRequiredService<IStringLocalizer<DatabaseUnavailableMiddleware>>();
                await context.Response.WriteAsync(Page(text), context.RequestAborted);
                return;
            }

            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The database cannot be reached",
                    Detail = "Nothing was changed. Send the request again in a few seconds.",
                },
            });
        }
    }

    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/health")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page for a browser, in the reader's language (the request's culture is set before this runs).</summary>
    private static string Page(IStringLocalizer text) => $$"""
        <!DOCTYPE html>
        <html lang="{{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}}">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <meta http-equiv="refresh" content="10" />
            <title>{{Html(text["PageTitle"])}}</title>
            <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg" />
            <link rel="stylesheet" href="/assets/theme.css" />
        </head>
        <body>
            <main class="auth-card" role="alert">
                <h1>{{Html(text["Heading"])}}</h1>
                <p>{{Html(text["Body"])}}</p>
            </main>
        </body>
        </html>
        """;

    // Letters such as ä stay as they are (the page is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder s_html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Html(string text) => s_html.Encode(text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed: the database cannot be reached; answered 503")]
    private partial void LogUnavailable(Exception exception, string method, PathString path);
}
