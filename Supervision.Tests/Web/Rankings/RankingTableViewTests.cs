using Bunit;
using Supervision.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Reports.Rankings;
using Supervision.Web.Components.Pages.Rankings;

namespace Supervision.Tests.Web.Rankings;

public class RankingTableViewTests : MudTestContext
{
    private static readonly RankingTable Table = RankingExportTests.Dashboard().Carriers;

    private IRenderedComponent<RankingTableView> RenderTable() =>
        Render<RankingTableView>(p => p.Add(x => x.Table, Table).Add(x => x.Href, row => $"/rankings/branches/{row.EntityId}?period=2026-10"));

    private static void Toggle(IRenderedComponent<RankingTableView> cut, string name) =>
        cut.FindAll("tr.ranking-row").First(r => r.TextContent.Contains(name)).QuerySelector("button.toggle-breakdown")!.Click();

    private static List<string> Cells(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public void Rows_follow_the_ranking_with_shared_ranks_and_the_unscored_last_with_their_reason()
    {
        var cut = RenderTable();
        var rows = cut.FindAll("tr.ranking-row");
        Assert.Equal(10, rows.Count);
        Assert.Equal(["1", "2（并列）", "2（并列）", "4"], rows.Take(4).Select(r => Cells(r)[0]));
        Assert.Equal("宁夏移动", Cells(rows[0])[2]);
        var last = rows.TakeLast(2).ToList();
        Assert.All(last, r => Assert.Contains("ranking-unscored", r.ClassName));
        Assert.All(last, r => Assert.Equal("未报送", Cells(r)[0]));
        Assert.Contains("本期实名制月报逾期未报", last[0].TextContent);
        Assert.Equal("—", Cells(last[0])[4]);                                          // no score
    }

    [Fact]
    public void Each_row_shows_its_change_score_and_key_indicators_and_links_to_its_drill_down()
    {
        var cut = RenderTable();
        var headers = cut.FindAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["名次", "较上月", "单位", "类别", "总分", "实名率", "读卡器+联网核验率", "人工录入率", "说明", ""], headers);
        var first = cut.FindAll("tr.ranking-row")[0];
        var cells = Cells(first);
        Assert.Equal("↑1", cells[1]);                                                   // previous rank was 2
        Assert.Contains("rank-up", first.QuerySelectorAll("td")[1].ClassName);
        Assert.Equal(Table.Rows[0].Score!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), cells[4]);
        Assert.Equal("99.70%", cells[5]);
        Assert.Equal($"/rankings/branches/1?period=2026-10", first.QuerySelector("a.entity-link")!.GetAttribute("href"));
    }

    [Fact]
    public void The_score_breakdown_opens_under_its_row_with_every_indicator()
    {
        var cut = RenderTable();
        Assert.Empty(cut.FindAll("tr.breakdown-row"));
        Toggle(cut, "蜗牛移动");                                                         // manual entries 40‱
        var breakdown = cut.Find("tr.breakdown-row");
        Assert.Contains("蜗牛移动（宁夏）的得分构成（2026年10月）", breakdown.TextContent);
        var lines = breakdown.QuerySelectorAll(".score-breakdown tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["实名率", "读卡器+联网核验率", "人工录入率", "未实名老用户数"], lines.Select(l => l[0]));
        var manual = lines.Single(l => l[0] == "人工录入率");
        Assert.Equal(("40.00‱", "40.0"), (manual[1], manual[3]));                      // lower is better: 60 × (100 − 40) ÷ (100 − 10)
        Assert.Equal("仅作参考，不计分", lines.Single(l => l[0] == "未实名老用户数")[^1]);
        Toggle(cut, "蜗牛移动");
        Assert.Empty(cut.FindAll("tr.breakdown-row"));
    }
}
