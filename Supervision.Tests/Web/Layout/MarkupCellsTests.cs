using Bunit;
using Microsoft.AspNetCore.Components;
using Supervision.Domain.Publicity;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Pages.Publicity;
using Supervision.Web.Components.Shared;

namespace Supervision.Tests.Web.Layout;

/// <summary>
/// Grid cells written as markup instead of components (docs/PERFORMANCE.md, National scale): they must show what the
/// components showed, with the classes that give MudBlazor's look, and put no component into the page's tree.
/// </summary>
public class MarkupCellsTests : MudTestContext
{
    private static AnnouncementRow Row(AnnouncementStatus status, bool late = false, DateOnly? withdrawBy = null, bool expired = false) =>
        new(1, AnnouncementKind.PenaltyDecision, "行政处罚决定公示", "某某通讯店", "宁通罚〔2026〕1号", status, new DateOnly(2026, 12, 1), null, null, withdrawBy, late, expired);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Cell(RenderFragment fragment) => Render(fragment);

    [Fact]
    public void A_late_draft_announcement_shows_its_status_and_that_it_is_late_as_chips_of_their_colours()
    {
        var cell = Cell(AnnouncementState.Chips(Row(AnnouncementStatus.Draft, late: true, expired: true)));
        var chips = cell.FindAll("div.mud-chip.status-chip");
        Assert.Equal([AnnouncementLabels.Status(AnnouncementStatus.Draft), "逾期未发布", "公示期满"], chips.Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-color-warning", chips[0].ClassName);
        Assert.Contains("mud-chip-color-error", chips[1].ClassName);
        Assert.Contains("mud-chip-color-default", chips[2].ClassName);
        Assert.Empty(cell.FindComponents<StatusChip>());
    }

    [Fact]
    public void A_published_announcement_due_for_withdrawal_says_by_when()
    {
        var chips = Cell(AnnouncementState.Chips(Row(AnnouncementStatus.Published, withdrawBy: new DateOnly(2026, 12, 31)))).FindAll("div.mud-chip");
        Assert.Equal(2, chips.Count);
        Assert.Contains("mud-chip-color-success", chips[0].ClassName);
        Assert.Contains("前撤回", chips[1].TextContent);
        Assert.Contains("mud-chip-color-warning", chips[1].ClassName);
    }

    [Fact]
    public void The_announcement_state_component_renders_the_same_chips()
    {
        var row = Row(AnnouncementStatus.Draft, late: true);
        var component = Render<AnnouncementState>(p => p.Add(c => c.Row, row));
        Assert.Equal(Cell(AnnouncementState.Chips(row)).Markup, component.Markup);
    }

    [Fact]
    public void A_cell_link_is_an_anchor_with_the_look_of_a_MudLink()
    {
        var a = Cell(PlainLink.To("/submissions/12", "月度实名制报表")).Find("a");
        Assert.Equal("/submissions/12", a.GetAttribute("href"));
        Assert.Equal("月度实名制报表", a.TextContent);
        Assert.Contains("mud-link", a.ClassList);
        Assert.Contains("mud-primary-text", a.ClassList);
    }

    [Fact]
    public void A_code_shows_as_small_grey_text_and_nothing_when_there_is_none()
    {
        Assert.Equal("CMCC-64", Cell(CodeText.Markup("CMCC-64")).Find("code.code-text").TextContent);
        Assert.Empty(Cell(CodeText.Markup(null)).FindAll("code"));
    }
}
