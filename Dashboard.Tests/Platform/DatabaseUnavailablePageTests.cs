using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Platform;

/// <summary>
/// A page request that fails because the database is out of reach gets a short page in the reader's language that says
/// so and reloads itself; the request's culture is set before the middleware runs (see Program).
/// </summary>
public sealed class DatabaseUnavailablePageTests
{
    private static async Task<(HttpResponse Response, string Body)> RequestPageAsync(string culture)
    {
        using var services = new ServiceCollection().AddLocalization().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/usage";
        context.Request.Headers.Accept = "text/html,application/xhtml+xml";
        var body = new MemoryStream();
        context.Response.Body = body;
        var middleware = new DatabaseUnavailableMiddleware(
            _ => throw new TimeoutException("The database did not answer in time."),
            NullLogger<DatabaseUnavailableMiddleware>.Instance);

        using (new CultureScope(culture))
        {
            await middleware.InvokeAsync(context);
        }

        return (context.Response, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task Page_InGerman_SaysSoInGerman_AndReloadsItself()
    {
        var (response, body) = await RequestPageAsync("de-DE");

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", body, StringComparison.Ordinal);
        Assert.Contains("<h1>Die Datenbank ist nicht erreichbar; die Konsole versucht es selbst erneut.</h1>", body, StringComparison.Ordinal);
        Assert.Contains("<title>Datenbank nicht erreichbar · Business Console</title>", body, StringComparison.Ordinal);
        Assert.Contains("http-equiv=\"refresh\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be reached", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_InEnglish_SaysSoInEnglish()
    {
        var (_, body) = await RequestPageAsync("en-GB");

        Assert.Contains("<html lang=\"en\">", body, StringComparison.Ordinal);
        Assert.Contains("<h1>The database cannot be reached; the console retries by itself.</h1>", body, StringComparison.Ordinal);
    }
}
