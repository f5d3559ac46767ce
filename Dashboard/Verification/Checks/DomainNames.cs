using System.Globalization;
using Dashboard.Data.Demo;

namespace Dashboard.Verification.Checks;

/// <summary>Host names and registrable domains of websites and e-mail addresses.</summary>
internal static class DomainNames
{
    // Suffixes under which companies register their names one level down ("example.co.uk"). Not the whole Public
    // Suffix List: the common ones of the programme's countries, plus every two-level suffix of the demo catalogue.
    private static readonly HashSet<string> s_twoLevelSuffixes = new(
        [
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk",
            "com.au", "net.au", "org.au", "gov.au", "co.nz", "net.nz", "org.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr",
            "com.br", "net.br", "org.br", "com.ar", "com.mx", "com.co", "com.pe",
            "co.za", "org.za", "com.ng", "com.eg", "co.il", "com.sa", "com.tr",
            "com.sg", "com.my", "com.hk", "com.tw", "com.cn", "co.in", "net.in", "org.in", "co.id", "co.th", "com.ph", "com.vn",
            "co.at", "or.at", "gv.at", "com.pl", "com.es", "com.pt", "com.gr", "com.cy", "com.mt",
            .. DemoCatalog.Countries.Select(c => c.WebsiteTld).Where(t => t.Contains('.', StringComparison.Ordinal)),
        ],
        StringComparer.Ordinal);

    private static readonly IdnMapping s_idn = new();

    /// <summary>
    /// The host of a website address or e-mail domain in lower-case ASCII without "www.": "https://www.Example.co.uk:443/shop"
    /// and "info@example.co.uk" both give "example.co.uk"; null when there is no plausible host name.
    /// </summary>
    public static string? Host(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var host = text.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var end = host.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            host = host[..end];
        }

        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            host = host[(at + 1)..];
        }

        var port = host.LastIndexOf(':');
        if (port >= 0)
        {
            host = host[..port];
        }

        host = host.TrimEnd('.');
        if (host.Length == 0 || !host.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            // Unicode names ("müller.de") and their ACE form ("xn--mller-kva.de") are the same domain.
            host = s_idn.GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        var labels = host.Split('.');
        return labels.Length >= 2 && labels.All(ValidLabel) && labels[^1].Any(char.IsAsciiLetter) ? host : null;
    }

    /// <summary>The part of a host its owner registered: "mail.example.co.uk" gives "example.co.uk", "shop.example.com" "example.com".</summary>
    public static string RegistrableDomain(string host)
    {
        var labels = host.Split('.');
        if (labels.Length >= 3 && s_twoLevelSuffixes.Contains(labels[^2] + "." + labels[^1]))
        {
            return string.Join('.', labels[^3..]);
        }

        return labels.Length >= 2 ? labels[^2] + "." + labels[^1] : host;
    }

    /// <summary>True when the registrable domain belongs to a free-mail provider; "yahoo.*" covers "yahoo.de" and "yahoo.co.uk".</summary>
    public static bool IsFreeMail(string registrableDomain, IEnumerable<string> freeMailDomains)
    {
        var name = registrableDomain.Split('.')[0];
        foreach (var entry in freeMailDomains)
        {
            var free = entry.Trim().ToLowerInvariant();
            if (free.EndsWith(".*", StringComparison.Ordinal) ? name == free[..^2] : registrableDomain == free)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ValidLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
