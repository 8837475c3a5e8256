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
    /// <summary>A number with up to four decimals, negative allowed (金额、均值).</summary>
    Decimal,
    /// <summary>A share written 98.5% (or 0.985 in a percentage cell), stored as the fraction 0.985; 0% to 100%.</summary>
    Percent,
}

/// <summary>Where a sheet's rows are stored.</summary>
public enum RowTarget
{
    RnSummary,
    Outlet,
    LogSystem,
    SelfCheck,
}

/// <summary>
/// One column of a sheet: its header (how the reader finds it), where it is stored — a fixed property of the row
/// (<c>Subscribers</c>, read by the rankings) or, for a column an administrator added, its stable key <c>Extra.N</c> in
/// the row's extra values (<see cref="ExtraColumns"/>) —, its type, and for counts an optional unit (户, 个) and bounds
/// every value must keep.
/// </summary>
public sealed record ColumnDefinition(string Header, string Field, FieldType Type, bool Required = true, string? List = null, int MaxLength = 200, double Width = 14, string? Hint = null,
    string? Unit = null, long? Min = null, long? Max = null);

public sealed record SheetDefinition(
    string Name,
    RowTarget Target,
    IReadOnlyList<ColumnDefinition> Columns,
    int HeaderRow = 3,
    string? PeriodCell = "D2",
    string? BranchCell = "B2",
    /// <summary>Rows written into a downloaded template: "CityChannel" (every city × channel) or "List:NAME".</summary>
    string? Prefill = null,
    /// <summary>
    /// How many rows a carrier may enter in the browser (在线填报); 0 keeps the sheet to file uploads (outlet details of
    /// thousands of rows), null allows <see cref="DefaultWebEntryRows"/>.
    /// </summary>
    int? WebEntryRows = null)
{
    public const int DefaultWebEntryRows = 200;

    /// <summary>The most rows entered in the browser; 0 when the sheet is filed only as a file.</summary>
    public int WebEntryLimit => WebEntryRows ?? DefaultWebEntryRows;

    public bool WebEntry => WebEntryLimit > 0;

    public int ColumnIndex(string field)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Field == field) return i;
        throw new DomainException("template.unknown_field", $"工作表“{Name}”没有存入“{TemplateNames.Field(field)}”的列。");
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
    bool RequiresPdf = false,
    /// <summary>What people call each of the template's lists (渠道类型 for Channel); a list without one is called by its name.</summary>
    IReadOnlyDictionary<string, string>? ListLabels = null,
    /// <summary>Plausibility checks across periods and peers (<see cref="PlausibilityCheck"/>); a triggered one asks the carrier to explain the figure.</summary>
    IReadOnlyList<PlausibilityCheck>? Checks = null)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads a definition from its JSON (a seed file, an import, a stored version). Bad JSON is refused with a Chinese
    /// message saying the line, the position and — where it is a value of the wrong kind — which sheet, column or rule.
    /// Missing lists read as empty, so <see cref="Validate"/> can say what is missing.
    /// </summary>
    public static TemplateDefinition FromJson(string json)
    {
        TemplateDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<TemplateDefinition>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new DomainException("template.json", TemplateCheck.JsonError(ex));
        }
        return (definition ?? throw new DomainException("template.invalid", "报表模板定义为空。")).Normalized();
    }

    /// <summary>Absent lists and texts as empty ones (JSON may leave them out; the record's types say they are never null).</summary>
    private TemplateDefinition Normalized() => this with
    {
        Code = Code ?? "", Name = Name ?? "",
        AppliesTo = new Applicability(AppliesTo?.Levels ?? [], AppliesTo?.CarrierKinds ?? []),
        Instructions = Instructions ?? [],
        Lists = (Lists ?? new Dictionary<string, IReadOnlyList<string>>()).ToDictionary(l => l.Key, l => l.Value ?? []),
        ListLabels = ListLabels is { Count: > 0 } labels ? labels : null,
        Sheets = (Sheets ?? []).Select(s => s with { Name = s.Name ?? "", Columns = (s.Columns ?? []).Select(c => c with { Header = c.Header ?? "", Field = c.Field ?? "" }).ToList() }).ToList(),
        Rules = (Rules ?? []).Select(r => r with { Kind = r.Kind ?? "", Code = r.Code ?? "", Message = r.Message ?? "" }).ToList(),
        Checks = Checks is { Count: > 0 } checks ? checks.Select(c => c with { Kind = c.Kind ?? "", Code = c.Code ?? "", Sheet = c.Sheet ?? "", Field = c.Field ?? "" }).ToList() : null,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The JSON an administrator exports and imports again (indented; the same content as <see cref="ToJson"/>).</summary>
    public string ToIndentedJson() => JsonSerializer.Serialize(this, Indented);

    private static readonly JsonSerializerOptions Indented = new(Json) { WriteIndented = true };

    /// <summary>What people call the flag with this code: its rule's name (a code no rule defines any longer reads 关注事项).</summary>
    public string FlagName(string code) => Rules.FirstOrDefault(r => r.Code == code)?.Name ?? "关注事项";

    public SheetDefinition Sheet(string name) =>
        Sheets.FirstOrDefault(s => s.Name == name) ?? throw new DomainException("template.unknown_sheet", $"模板{Code}没有工作表“{name}”。");

    /// <summary>
    /// Checks the definition itself, so a broken edit, import or seed file is refused before any carrier meets it: every
    /// problem as a Chinese sentence that says where (<see cref="TemplateCheck"/>).
    /// </summary>
    public IReadOnlyList<string> Validate() => TemplateCheck.Check(this);

    /// <summary>Lists the portal fills from its catalogs rather than from the template.</summary>
    public static readonly HashSet<string> CatalogLists = ["RnChecklist"];

    /// <summary>What people call the catalog lists (their names stay for the JSON and the API).</summary>
    private static readonly Dictionary<string, string> CatalogListLabels = new() { ["RnChecklist"] = "实名制检查项目" };

    /// <summary>What people call a list of this template or of the catalogs: its label, else its name.</summary>
    public string ListLabel(string? name) => name is null ? "" : ListLabels?.GetValueOrDefault(name) is { Length: > 0 } label ? label : CatalogListLabel(name);

    /// <summary>What people call a catalog list (any other name is returned as it is).</summary>
    public static string CatalogListLabel(string name) => CatalogListLabels.GetValueOrDefault(name, name);

    public static readonly HashSet<string> RuleKinds =
        ["LessOrEqual", "SumEquals", "Unique", "CoversCities", "CoversList", "DetailTotals", "RequiredWhen", "FlagAbove", "FlagBelow", "FlagRatioBelow", "FlagRetentionShort", "FlagEquals"];
}
