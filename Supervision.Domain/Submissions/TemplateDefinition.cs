using System.Text.Json;
using System.Text.Json.Serialization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

public enum FieldType
{
    /// <summary>A six-digit city code of the submitting branch's province.</summary>
    City,
    /// <summary>One value of a named list (the template's own lists or catalog lists such as RN checklist items).</summary>
    Choice,
    /// <summary>A non-negative whole number.</summary>
    Count,
    Text,
    /// <summary>2026-05-01, 2026/5/1 or an Excel date serial.</summary>
    Date,
    /// <summary>是 / 否.</summary>
    YesNo,
}

/// <summary>Where a sheet's rows are stored.</summary>
public enum RowTarget
{
    RnSummary,
    Outlet,
    LogSystem,
    SelfCheck,
}

public sealed record ColumnDefinition(string Header, string Field, FieldType Type, bool Required = true, string? List = null, int MaxLength = 200, double Width = 14, string? Hint = null);

public sealed record SheetDefinition(
    string Name,
    RowTarget Target,
    IReadOnlyList<ColumnDefinition> Columns,
    int HeaderRow = 3,
    string? PeriodCell = "D2",
    string? BranchCell = "B2",
    /// <summary>Rows written into a downloaded template: "CityChannel" (every city × channel) or "List:NAME".</summary>
    string? Prefill = null)
{
    public int ColumnIndex(string field)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Field == field) return i;
        throw new DomainException("template.unknown_field", $"工作表“{Name}”没有字段 {field}。");
    }
}

/// <summary>
/// One rule of a template, written as data. Kinds: LessOrEqual (Left ≤ Right), SumEquals (sum of Terms = Total),
/// Unique (Fields), CoversCities (Field holds every city of the branch), CoversList (Field holds every value of List),
/// DetailTotals (Fields of DetailSheet summed per Keys equal SummarySheet), RequiredWhen (Field required when When = Equals);
/// flags (findings that are legal but alarming): FlagAbove / FlagBelow (Field vs Threshold), FlagRatioBelow
/// (Floor ≤ Numerator ÷ Denominator &lt; Threshold), FlagRetentionShort (the date in Field is later than Months calendar
/// months before the period's end), FlagEquals (Field = Equals).
/// </summary>
public sealed record RuleDefinition(
    string Kind,
    string Code,
    string Message,
    string? Sheet = null,
    string? Left = null,
    string? Right = null,
    IReadOnlyList<string>? Terms = null,
    string? Total = null,
    IReadOnlyList<string>? Fields = null,
    string? Field = null,
    string? List = null,
    string? SummarySheet = null,
    string? DetailSheet = null,
    IReadOnlyList<string>? Keys = null,
    string? When = null,
    string? EqualsValue = null,
    decimal? Threshold = null,
    string? Numerator = null,
    string? Denominator = null,
    /// <summary>FlagRatioBelow: fires only at or above this ratio (a lower tier has a rule of its own).</summary>
    decimal? Floor = null,
    /// <summary>FlagRetentionShort: how many calendar months back from the end of the period the records must reach.</summary>
    int? Months = null,
    /// <summary>A flag's short Chinese name (人工录入入网登记), shown wherever the flag is listed; the code stays for the API.</summary>
    string? Name = null)
{
    public bool IsFlag => Kind.StartsWith("Flag", StringComparison.Ordinal);
}

/// <summary>Which branches file a return: their level and carrier kind.</summary>
public sealed record Applicability(IReadOnlyList<string> Levels, IReadOnlyList<string> CarrierKinds);

/// <summary>A compliance return as data: sheets, columns, lists, rules, schedule. Seeded from seed-data/templates.</summary>
public sealed record TemplateDefinition(
    string Code,
    int Version,
    string Name,
    Frequency Frequency,
    int DueDay,
    int DueMonthsAfter,
    Applicability AppliesTo,
    IReadOnlyList<string> Instructions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Lists,
    IReadOnlyList<SheetDefinition> Sheets,
    IReadOnlyList<RuleDefinition> Rules,
    /// <summary>A signed PDF must accompany the workbook (SELF-ANNUAL).</summary>
    bool RequiresPdf = false)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TemplateDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<TemplateDefinition>(json, Json) ?? throw new DomainException("template.invalid", "报表模板定义为空。");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>What people call the flag with this code: its rule's name (a code no rule defines any longer reads 关注事项).</summary>
    public string FlagName(string code) => Rules.FirstOrDefault(r => r.Code == code)?.Name ?? "关注事项";

    public SheetDefinition Sheet(string name) =>
        Sheets.FirstOrDefault(s => s.Name == name) ?? throw new DomainException("template.unknown_sheet", $"模板{Code}没有工作表“{name}”。");

    /// <summary>Checks the definition itself, so a broken edit or seed file is refused before any carrier meets it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add("模板编码不能为空。");
        if (Sheets.Count == 0) errors.Add("模板至少包含一个工作表。");
        if (DueDay is < 1 or > 31) errors.Add("截止日应在1至31之间。");
        foreach (var rule in Rules.Where(r => r.IsFlag && string.IsNullOrWhiteSpace(r.Name)))
            errors.Add($"关注事项规则“{rule.Message}”缺少名称（name）。");
        foreach (var sheet in Sheets)
        {
            if (sheet.Columns.Select(c => c.Field).Distinct().Count() != sheet.Columns.Count) errors.Add($"工作表“{sheet.Name}”有重复字段。");
            if (sheet.Columns.Select(c => c.Header).Distinct().Count() != sheet.Columns.Count) errors.Add($"工作表“{sheet.Name}”有重复列名。");
            foreach (var c in sheet.Columns.Where(c => c.Type == FieldType.Choice && (c.List is null || !(Lists.ContainsKey(c.List) || CatalogLists.Contains(c.List)))))
                errors.Add($"工作表“{sheet.Name}”的列“{c.Header}”引用了不存在的列表“{c.List}”。");
        }
        errors.AddRange(Sheets.SelectMany(RowMapper.Check));
        foreach (var rule in Rules)
        {
            var sheetName = rule.Sheet ?? rule.SummarySheet;
            if (sheetName is null || Sheets.All(s => s.Name != sheetName)) errors.Add($"规则{rule.Code}引用了不存在的工作表“{sheetName}”。");
            if (!RuleKinds.Contains(rule.Kind)) errors.Add($"规则{rule.Code}的类型“{rule.Kind}”无法识别。");
            if (rule.Kind == "FlagRetentionShort" && rule.Months is not (>= 1 and <= 120)) errors.Add($"规则{rule.Code}须写明留存月数（1至120）。");
        }
        return errors;
    }

    /// <summary>Lists the portal fills from its catalogs rather than from the template.</summary>
    public static readonly HashSet<string> CatalogLists = ["RnChecklist"];

    public static readonly HashSet<string> RuleKinds =
        ["LessOrEqual", "SumEquals", "Unique", "CoversCities", "CoversList", "DetailTotals", "RequiredWhen", "FlagAbove", "FlagBelow", "FlagRatioBelow", "FlagRetentionShort", "FlagEquals"];
}
