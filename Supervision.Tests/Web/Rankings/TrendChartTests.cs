using System.Globalization;
using Bunit;
using Supervision.Domain.Rankings;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Pages.Rankings;

namespace Supervision.Tests.Web.Rankings;

/// <summary>The 24-month trend: a colour per line, an axis that fits, values on hover, the selected line highlighted.</summary>
public class TrendChartTests : MudTestContext
{
    private static readonly IReadOnlyList<string> Months24 = Months.Span("2024-11", "2026-10");

    private static Trend RateTrend(int companies)
    {
        var series = new List<TrendSeries> { new("宁夏全省", Months24.Select((_, i) => (double?)(99.2 + i * 0.01)).ToList(), IsAggregate: true) };
        for (var k = 0; k < companies; k++)
        {
            var company = k;
            series.Add(new($"企业{company + 1}", Months24.Select((_, i) => company == 2 && i is >= 5 and < 9 ? null : (double?)(99 + company * 0.05 + i * 0.02)).ToList()));
        }
        return new Trend(ScoringTests.Rate(), Months24, [.. series, new("目标值 100.00%", Months24.Select(_ => (double?)100).ToList(), IsTarget: true),
            new("及格线 95.00%", Months24.Select(_ => (double?)95).ToList(), IsTarget: true)]);
    }

    private IRenderedComponent<TrendChart> RenderChart(Trend trend, string? selected = null) =>
        Render<TrendChart>(p => p.Add(x => x.Trend, trend).Add(x => x.Height, 300).Add(x => x.Selected, selected));

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(16)]
    public void Every_line_has_its_own_colour_and_none_is_the_aggregates_or_the_targets(int companies)
    {
        var cut = RenderChart(RateTrend(companies));
        var lines = cut.FindAll("g.trend-line");
        Assert.Equal(companies + 1, lines.Count);
        var colours = lines.Select(l => l.GetAttribute("stroke")!.ToLowerInvariant()).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.Equal(RankingStyles.AggregateColor, lines.Single(l => l.ClassList.Contains("aggregate")).GetAttribute("stroke"));
        Assert.DoesNotContain(RankingStyles.TargetColor, colours);
        // The legend names each line in the line's colour.
        var legend = cut.FindAll("button.trend-legend-item");
        Assert.Equal(lines.Select(l => l.GetAttribute("data-series")), legend.Select(b => b.TextContent.Trim()));
        Assert.Equal(colours, legend.Select(b => Colour(b.QuerySelector(".trend-swatch")!.GetAttribute("style")!)));
    }

    [Fact]
    public void The_colours_stay_distinct_and_far_apart_for_many_lines()
    {
        var colours = RankingStyles.SeriesColors(60);
        Assert.Equal(60, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // The fixed colours most companies get are far apart from each other, from the aggregate's blue and the target's red.
        var fixedOnes = colours.Take(9).Append(RankingStyles.AggregateColor).Append(RankingStyles.TargetColor).ToList();
        foreach (var a in fixedOnes)
            foreach (var b in fixedOnes.Where(b => b != a))
                Assert.True(Distance(a, b) > 70, $"{a} and {b} look alike");
    }

    [Fact]
    public void The_axis_fits_the_data_with_ticks_and_gridlines_and_leaves_out_a_far_pass_mark()
    {
        var cut = RenderChart(RateTrend(3));
        Assert.All(cut.FindAll(".trend-tick"), t => Assert.EndsWith("%", t.TextContent, StringComparison.Ordinal)); // a rate's ticks say they are percentages
        var ticks = cut.FindAll(".trend-tick").Select(t => double.Parse(t.TextContent.TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(ticks.Count, 4, 8);
        Assert.True(ticks.Min() >= 98.5 && ticks.Min() <= 99, $"lowest tick {ticks.Min()} hugs the lowest value 99");
        Assert.Equal(100, ticks.Max());                                          // the target (100) is just above the data: in view
        Assert.Equal(ticks.Count, cut.FindAll("line.trend-grid:not(.trend-grid-x)").Count);
        Assert.Single(cut.FindAll("line.trend-reference.target"));
        Assert.Empty(cut.FindAll("line.trend-reference.pass"));                  // 95 would squash the lines into the top of the chart
        Assert.Contains("及格线 95.00%（不在图示范围内）", cut.Find(".trend-legend").TextContent);
        // Months in Chinese, at most six so they do not overlap on a phone, the year under the first and under each January.
        var labels = cut.FindAll(".trend-x > span").Select(x => x.TextContent).ToList();
        Assert.InRange(labels.Count, 2, 6);
        Assert.All(labels, l => Assert.Matches(@"^\d{1,2}月(20\d\d年)?$", l));
        Assert.EndsWith("年", labels[0], StringComparison.Ordinal);
        Assert.Equal("10月", labels[^1]);
    }

    [Fact]
    public void Hovering_a_month_shows_every_lines_value_there_and_a_gap_is_not_drawn_across()
    {
        var cut = RenderChart(RateTrend(3));
        var columns = cut.FindAll(".trend-column");
        Assert.Equal(24, columns.Count);
        var last = columns[^1];
        Assert.Equal("2026-10", last.GetAttribute("data-month"));
        var tip = last.QuerySelector(".trend-tip")!;
        Assert.Contains("2026年10月", tip.TextContent);
        var rows = tip.QuerySelectorAll(".trend-tip-row").Select(r => (r.QuerySelector(".trend-tip-name")!.TextContent, r.QuerySelector(".trend-tip-value")!.TextContent)).ToList();
        Assert.Contains(("宁夏全省", "99.43%"), rows);
        Assert.Contains(("企业1", "99.46%"), rows);
        Assert.Equal(4, rows.Count);
        // 企业3 reported nothing that month: no dot, "—" in the tip, and its line is broken there.
        Assert.Equal(3, columns[6].QuerySelectorAll(".trend-dot").Length);
        Assert.Equal("—", columns[6].QuerySelectorAll(".trend-tip-row").Single(r => r.TextContent.Contains("企业3")).QuerySelector(".trend-tip-value")!.TextContent);
        Assert.Equal(2, cut.FindAll("g.trend-line[data-series='企业3'] polyline").Count);
    }

    [Fact]
    public void The_selected_company_is_highlighted_the_others_faded_and_the_legend_changes_it()
    {
        var cut = RenderChart(RateTrend(3), selected: "企业2");
        Assert.Contains("selected", Line(cut, "企业2").ClassList);
        Assert.All(cut.FindAll("g.trend-line").Where(l => l.GetAttribute("data-series") != "企业2"), l => Assert.Contains("faded", l.ClassList));

        cut.FindAll("button.trend-legend-item").Single(b => b.TextContent.Trim() == "企业3").Click();
        Assert.Contains("selected", Line(cut, "企业3").ClassList);
        Assert.Contains("faded", Line(cut, "企业2").ClassList);
        Assert.Equal("true", cut.FindAll("button.trend-legend-item").Single(b => b.TextContent.Trim() == "企业3").GetAttribute("aria-pressed"));

        cut.FindAll("button.trend-legend-item").Single(b => b.TextContent.Trim() == "企业3").Click();   // again: nothing selected
        Assert.Empty(cut.FindAll("g.trend-line.faded"));
    }

    [Fact]
    public void A_count_is_charted_in_whole_numbers()
    {
        var penalties = new RankingIndicator { Code = "SUP-PENALTIES", Name = "行政处罚决定数", Unit = "件", Weight = 5, Target = 0, Pass = 1, Zero = 5, Direction = IndicatorDirection.LowerIsBetter };
        var trend = new Trend(penalties, Months24, [new("宁夏全省", Months24.Select((_, i) => (double?)(i % 3)).ToList(), IsAggregate: true),
            new("宁夏移动", Months24.Select((_, i) => (double?)(i % 2)).ToList())]);
        var cut = RenderChart(trend);
        Assert.All(cut.FindAll(".trend-tick"), t => Assert.Matches(@"^\d+$", t.TextContent));
        Assert.Equal("2件", cut.FindAll(".trend-column")[2].QuerySelectorAll(".trend-tip-value")[0].TextContent);
    }

    [Theory]
    [InlineData(new[] { 99.2, 99.8 }, false, 99.2, 99.8)]
    [InlineData(new[] { 0.0, 3.0 }, true, 0, 3)]
    [InlineData(new[] { 12.0, 12.0 }, true, 11, 13)]
    [InlineData(new[] { 0.4, 61.7 }, false, 0, 80)]
    public void The_scale_covers_the_values_in_round_steps(double[] values, bool whole, double min, double max)
    {
        var scale = ChartScale.Fit(values, whole);
        Assert.Equal((min, max), (scale.Min, scale.Max));
        Assert.All(values, v => Assert.True(scale.Contains(v)));
        if (whole) Assert.Equal(0, scale.Step % 1);
    }

    private static AngleSharp.Dom.IElement Line(IRenderedComponent<TrendChart> cut, string name) => cut.Find($"g.trend-line[data-series='{name}']");

    private static string Colour(string style) => style.Split("background:")[1].Trim().TrimEnd(';').ToLowerInvariant();

    private static double Distance(string a, string b)
    {
        int C(string hex, int i) => Convert.ToInt32(hex.Substring(1 + i * 2, 2), 16);
        return Math.Sqrt(Enumerable.Range(0, 3).Sum(i => Math.Pow(C(a, i) - C(b, i), 2)));
    }
}
