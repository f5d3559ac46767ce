using System.Net;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Shell;

/// <summary>
/// A Material icon written straight into the markup, looking as MudBlazor's <c>MudIcon</c> draws it. Pages that stay
/// open all day on many screens (the overview, the wall, the navigation) use it instead of an icon component: each
/// component costs its circuit two render buffers for as long as the page is open.
/// </summary>
public static class InlineIcon
{
    /// <summary>The icon as an <c>svg</c> element, hidden from screen readers (the text beside it says what it means).</summary>
    /// <param name="icon">The path data of an icon, e.g. <c>Icons.Material.Outlined.Tv</c>.</param>
    /// <param name="cssClass">Extra classes, e.g. a colour (<c>mud-error-text</c>) or a size (<c>mud-icon-size-small</c>).</param>
    public static MarkupString Svg(string icon, string cssClass = "mud-icon-size-medium") =>
        new($"<svg class=\"mud-icon-root mud-svg-icon {WebUtility.HtmlEncode(cssClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>");
}
