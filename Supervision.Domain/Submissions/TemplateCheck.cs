using System.Text.Json;
using System.Text.RegularExpressions;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Submissions;

/// <summary>
/// One problem of a template definition: the Chinese sentence, and where in the designer it is (<see cref="Anchor"/>:
/// <c>basic-dueDay</c>, <c>list-0</c>, <c>sheet-1</c>, <c>sheet-1-col-2</c>, <c>sheet-1-col-2-max</c>, <c>rule-3</c>), so
/// the field can be marked and scrolled to.
/// </summary>
public sealed record TemplateProblem(string Message, string? Anchor);

/// <summary>
/// Checks a whole template definition — the one place the designer, the JSON import and the seed use. Each problem is a
/// Chinese sentence that says where it is: 第2个工作表「汇总」第3列「在网用户数」：最小值大于最大值。
/// </summary>
public static partial class TemplateCheck
{
    /// <summary>Problems collected under the part being checked (<see cref="At"/>), unless one names its own place.</summary>
    private sealed class Problems : List<TemplateProblem>
    {
        public string? At { get; set; }
        public void Add(string message) => Add(new TemplateProblem(message, At));
        public void Add(string message, string part) => Add(new TemplateProblem(message, At is null ? part : $"{At}-{part}"));
    }

    public static IReadOnlyList<string> Check(TemplateDefinition t) => Locate(t).Select(p => p.Message).ToList();

    /// <summary>The problems of <paramref name="t"/> with where each is (the designer marks them).</summary>
    public static IReadOnlyList<TemplateProblem> Locate(TemplateDefinition t)
    {
        var errors = new Problems();
        CheckAll(t, errors);
        return errors;
    }

    /// <summary>Sheet names the generated workbook uses itself.</summary>
    private static readonly HashSet<string> ReservedSheets = ["填报说明", "_lists"];

    /// <summary>Rows 1 and 2 of every sheet carry its title, the branch and the period.</summary>
    private const int FirstHeaderRow = 3;

    /// <summary>More rows than this belong in a file: a browser form of thousands of inputs is neither quick nor kind.</summary>
    public const int MaxWebEntryRows = 1000;

    private static void CheckAll(TemplateDefinition t, Problems errors)
    {
        errors.At = "basic";
        if (string.IsNullOrWhiteSpace(t.Code)) errors.Add("模板编码不能为空。", "code");
        else if (!CodePattern().IsMatch(t.Code)) errors.Add("模板编码只能由大写字母、数字和“-”组成，以字母开头（如 RN-MONTHLY）。", "code");
        if (string.IsNullOrWhiteSpace(t.Name)) errors.Add("模板名称不能为空。", "name");
        if (!Enum.IsDefined(t.Frequency)) errors.Add("报送频率应为月报、季报或年报。", "frequency");
        if (t.DueDay is < 1 or > 31) errors.Add("截止日应在1至31之间。", "dueDay");
        if (t.DueMonthsAfter is < 1 or > 12) errors.Add("截止月份应为期间结束后的第1至12个月。", "dueMonths");
        if (t.AppliesTo.Levels.Count == 0) errors.Add("报送单位：请至少选择一个层级（省级公司或地市分公司）。");
        foreach (var level in t.AppliesTo.Levels.Where(l => !Enum.TryParse<BranchLevel>(l, out _)))
            errors.Add($"报送单位：层级“{level}”无法识别。");
        if (t.AppliesTo.CarrierKinds.Count == 0) errors.Add("报送单位：请至少选择一类企业（基础电信企业或移动通信转售企业）。");
        foreach (var kind in t.AppliesTo.CarrierKinds.Where(k => !Enum.TryParse<CarrierKind>(k, out _)))
            errors.Add($"报送单位：企业类别“{kind}”无法识别。");
        foreach (var (i, line) in t.Instructions.Index().Where(x => string.IsNullOrWhiteSpace(x.Item)))
            errors.Add($"第{i + 1}条填报要求为空，请填写或删除。");

        foreach (var ((name, values), index) in t.Lists.Select((l, i) => (l, i)))
        {
            errors.At = $"list-{index}";
            var where = $"下拉列表「{t.ListLabel(name)}」";
            if (string.IsNullOrWhiteSpace(name)) errors.Add("有一个下拉列表没有名称。");
            if (TemplateDefinition.CatalogLists.Contains(name)) errors.Add($"{where}：与系统目录列表重名，请换一个名称。");
            if (values.Count == 0) errors.Add($"{where}：至少需要一个选项。");
            if (values.Any(string.IsNullOrWhiteSpace)) errors.Add($"{where}：有空白选项。");
            foreach (var duplicate in values.Where(v => !string.IsNullOrWhiteSpace(v)).GroupBy(v => v.Trim()).Where(g => g.Count() > 1))
                errors.Add($"{where}：选项「{duplicate.Key}」重复。");
        }

        errors.At = null;
        if (t.Sheets.Count == 0) errors.Add("模板至少包含一个工作表。");
        for (var i = 0; i < t.Sheets.Count; i++)
            CheckSheet(t, i, errors);

        var flags = 0;
        var checks = 0;
        for (var i = 0; i < t.Rules.Count; i++)
        {
            var rule = t.Rules[i];
            errors.At = $"rule-{i}";
            var where = rule.IsFlag ? $"第{++flags}个关注事项「{(string.IsNullOrWhiteSpace(rule.Name) ? "未命名" : Clip(rule.Name))}」" : $"第{++checks}条校验规则「{(string.IsNullOrWhiteSpace(rule.Message) ? "未填写提示" : Clip(rule.Message))}」";
            CheckRule(t, rule, where, errors);
            if (!string.IsNullOrWhiteSpace(rule.Code) && t.Rules.Take(i).Any(r => r.Code == rule.Code))
                errors.Add($"{where}：编码与前面的规则相同，每条规则的编码须唯一。");
        }

        var plausibility = t.Checks ?? [];
        for (var i = 0; i < plausibility.Count; i++)
        {
            errors.At = $"check-{i}";
            var check = plausibility[i];
            var where = $"第{i + 1}项合理性检查「{(string.IsNullOrWhiteSpace(check.Name) ? "未命名" : Clip(check.Name))}」";
            CheckPlausibility(t, check, where, errors);
            if (!string.IsNullOrWhiteSpace(check.Code) && (plausibility.Take(i).Any(c => c.Code == check.Code) || t.Rules.Any(r => r.Code == check.Code)))
                errors.Add($"{where}：编码与其他规则或检查相同，编码须唯一。", "code");
        }
    }

    /// <summary>A plausibility check: a numeric figure of a sheet rows can be matched on, and thresholds that make sense for its kind.</summary>
    private static void CheckPlausibility(TemplateDefinition t, PlausibilityCheck c, string where, Problems errors)
    {
        if (string.IsNullOrWhiteSpace(c.Name)) errors.Add($"{where}：缺少名称。", "name");
        if (string.IsNullOrWhiteSpace(c.Code)) errors.Add($"{where}：缺少编码。", "code");
        else if (!RuleCodePattern().IsMatch(c.Code)) errors.Add($"{where}：编码只能由大写字母、数字和下划线组成，以字母开头。", "code");
        if (!PlausibilityCheck.Kinds.Contains(c.Kind))
        {
            errors.Add($"{where}：检查方式应为与上期相比、与本单位近12期相比或与全省同类单位相比。", "kind");
            return;
        }
        var sheet = t.Sheets.FirstOrDefault(s => s.Name == c.Sheet);
        if (sheet is null)
        {
            errors.Add(string.IsNullOrWhiteSpace(c.Sheet) ? $"{where}：请选择工作表。" : $"{where}：工作表「{c.Sheet}」不存在。", "sheet");
            return;
        }
        if (PlausibilityRules.KeyFields(t, sheet.Name).Count == 0)
            errors.Add($"{where}：工作表「{sheet.Name}」没有“不得重复”的校验规则，无法在各期、各单位之间对应同一行。", "sheet");
        void Figure(string? field, string role, string part)
        {
            var column = sheet.Columns.FirstOrDefault(x => x.Field == field);
            if (string.IsNullOrWhiteSpace(field)) errors.Add($"{where}：请选择{role}。", part);
            else if (column is null) errors.Add($"{where}：{role}在工作表「{sheet.Name}」中没有对应的列；请重新选择或删除此检查。", part);
            else if (column.Type is not (FieldType.Count or FieldType.Decimal or FieldType.Percent))
                errors.Add($"{where}：{role}「{column.Header}」应为数量、数值或百分比类型。", part);
        }
        Figure(c.Field, "检查的数据项", "field");
        if (c.IsRate)
        {
            Figure(c.Denominator, "比率的分母", "denominator");
            if (c.Denominator == c.Field) errors.Add($"{where}：比率的分子和分母不能是同一列。", "denominator");
        }
        if (c.Direction is { Length: > 0 } direction && !PlausibilityCheck.Directions.Contains(direction))
            errors.Add($"{where}：方向应为升降都查、只查升高或只查降低。", "direction");
        if (c.Threshold is not { } threshold || threshold <= 0)
        {
            errors.Add($"{where}：阈值须大于0。", "threshold");
            threshold = 1;
        }
        if (c.Tolerance is < 0) errors.Add($"{where}：最小偏差不能为负数。", "tolerance");
        switch (c.Kind)
        {
            case PlausibilityCheck.Change:
                if (c.MeasureOrDefault is not ("Relative" or "Absolute")) errors.Add($"{where}：变化的计量应为按比例或按数值。", "measure");
                else if (c.MeasureOrDefault == "Relative" && threshold >= 10) errors.Add($"{where}：按比例的阈值以小数填写（20%填0.2），不能达到10（即1000%）。", "threshold");
                break;
            case PlausibilityCheck.History:
                if (c.MinHistory is { } min && (min < 3 || min > PlausibilityCheck.HistoryPeriods))
                    errors.Add($"{where}：最少历史期数应在3至{PlausibilityCheck.HistoryPeriods}之间。", "minHistory");
                break;
            case PlausibilityCheck.Peers:
                if (c.MeasureOrDefault is not ("Mad" or "Ratio")) errors.Add($"{where}：与同类单位比较的方式应为离散度倍数或中位数倍数。", "measure");
                else if (c.MeasureOrDefault == "Ratio" && threshold <= 1) errors.Add($"{where}：中位数倍数须大于1。", "threshold");
                // Fewer than three peers would let a carrier read one competitor's figure off the expected range.
                if (c.MinPeers is { } peers && (peers < 3 || peers > 100)) errors.Add($"{where}：最少同类单位数应在3至100之间。", "minPeers");
                break;
        }
    }

    private static void CheckSheet(TemplateDefinition t, int index, Problems errors)
    {
        errors.At = $"sheet-{index}";
        var sheet = t.Sheets[index];
        var where = $"第{index + 1}个工作表「{sheet.Name}」";
        if (string.IsNullOrWhiteSpace(sheet.Name)) errors.Add($"第{index + 1}个工作表：名称不能为空。");
        else
        {
            if (sheet.Name.Length > 31) errors.Add($"{where}：名称不能超过31个字符（Excel的限制）。");
            if (sheet.Name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) >= 0) errors.Add($"{where}：名称不能包含 [ ] : * ? / \\ 等字符。");
            if (ReservedSheets.Contains(sheet.Name)) errors.Add($"{where}：名称已被生成的模板文件占用，请换一个名称。");
            var first = t.Sheets.Take(index).Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Name == sheet.Name);
            if (first.s is not null) errors.Add($"{where}：与第{first.i + 1}个工作表重名。");
        }
        if (!Enum.IsDefined(sheet.Target)) errors.Add($"{where}：数据存储位置无法识别。");
        if (sheet.HeaderRow < FirstHeaderRow) errors.Add($"{where}：列名应在第{FirstHeaderRow}行或之后（第1、2行是标题、报送单位和期间）。");
        if (sheet.Columns.Count == 0) errors.Add($"{where}：至少需要一列。");
        if (sheet.WebEntryRows is < 0 or > MaxWebEntryRows) errors.Add($"{where}：网页填报行数上限应在0至{MaxWebEntryRows}之间（0表示只能上传文件）。");
        for (var j = 0; j < sheet.Columns.Count; j++)
        {
            errors.At = $"sheet-{index}-col-{j}";
            CheckColumn(t, sheet, j, $"{where}第{j + 1}列「{sheet.Columns[j].Header}」", errors);
        }
        errors.At = $"sheet-{index}";
        CheckPrefill(t, sheet, where, errors);
    }

    private static void CheckColumn(TemplateDefinition t, SheetDefinition sheet, int j, string where, Problems errors)
    {
        var c = sheet.Columns[j];
        if (string.IsNullOrWhiteSpace(c.Header)) errors.Add($"{where}：列名不能为空。", "header");
        else if (sheet.Columns.Take(j).Select((x, i) => (x, i)).FirstOrDefault(x => Same(x.x.Header, c.Header)) is { x: not null } same)
            errors.Add($"{where}：列名与第{same.i + 1}列相同（上传时按列名识别各列）。", "header");
        if (!Enum.IsDefined(c.Type)) errors.Add($"{where}：类型无法识别。", "type");
        else if (string.IsNullOrWhiteSpace(c.Field)) errors.Add($"{where}：请选择存储字段。", "field");
        else if (Enum.IsDefined(sheet.Target) && RowMapper.FieldProblem(sheet.Target, c.Field, c.Type) is { } problem)
            errors.Add($"{where}：{problem}。", "field");
        else if (sheet.Columns.Take(j).Select((x, i) => (x, i)).FirstOrDefault(x => x.x.Field == c.Field) is { x: not null } twice)
            errors.Add($"{where}：与第{twice.i + 1}列存入同一个存储字段。", "field");

        if (c.Type == FieldType.Choice)
        {
            if (string.IsNullOrWhiteSpace(c.List)) errors.Add($"{where}：下拉选择类型须指定下拉列表。", "list");
            else if (!t.Lists.ContainsKey(c.List) && !TemplateDefinition.CatalogLists.Contains(c.List))
                errors.Add($"{where}：下拉列表「{t.ListLabel(c.List)}」不存在。", "list");
        }
        else if (c.List is not null) errors.Add($"{where}：只有下拉选择类型的列可以指定下拉列表。", "list");

        if (c.Type == FieldType.Count)
        {
            if (c.Min < 0) errors.Add($"{where}：最小值不能小于0（数量为非负整数）。", "min");
            if (c.Min > c.Max) errors.Add($"{where}：最小值大于最大值。", "max");
        }
        else
        {
            if (c.Min is not null || c.Max is not null) errors.Add($"{where}：只有数量列可以设置上下限。", "min");
            if (!string.IsNullOrWhiteSpace(c.Unit)) errors.Add($"{where}：只有数量列可以设置单位。", "unit");
        }
        if (c.Type == FieldType.Text && c.MaxLength is < 1 or > 4000) errors.Add($"{where}：最大长度应在1至4000个字符之间。", "maxLength");
        if (c.Width is < 4 or > 100) errors.Add($"{where}：列宽应在4至100之间。");
    }

    private static void CheckPrefill(TemplateDefinition t, SheetDefinition sheet, string where, Problems errors)
    {
        if (sheet.Prefill is null) return;
        if (sheet.Prefill == "CityChannel")
        {
            if (sheet.Columns.All(c => c.Field != "CityCode") || sheet.Columns.All(c => c.Field != "Channel") || !t.Lists.ContainsKey("Channel"))
                errors.Add($"{where}：按“地市×渠道”预填需要存入“{TemplateNames.Field("CityCode")}”和“{TemplateNames.Field("Channel")}”的两列及下拉列表「{t.ListLabel("Channel")}」。");
        }
        else if (sheet.Prefill.StartsWith("List:", StringComparison.Ordinal))
        {
            var list = sheet.Prefill[5..];
            if (sheet.Columns.All(c => c.Type != FieldType.Choice || c.List != list))
                errors.Add($"{where}：按列表「{t.ListLabel(list)}」预填需要一列使用该下拉列表。");
        }
        else errors.Add($"{where}：预填方式“{sheet.Prefill}”无法识别。");
    }

    private static void CheckRule(TemplateDefinition t, RuleDefinition r, string where, Problems errors)
    {
        if (!TemplateDefinition.RuleKinds.Contains(r.Kind))
        {
            errors.Add($"{where}：类型“{r.Kind}”无法识别。");
            return;
        }
        if (string.IsNullOrWhiteSpace(r.Code)) errors.Add($"{where}：编码不能为空。");
        else if (!RuleCodePattern().IsMatch(r.Code)) errors.Add($"{where}：编码只能由大写字母、数字和下划线组成。");
        if (string.IsNullOrWhiteSpace(r.Message)) errors.Add($"{where}：提示文字不能为空。");
        if (r.IsFlag && string.IsNullOrWhiteSpace(r.Name)) errors.Add($"{where}：缺少名称。");

        var sheetName = r.Kind == "DetailTotals" ? r.SummarySheet : r.Sheet;
        var sheet = t.Sheets.FirstOrDefault(s => s.Name == sheetName);
        if (sheet is null)
        {
            errors.Add(string.IsNullOrWhiteSpace(sheetName) ? $"{where}：请选择工作表。" : $"{where}：工作表「{sheetName}」不存在。");
            return;
        }

        // Each column the rule names must exist on its sheet, of a type the rule can compare.
        void Column(string? field, string role, params FieldType[] types)
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                errors.Add($"{where}：请选择{role}。");
                return;
            }
            var column = sheet.Columns.FirstOrDefault(c => c.Field == field);
            if (column is null)
                errors.Add(ExtraColumns.IsExtra(field)
                    ? $"{where}：{role}是已删除的列，工作表「{sheet.Name}」中已没有这一列；请重新选择或删除此规则。"
                    : $"{where}：{role}（存储字段“{TemplateNames.Field(field)}”）在工作表「{sheet.Name}」中没有对应的列；请重新选择或删除此规则。");
            else if (types.Length > 0 && !types.Contains(column.Type))
                errors.Add($"{where}：{role}「{column.Header}」应为{string.Join("或", types.Select(TemplateNames.Of))}类型。");
        }
        void Threshold()
        {
            if (r.Threshold is null) errors.Add($"{where}：请填写阈值。");
        }

        switch (r.Kind)
        {
            case "LessOrEqual":
                Column(r.Left, "较小的一列", FieldType.Count);
                Column(r.Right, "较大的一列", FieldType.Count);
                if (r.Left is not null && r.Left == r.Right) errors.Add($"{where}：比较的两列不能是同一列。");
                break;
            case "SumEquals":
                if (r.Terms is not { Count: >= 2 }) errors.Add($"{where}：求和至少需要两列。");
                foreach (var term in r.Terms ?? []) Column(term, "求和的列", FieldType.Count);
                Column(r.Total, "合计列", FieldType.Count);
                if (r.Total is not null && r.Terms?.Contains(r.Total) == true) errors.Add($"{where}：合计列不能同时是求和的列。");
                break;
            case "Unique":
                if (r.Fields is not { Count: >= 1 }) errors.Add($"{where}：请至少选择一列。");
                foreach (var field in r.Fields ?? []) Column(field, "不得重复的列");
                break;
            case "CoversCities":
                Column(r.Field, "地市代码列", FieldType.City);
                break;
            case "CoversList":
                Column(r.Field, "列", FieldType.Choice);
                if (r.List is null || !t.Lists.ContainsKey(r.List) && !TemplateDefinition.CatalogLists.Contains(r.List))
                    errors.Add($"{where}：下拉列表「{t.ListLabel(r.List)}」不存在。");
                break;
            case "RequiredWhen":
                Column(r.Field, "必填的列");
                Column(r.When, "条件列");
                if (string.IsNullOrWhiteSpace(r.EqualsValue)) errors.Add($"{where}：请填写条件列的取值。");
                break;
            case "DetailTotals":
                var detail = t.Sheets.FirstOrDefault(s => s.Name == r.DetailSheet);
                if (detail is null)
                {
                    errors.Add($"{where}：明细工作表「{r.DetailSheet}」不存在。");
                    break;
                }
                if (r.Keys is not { Count: >= 1 }) errors.Add($"{where}：请至少选择一个分组列。");
                if (r.Fields is not { Count: >= 1 }) errors.Add($"{where}：请至少选择一个合计列。");
                foreach (var field in (r.Keys ?? []).Concat(r.Fields ?? []))
                {
                    Column(field, "列");
                    if (detail.Columns.All(c => c.Field != field))
                        errors.Add($"{where}：“{sheet.Columns.FirstOrDefault(c => c.Field == field)?.Header ?? TemplateNames.Field(field)}”在明细工作表「{detail.Name}」中没有对应的列。");
                }
                break;
            case "FlagAbove":
            case "FlagBelow":
                Column(r.Field, "比较的列", FieldType.Count);
                Threshold();
                break;
            case "FlagRatioBelow":
                Column(r.Numerator, "分子列", FieldType.Count);
                Column(r.Denominator, "分母列", FieldType.Count);
                Threshold();
                if (r.Floor is { } floor && r.Threshold is { } threshold && floor >= threshold) errors.Add($"{where}：下限应小于阈值。");
                break;
            case "FlagRetentionShort":
                Column(r.Field, "最早记录日期列", FieldType.Date);
                if (r.Months is not (>= 1 and <= 120)) errors.Add($"{where}：须写明留存月数（1至120）。");
                break;
            case "FlagEquals":
                Column(r.Field, "比较的列");
                if (string.IsNullOrWhiteSpace(r.EqualsValue)) errors.Add($"{where}：请填写触发提示的取值。");
                break;
        }
    }

    /// <summary>
    /// Bad JSON as a Chinese sentence: the line and position, and — for a value of the wrong kind — the sheet, column
    /// or rule it belongs to and the property's name (never the parser's English text).
    /// </summary>
    public static string JsonError(JsonException ex)
    {
        var at = ex.LineNumber is { } line ? $"第{line + 1}行第{(ex.BytePositionInLine ?? 0) + 1}个字符处" : "";
        var path = Path(ex.Path);
        // The reader's own error (a syntax error) comes wrapped; a value of the wrong kind does not.
        var what = ex.InnerException is JsonException
            ? "不是有效的JSON（请检查括号、引号和逗号）"
            : $"{(path.Length > 0 ? path + "的" : "")}值类型不对（数量应为数字，是否应为 true/false，类型应为可选值之一）";
        return $"JSON格式错误：{at}{what}。";
    }

    /// <summary>$.sheets[1].columns[2].type → 第2个工作表第3列“type”.</summary>
    private static string Path(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "";
        var text = PathPart().Replace(path.TrimStart('$', '.'), m => m.Groups[1].Value switch
        {
            "sheets" => $"第{int.Parse(m.Groups[2].Value) + 1}个工作表",
            "columns" => $"第{int.Parse(m.Groups[2].Value) + 1}列",
            "rules" => $"第{int.Parse(m.Groups[2].Value) + 1}条规则",
            "instructions" => $"第{int.Parse(m.Groups[2].Value) + 1}条填报要求",
            var other => $"“{other}”第{int.Parse(m.Groups[2].Value) + 1}项",
        });
        var parts = text.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => p.StartsWith('第') || p.StartsWith('“') ? p : $"“{p}”"));
    }

    private static bool Same(string a, string b) => HeaderKey(a) == HeaderKey(b);

    /// <summary>A header as the reader matches it: spaces, full-width spaces and line breaks ignored, ＋ read as +.</summary>
    public static string HeaderKey(string header) => header.Trim().Replace(" ", "").Replace("\u3000", "").Replace("＋", "+").Replace("\n", "");

    private static string Clip(string? text) => text is null ? "" : text.Length > 16 ? text[..16] + "…" : text;

    [GeneratedRegex(@"^[A-Z][A-Z0-9-]{1,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]{1,59}$")]
    private static partial Regex RuleCodePattern();

    [GeneratedRegex(@"(\w+)\[(\d+)\]")]
    private static partial Regex PathPart();
}
