using System.Globalization;
using System.Resources;

namespace Dashboard.Usage;

/// <summary>
/// Words shared by the usage pages and their formatters (UsageText.resx, UsageText.de.resx).
/// Components read them through <c>IStringLocalizer&lt;UsageText&gt;</c>; formatters through <see cref="Get"/>,
/// in the culture of the request they serve.
/// </summary>
public sealed class UsageText
{
    private static readonly ResourceManager s_resources = new("Dashboard.Usage.UsageText", typeof(UsageText).Assembly);

    private UsageText()
    {
    }

    /// <summary>The text of <paramref name="key"/> in the current UI culture, its placeholders filled in the current culture.</summary>
    public static string Get(string key, params object?[] args)
    {
        var text = s_resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
