using System.Globalization;

namespace Dashboard.Tests.Tiers;

/// <summary>Reads the console in German (as a browser sending <c>Accept-Language: de</c> would) until disposed, then restores the culture.</summary>
internal sealed class GermanCulture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public GermanCulture()
    {
        var german = CultureInfo.GetCultureInfo("de");
        CultureInfo.CurrentCulture = german;
        CultureInfo.CurrentUICulture = german;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
