using ClosedXML.Excel;
using Supervision.Domain.Rankings;
using Supervision.Reports.Rankings;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Reports.Documents;

namespace Supervision.Tests.Reports.Rankings;

/// <summary>The ranking's Excel workbook and the one-page briefing, from a hand-made ranking.</summary>
public class RankingExportTests
{
    private static readonly string[] Names = ["宁夏移动", "宁夏联通", "宁夏电信", "宁夏广电", "京东通信（宁夏）", "蜗牛移动（宁夏）", "远特通信（宁夏）", "分享通信（宁夏）", "爱施德（宁夏）", "小米移动（宁夏）"];

    private static readonly RankingIndicator[] Indicators = [ScoringTests.Rate(), ScoringTests.Reader(), ScoringTests.Manual(), ScoringTests.Legacy(0)];

    public static ProvinceDashboard Dashboard()
    {
        double[] rates = [99.7, 99.6, 98.8, 95.4, 98.6, 97.8, 93.1, 98.2, 99.1, 99.6];
        var entities = Names.Select((n, i) => new ScoringEntity(i + 1, n, i < 4 ? "基础电信企业" : "移动通信转售企业", i, i is 3 or 6
            ? new Dictionary<string, IndicatorReading> { ["RN-RATE"] = new(IndicatorStatus.NotReported, null, 0, 0) }
            : new Dictionary<string, IndicatorReading>
            {
                ["RN-RATE"] = new(IndicatorStatus.Reported, rates[i], rates[i], 100), ["RN-READER"] = new(IndicatorStatus.Reported, 99.5, 995, 1000),
                ["RN-MANUAL"] = new(IndicatorStatus.Reported, i == 5 ? 40 : 0, 0, 1), ["RN-LEGACY"] = new(IndicatorStatus.Reported, 1000 * i, 1000 * i, 1),
            }, i is 3 or 6 ? "本期实名制月报逾期未报" : null)).ToList();
        var rows = RankingScorer.Rank(Indicators, entities).Select(r => new RankingRow(r.Entity.Id, r.Entity.Name, r.Entity.Group, r.Outcome, r.Rank, r.Tied,
            r.Rank + 1, false, r.Score, r.Reason, r.Breakdown)).ToList();
        var method = RankingMethod.Describe(Indicators, RankingLevel.Carrier);
        var table = new RankingTable(RankingLevel.Carrier, "宁夏企业排名", "2026-10", "2026-09", Indicators, rows, method);
        var cities = table with { Level = RankingLevel.City, Method = RankingMethod.Describe(Indicators, RankingLevel.City) };
        var months = Months.Span("2024-11", "2026-10");
        var trend = new Trend(Indicators[0], months,
        [
            new("宁夏全省", months.Select((_, i) => (double?)(97 + i * 0.1)).ToList(), IsAggregate: true),
            .. Names.Select((n, k) => new TrendSeries(n, months.Select((_, i) => k == 3 && i > 20 ? null : (double?)(95 + k * 0.4 + i * 0.05)).ToList())),
            new("目标值 100.00%", months.Select(_ => (double?)100).ToList(), IsTarget: true),
        ]);
        var heat = new HeatMap(Indicators[0], "2026-10", ["中国移动", "中国联通"], [new("银川市", "640100", [new HeatCell(11, 99.7, IndicatorStatus.Reported), new HeatCell(12, null, IndicatorStatus.NotReported)])]);
        return new ProvinceDashboard(1, "宁夏回族自治区", "宁夏回族自治区通信管理局", "2026-10", ["2026-10", "2026-09"], table, cities, heat, trend,
            [new ProvinceFigure(Indicators[0], IndicatorStatus.Reported, 99.35, 8, 10)]);
    }

    [Fact]
    public void The_briefing_is_one_page_with_top_and_bottom_charts_and_method()
    {
        var pdf = RankingBriefing.Render(Dashboard(), new DateOnly(2026, 11, 28));
        Assert.Equal(1, PdfReading.PageCount(pdf));
        var text = PdfReading.PageTexts(pdf)[0];
        foreach (var expected in new[] { "实名制落实情况排名简报（2026年10月）", "排名前三", "排名后三", "宁夏移动", "综合得分（2026年10月）", "实名率走势", "目标100.00%",
                     "未报送", "计算方法：", "宁夏广电、远特通信（宁夏）本期未参与评分", "99.35%（8/10家已受理）", "宁夏回族自治区通信管理局", "2026年11月28日印发" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void The_workbook_lists_every_entity_with_its_rank_points_and_reason_and_states_the_method()
    {
        var bytes = RankingWorkbook.Build(Dashboard(), new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        using var book = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal(["企业排名", "地市分公司排名", "热力图", "计算方法"], book.Worksheets.Select(s => s.Name));
        var sheet = book.Worksheet("企业排名");
        Assert.Contains("宁夏回族自治区电信企业实名制落实情况排名（2026年10月）", sheet.Cell(1, 1).GetString());
        Assert.Equal("实名率（%）", sheet.Cell(3, 7).GetString());
        Assert.Equal("得分（权重30）", sheet.Cell(4, 8).GetString());
        var first = 5;
        Assert.Equal(("1", "宁夏移动"), (sheet.Cell(first, 1).GetString(), sheet.Cell(first, 3).GetString()));
        Assert.Equal(99.7, sheet.Cell(first, 7).GetDouble(), 6);
        var rows = Enumerable.Range(first, 10).Select(r => (Rank: sheet.Cell(r, 1).GetString(), Name: sheet.Cell(r, 3).GetString(), Reason: sheet.Cell(r, 6 + 2 * Indicators.Length + 1).GetString())).ToList();
        Assert.Contains(rows, r => r.Rank == "未报送" && r.Name == "宁夏广电" && r.Reason == "本期实名制月报逾期未报");
        Assert.Equal(["未报送", "未报送"], rows.TakeLast(2).Select(r => r.Rank));
        Assert.Contains(rows, r => r.Rank.EndsWith("（并列）", StringComparison.Ordinal));     // 宁夏联通 and 小米移动: both 99.6
        var method = book.Worksheet("计算方法");
        Assert.Contains("并列（如1、2、2、4）", string.Join("\n", method.Column(1).CellsUsed().Select(c => c.GetString())));
        Assert.Contains(method.RowsUsed(), r => r.Cell(1).GetString() == "实名率" && r.Cell(8).GetDouble() == 30);
        Assert.Equal("未报送", book.Worksheet("热力图").Cell(4, 3).GetString());
    }

    [Fact]
    public void Counts_are_written_without_decimals_and_a_reference_only_indicator_without_a_score()
    {
        var penalties = new RankingIndicator
        {
            Code = "SUP-PENALTIES", Name = "行政处罚决定数", Unit = "件", Aggregate = IndicatorAggregate.Sum, Direction = IndicatorDirection.LowerIsBetter,
            Target = 0, Pass = 1, Zero = 5, Weight = 5, SortOrder = 90,
        };
        RankingIndicator[] indicators = [ScoringTests.Rate(), penalties, ScoringTests.Legacy(0)];
        var entities = new[] { (Name: "宁夏移动", Rate: 99.5, Decisions: 3.0), (Name: "宁夏联通", Rate: 99.1, Decisions: 0.0) }.Select((e, i) => new ScoringEntity(i + 1, e.Name, "基础电信企业", i,
            new Dictionary<string, IndicatorReading>
            {
                ["RN-RATE"] = new(IndicatorStatus.Reported, e.Rate, e.Rate, 100), ["SUP-PENALTIES"] = new(IndicatorStatus.Reported, e.Decisions, e.Decisions, 0),
                ["RN-LEGACY"] = new(IndicatorStatus.Reported, 1234, 1234, 0),
            })).ToList();
        var rows = RankingScorer.Rank(indicators, entities).Select(r => new RankingRow(r.Entity.Id, r.Entity.Name, r.Entity.Group, r.Outcome, r.Rank, r.Tied,
            null, false, r.Score, r.Reason, r.Breakdown)).ToList();
        var table = new RankingTable(RankingLevel.Carrier, "宁夏企业排名", "2026-10", "2026-09", indicators, rows, RankingMethod.Describe(indicators, RankingLevel.Carrier));
        using var book = new XLWorkbook(new MemoryStream(RankingWorkbook.Build(Dashboard() with { Carriers = table }, DateTimeOffset.UtcNow)));
        var sheet = book.Worksheet("企业排名");
        Assert.Equal("行政处罚决定数（件）", sheet.Cell(3, 9).GetString());
        var mobile = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == "宁夏移动");
        // Excel shows what the number format says: counts as whole numbers, rates with two decimals.
        Assert.Equal((3.0, "#,##0"), (mobile.Cell(9).GetDouble(), mobile.Cell(9).Style.NumberFormat.Format));
        Assert.Equal((1234.0, "#,##0"), (mobile.Cell(11).GetDouble(), mobile.Cell(11).Style.NumberFormat.Format));
        Assert.Equal((99.5, "0.00"), (mobile.Cell(7).GetDouble(), mobile.Cell(7).Style.NumberFormat.Format));
        Assert.Equal("得分（不计分）", sheet.Cell(4, 12).GetString());
        Assert.True(mobile.Cell(12).IsEmpty());                                      // 仅作参考: no score
        Assert.Contains("2家参与评分；", sheet.Cell(2, 1).GetString());
    }
}
