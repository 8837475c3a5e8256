using Supervision.Domain.Common;
using System.Globalization;

namespace Supervision.Domain.Submissions;

/// <summary>
/// Applies a template's rules to a return as read. Every error and flag is collected (never only the
/// first), each located to sheet, row and column.
/// </summary>
public static class ReturnValidator
{
    /// <summary>Checks a return whose rows are all held (the browser form, the 检查 of a file).</summary>
    public static void Validate(ParsedReturn parsed, ValidationContext context)
    {
        var checker = new ReturnChecker(parsed, context);
        foreach (var sheet in parsed.Sheets.Values)
        foreach (var row in sheet.Rows)
            checker.Row(sheet, row);
        checker.Finish();
    }

    internal static IEnumerable<string> RuleFields(RuleDefinition r) =>
        new[] { r.Left, r.Right, r.Total, r.Field, r.When, r.Numerator, r.Denominator }.Concat(r.Terms ?? []).Concat(r.Fields is { } f && r.Kind != "DetailTotals" ? f : [])
            .Concat(r.Kind == "DetailTotals" ? r.Keys ?? [] : []).OfType<string>();

    internal static void CheckHeaderCells(ParsedSheet sheet, ValidationContext context, List<ValidationIssue> issues)
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

    /// <summary>
    /// One rule over one sheet, as rows arrive: what it checks per row, and what it concludes once every row was seen
    /// (covering lists, detail totals). It holds aggregates only (keys seen, sums per key), never the rows.
    /// </summary>
    internal static (Action<ParsedRow>? Row, Action? Finish) Compile(RuleDefinition rule, ParsedSheet sheet, ParsedReturn parsed, ValidationContext context,
        List<ValidationIssue> issues)
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
                return (row =>
                {
                    if (Long(row, l) is { } a && Long(row, r) is { } b && a > b)
                        issues.Add(At(IssueKind.Error, row, l, $"{rule.Message}（{def.Columns[l].Header}{a}，{def.Columns[r].Header}{b}）"));
                }, null);
            }
            case "SumEquals":
            {
                var terms = rule.Terms!.Select(Col).ToArray();
                var total = Col(rule.Total!);
                return (row =>
                {
                    long sum = 0;
                    foreach (var term in terms)
                        if (Long(row, term) is { } v) sum += v;
                        else return;
                    if (Long(row, total) is { } t && sum != t)
                        issues.Add(At(IssueKind.Error, row, total,
                            $"{rule.Message}（{string.Join("+", terms.Select(x => Long(row, x)))}={sum}，{def.Columns[total].Header}为{t}）"));
                }, null);
            }
            case "Unique":
            {
                var fields = rule.Fields!.Select(Col).ToArray();
                var seen = new Dictionary<string, int>();
                return (row =>
                {
                    if (fields.Any(f => row.Values[f] is null)) return;
                    var key = fields.Length == 1 && row.Values[fields[0]] is string only ? only
                        : string.Join('\u001f', fields.Select(f => Convert.ToString(row.Values[f], CultureInfo.InvariantCulture)));
                    if (seen.TryGetValue(key, out var first))
                        issues.Add(At(IssueKind.Error, row, fields[0], $"{rule.Message}（与第{first}行重复）"));
                    else
                        seen[key] = row.RowNumber;
                }, null);
            }
            case "CoversCities":
            case "CoversList":
            {
                var field = Col(rule.Field!);
                var present = new HashSet<string>();
                return (row =>
                {
                    if (row.Values[field] is string value) present.Add(value);
                }, () =>
                {
                    var expected = rule.Kind == "CoversCities" ? context.BranchCities.Order().ToList() : context.List(parsed.Template, rule.List) ?? [];
                    var missing = expected.Where(e => !present.Contains(e)).ToList();
                    if (missing.Count > 0)
                        issues.Add(Sheet($"{rule.Message}：{string.Join("、", missing)}"));
                });
            }
            case "RequiredWhen":
            {
                int field = Col(rule.Field!), when = Col(rule.When!);
                return (row =>
                {
                    if (Text(row.Values[when]) == rule.EqualsValue && string.IsNullOrWhiteSpace(row.Values[field] as string))
                        issues.Add(At(IssueKind.Error, row, field, rule.Message));
                }, null);
            }
            case "FlagAbove":
            case "FlagBelow":
            {
                var field = Col(rule.Field!);
                return (row =>
                {
                    if (Long(row, field) is { } v && (rule.Kind == "FlagAbove" ? v > rule.Threshold : v < rule.Threshold))
                        issues.Add(At(IssueKind.Flag, row, field, rule.Message.Replace("{value}", v.ToString(CultureInfo.InvariantCulture))));
                }, null);
            }
            case "FlagRatioBelow":
            {
                int n = Col(rule.Numerator!), d = Col(rule.Denominator!);
                return (row =>
                {
                    if (Long(row, n) is { } num && Long(row, d) is { } den && den > 0 && (decimal)num / den < rule.Threshold && (decimal)num / den >= (rule.Floor ?? 0))
                        issues.Add(At(IssueKind.Flag, row, n, rule.Message.Replace("{ratio}", ((decimal)num / den).ToString("0.00%", CultureInfo.InvariantCulture))));
                }, null);
            }
            case "FlagRetentionShort":
            {
                // "不少于六个月" counts calendar months back from the end of the period, not a fixed number of days.
                var field = Col(rule.Field!);
                var reach = context.Period.MonthsBackFromEnd(rule.Months ?? 6);
                return (row =>
                {
                    if (row.Values[field] is DateOnly earliest && earliest > reach)
                        issues.Add(At(IssueKind.Flag, row, field, rule.Message
                            .Replace("{value}", ChineseDate.Format(earliest)).Replace("{reach}", ChineseDate.Format(reach))));
                }, null);
            }
            case "FlagEquals":
            {
                var field = Col(rule.Field!);
                return (row =>
                {
                    if (Text(row.Values[field]) == rule.EqualsValue)
                        issues.Add(At(IssueKind.Flag, row, field, rule.Message));
                }, null);
            }
            default:
                return (null, null);
        }
    }

    /// <summary>
    /// Detail rows summed per key must equal the summary row of that key, field by field: the detail's sums and the summary's
    /// figures are gathered as rows arrive (sums per key, not rows), and compared once both sheets were read.
    /// </summary>
    internal sealed class DetailTotals(RuleDefinition rule, ParsedReturn parsed, List<ValidationIssue> issues)
    {
        private readonly Dictionary<string, long[]> _sums = [];
        private readonly List<(int RowNumber, string Key, long?[] Figures)> _summary = [];
        private int[]? _dKeys, _dFields, _sKeys, _sFields;

        public RuleDefinition Rule => rule;

        /// <summary>Whether the detail sheet has the rule's keys and fields (a missing one is an error of its own).</summary>
        private static bool Usable(ParsedSheet sheet, IEnumerable<string> fields) =>
            sheet.ExcelColumns.Length > 0 && fields.All(f => sheet.Definition.ColumnIndex(f) is var i and >= 0 && sheet.ExcelColumns[i] >= 0);

        public void DetailRow(ParsedSheet detail, ParsedRow row)
        {
            if (_dKeys is null)
            {
                if (!Usable(detail, rule.Keys!.Concat(rule.Fields!))) { _dKeys = []; _dFields = []; return; }
                _dKeys = rule.Keys!.Select(detail.Definition.ColumnIndex).ToArray();
                _dFields = rule.Fields!.Select(detail.Definition.ColumnIndex).ToArray();
            }
            if (_dKeys.Length == 0 || _dKeys.Any(k => row.Values[k] is null)) return;
            var key = Key(row, _dKeys);
            if (!_sums.TryGetValue(key, out var acc)) _sums[key] = acc = new long[_dFields!.Length];
            for (var i = 0; i < _dFields!.Length; i++) acc[i] += Long(row, _dFields[i]) ?? 0;
        }

        public void SummaryRow(ParsedSheet summary, ParsedRow row)
        {
            _sKeys ??= rule.Keys!.Select(summary.Definition.ColumnIndex).ToArray();
            _sFields ??= rule.Fields!.Select(summary.Definition.ColumnIndex).ToArray();
            if (_sKeys.Any(k => row.Values[k] is null)) return;
            _summary.Add((row.RowNumber, Key(row, _sKeys), _sFields.Select(f => Long(row, f)).ToArray()));
        }

        public void Finish(ParsedSheet summary)
        {
            if (!parsed.Sheets.TryGetValue(rule.DetailSheet!, out var detail) || !Usable(detail, rule.Keys!.Concat(rule.Fields!))) return;
            _sFields ??= rule.Fields!.Select(summary.Definition.ColumnIndex).ToArray();
            var summaryKeys = new HashSet<string>();
            foreach (var (rowNumber, key, figures) in _summary)
            {
                summaryKeys.Add(key);
                var acc = _sums.GetValueOrDefault(key) ?? new long[rule.Fields!.Count];
                for (var i = 0; i < _sFields.Length; i++)
                    if (figures[i] is { } s && s != acc[i])
                        issues.Add(new(IssueKind.Error, summary.Definition.Name, rowNumber, summary.ColumnLetter(_sFields[i]), summary.Definition.Columns[_sFields[i]].Header, rule.Code,
                            $"{rule.Message}：{summary.Definition.Columns[_sFields[i]].Header}汇总为{s}，“{detail.Definition.Name}”合计为{acc[i]}"));
            }
            foreach (var orphan in _sums.Keys.Where(k => !summaryKeys.Contains(k)).Take(20))
                issues.Add(new(IssueKind.Error, detail.Definition.Name, 0, null, null, rule.Code,
                    $"{rule.Message}：“{detail.Definition.Name}”中有{orphan.Replace('\u001f', '/')}的网点，但“{summary.Definition.Name}”没有对应行"));
        }
    }

    internal static string Key(ParsedRow row, int[] columns) => string.Join('\u001f', columns.Select(c => row.Values[c] as string));

    internal static long? Long(ParsedRow row, int column) => row.Values[column] as long?;

    internal static string? Text(object? value) => value switch
    {
        bool b => b ? "是" : "否",
        null => null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A template's rules applied to a return as its rows arrive — each row checked once and then let go, so a return of any
/// size is checked (and stored) without holding its rows; what a rule needs across rows it keeps as aggregates. Every
/// error and flag is collected into the return's issues, each located to sheet, row and column.
/// </summary>
public sealed class ReturnChecker(ParsedReturn parsed, ValidationContext context)
{
    private readonly Dictionary<ParsedSheet, SheetRules> _sheets = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RuleDefinition, ReturnValidator.DetailTotals> _totals = new(ReferenceEqualityComparer.Instance);
    private int _scanned;
    private bool _failed;

    private sealed record SheetRules(Action<ParsedRow>[] Rows, Action[] Finish);

    /// <summary>Whether any error was found so far (by the reader or the rules): from then on nothing is worth storing.</summary>
    public bool Failed
    {
        get
        {
            var issues = parsed.Issues;
            if (_scanned > issues.Count) _scanned = 0;   // the reader refused the file: its one error replaced what was found
            while (!_failed && _scanned < issues.Count)
                _failed = issues[_scanned++].Kind == IssueKind.Error;
            return _failed;
        }
    }

    /// <summary>Checks one data row of a sheet (its header already read).</summary>
    public void Row(ParsedSheet sheet, ParsedRow row)
    {
        foreach (var check in RulesOf(sheet).Rows) check(row);
    }

    /// <summary>Concludes what needs every row: lists covered, detail totals; the header cells of sheets without rows.</summary>
    public void Finish()
    {
        foreach (var sheet in parsed.Sheets.Values)
        foreach (var finish in RulesOf(sheet).Finish)
            finish();
        // In the order of the file — sheet, row, column (the file as a whole and each sheet as a whole first) — however the
        // rows were checked: a return read whole and the same return streamed list the same issues alike.
        var sheets = parsed.Template.Sheets.Select(s => s.Name).ToList();
        var ordered = parsed.Issues.OrderBy(i => sheets.IndexOf(i.Sheet)).ThenBy(i => i.Row).ThenBy(i => i.ColumnIndex).ToList();
        parsed.Issues.Clear();
        parsed.Issues.AddRange(ordered);
    }

    private SheetRules RulesOf(ParsedSheet sheet)
    {
        if (_sheets.TryGetValue(sheet, out var rules)) return rules;
        var issues = parsed.Issues;
        // The period and branch cells are above the header: known before the first row, reported before its findings.
        ReturnValidator.CheckHeaderCells(sheet, context, issues);
        var rows = new List<Action<ParsedRow>>();
        var finish = new List<Action>();
        foreach (var rule in parsed.Template.Rules)
        {
            if (rule.Kind == "DetailTotals" && rule.DetailSheet == sheet.Definition.Name)
                rows.Add(row => Totals(rule).DetailRow(sheet, row));
            if ((rule.Sheet ?? rule.SummarySheet) != sheet.Definition.Name || sheet.ExcelColumns.Length == 0)
                continue; // a missing sheet is already an error of its own
            // A rule over a missing column would only repeat the missing-column error.
            if (ReturnValidator.RuleFields(rule).Any(f => sheet.Definition.Columns.All(c => c.Field != f) || sheet.ExcelColumns[sheet.Definition.ColumnIndex(f)] < 0))
                continue;
            if (rule.Kind == "DetailTotals")
            {
                rows.Add(row => Totals(rule).SummaryRow(sheet, row));
                finish.Add(() => Totals(rule).Finish(sheet));
                continue;
            }
            var (row, end) = ReturnValidator.Compile(rule, sheet, parsed, context, issues);
            if (row is not null) rows.Add(row);
            if (end is not null) finish.Add(end);
        }
        return _sheets[sheet] = new SheetRules([.. rows], [.. finish]);
    }

    private ReturnValidator.DetailTotals Totals(RuleDefinition rule) =>
        _totals.TryGetValue(rule, out var totals) ? totals : _totals[rule] = new ReturnValidator.DetailTotals(rule, parsed, parsed.Issues);
}
