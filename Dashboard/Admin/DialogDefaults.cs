using MudBlazor;

namespace Dashboard.Admin;

/// <summary>The options of the Admin page's dialogs.</summary>
internal static class DialogDefaults
{
    public static DialogOptions Form { get; } = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>A secret is shown once, so its dialog closes only through its own button, never by a stray click or Escape.</summary>
    public static DialogOptions Secret { get; } = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false };
}
