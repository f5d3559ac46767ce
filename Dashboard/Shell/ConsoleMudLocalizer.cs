using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Shell;

/// <summary>MudBlazor's own texts (pager, date picker, table) in the console's languages; English comes from MudBlazor itself.</summary>
public sealed class ConsoleMudLocalizer(IStringLocalizer<ConsoleMudLocalizer> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
