using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Shell;

/// <summary>Every English text of the console has its German translation, with the same placeholders.</summary>
public sealed partial class ResourceCompletenessTests
{
    public static TheoryData<string> NeutralResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in NeutralFiles())
        {
            data.Add(SourceFiles.Relative(file));
        }

        return data;
    }

    [Fact]
    public void Dashboard_HasResourceFiles()
    {
        // Guards the theory below against passing on an empty list (a moved folder, a changed file pattern).
        Assert.True(NeutralFiles().Count() >= 10, "Expected the console's resource files under Dashboard/.");
    }

    [Theory]
    [MemberData(nameof(NeutralResourceFiles))]
    public void GermanResource_HasEveryKeyOfTheEnglishOne_WithATextAndTheSamePlaceholders(string neutral)
    {
        var path = Path.Combine(SourceFiles.RepositoryRoot(), neutral);
        var german = Path.ChangeExtension(path, null) + ".de.resx";
        Assert.True(File.Exists(german), $"{neutral} has no German counterpart {SourceFiles.Relative(german)}.");

        var english = Entries(path);
        var translated = Entries(german);
        var problems = new List<string>();
        foreach (var (key, text) in english)
        {
            if (!translated.TryGetValue(key, out var germanText))
            {
                problems.Add($"'{key}' is missing");
            }
            else if (string.IsNullOrWhiteSpace(germanText))
            {
                problems.Add($"'{key}' is empty");
            }
            else if (!Placeholders(text).SetEquals(Placeholders(germanText)))
            {
                problems.Add($"'{key}' has placeholders {string.Join(" ", Placeholders(germanText))} instead of {string.Join(" ", Placeholders(text))}");
            }
        }

        problems.AddRange(translated.Keys.Except(english.Keys).Select(key => $"'{key}' is not in the English file"));
        Assert.True(problems.Count == 0, $"{SourceFiles.Relative(german)}: {string.Join("; ", problems)}");
    }

    private static IEnumerable<string> NeutralFiles() =>
        Directory.EnumerateFiles(SourceFiles.DashboardProject(), "*.resx", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f) && !CultureSuffix().IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal);

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\.[a-z]{2}(-[A-Z]{2})?\.resx$")]
    private static partial Regex CultureSuffix();

    [GeneratedRegex(@"\{[0-9a-z_]+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
