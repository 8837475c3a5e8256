using System.Globalization;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Reports.Submissions;

/// <summary>
/// Reads an uploaded return (streaming, hostile-file safe) against its template: every cell through the template's
/// columns, each wrong value an error at its cell. <see cref="SubmissionService"/> validates and stores what it reads.
/// </summary>
public sealed class ReturnReader(SpreadsheetLimits limits) : IReturnReader
{
    /// <summary>Errors beyond this many are summarised: a wrong file would otherwise produce one per cell.</summary>
    public const int MaxIssues = 5000;

    private readonly SpreadsheetLimits _limits = limits;

    /// <summary>
    /// Reads a file against a template, every row held; anything the reader refuses (including a name whose extension does
    /// not fit the content) becomes one error of the file as a whole.
    /// </summary>
    public ParsedReturn Read(TemplateDefinition template, string fileName, byte[] content, ValidationContext context, IProgress<UploadProgress>? progress = null,
        CancellationToken ct = default)
    {
        using var stream = Open(template, fileName, content, context, _ => true, progress, ct);
        foreach (var (_, rows) in stream.Sheets())
            foreach (var _ in rows) { }
        stream.Complete();
        return stream.Parsed;
    }

    public IReturnStream Open(TemplateDefinition template, string fileName, byte[] content, ValidationContext context, Func<SheetDefinition, bool> hold,
        IProgress<UploadProgress>? progress = null, CancellationToken ct = default) =>
        new Stream(this, template, fileName, content, context, hold, progress, ct);

    /// <summary>One reading of a file: the sheets in the template's order, each sheet's rows as they are enumerated.</summary>
    private sealed class Stream : IReturnStream
    {
        private readonly ISpreadsheet? _file;
        private readonly TemplateDefinition _template;
        private readonly ValidationContext _context;
        private readonly Func<SheetDefinition, bool> _hold;
        private readonly IProgress<UploadProgress>? _progress;
        private readonly CancellationToken _ct;
        private bool _rejected;

        public Stream(ReturnReader reader, TemplateDefinition template, string fileName, byte[] content, ValidationContext context, Func<SheetDefinition, bool> hold,
            IProgress<UploadProgress>? progress, CancellationToken ct)
        {
            (_template, _context, _hold, _progress, _ct) = (template, context, hold, progress, ct);
            Parsed = new ParsedReturn(template);
            try
            {
                _file = SpreadsheetReader.Open(new MemoryStream(content, writable: false), reader._limits, template.Sheets.Count == 1 ? template.Sheets[0].Name : "Sheet1", fileName);
            }
            catch (SpreadsheetRejectedException ex)
            {
                Reject(ex);
            }
        }

        public ParsedReturn Parsed { get; }

        public IEnumerable<(ParsedSheet Sheet, IEnumerable<ParsedRow> Rows)> Sheets()
        {
            foreach (var def in _template.Sheets)
            {
                if (_rejected || _file is null) yield break;
                if (!_file.SheetNames.Contains(def.Name))
                {
                    Parsed.Issues.Add(new(IssueKind.Error, def.Name, 0, null, null, "SHEET_MISSING",
                        $"缺少工作表“{def.Name}”（文件中的工作表：{string.Join("、", _file.SheetNames)}）。请使用下载的模板填写，不要修改工作表名称"));
                    continue;
                }
                var sheet = Parsed.Sheets[def.Name] = new ParsedSheet(def);
                yield return (sheet, Guarded(ReadSheet(_file, sheet, _template, _context, _hold(def), Parsed.Issues, _progress, _ct)));
            }
        }

        /// <summary>The rows, until the reader refuses the file: then the return is that one error (what was read of it is dropped).</summary>
        private IEnumerable<ParsedRow> Guarded(IEnumerable<ParsedRow> rows)
        {
            using var e = rows.GetEnumerator();
            while (true)
            {
                try
                {
                    if (_rejected || !e.MoveNext()) yield break;
                }
                catch (SpreadsheetRejectedException ex)
                {
                    Reject(ex);
                    yield break;
                }
                yield return e.Current;
            }
        }

        private void Reject(SpreadsheetRejectedException ex)
        {
            _rejected = true;
            Parsed.Sheets.Clear();
            Parsed.Issues.Clear();
            Parsed.Issues.Add(new(IssueKind.Error, "文件", 0, null, null, ex.Code, ex.Message));
        }

        public void Complete()
        {
            var issues = Parsed.Issues;
            if (issues.Count <= MaxIssues) return;
            var total = issues.Count;
            issues.RemoveRange(MaxIssues, total - MaxIssues);
            issues.Add(new(IssueKind.Error, "文件", 0, null, null, "TOO_MANY_ERRORS", $"错误过多（共{total}处），仅列出前{MaxIssues}处。请检查是否使用了正确的模板"));
        }

        public void Dispose() => _file?.Dispose();
    }

    /// <summary>A sheet's data rows as they are read; each held on the sheet when <paramref name="hold"/>, else counted.</summary>
    private static IEnumerable<ParsedRow> ReadSheet(ISpreadsheet file, ParsedSheet sheet, TemplateDefinition template, ValidationContext context, bool hold,
        List<ValidationIssue> issues, IProgress<UploadProgress>? progress, CancellationToken ct)
    {
        var def = sheet.Definition;
        var lists = def.Columns.Select(c => context.List(template, c.List)).ToArray();
        var periodAt = def.PeriodCell is { } p ? CellAddress.Parse(p) : (0, -1);
        var branchAt = def.BranchCell is { } b ? CellAddress.Parse(b) : (0, -1);
        var headerSeen = false;
        foreach (var row in file.ReadRows(def.Name))
        {
            if (row.RowNumber < def.HeaderRow)
            {
                if (row.RowNumber == periodAt.Item1) sheet.Period = PeriodText(row[periodAt.Item2], context.Period.Frequency);
                if (row.RowNumber == branchAt.Item1) sheet.BranchCode = row[branchAt.Item2]?.Value.Trim();
                continue;
            }
            if (row.RowNumber == def.HeaderRow)
            {
                headerSeen = true;
                sheet.ExcelColumns = MapHeaders(def, row, issues);
                continue;
            }
            if (!headerSeen) break;
            if (row.Cells.All(c => string.IsNullOrWhiteSpace(c.Value) && c.Type != RawCellType.Formula)) continue;
            var values = new object?[def.Columns.Count];
            for (var i = 0; i < def.Columns.Count; i++)
            {
                var excelColumn = sheet.ExcelColumns[i];
                if (excelColumn < 0) continue;
                var cell = row[excelColumn];
                var text = cell?.Type == RawCellType.Boolean ? (cell.Value == "1" ? "是" : "否") : cell?.Value;
                if (!FieldParser.TryParse(def.Columns[i], text, cell?.Type == RawCellType.Formula, lists[i], context, out values[i], out var error))
                    issues.Add(new(IssueKind.Error, def.Name, row.RowNumber, CellAddress.ColumnName(excelColumn), def.Columns[i].Header, error!.Value.Code, error.Value.Message));
            }
            var parsed = new ParsedRow(row.RowNumber, values);
            if (hold) sheet.Rows.Add(parsed);
            else sheet.StreamedRows++;
            if (sheet.RowCount % 10_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new UploadProgress($"读取“{def.Name}”", sheet.RowCount));
            }
            yield return parsed;
        }
        if (!headerSeen)
        {
            issues.Add(new(IssueKind.Error, def.Name, def.HeaderRow, null, null, "HEADER_MISSING", $"第{def.HeaderRow}行应为列名（{string.Join("、", def.Columns.Select(c => c.Header))}）"));
            sheet.ExcelColumns = Enumerable.Repeat(-1, def.Columns.Count).ToArray();
        }
    }

    /// <summary>Columns are found by their header text, so a carrier may reorder them; a missing one is an error of its own.</summary>
    internal static int[] MapHeaders(SheetDefinition def, SheetRow header, List<ValidationIssue> issues)
    {
        var found = header.Cells.Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .GroupBy(c => TemplateCheck.HeaderKey(c.Value)).ToDictionary(g => g.Key, g => g.First().Column);
        var columns = new int[def.Columns.Count];
        for (var i = 0; i < def.Columns.Count; i++)
        {
            if (found.TryGetValue(TemplateCheck.HeaderKey(def.Columns[i].Header), out var column))
                columns[i] = column;
            else
            {
                columns[i] = -1;
                issues.Add(new(IssueKind.Error, def.Name, header.RowNumber, null, def.Columns[i].Header, "COLUMN_MISSING", $"缺少列“{def.Columns[i].Header}”"));
            }
        }
        return columns;
    }


    /// <summary>Excel may have turned a typed 2026-10 into a date; read it back as the period it was meant to be.</summary>
    /// <summary>The period a sheet's period cell states, as text (a month typed as a date reads as 2026-10).</summary>
    internal static string? PeriodText(RawCell? cell, Frequency frequency)
    {
        if (cell is null) return null;
        if (cell.Type == RawCellType.Number && frequency == Frequency.Monthly && double.TryParse(cell.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial > 3000)
            return DateTime.FromOADate(serial).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return cell.Value.Trim();
    }
}
