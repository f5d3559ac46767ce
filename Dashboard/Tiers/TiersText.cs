using System.Globalization;
using System.Resources;

namespace Dashboard.Tiers;

/// <summary>
/// Words shared by the tier pages and the texts the tier services hand to them (TiersText.resx, TiersText.de.resx).
/// Components read them through <c>IStringLocalizer&lt;TiersText&gt;</c>; services and formatters through <see cref="Get"/>,
/// in the culture of the request they serve.
/// </summary>
public sealed class TiersText
{
    private static readonly ResourceManager s_resources = new("Dashboard.Tiers.TiersText", typeof(TiersText).Assembly);

    private TiersText()
    {
    }

    /// <summary>The text of <paramref name="key"/> in the current UI culture, its placeholders filled in the current culture.</summary>
    public static string Get(string key, params object?[] args)
    {
        var text = s_resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
