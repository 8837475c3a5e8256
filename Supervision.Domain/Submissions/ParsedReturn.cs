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
    public List<ParsedRow> Rows { get; } = [];
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
    public int RowCount => Sheets.Values.Sum(s => s.Rows.Count);
}
