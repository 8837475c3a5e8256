namespace Supervision.Domain.Submissions;

/// <summary>An error stops a return; a flag is legal but alarming and travels with the accepted return.</summary>
public enum IssueKind
{
    Error,
    Flag,
}

/// <summary>
/// One finding about an uploaded return, located to the cell: sheet, row (1-based, 0 = the sheet as a whole),
/// column letter and header (null = the row as a whole), a stable code and a Chinese message.
/// </summary>
public sealed record ValidationIssue(IssueKind Kind, string Sheet, int Row, string? Column, string? Header, string Code, string Message)
{
    public string Cell => Row <= 0 ? "—" : Column is null ? $"第{Row}行" : $"{Column}{Row}";

    /// <summary>0-based column index for annotating the workbook, -1 when the issue is not about one cell.</summary>
    public int ColumnIndex => Column is null ? -1 : CellAddress.ColumnIndex(Column);
}

/// <summary>A data row as read: values by the sheet definition's column order, already typed (long, string, DateOnly, bool).</summary>
public sealed record ParsedRow(int RowNumber, object?[] Values);

/// <summary>One sheet as read, with where each defined column was found in the file.</summary>
public sealed class ParsedSheet(SheetDefinition definition)
{
    public SheetDefinition Definition { get; } = definition;
    /// <summary>The rows held in memory: every row of a return read whole; of a return streamed into the database, only the
    /// rows of the sheets the plausibility checks read (<see cref="IReturnReader.Open"/>).</summary>
    public List<ParsedRow> Rows { get; } = [];

    /// <summary>Rows read and passed on without being held (a streamed sheet).</summary>
    public int StreamedRows { get; set; }

    /// <summary>Every data row read, held or not.</summary>
    public int RowCount => Rows.Count + StreamedRows;
    /// <summary>Excel column (0-based) of each defined column; -1 when the column is missing.</summary>
    public int[] ExcelColumns { get; set; } = [];
    public string? Period { get; set; }
    public string? BranchCode { get; set; }

    public string ColumnLetter(int definitionIndex) =>
        ExcelColumns.Length > definitionIndex && ExcelColumns[definitionIndex] >= 0 ? CellAddress.ColumnName(ExcelColumns[definitionIndex]) : "?";
}

/// <summary>A whole return as read from a file, with the errors the reading itself found (missing sheets, bad cells).</summary>
public sealed class ParsedReturn(TemplateDefinition template)
{
    public TemplateDefinition Template { get; } = template;
    public Dictionary<string, ParsedSheet> Sheets { get; } = [];
    public List<ValidationIssue> Issues { get; } = [];
    public int RowCount => Sheets.Values.Sum(s => s.RowCount);
}

/// <summary>
/// A return being read straight into its storage: the sheets in the file's template order, each sheet's rows read as the
/// caller enumerates them (once). The header facts (period, branch, where each column is) are on <see cref="Parsed"/>'s
/// sheet before its first row; the reader's errors go to <see cref="Parsed"/>'s issues as they are found; a file the reader
/// refuses ends the sheets early with one error of the file as a whole.
/// </summary>
public interface IReturnStream : IDisposable
{
    ParsedReturn Parsed { get; }

    IEnumerable<(ParsedSheet Sheet, IEnumerable<ParsedRow> Rows)> Sheets();

    /// <summary>After the last sheet: the issues summarised when there are too many to list.</summary>
    void Complete();
}

/// <summary>A return already held in memory (entered in the browser), served as a stream.</summary>
public sealed class HeldReturn(ParsedReturn parsed) : IReturnStream
{
    /// <summary>Opens the held return afresh each time (an attempt after a lost race checks it again): the issues found by
    /// the checks of an earlier opening are dropped, those of the reading kept.</summary>
    public static Func<IReturnStream> Opener(ParsedReturn parsed)
    {
        var read = parsed.Issues.Count;
        return () =>
        {
            parsed.Issues.RemoveRange(read, parsed.Issues.Count - read);
            return new HeldReturn(parsed);
        };
    }

    public ParsedReturn Parsed => parsed;

    public IEnumerable<(ParsedSheet Sheet, IEnumerable<ParsedRow> Rows)> Sheets() => parsed.Sheets.Values.Select(s => (s, (IEnumerable<ParsedRow>)s.Rows));

    public void Complete() { }

    public void Dispose() { }
}
