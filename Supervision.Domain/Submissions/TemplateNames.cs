namespace Supervision.Domain.Submissions;

/// <summary>What people call the parts of a template: column types, row stores, rule kinds, frequencies
/// (who files: <c>Branch.LevelLabel</c>, <c>Carrier.KindLabel</c>).</summary>
public static class TemplateNames
{
    public static string Of(FieldType type) => type switch
    {
        FieldType.City => "地市代码",
        FieldType.Choice => "下拉选择",
        FieldType.Count => "数量（非负整数）",
        FieldType.Text => "文字",
        FieldType.Date => "日期",
        FieldType.YesNo => "是/否",
        _ => type.ToString(),
    };

    public static string Of(RowTarget target) => target switch
    {
        RowTarget.RnSummary => "实名制汇总数据",
        RowTarget.Outlet => "销售网点明细",
        RowTarget.LogSystem => "日志留存系统",
        RowTarget.SelfCheck => "实名制自查结果",
        _ => target.ToString(),
    };

    public static string Of(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => "月报",
        Frequency.Quarterly => "季报",
        _ => "年报",
    };

    /// <summary>Rule kinds as the designer offers them: cross-cell checks first, then flags.</summary>
    public static readonly IReadOnlyDictionary<string, string> RuleKinds = new Dictionary<string, string>
    {
        ["LessOrEqual"] = "不大于（左列 ≤ 右列）",
        ["SumEquals"] = "求和相等（各列之和 = 合计列）",
        ["Unique"] = "不得重复",
        ["CoversCities"] = "覆盖所辖全部地市",
        ["CoversList"] = "覆盖列表全部取值",
        ["DetailTotals"] = "明细合计等于汇总",
        ["RequiredWhen"] = "条件必填",
        ["FlagAbove"] = "高于阈值",
        ["FlagBelow"] = "低于阈值",
        ["FlagRatioBelow"] = "比率低于阈值",
        ["FlagRetentionShort"] = "留存期不足",
        ["FlagEquals"] = "等于某值",
    };

    public static string RuleKind(string kind) => RuleKinds.GetValueOrDefault(kind, "未知类型");
}
