using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// The checks of a whole template definition: each problem a Chinese sentence saying where it is (sheet, column, rule),
/// never a .NET exception; bad JSON with its line and position.
/// </summary>
public class TemplateCheckTests
{
    private static TemplateDefinition WithColumn(string sheet, string field, Func<ColumnDefinition, ColumnDefinition> change) => WithColumn(RnMonthly, sheet, field, change);

    private static TemplateDefinition WithColumn(TemplateDefinition t, string sheet, string field, Func<ColumnDefinition, ColumnDefinition> change) => t with
    {
        Sheets = t.Sheets.Select(s => s.Name != sheet ? s : s with { Columns = s.Columns.Select(c => c.Field == field ? change(c) : c).ToList() }).ToList(),
    };

    [Fact]
    public void The_seeded_templates_have_no_problems() =>
        Assert.All(new[] { RnMonthly, LogQuarterly, SelfAnnual }, t => Assert.Empty(t.Validate()));

    [Fact]
    public void Bounds_the_wrong_way_round_name_the_sheet_and_column()
    {
        var t = WithColumn("汇总", "Subscribers", c => c with { Min = 10, Max = 5 });
        Assert.Equal(["第1个工作表「汇总」第3列「在网用户数」：最小值大于最大值。"], t.Validate());
    }

    [Fact]
    public void Bounds_unit_and_lists_belong_to_the_column_types_that_use_them()
    {
        var t = WithColumn("网点明细", "OutletName", c => c with { Min = 1, Unit = "个" });
        t = WithColumn(t, "汇总", "Channel", c => c with { List = "渠道" });
        Assert.Equal(
        [
            "第1个工作表「汇总」第2列「渠道类型」：下拉列表「渠道」不存在。",
            "第2个工作表「网点明细」第2列「网点名称」：只有数量列可以设置上下限。",
            "第2个工作表「网点明细」第2列「网点名称」：只有数量列可以设置单位。",
        ], t.Validate());
    }

    [Fact]
    public void A_column_the_row_cannot_store_and_a_repeated_header_are_located()
    {
        var t = WithColumn("汇总", "Registered", c => c with { Header = "在网用户数" });
        t = WithColumn(t, "汇总", "OneWayStops", c => c with { Type = FieldType.Date });
        Assert.Equal(
        [
            "第1个工作表「汇总」第4列「在网用户数」：列名与第3列相同（上传时按列名识别各列）。",
            "第1个工作表「汇总」第6列「本月单停数」：存储字段“单向停机数”存不下“日期”类型的值。",
        ], t.Validate());
    }

    [Fact]
    public void Sheets_need_a_usable_unique_name()
    {
        // Without rules the plausibility checks would have no key to match rows by (a problem of their own).
        var t = RnMonthly with { Sheets = [RnMonthly.Sheets[0], RnMonthly.Sheets[1] with { Name = "汇总" }], Rules = [], Checks = null };
        Assert.Equal(["第2个工作表「汇总」：与第1个工作表重名。"], t.Validate());
        t = RnMonthly with { Sheets = [RnMonthly.Sheets[0], RnMonthly.Sheets[1] with { Name = "填报说明" }], Rules = [], Checks = null };
        Assert.Equal(["第2个工作表「填报说明」：名称已被生成的模板文件占用，请换一个名称。"], t.Validate());
        t = RnMonthly with { Sheets = [], Rules = [], Checks = null };
        Assert.Equal(["模板至少包含一个工作表。"], t.Validate());
    }

    [Fact]
    public void Rules_say_which_rule_and_which_column_is_wrong()
    {
        var rules = RnMonthly.Rules.ToList();
        // The third check (已实名 ≤ 在网) compares with a text column; the fourth's total is one of its terms.
        rules[2] = rules[2] with { Right = "Channel" };
        rules[3] = rules[3] with { Total = "Registered" };
        // The first flag has lost its name, the second its threshold; a rule on a sheet that does not exist.
        rules[10] = rules[10] with { Name = null };
        rules[11] = rules[11] with { Threshold = null };
        rules.Add(new RuleDefinition("LessOrEqual", "EXTRA", "额外的规则", Sheet: "附表", Left: "A", Right: "B"));
        var t = RnMonthly with { Rules = rules };
        Assert.Equal(
        [
            "第3条校验规则「已实名用户数不能大于在网用户数」：较大的一列「渠道类型」应为数量（非负整数）类型。",
            "第4条校验规则「已实名用户数与未实名老用户数之和…」：合计列不能同时是求和的列。",
            "第1个关注事项「未命名」：缺少名称。",
            "第2个关注事项「一证超过五号」：请填写阈值。",
            "第11条校验规则「额外的规则」：工作表「附表」不存在。",
        ], t.Validate());
    }

    [Fact]
    public void Schedule_and_applicability_are_checked()
    {
        var t = RnMonthly with { DueDay = 0, DueMonthsAfter = 0, AppliesTo = new Applicability([], ["Basic", "Foreign"]) };
        Assert.Equal(
        [
            "截止日应在1至31之间。",
            "截止月份应为期间结束后的第1至12个月。",
            "报送单位：请至少选择一个层级（省级公司或地市分公司）。",
            "报送单位：企业类别“Foreign”无法识别。",
        ], t.Validate());
    }

    [Fact]
    public void Bad_json_gets_its_line_and_position_in_chinese()
    {
        var json = "{\n  \"code\": \"X-1\",\n  \"name\": \"测试\"\n  \"frequency\": \"Monthly\"\n}";
        var ex = Assert.Throws<DomainException>(() => TemplateDefinition.FromJson(json));
        Assert.Equal("JSON格式错误：第4行第3个字符处不是有效的JSON（请检查括号、引号和逗号）。", ex.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_names_the_sheet_and_column()
    {
        var json = RnMonthly.ToIndentedJson().Replace("\"type\": \"Count\"", "\"type\": \"Number\"");
        var ex = Assert.Throws<DomainException>(() => TemplateDefinition.FromJson(json));
        Assert.StartsWith("JSON格式错误：第", ex.Message);
        Assert.Contains("第1个工作表第3列“type”的值类型不对", ex.Message);
        Assert.DoesNotContain("TemplateDefinition", ex.Message);
    }

    [Fact]
    public void Json_without_sheets_or_rules_reads_as_empty_and_says_what_is_missing()
    {
        var t = TemplateDefinition.FromJson("""{ "code": "X-1", "name": "测试", "frequency": "Monthly", "dueDay": 10, "dueMonthsAfter": 1, "appliesTo": { "levels": ["Provincial"], "carrierKinds": ["Basic"] } }""");
        Assert.Equal(["模板至少包含一个工作表。"], t.Validate());
    }

    [Fact]
    public void A_count_outside_its_bounds_is_an_error_at_its_cell()
    {
        var column = new ColumnDefinition("在网用户数", "Subscribers", FieldType.Count, Unit: "户", Min: 1, Max: 1000);
        Assert.False(FieldParser.TryParse(column, "1001", false, null, Context(), out _, out var error));
        Assert.Equal(("CELL_OUT_OF_RANGE", "“在网用户数”应在1至1000户之间，实际为1001户"), error);
        Assert.False(FieldParser.TryParse(column with { Max = null }, "0", false, null, Context(), out _, out error));
        Assert.Equal("“在网用户数”应不小于1户，实际为0户", error!.Value.Message);
        Assert.True(FieldParser.TryParse(column, "1000", false, null, Context(), out var value, out _));
        Assert.Equal(1000L, value);
    }
}
