using Bunit;
using MudBlazor;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Shared;

namespace Supervision.Tests.Web.Layout;

/// <summary>
/// A filter select renders no options until a person reaches for it (docs/PERFORMANCE.md, National scale): closed, it
/// shows the chosen value's text; focused or opened, it has every option, and choosing one reports the value.
/// </summary>
public class LazySelectTests : MudTestContext
{
    private static readonly Dictionary<string, string> Templates = new() { ["RN-MONTHLY"] = "实名制落实情况月报", ["RN-QUARTERLY"] = "实名制季度报告", ["NS-MONTHLY"] = "网络安全月报" };

    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private IRenderedComponent<LazySelect<string>> Select(string? value, Action<string>? changed = null)
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<LazySelect<string>>(p => p
            .Add(c => c.Value, value)
            .Add(c => c.ValueChanged, v => changed?.Invoke(v))
            .Add(c => c.Options, Templates.Keys)
            .Add(c => c.Text, code => Templates[code])
            .Add(c => c.Label, "报表")
            .Add(c => c.Clearable, true)
            .AddUnmatched("id", "overview-template"));
    }

    [Fact]
    public void A_closed_select_shows_the_chosen_text_and_has_no_options()
    {
        var select = Select("RN-QUARTERLY");
        Assert.Empty(select.FindComponents<MudSelectItem<string>>());
        Assert.False(select.Instance.Loaded);
        var input = select.Find("input#overview-template");
        Assert.Equal("实名制季度报告", input.GetAttribute("value"));
        Assert.Contains("报表", select.Find("label").TextContent);
    }

    [Fact]
    public void Focusing_the_select_renders_every_option_and_choosing_one_reports_its_value()
    {
        string? chosen = null;
        var select = Select("RN-MONTHLY", v => chosen = v);
        select.Find("div").FocusIn();
        var items = select.FindComponents<MudSelectItem<string>>();
        Assert.Equal(Templates.Keys, items.Select(i => i.Instance.Value));
        Assert.True(select.Instance.Loaded);
        // The chosen value still reads as its text once the options are there.
        Assert.Equal("实名制落实情况月报", select.Find("input#overview-template").GetAttribute("value"));

        var mud = select.FindComponent<MudSelect<string>>();
        select.InvokeAsync(() => mud.Instance.OpenMenu());
        _popovers.WaitForAssertion(() => Assert.Contains("网络安全月报", _popovers.Markup));
        var option = _popovers.FindAll(".mud-list-item").Single(e => e.TextContent.Contains("网络安全月报"));
        option.Click();
        Assert.Equal("NS-MONTHLY", chosen);
    }

    [Fact]
    public void Opening_the_select_without_focus_renders_the_options_too()
    {
        var select = Select(null);
        var mud = select.FindComponent<MudSelect<string>>();
        select.InvokeAsync(() => mud.Instance.OpenMenu());
        select.WaitForAssertion(() => Assert.Equal(3, select.FindComponents<MudSelectItem<string>>().Count));
    }
}
