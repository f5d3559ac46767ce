using Dashboard.Tests.Support;

namespace Dashboard.Tests.Shell;

/// <summary>The localized folders' pages take every word from resources: no literal English left in their markup.</summary>
public sealed class LiteralTextTests
{
    /// <summary>The Dashboard folders whose pages are fully localized; add a folder here once its texts are in resources.</summary>
    public static readonly IReadOnlyList<string> LocalizedFolders = ["Shell", "Identity", "Admin", "Audit", "Verification"];

    /// <summary>Not words to translate: units, codes and names that read the same in every language of the console.</summary>
    private static readonly IReadOnlySet<string> s_allowed = new HashSet<string>(StringComparer.Ordinal) { "SHA-256", "UTC", "KB" };

    public static TheoryData<string> RazorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in LocalizedFolders)
        {
            var path = Path.Combine(SourceFiles.DashboardProject(), folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*.razor", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(SourceFiles.Relative(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RazorFiles))]
    public void RazorMarkup_InALocalizedFolder_HasNoLiteralWords(string file)
    {
        var found = RazorLiteralScanner.Scan(File.ReadAllText(Path.Combine(SourceFiles.RepositoryRoot(), file)), s_allowed);

        Assert.True(found.Count == 0,
            "Literal text to move into resources:\n" + string.Join("\n", found.Select(f => $"{file}:{f.Line}: {f.Text}")));
    }

    [Fact]
    public void Scanner_MarkupWithLiterals_ReportsTextAndVisibleAttributesWithLines()
    {
        const string razor = """
            @page "/x"
            @inject IStringLocalizer<X> L
            <PageTitle>Queue</PageTitle>
            <MudTextField Label="Country" HelperText="@L["Help"]" Class="mt-2" @bind-Value="_value" OnClick="@(e => Go(e > 1))" />
            @if (_open)
            {
                var count = items.Count<int>();
                <MudText>@L["Open"] (@count)</MudText>
                <span title="Due soon">@L["Due"]</span>
            }
            else
            {
                <p>Nothing here</p>
            }
            <MudButton aria-label="@($"Edit {name}")">@L["Edit"]</MudButton>
            @code {
                private string _value = "Not markup";
            }
            """;

        var found = RazorLiteralScanner.Scan(razor, new HashSet<string>());

        Assert.Equal(
            [(3, "Queue"), (4, "Label=\"Country\""), (9, "title=\"Due soon\""), (13, "Nothing here")],
            found.Select(f => (f.Line, f.Text)).ToList());
    }
}
