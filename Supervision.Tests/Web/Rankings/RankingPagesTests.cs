using AngleSharp.Html.Parser;
using ClosedXML.Excel;
using Supervision.Domain.Access;
using Supervision.Domain.Rankings;
using Supervision.Reports.Rankings;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Web.Rankings;

/// <summary>
/// Over HTTP, as each role opens the pages: 宁夏 with two of its ten companies accepted for September. The rank and the
/// number scored read the same on the carrier's page, the company page, the dashboard and the exported workbook.
/// </summary>
public class RankingPagesTests(Portal portal) : IClassFixture<Portal>, IAsyncLifetime
{
    private const string Period = "2026-09";

    public async Task InitializeAsync()
    {
        await using (var db = portal.Db())
            if (db.Submissions.Any()) return;
        await FileAndAcceptAsync(portal, "CMCC-64", Period, new RnRow(1000, 995, 5));
        await FileAndAcceptAsync(portal, "CUCC-64", Period, new RnRow(1000, 985, 15));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string url) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(url));

    private static string Text(AngleSharp.Dom.IDocument page, string id) =>
        (page.GetElementById(id) ?? throw new InvalidOperationException($"No #{id} on the page.")).TextContent.Trim();

    [Fact]
    public async Task Rank_and_participant_count_agree_across_the_carrier_page_company_page_dashboard_and_workbook()
    {
        var (unicom, provinceId, _) = await BranchAsync(portal, "CUCC-64");
        var dashboard = await Service<RankingService>(portal, AccessScope.ForProvince(provinceId, true, UserRole.Leader)).ProvinceAsync(null, Period);
        var row = dashboard.Carriers.Rows.Single(r => r.EntityId == unicom);
        Assert.Equal(("第2名 / 共2家", "2家参与评分（共10家）"), (dashboard.Carriers.StandingOf(row).RankText, dashboard.Carriers.Participation));

        var carrierPage = await PageAsync(await portal.AsAsync("carrier.cucc.nx"), $"/rankings/mine?period={Period}");
        Assert.Equal("第2名 / 共2家", Text(carrierPage, "own-rank"));
        Assert.Contains("2家参与评分（共10家）", carrierPage.QuerySelector(".own-position")!.TextContent);

        var leader = await portal.AsAsync("leader.nx");
        var companyPage = await PageAsync(leader, $"/rankings/branches/{unicom}?period={Period}");
        Assert.Equal("第2名 / 共2家", Text(companyPage, "entity-rank"));
        Assert.Contains("2家参与评分（共10家）", companyPage.Body!.TextContent);

        var dashboardPage = await PageAsync(leader, $"/rankings?period={Period}");
        Assert.Contains("2家参与评分（共10家）", Text(dashboardPage, "ranking-figures"));

        using var book = new XLWorkbook(new MemoryStream(RankingWorkbook.Build(dashboard, DateTimeOffset.UtcNow)));
        var sheet = book.Worksheet("企业排名");
        Assert.Contains("2家参与评分（共10家）", sheet.Cell(2, 1).GetString());
        var unicomRow = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == "宁夏联通");
        Assert.Equal("2", unicomRow.Cell(1).GetString());
        Assert.Equal(8, sheet.RowsUsed().Count(r => r.Cell(6).GetString() == "未报送"));   // the other eight: 共10家
    }

    [Fact]
    public async Task A_reference_only_indicator_shows_its_value_as_a_whole_count_and_no_score_on_the_page_and_in_the_workbook()
    {
        var (mobile, provinceId, _) = await BranchAsync(portal, "CMCC-64");
        var companyPage = await PageAsync(await portal.AsAsync("leader.nx"), $"/rankings/branches/{mobile}?period={Period}");
        var breakdown = companyPage.QuerySelectorAll(".score-breakdown tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .ToDictionary(cells => cells[0]);
        // 未实名老用户数 and 罚款金额 weigh 0 in the catalog: their value shows, no score.
        var legacy = breakdown["未实名老用户数"];
        Assert.Matches(@"^\d[\d,]*户$", legacy[1]);
        Assert.Equal(("—", "—", "仅作参考，不计分"), (legacy[3], legacy[4], legacy[^1]));

        var dashboard = await Service<RankingService>(portal, AccessScope.ForProvince(provinceId, true, UserRole.Leader)).ProvinceAsync(null, Period);
        using var book = new XLWorkbook(new MemoryStream(RankingWorkbook.Build(dashboard, DateTimeOffset.UtcNow)));
        var sheet = book.Worksheet("企业排名");
        var headers = sheet.Row(3).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var mobileRow = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == "宁夏移动");
        Assert.Equal("得分（不计分）", sheet.Cell(4, headers["未实名老用户数（户）"] + 1).GetString());
        Assert.True(mobileRow.Cell(headers["未实名老用户数（户）"] + 1).IsEmpty());
    }

    [Fact]
    public async Task The_ministry_lists_provinces_without_data_in_one_line()
    {
        var page = await PageAsync(await portal.AsAsync("ministry"), $"/rankings/ministry?period={Period}");
        var table = page.QuerySelector(".ranking-table")!;
        Assert.Single(table.QuerySelectorAll("tr.ranking-row"));                     // 宁夏, the only province with data
        var line = page.QuerySelectorAll(".ranking-nodata").Single();
        Assert.StartsWith("30个省份暂无报送数据：北京、", System.Text.RegularExpressions.Regex.Replace(line.TextContent, @"\s+", ""));
        Assert.Contains("广东", line.TextContent);
        Assert.Contains("1个省份参与评分（共31个省份）", page.Body!.TextContent);
    }
}
