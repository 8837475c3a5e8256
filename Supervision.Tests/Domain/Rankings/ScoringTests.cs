using Supervision.Domain.Rankings;

namespace Supervision.Tests.Domain.Rankings;

public class ScoringTests
{
    public static RankingIndicator Rate(double weight = 30) => new()
    {
        Code = "RN-RATE", Name = "实名率", Unit = "%", Direction = IndicatorDirection.HigherIsBetter, Normalization = IndicatorNormalization.Target,
        Aggregate = IndicatorAggregate.Ratio, Scale = 100, Target = 100, Pass = 95, Zero = 90, Weight = weight, Required = true,
    };

    public static RankingIndicator Reader(double weight = 15) => new()
    {
        Code = "RN-READER", Name = "读卡器+联网核验率", Unit = "%", Direction = IndicatorDirection.HigherIsBetter, Normalization = IndicatorNormalization.Target,
        Aggregate = IndicatorAggregate.Ratio, Scale = 100, Target = 100, Pass = 99, Zero = 95, Weight = weight,
    };

    public static RankingIndicator Manual(double weight = 10) => new()
    {
        Code = "RN-MANUAL", Name = "人工录入率", Unit = "‱", Direction = IndicatorDirection.LowerIsBetter, Normalization = IndicatorNormalization.Target,
        Aggregate = IndicatorAggregate.Ratio, Scale = 10_000, Target = 0, Pass = 10, Zero = 100, Weight = weight,
    };

    public static RankingIndicator Legacy(double weight = 10) => new()
    {
        Code = "RN-LEGACY", Name = "未实名老用户数", Unit = "户", Direction = IndicatorDirection.LowerIsBetter, Normalization = IndicatorNormalization.MinMax,
        Aggregate = IndicatorAggregate.Sum, Weight = weight,
    };

    private static IndicatorReading Got(double value) => new(IndicatorStatus.Reported, value, value, 1);
    private static readonly IndicatorReading Missing = new(IndicatorStatus.NotReported, null, 0, 0);
    private static readonly IndicatorReading Nothing = new(IndicatorStatus.NotApplicable, null, 0, 0);

    private static ScoringEntity E(int id, string name, params (string Code, IndicatorReading Reading)[] readings) =>
        new(id, name, "基础电信企业", id, readings.ToDictionary(r => r.Code, r => r.Reading));

    [Theory]
    [InlineData(100.0, 100.0)]
    [InlineData(99.9999, 99.9992)]
    [InlineData(97.5, 80.0)]
    [InlineData(95.0, 60.0)]
    [InlineData(92.5, 30.0)]
    [InlineData(90.0, 0.0)]
    [InlineData(85.0, 0.0)]
    public void A_higher_is_better_rate_earns_points_by_its_distance_to_the_target(double value, double points) =>
        Assert.Equal(points, Rate().Points(value, 0, 0), 3);

    [Theory]
    [InlineData(0.0, 100.0)]
    [InlineData(5.0, 80.0)]
    [InlineData(10.0, 60.0)]
    [InlineData(55.0, 30.0)]
    [InlineData(100.0, 0.0)]
    [InlineData(250.0, 0.0)]
    public void A_lower_is_better_rate_mirrors_it(double value, double points) =>
        Assert.Equal(points, Manual().Points(value, 0, 0), 3);

    [Fact]
    public void Min_max_compares_within_the_set_and_an_all_equal_set_scores_full_marks()
    {
        var legacy = Legacy();
        Assert.Equal(100, legacy.Points(100, best: 100, worst: 500));
        Assert.Equal(0, legacy.Points(500, best: 100, worst: 500));
        Assert.Equal(50, legacy.Points(300, best: 100, worst: 500));
        Assert.Equal(100, legacy.Points(300, best: 300, worst: 300));
    }

    [Fact]
    public void Equal_scores_share_a_rank_and_the_next_rank_skips()
    {
        var ranked = RankingScorer.Rank([Rate()],
        [
            E(1, "甲", ("RN-RATE", Got(97.5))), E(2, "乙", ("RN-RATE", Got(99))), E(3, "丙", ("RN-RATE", Got(97.5))), E(4, "丁", ("RN-RATE", Got(95))),
        ]);
        Assert.Equal(["乙", "甲", "丙", "丁"], ranked.Select(r => r.Entity.Name));
        Assert.Equal([1, 2, 2, 4], ranked.Select(r => r.Rank));
        Assert.Equal([false, true, true, false], ranked.Select(r => r.Tied));
        Assert.Equal([92.0, 80.0, 80.0, 60.0], ranked.Select(r => r.Score!.Value));
    }

    [Fact]
    public void Scores_equal_after_rounding_to_two_decimals_are_a_tie()
    {
        // 97.5 → 80 points; 97.5004 → 80.0032 → 80.00.
        var ranked = RankingScorer.Rank([Rate()], [E(1, "甲", ("RN-RATE", Got(97.5004))), E(2, "乙", ("RN-RATE", Got(97.5)))]);
        Assert.Equal([1, 1], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void A_company_without_its_required_figures_is_listed_last_with_the_reason_not_skipped()
    {
        var ranked = RankingScorer.Rank([Rate(), Reader()],
        [
            E(1, "甲", ("RN-RATE", Missing), ("RN-READER", Missing)) with { Reason = "本期实名制月报已报送，待受理" },
            E(2, "乙", ("RN-RATE", Got(96)), ("RN-READER", Got(100))),
            E(3, "丙"),
            E(4, "丁", ("RN-RATE", Got(99)), ("RN-READER", Got(99))),
        ]);
        Assert.Equal(["丁", "乙", "甲", "丙"], ranked.Select(r => r.Entity.Name));
        Assert.Equal([RankingOutcome.Scored, RankingOutcome.Scored, RankingOutcome.NotReported, RankingOutcome.NoData], ranked.Select(r => r.Outcome));
        Assert.Equal([1, 2, 3, 3], ranked.Select(r => r.Rank));
        Assert.Equal("本期实名制月报已报送，待受理", ranked[2].Reason);
        Assert.Null(ranked[2].Score);
        Assert.Equal("本期无数据", ranked[3].Reason);
    }

    [Fact]
    public void An_optional_indicator_owed_but_missing_scores_zero_and_one_that_does_not_apply_is_left_out()
    {
        var ranked = RankingScorer.Rank([Rate(30), Reader(15), Manual(10)],
        [
            E(1, "未报核验", ("RN-RATE", Got(100)), ("RN-READER", Missing), ("RN-MANUAL", Got(0))),
            E(2, "无新入网", ("RN-RATE", Got(100)), ("RN-READER", Nothing), ("RN-MANUAL", Nothing)),
        ]);
        var missing = ranked.Single(r => r.Entity.Id == 1);
        Assert.Equal(Math.Round(100 * 40 / 55.0, 2), missing.Score);
        var reader = missing.Breakdown.Single(b => b.Indicator.Code == "RN-READER");
        Assert.Equal((0.0, 15 / 55.0), (reader.Points!.Value, reader.Share));
        Assert.Equal("未报送，按0分计", reader.Note);

        var idle = ranked.Single(r => r.Entity.Id == 2);
        Assert.Equal(100, idle.Score);
        Assert.Equal(1.0, idle.Breakdown.Single(b => b.Indicator.Code == "RN-RATE").Share);
        Assert.All(idle.Breakdown.Where(b => b.Indicator.Code != "RN-RATE"), b => Assert.Null(b.Points));
    }

    [Fact]
    public void Changing_the_weights_changes_the_order()
    {
        ScoringEntity[] entities =
        [
            E(1, "实名好", ("RN-RATE", Got(100)), ("RN-READER", Got(98))),   // rate 100 points, reader 45
            E(2, "核验好", ("RN-RATE", Got(96)), ("RN-READER", Got(100))),   // rate 68 points, reader 100
        ];
        var byRate = RankingScorer.Rank([Rate(30), Reader(15)], entities);
        Assert.Equal("实名好", byRate[0].Entity.Name);
        Assert.Equal(Math.Round((100 * 30 + 45 * 15) / 45.0, 2), byRate[0].Score);

        var byReader = RankingScorer.Rank([Rate(5), Reader(40)], entities);
        Assert.Equal("核验好", byReader[0].Entity.Name);
        Assert.Equal(Math.Round((68 * 5 + 100 * 40) / 45.0, 2), byReader[0].Score);
    }

    [Fact]
    public void A_zero_weight_indicator_is_shown_in_the_breakdown_but_does_not_count()
    {
        var ranked = RankingScorer.Rank([Rate(30), Legacy(0)], [E(1, "甲", ("RN-RATE", Got(95)), ("RN-LEGACY", Got(1200)))]);
        Assert.Equal(60, ranked[0].Score);
        var legacy = ranked[0].Breakdown.Single(b => b.Indicator.Code == "RN-LEGACY");
        Assert.Equal(((double?)null, 0.0, "仅作参考，不计分"), (legacy.Points, legacy.Share, legacy.Note));
    }

    [Fact]
    public void Indicator_settings_are_checked_before_they_are_saved()
    {
        Assert.Empty(Rate().Validate());
        Assert.Empty(Manual().Validate());
        var wrongWay = Rate();
        wrongWay.Zero = 100.5;
        Assert.Contains("零分值应低于目标值", string.Join(" ", wrongWay.Validate()));
        var pass = Manual();
        pass.Pass = 150;
        Assert.Contains("及格值", string.Join(" ", pass.Validate()));
        var weight = Reader();
        weight.Weight = -1;
        Assert.Contains("权重", string.Join(" ", weight.Validate()));
    }

    [Fact]
    public void The_method_text_states_every_weight_and_mark()
    {
        var method = string.Join("\n", RankingMethod.Describe([Rate(), Manual()], RankingLevel.City));
        Assert.Contains("实名率（%，越高越好）：≥100得100分，95得60分，≤90得0分，其间线性；权重30", method);
        Assert.Contains("人工录入率（‱，越低越好）：≤0得100分，10得60分，≥100得0分", method);
        Assert.Contains("并列（如1、2、2、4）", method);
        Assert.Contains("地市分公司的各项指标取其省级公司该地市各渠道之和", method);
    }
}
