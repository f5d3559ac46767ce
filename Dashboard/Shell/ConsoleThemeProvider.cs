using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Shell;

/// <summary>
/// MudBlazor's theme provider, with its style sheet shared by every circuit. The provider writes the whole theme (some
/// 15 KB of CSS variables) into a new string on each render, and each open page keeps the last two renders: on a node
/// with many open pages that is megabytes of the same few texts. This one draws what the provider draws, in the same
/// order, but hands the renderer one shared copy of each text.
/// </summary>
public sealed class ConsoleThemeProvider : MudThemeProvider
{
    // One text per theme and mode: the console has one theme, so two in practice. Bounded, should that ever change.
    private const int MaxShared = 16;
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, string> s_shared = new(StringComparer.Ordinal);
    private static readonly string s_scrollbar = BuildMudBlazorScrollbar();

    private const string ChartStyle = "<style>.mud-chart-serie:hover { filter: url(#lighten); }</style>";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (!DefaultScrollbar)
        {
            builder.AddMarkupContent(0, s_scrollbar);
        }

        builder.AddMarkupContent(1, ChartStyle);
        builder.AddMarkupContent(2, Shared(BuildTheme()));
    }

    private static string Shared(string style)
    {
        lock (s_lock)
        {
            if (s_shared.TryGetValue(style, out var shared))
            {
                return shared;
            }

            if (s_shared.Count < MaxShared)
            {
                s_shared.Add(style, style);
            }

            return style;
        }
    }
}
