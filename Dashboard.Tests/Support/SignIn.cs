using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Support;

/// <summary>Signs in through the real login form over HTTP: fetches the form, posts it with its antiforgery token.</summary>
public static partial class SignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var loginUrl = "/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync(loginUrl);
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            [WebUtility.HtmlDecode(token.Groups["name"].Value)] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync(loginUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in and fails the test when the console does not redirect away from the login page.</summary>
    public static async Task AsAsync(HttpClient client, string email, string password = "demo")
    {
        using var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null || PathOf(response.Headers.Location).StartsWith("/login", StringComparison.Ordinal))
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
        }
    }

    /// <summary>The path and query of a redirect target, whether the server sent it absolute or relative.</summary>
    public static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    [GeneratedRegex("<input[^>]*name=\"(?<name>__RequestVerificationToken)\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
