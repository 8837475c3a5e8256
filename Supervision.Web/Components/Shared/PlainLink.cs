using Microsoft.AspNetCore.Components;

namespace Supervision.Web.Components.Shared;

/// <summary>
/// A link in a grid cell or list row, written as the markup <c>MudLink</c> renders (same element and classes, so the same
/// look) rather than as one: a list shows a link per row, and every component costs each open page memory
/// (docs/PERFORMANCE.md, National scale). Use <c>MudLink</c> where the link needs a click handler or a disabled state.
/// </summary>
public static class PlainLink
{
    private const string Class = "mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-inherit";

    public static RenderFragment To(string href, string? text) => builder =>
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "href", href);
        builder.AddAttribute(2, "class", Class);
        builder.AddContent(3, text);
        builder.CloseElement();
    };
}
