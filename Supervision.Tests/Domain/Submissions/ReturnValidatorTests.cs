using Supervision.Domain.Submissions;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

public class ReturnValidatorTests
{
    private static List<ValidationIssue> Validate(ParsedReturn parsed, ValidationContext? context = null)
    {
        ReturnValidator.Validate(parsed, context ?? Context());
        return parsed.Issues;
    }

    [Fact]
    public void A_consistent_return_has_no_errors_and_no_flags() => Assert.Empty(Validate(ValidRnMonthly()));

    [Fact]
    public void The_seeded_templates_are_valid_definitions()
    {
        Assert.Empty(RnMonthly.Validate());
        Assert.Empty(LogQuarterly.Validate());
        Assert.Empty(SelfAnnual.Validate());
    }

    [Fact]
    public void Registered_above_subscribers_is_an_error_at_the_registered_cell()
    {
        var parsed = ValidRnMonthly();
        var v = Values(parsed, "汇总", 2);
        v[Col(parsed, "汇总", "Registered")] = 1200L;
        var issue = Assert.Single(Validate(parsed), i => i.Code == "REGISTERED_ABOVE_SUBSCRIBERS");
        Assert.Equal(("汇总", 6, "D"), (issue.Sheet, issue.Row, issue.Column));
        Assert.Contains("已实名用户数1200", issue.Message);
        // The same cell also unbalances registered + legacy = subscribers.
        Assert.Contains(parsed.Issues, i => i.Code == "SUBSCRIBERS_UNBALANCED" && i.Row == 6 && i.Column == "C");
    }

    [Fact]
    public void Every_rule_violation_is_collected_not_just_the_first()
    {
        var parsed = ValidRnMonthly();
        foreach (var index in new[] { 0, 5, 9 })
            Values(parsed, "汇总", index)[Col(parsed, "汇总", "ReaderVerified")] = 41L;
        var errors = Validate(parsed).Where(i => i.Code == "READER_ABOVE_NEW").ToList();
        Assert.Equal([4, 9, 13], errors.Select(e => e.Row));
    }

    [Fact]
    public void Duplicate_city_and_channel_rows_point_back_to_the_first()
    {
        var parsed = ValidRnMonthly();
        var summary = parsed.Sheets["汇总"];
        summary.Rows.Add(summary.Rows[0] with { RowNumber = 40 });
        var dup = Assert.Single(Validate(parsed), i => i.Code == "SUMMARY_DUPLICATE");
        Assert.Equal(40, dup.Row);
        Assert.Contains("与第4行重复", dup.Message);
    }

    [Fact]
    public void A_missing_city_is_reported_for_the_sheet()
    {
        var parsed = ValidRnMonthly();
        parsed.Sheets["汇总"].Rows.RemoveAll(r => (string)r.Values[0]! == "640500");
        parsed.Sheets["网点明细"].Rows.RemoveAll(r => (string)r.Values[2]! == "640500");
        var issue = Assert.Single(Validate(parsed));
        Assert.Equal(("SUMMARY_CITY_MISSING", 0, "—"), (issue.Code, issue.Row, issue.Cell));
        Assert.Contains("640500", issue.Message);
    }

    [Fact]
    public void Outlet_totals_must_match_the_summary_per_city_and_channel()
    {
        var parsed = ValidRnMonthly();
        Values(parsed, "网点明细", 0)[Col(parsed, "网点明细", "NewActivations")] = 26L;
        Values(parsed, "网点明细", 0)[Col(parsed, "网点明细", "ReaderVerified")] = 26L;
        var issues = Validate(parsed).Where(i => i.Code == "OUTLET_TOTALS_MISMATCH").ToList();
        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(("汇总", 4), (i.Sheet, i.Row)));
        Assert.Contains(issues, i => i.Column == "H" && i.Message.Contains("汇总为40") && i.Message.Contains("合计为41"));
    }

    [Fact]
    public void Manual_entries_and_a_low_real_name_rate_are_flags_not_errors()
    {
        var parsed = ValidRnMonthly();
        var summary = Values(parsed, "汇总", 0);
        summary[Col(parsed, "汇总", "ReaderVerified")] = 38L;
        summary[Col(parsed, "汇总", "ManualEntries")] = 2L;
        summary[Col(parsed, "汇总", "Registered")] = 900L;
        summary[Col(parsed, "汇总", "UnregisteredLegacy")] = 100L;
        var outlet = Values(parsed, "网点明细", 0);
        outlet[Col(parsed, "网点明细", "ReaderVerified")] = 23L;
        outlet[Col(parsed, "网点明细", "ManualEntries")] = 2L;
        var issues = Validate(parsed);
        Assert.DoesNotContain(issues, i => i.Kind == IssueKind.Error);
        Assert.Contains(issues, i => i.Kind == IssueKind.Flag && i.Code == "FLAG_MANUAL_ENTRY" && i.Message.Contains("2户"));
        Assert.Contains(issues, i => i.Kind == IssueKind.Flag && i.Code == "FLAG_LOW_REALNAME_RATE" && i.Message.Contains("90.00%"));
        Assert.DoesNotContain(issues, i => i.Code == "FLAG_REALNAME_BELOW_TARGET" && i.Row == 4); // one tier per row
    }

    [Fact]
    public void A_rate_below_the_100_percent_target_is_noted_and_below_95_is_serious()
    {
        var parsed = ValidRnMonthly();
        void Rate(int index, long registered)
        {
            Values(parsed, "汇总", index)[Col(parsed, "汇总", "Registered")] = registered;
            Values(parsed, "汇总", index)[Col(parsed, "汇总", "UnregisteredLegacy")] = 1000L - registered;
        }
        Rate(0, 999L);
        Rate(1, 950L);
        Rate(2, 949L);
        var issues = Validate(parsed);
        Assert.DoesNotContain(issues, i => i.Kind == IssueKind.Error);
        Assert.Equal([(4, "FLAG_REALNAME_BELOW_TARGET"), (5, "FLAG_REALNAME_BELOW_TARGET"), (6, "FLAG_LOW_REALNAME_RATE")],
            issues.OrderBy(i => i.Row).Select(i => (i.Row, i.Code)));
        Assert.Contains("99.90%", issues[0].Message);
        Assert.Contains("严重", issues.Single(i => i.Row == 6).Message);
    }

    [Fact]
    public void Ids_over_the_one_carrier_limit_of_five_numbers_are_noted()
    {
        var parsed = ValidRnMonthly();
        Values(parsed, "汇总", 3)[Col(parsed, "汇总", "OverLimitIds")] = 4L;
        var issue = Assert.Single(Validate(parsed));
        Assert.Equal(("FLAG_OVER_LIMIT_IDS", 7, "K"), (issue.Code, issue.Row, issue.Column));
        Assert.Contains("本企业", issue.Message);
        Assert.Contains("超过5个", issue.Message);
    }

    [Theory]
    [InlineData("2026-03-15", false)]
    [InlineData("2026-04-01", false)] // April to September: six calendar months
    [InlineData("2026-04-02", true)]  // 182 days, but not six months
    [InlineData("2026-04-03", true)]  // 180 days: what the old day count accepted
    public void Log_retention_is_six_calendar_months_back_from_the_end_of_the_quarter(string earliest, bool flagged)
    {
        var parsed = new ParsedReturn(LogQuarterly);
        var sheet = Sheet(parsed, "日志留存", "2026-Q3", "CMCC-64");
        var row = new object?[sheet.Definition.Columns.Count];
        foreach (var (c, i) in sheet.Definition.Columns.Select((c, i) => (c, i)))
            row[i] = c.Field switch
            {
                "SystemName" => "WLAN认证平台", "LogType" => "WLAN认证日志", "RetentionDays" => 200L,
                "EarliestRecord" => DateOnly.Parse(earliest), "StorageLocation" => "省公司数据中心", "SampleCheckPassed" => "是", _ => null,
            };
        sheet.Rows.Add(new ParsedRow(4, row));
        var issues = Validate(parsed, Context("2026-Q3", frequency: Frequency.Quarterly)).Where(i => i.Code == "FLAG_SHORT_RETENTION").ToList();
        Assert.Equal(flagged, issues.Count == 1);
        if (flagged) Assert.Contains("应不晚于2026年4月1日", issues[0].Message);
    }

    [Fact]
    public void The_period_and_branch_written_in_the_file_must_be_those_uploaded_for()
    {
        var parsed = ValidRnMonthly(period: "2026-09", branch: "CUCC-64");
        var issues = Validate(parsed);
        Assert.Contains(issues, i => i.Code == "PERIOD_MISMATCH" && i.Cell == "D2" && i.Message.Contains("2026-09"));
        Assert.Contains(issues, i => i.Code == "BRANCH_MISMATCH" && i.Cell == "B2");
    }

    [Fact]
    public void Log_retention_below_180_days_and_a_failed_lookup_are_flags()
    {
        var parsed = new ParsedReturn(LogQuarterly);
        var sheet = Sheet(parsed, "日志留存", "2026-Q3", "CMCC-64");
        sheet.Rows.Add(new ParsedRow(4, ["NAT日志系统", "NAT地址转换日志", 200L, new DateOnly(2026, 3, 1), "银川机房", true]));
        sheet.Rows.Add(new ParsedRow(5, ["WLAN认证", "WLAN认证日志", 90L, new DateOnly(2026, 7, 1), "银川机房", false]));
        ReturnValidator.Validate(parsed, Context("2026-Q3", frequency: Frequency.Quarterly));
        Assert.DoesNotContain(parsed.Issues, i => i.Kind == IssueKind.Error);
        Assert.Equal(["FLAG_SHORT_RETENTION", "FLAG_SAMPLE_FAILED"], parsed.Issues.Select(i => i.Code));
        Assert.All(parsed.Issues, i => Assert.Equal(5, i.Row));
    }

    [Fact]
    public void Self_inspection_must_cover_every_item_and_explain_each_non_compliance()
    {
        var parsed = new ParsedReturn(SelfAnnual);
        var sheet = Sheet(parsed, "自查结果", "2026", "CMCC-64");
        sheet.Rows.Add(new ParsedRow(4, ["RN-01", "入网证件查验", "不符合", null, null]));
        ReturnValidator.Validate(parsed, Context("2026", frequency: Frequency.Annual));
        Assert.Contains(parsed.Issues, i => i.Code == "ITEM_MISSING" && i.Message.Contains("RN-02"));
        Assert.Contains(parsed.Issues, i => i.Code == "NARRATIVE_REQUIRED" && i.Cell == "D4");
        Assert.Contains(parsed.Issues, i => i.Code == "FLAG_SELF_NONCOMPLIANT");
    }
}
