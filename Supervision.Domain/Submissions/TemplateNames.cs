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
        FieldType.Decimal => "数值（可带小数）",
        FieldType.Percent => "百分比",
        _ => "未知类型",
    };

    /// <summary>
    /// What people call a row's fixed storage fields (the English names stay in the JSON and the API); a column the
    /// designer added is stored under its own key and called 新增列.
    /// </summary>
    public static string Field(string? field) => field switch
    {
        null or "" => "（未选择）",
        _ when ExtraColumns.IsExtra(field) => "新增列（按列单独存储）",
        _ => StorageFields.GetValueOrDefault(field, "未知字段"),
    };

    private static readonly Dictionary<string, string> StorageFields = new()
    {
        ["CityCode"] = "地市代码", ["Channel"] = "渠道", ["Subscribers"] = "在网用户数", ["Registered"] = "已实名登记用户数",
        ["UnregisteredLegacy"] = "未实名存量用户数", ["OneWayStops"] = "单向停机数", ["TwoWayStops"] = "双向停机数", ["NewActivations"] = "新入网用户数",
        ["ReaderVerified"] = "读卡器核验数", ["ManualEntries"] = "人工录入数", ["OverLimitIds"] = "超限证件数", ["Reregistered"] = "补登记用户数",
        ["FraudShutdowns"] = "涉诈关停数", ["OutletCode"] = "网点编码", ["OutletName"] = "网点名称", ["MysteryViolations"] = "暗访违规数",
        ["SystemName"] = "系统名称", ["LogType"] = "日志类型", ["RetentionDays"] = "留存天数", ["EarliestRecord"] = "最早可查记录日期",
        ["StorageLocation"] = "存储位置", ["SampleCheckPassed"] = "抽查是否成功", ["ItemCode"] = "检查项编码", ["ItemTitle"] = "检查项名称",
        ["Result"] = "自查结果", ["Narrative"] = "情况说明", ["Remedy"] = "整改措施",
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
