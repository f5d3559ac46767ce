using System.Globalization;
using System.Xml.Linq;
using Dashboard.Tiers;

namespace Dashboard.Tests.Tiers;

/// <summary>The tier and usage pages read every word from resources, and every English text has its German one.</summary>
public sealed class LocalizationSourceTests
{
    public static TheoryData<string> Folders => new() { "Tiers", "Usage" };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Markup_HasNoLiteralText(string folder)
    {
        var files = Directory.GetFiles(FeatureFolder(folder), "*.razor", SearchOption.AllDirectories);

        var findings = files.Order(StringComparer.Ordinal).SelectMany(RazorTextScanner.Findings).ToList();

        Assert.NotEmpty(files);
        Assert.True(findings.Count == 0, "Words written into the markup instead of read from resources:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Scanner_FindsLiteralText_InTextAttributesAndExpressions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scan-{Guid.NewGuid():N}.razor");
        File.WriteAllText(file, """
            <MudText>@L["Fine"] · 12 %</MudText>
            <MudText>Loading businesses…</MudText>
            <MudTextField Label="Country" HelperText="@L["Help"]" />
            <td>@(period.IsWithinLimits ? "yes" : "no")</td>
            <kbd>Esc</kbd>
            """);
        try
        {
            var findings = RazorTextScanner.Findings(file).ToList();

            Assert.Equal(4, findings.Count);
            Assert.Contains(findings, f => f.Contains(":2: Loading businesses…", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.Contains(":3: Label=\"Country\"", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.Contains(":4: \"yes\"", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryEnglishKey_HasAGermanText(string folder)
    {
        var english = Directory.GetFiles(FeatureFolder(folder), "*.resx", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal))
            .ToList();

        var missing = new List<string>();
        foreach (var file in english)
        {
            var german = Path.ChangeExtension(file, ".de.resx");
            if (!File.Exists(german))
            {
                missing.Add($"{Path.GetFileName(german)} does not exist");
                continue;
            }

            var germanTexts = Texts(german);
            missing.AddRange(Texts(file).Keys
                .Where(key => !germanTexts.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
                .Select(key => $"{Path.GetFileName(german)}: {key}"));
        }

        Assert.NotEmpty(english);
        Assert.True(missing.Count == 0, "German texts missing:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void GermanSatelliteAssembly_IsBuilt_AndHoldsThePagesTexts()
    {
        var satellite = typeof(TiersText).Assembly.GetSatelliteAssembly(CultureInfo.GetCultureInfo("de"));

        var names = satellite.GetManifestResourceNames();

        Assert.Contains("Dashboard.Tiers.BusinessesPage.de.resources", names);
        Assert.Contains("Dashboard.Usage.HistoryPage.de.resources", names);
    }

    private static Dictionary<string, string> Texts(string resx) =>
        XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string FeatureFolder(string folder)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root (Dashboard.sln) was not found."), "Dashboard", folder);
    }
}
