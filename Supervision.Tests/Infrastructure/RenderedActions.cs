using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Supervision.Tests.Infrastructure;

/// <summary>A record page as the server renders it, read for the actions it offers (the RecordActions buttons).</summary>
internal sealed class RenderedActions(IDocument page)
{
    public static async Task<RenderedActions> OfAsync(HttpClient client, string url) => new(new HtmlParser().ParseDocument(await client.GetStringAsync(url)));

    public IDocument Page => page;

    /// <summary>The offered actions in page order: allowed ones by key, disabled ones in brackets (as <c>Offered.Keys</c> writes a record's list).</summary>
    public string Keys => string.Join(" ", page.QuerySelectorAll("button[id^='record-action-']").Select(b =>
    {
        var key = b.Id!["record-action-".Length..];
        return b.HasAttribute("disabled") ? $"({key})" : key;
    }));

    /// <summary>The reason shown beside a disabled action.</summary>
    public string Reason(string key)
    {
        var button = page.GetElementById($"record-action-{key}") ?? throw new InvalidOperationException($"No action “{key}” on the page.");
        Assert.True(button.HasAttribute("disabled"), $"“{key}” is not disabled.");
        var reason = page.GetElementById(button.GetAttribute("aria-describedby") ?? "") ?? throw new InvalidOperationException($"“{key}” has no reason.");
        return reason.TextContent.Trim();
    }

    public IElement? Element(string id) => page.GetElementById(id);
}
