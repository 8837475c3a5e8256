using Supervision.Domain.Common;
using System.Globalization;

namespace Supervision.Domain.Submissions;

/// <summary>
/// Applies a template's rules to a return as read. Every error and flag is collected (never only the
/// first), each located to sheet, row and column.
/// </summary>
public static class ReturnValidator
{
    public static void Validate(ParsedReturn parsed, ValidationContext context)
    {
        var issues = parsed.Issues;
        foreach (var sheet in parsed.Sheets.Values)
            CheckHeaderCells(sheet, context, issues);
        foreach (var rule in parsed.Template.Rules)
        {
            var sheetName = rule.Sheet ?? rule.SummarySheet!;
            if (!parsed.Sheets.TryGetValue(sheetName, out var sheet) || sheet.ExcelColumns.Length == 0)
                continue; // a missing sheet is already an error of its own
            // A rule over a missing column would only repeat the missing-column error.
            if (RuleFields(rule).Any(f => sheet.Definition.Columns.All(c => c.Field != f) || sheet.ExcelColumns[sheet.Definition.ColumnIndex(f)] < 0))
                continue;
            Apply(rule, sheet, parsed, context, issues);
        }
    }

    private static IEnumerable<string> RuleFields(RuleDefinition r) =>
        new[] { r.Left, r.Right, r.Total, r.Field, r.When, r.Numerator, r.Denominator }.Concat(r.Terms ?? []).Concat(r.Fields is { } f && r.Kind != "DetailTotals" ? f : [])
            .Concat(r.Kind == "DetailTotals" ? r.Keys ?? [] : []).OfType<string>();

    private static void CheckHeaderCells(ParsedSheet sheet, ValidationContext context, List<ValidationIssue> issues)
    {
        var def = sheet.Definition;
        if (def.PeriodCell is { } periodCell)
        {
            var (row, col) = CellAddress.Parse(periodCell);
            var matches = ReportingPeriod.TryParse(sheet.Period, context.Period.Frequency, out var period) && period == context.Period;
            if (!matches)
                issues.Add(new(IssueKind.Error, def.Name, row, CellAddress.ColumnName(col), "报送期间", "PERIOD_MISMATCH",
                    $"文件中的报送期间“{sheet.Period ?? "（空）"}”与本次报送的期间“{context.Period}”不一致"));
        }
        if (def.BranchCell is { } branchCell)
        {
            var (row, col) = CellAddress.Parse(branchCell);
            if (!string.Equals(sheet.BranchCode?.Trim(), context.BranchCode, StringComparison.OrdinalIgnoreCase))
                issues.Add(new(IssueKind.Error, def.Name, row, CellAddress.ColumnName(col), "报送单位", "BRANCH_MISMATCH",
                    $"文件中的报送单位编码“{sheet.BranchCode ?? "（空）"}”与当前报送单位“{context.BranchCode}”不一致，请使用本单位下载的模板"));
        }
    }

    private static void Apply(RuleDefinition rule, ParsedSheet sheet, ParsedReturn parsed, ValidationContext context, List<ValidationIssue> issues)
    {
        var def = sheet.Definition;
        int Col(string field) => def.ColumnIndex(field);
        ValidationIssue At(IssueKind kind, ParsedRow row, int column, string message) =>
            new(kind, def.Name, row.RowNumber, sheet.ColumnLetter(column), def.Columns[column].Header, rule.Code, message);
        ValidationIssue Sheet(string message) => new(IssueKind.Error, def.Name, 0, null, null, rule.Code, message);

        switch (rule.Kind)
        {
            case "LessOrEqual":
            {
                int l = Col(rule.Left!), r = Col(rule.Right!);
                foreach (var row in sheet.Rows)
                    if (Long(row, l) is { } a && Long(row, r) is { } b && a > b)
                        issues.Add(At(IssueKind.Error, row, l, $"{rule.Message}（{def.Columns[l].Header}{a}，{def.Columns[r].Header}{b}）"));
                break;
            }
            case "SumEquals":
            {
                var terms = rule.Terms!.Select(Col).ToArray();
                var total = Col(rule.Total!);
                foreach (var row in sheet.Rows)
                {
                    var values = terms.Select(t => Long(row, t)).ToArray();
                    if (values.All(v => v is not null) && Long(row, total) is { } t && values.Sum(v => v!.Value) != t)
                        issues.Add(At(IssueKind.Error, row, total,
                            $"{rule.Message}（{string.Join("+", values)}={values.Sum(v => v!.Value)}，{def.Columns[total].Header}为{t}）"));
                }
                break;
            }
            case "Unique":
            {
                var fields = rule.Fields!.Select(Col).ToArray();
                var seen = new Dictionary<string, int>();
                foreach (var row in sheet.Rows)
                {
                    if (fields.Any(f => row.Values[f] is null)) continue;
                    var key = string.Join('\u001f', fields.Select(f => Convert.ToString(row.Values[f], CultureInfo.InvariantCulture)));
                    if (seen.TryGetValue(key, out var first))
                        issues.Add(At(IssueKind.Error, row, fields[0], $"{rule.Message}（与第{first}行重复）"));
                    else
                        seen[key] = row.RowNumber;
                }
                break;
            }
            case "CoversCities":
            case "CoversList":
            {
                var field = Col(rule.Field!);
                var present = sheet.Rows.Select(r => r.Values[field] as string).OfType<string>().ToHashSet();
                var expected = rule.Kind == "CoversCities" ? context.BranchCities.Order().ToList() : context.List(parsed.Template, rule.List) ?? [];
                var missing = expected.Where(e => !present.Contains(e)).ToList();
                if (missing.Count > 0)
                    issues.Add(Sheet($"{rule.Message}：{string.Join("、", missing)}"));
                break;
            }
            case "RequiredWhen":
            {
                int field = Col(rule.Field!), when = Col(rule.When!);
                foreach (var row in sheet.Rows)
                    if (Text(row.Values[when]) == rule.EqualsValue && string.IsNullOrWhiteSpace(row.Values[field] as string))
                        issues.Add(At(IssueKind.Error, row, field, rule.Message));
                break;
            }
            case "DetailTotals":
                DetailTotals(rule, sheet, parsed, issues);
                break;
            case "FlagAbove":
            case "FlagBelow":
            {
                var field = Col(rule.Field!);
                foreach (var row in sheet.Rows)
                    if (Long(row, field) is { } v && (rule.Kind == "FlagAbove" ? v > rule.Threshold : v < rule.Threshold))
                        issues.Add(At(IssueKind.Flag, row, field, rule.Message.Replace("{value}", v.ToString(CultureInfo.InvariantCulture))));
                break;
            }
            case "FlagRatioBelow":
            {
                int n = Col(rule.Numerator!), d = Col(rule.Denominator!);
                foreach (var row in sheet.Rows)
                    if (Long(row, n) is { } num && Long(row, d) is { } den && den > 0 && (decimal)num / den < rule.Threshold && (decimal)num / den >= (rule.Floor ?? 0))
                        issues.Add(At(IssueKind.Flag, row, n, rule.Message.Replace("{ratio}", ((decimal)num / den).ToString("0.00%", CultureInfo.InvariantCulture))));
                break;
            }
            case "FlagRetentionShort":
            {
                // "不少于六个月" counts calendar months back from the end of the period, not a fixed number of days.
                var field = Col(rule.Field!);
                var reach = context.Period.MonthsBackFromEnd(rule.Months ?? 6);
                foreach (var row in sheet.Rows)
                    if (row.Values[field] is DateOnly earliest && earliest > reach)
                        issues.Add(At(IssueKind.Flag, row, field, rule.Message
                            .Replace("{value}", ChineseDate.Format(earliest)).Replace("{reach}", ChineseDate.Format(reach))));
                break;
            }
            case "FlagEquals":
            {
                var field = Col(rule.Field!);
                foreach (var row in sheet.Rows)
                    if (Text(row.Values[field]) == rule.EqualsValue)
                        issues.Add(At(IssueKind.Flag, row, field, rule.Message));
                break;
            }
        }
    }

    /// <summary>Detail rows summed per key must equal the summary row of that key, field by field.</summary>
    private static void DetailTotals(RuleDefinition rule, ParsedSheet summary, ParsedReturn parsed, List<ValidationIssue> issues)
    {
        if (!parsed.Sheets.TryGetValue(rule.DetailSheet!, out var detail) || detail.ExcelColumns.Length == 0) return;
        var keys = rule.Keys!;
        var fields = rule.Fields!;
        if (keys.Concat(fields).Any(f => detail.ExcelColumns[detail.Definition.ColumnIndex(f)] < 0)) return;
        var dKeys = keys.Select(detail.Definition.ColumnIndex).ToArray();
        var dFields = fields.Select(detail.Definition.ColumnIndex).ToArray();
        var sKeys = keys.Select(summary.Definition.ColumnIndex).ToArray();
        var sFields = fields.Select(summary.Definition.ColumnIndex).ToArray();

        var sums = new Dictionary<string, long[]>();
        foreach (var row in detail.Rows)
        {
            if (dKeys.Any(k => row.Values[k] is null)) continue;
            var key = Key(row, dKeys);
            if (!sums.TryGetValue(key, out var acc)) sums[key] = acc = new long[fields.Count];
            for (var i = 0; i < dFields.Length; i++) acc[i] += Long(row, dFields[i]) ?? 0;
        }
        var summaryKeys = new HashSet<string>();
        foreach (var row in summary.Rows)
        {
            if (sKeys.Any(k => row.Values[k] is null)) continue;
            var key = Key(row, sKeys);
            summaryKeys.Add(key);
            var acc = sums.GetValueOrDefault(key) ?? new long[fields.Count];
            for (var i = 0; i < sFields.Length; i++)
                if (Long(row, sFields[i]) is { } s && s != acc[i])
                    issues.Add(new(IssueKind.Error, summary.Definition.Name, row.RowNumber, summary.ColumnLetter(sFields[i]), summary.Definition.Columns[sFields[i]].Header, rule.Code,
                        $"{rule.Message}：{summary.Definition.Columns[sFields[i]].Header}汇总为{s}，“{detail.Definition.Name}”合计为{acc[i]}"));
        }
        foreach (var orphan in sums.Keys.Where(k => !summaryKeys.Contains(k)).Take(20))
            issues.Add(new(IssueKind.Error, detail.Definition.Name, 0, null, null, rule.Code,
                $"{rule.Message}：“{detail.Definition.Name}”中有{orphan.Replace('\u001f', '/')}的网点，但“{summary.Definition.Name}”没有对应行"));
    }

    private static string Key(ParsedRow row, int[] columns) => string.Join('\u001f', columns.Select(c => row.Values[c] as string));

    private static long? Long(ParsedRow row, int column) => row.Values[column] as long?;

    private static string? Text(object? value) => value switch
    {
        bool b => b ? "是" : "否",
        null => null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
