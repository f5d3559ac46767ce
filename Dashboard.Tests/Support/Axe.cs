using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>
/// axe-core (pinned in Browser/axe/package-lock.json) injected into a page: the serious and critical accessibility
/// violations of what the page shows now, one readable line per rule.
/// </summary>
public static class Axe
{
    public static string ScriptPath { get; } = FindScript();

    /// <summary>Skips (or fails, with DASHBOARD_REQUIRE_ALL=1) when axe-core has not been installed.</summary>
    public static void SkipOrFailWhenMissing() =>
        RequiredTools.SkipOrFailWhenMissing(File.Exists(ScriptPath)
            ? null
            : "axe-core is not installed: run npm ci in Dashboard.Tests/Browser/axe (needs Node.js) to run the accessibility tests.");

    /// <summary>Runs axe on the whole document; each serious or critical violation as "rule (impact): help — targets — help URL".</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        }

        // Colours are measured once transitions (the switch to the dark theme, a dialog fading in) have ended; endless
        // animations such as a live indicator's pulse are left running.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)");

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 6).map(n => n.target.join(' ')).join(' | ')}`
                        + `${v.nodes.length > 6 ? ` and ${v.nodes.length - 6} more` : ''}`
                        + ` — ${[...v.nodes[0].any, ...v.nodes[0].all, ...v.nodes[0].none].map(c => c.message).join('; ')}`
                        + ` — ${v.helpUrl}`);
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>The test project's folder is found upwards from the build output (bin/Debug/net10.0).</summary>
    private static string FindScript()
    {
        var relative = Path.Combine("Browser", "axe", "node_modules", "axe-core", "axe.min.js");
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.Tests.csproj")))
            {
                return Path.Combine(directory.FullName, relative);
            }
        }

        return Path.Combine(AppContext.BaseDirectory, relative);
    }
}
