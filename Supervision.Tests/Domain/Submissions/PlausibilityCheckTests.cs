using Supervision.Domain.Submissions;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>Each kind of plausibility check fires beyond its bound and stays silent on it, and with too little to compare.</summary>
public class PlausibilityCheckTests
{
    private static PlausibilityCheck Change(decimal threshold, string measure = "Relative", string? direction = null, string? denominator = null) =>
        new(PlausibilityCheck.Change, "C", "汇总", "Subscribers", "在网用户数", denominator, threshold, measure, direction);

    [Theory]
    [InlineData(1250, false)]
    [InlineData(1251, true)]
    [InlineData(750, false)]
    [InlineData(749, true)]
    public void A_relative_change_fires_beyond_its_share_of_the_last_accepted_value(int value, bool fires) =>
        Assert.Equal(fires, Change(0.25m).Judge(value, [1000m, 5000m], []) is not null);

    [Fact]
    public void A_change_check_limited_to_rises_lets_falls_pass_and_is_silent_without_history_or_from_zero()
    {
        Assert.Null(Change(0.25m, direction: "Up").Judge(100, [1000m], []));
        Assert.NotNull(Change(0.25m, direction: "Up").Judge(1300, [1000m], []));
        Assert.Null(Change(0.25m).Judge(1_000_000, [], []));
        Assert.Null(Change(0.25m).Judge(1_000_000, [0m], []));
    }

    [Theory]
    [InlineData(96, false)]
    [InlineData(95.99, true)]
    [InlineData(100, false)]
    public void A_rate_drop_is_measured_in_points(decimal rate, bool fires)
    {
        var check = Change(2, "Absolute", "Down", denominator: "Registered");
        var expected = check.Judge(rate, [98m], []);
        Assert.Equal(fires, expected is not null);
        if (fires) Assert.Equal("上期98，变化不超过2%（不低于96%）", expected);
    }

    [Fact]
    public void The_figure_of_a_rate_is_in_percent_and_absent_when_the_denominator_is_zero()
    {
        var check = new PlausibilityCheck(PlausibilityCheck.Change, "R", "汇总", "Registered", "实名率", "Subscribers", 2, "Absolute");
        Assert.Equal(98.5m, check.FigureOf(new FigureRow(4, "k", new Dictionary<string, decimal> { ["Registered"] = 985, ["Subscribers"] = 1000 })));
        Assert.Null(check.FigureOf(new FigureRow(4, "k", new Dictionary<string, decimal> { ["Registered"] = 0, ["Subscribers"] = 0 })));
    }

    [Fact]
    public void A_robust_z_score_fires_beyond_its_band_and_is_silent_below_the_minimum_history()
    {
        var check = new PlausibilityCheck(PlausibilityCheck.History, "H", "汇总", "Subscribers", Threshold: 3.5m, MinHistory: 6);
        decimal[] history = [100, 102, 98, 101, 99, 100]; // median 100, MAD 1: band 3.5 × 1.4826 = 5.1891
        Assert.Null(check.Judge(105.18m, history, []));
        Assert.NotNull(check.Judge(105.19m, history, []));
        Assert.NotNull(check.Judge(94.8m, history, []));
        Assert.Null(check.Judge(1_000m, history[..5], []));
    }

    [Fact]
    public void A_flat_history_fires_only_beyond_the_tolerance()
    {
        decimal[] flat = [100, 100, 100, 100, 100, 100];
        Assert.Null(new PlausibilityCheck(PlausibilityCheck.History, "H", "汇总", "Subscribers", Threshold: 3.5m).Judge(500, flat, []));
        var tolerant = new PlausibilityCheck(PlausibilityCheck.History, "H", "汇总", "Subscribers", Threshold: 3.5m, Tolerance: 10);
        Assert.Null(tolerant.Judge(110, flat, []));
        Assert.NotNull(tolerant.Judge(110.01m, flat, []));
    }

    [Fact]
    public void Peers_bound_by_their_spread_or_a_multiple_of_their_median_and_need_enough_of_them()
    {
        var mad = new PlausibilityCheck(PlausibilityCheck.Peers, "P", "汇总", "ManualEntries", "人工录入率", "NewActivations", 5, "Mad", "Up", Tolerance: 5, MinPeers: 3);
        Assert.Null(mad.Judge(5, [], [0, 0, 0]));
        Assert.NotNull(mad.Judge(5.01m, [], [0, 0, 0]));
        Assert.Null(mad.Judge(50, [], [0, 0]));
        Assert.Null(mad.Judge(0, [], [9, 10, 11]));

        var ratio = new PlausibilityCheck(PlausibilityCheck.Peers, "P", "汇总", "ManualEntries", Threshold: 2, Measure: "Ratio", Direction: "Up");
        Assert.Null(ratio.Judge(20, [], [10, 10, 10]));
        Assert.Equal("全省3家同类单位的合理范围不高于20", ratio.Judge(20.01m, [], [10, 10, 10]));
    }

    [Fact]
    public void Evaluate_matches_rows_by_their_key_names_the_cell_and_gives_the_history_oldest_first()
    {
        var template = RnMonthly with { Checks = [Change(0.25m) with { Code = "PLAUS_SUBSCRIBERS_CHANGE" }] };
        static ReturnFigures Figures(params (string Key, int Row, decimal Subscribers)[] rows) =>
            new(new Dictionary<string, FigureSheet>
            {
                ["汇总"] = new(rows.ToDictionary(r => r.Key, r => new FigureRow(r.Row, r.Key, new Dictionary<string, decimal> { ["Subscribers"] = r.Subscribers })),
                    new Dictionary<string, string> { ["Subscribers"] = "C" }),
            });
        var current = Figures(("640100/自有营业厅", 4, 2000), ("640100/专营店", 5, 1000));
        // Rows in another order last period: matched by key, not position.
        var last = Figures(("640100/专营店", 9, 1000), ("640100/自有营业厅", 8, 1000));
        var before = Figures(("640100/自有营业厅", 4, 900));

        var finding = Assert.Single(PlausibilityRules.Evaluate(template, current, [last, before], []));

        Assert.Equal(("汇总!C4", "640100/自有营业厅", "PLAUS_SUBSCRIBERS_CHANGE", 2000m), (finding.Key, finding.Row, finding.Check, finding.Value));
        Assert.Equal([900m, 1000m], finding.History);
        Assert.Equal("上期1,000，变化不超过25%（750至1,250）", finding.Expected);
    }

    [Fact]
    public void A_flagged_cell_is_unexplained_until_its_text_is_not_blank()
    {
        var finding = new PlausibilityFinding("汇总", "C4", "k", "C", PlausibilityCheck.Change, "在网用户数", 2000, "2,000", "…", []);
        Assert.Single(PlausibilityRules.Unexplained([finding], null));
        Assert.Single(PlausibilityRules.Unexplained([finding], new Dictionary<string, string> { ["汇总!C4"] = "  " }));
        Assert.Empty(PlausibilityRules.Unexplained([finding], new Dictionary<string, string> { ["汇总!C4"] = "撤并营业厅" }));
    }

    [Fact]
    public void The_seeded_checks_are_valid_and_bad_ones_are_refused_in_chinese_naming_the_check()
    {
        Assert.Equal(5, RnMonthly.Checks!.Count);
        Assert.Empty(RnMonthly.Validate());
        var bad = RnMonthly with
        {
            Checks =
            [
                new PlausibilityCheck(PlausibilityCheck.Change, "PLAUS_A", "汇总", "Channel", "渠道", Threshold: 0.2m),
                new PlausibilityCheck(PlausibilityCheck.Peers, "PLAUS_B", "汇总", "ManualEntries", "人工录入率", "NewActivations", 0.5m, "Ratio"),
                new PlausibilityCheck(PlausibilityCheck.History, "PLAUS_B", "汇总", "Subscribers", "在网用户数", Threshold: 0, MinHistory: 2),
                new PlausibilityCheck("Guess", "PLAUS_C", "汇总", "Subscribers", "在网用户数", Threshold: 1),
            ],
        };
        var problems = bad.Validate();
        Assert.Contains("第1项合理性检查「渠道」：检查的数据项「渠道类型」应为数量、数值或百分比类型。", problems);
        Assert.Contains("第2项合理性检查「人工录入率」：中位数倍数须大于1。", problems);
        Assert.Contains("第3项合理性检查「在网用户数」：阈值须大于0。", problems);
        Assert.Contains("第3项合理性检查「在网用户数」：最少历史期数应在3至12之间。", problems);
        Assert.Contains("第3项合理性检查「在网用户数」：编码与其他规则或检查相同，编码须唯一。", problems);
        Assert.Contains(problems, p => p.StartsWith("第4项合理性检查「在网用户数」：检查方式应为", StringComparison.Ordinal));
    }
}
