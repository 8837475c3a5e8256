using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Reports.Rankings;

/// <summary>
/// Finds a sheet's columns in a stored return the way the importer did (by header text, reading only up to the header
/// row), and marks cells with the annotated-workbook machinery the upload page uses for errors.
/// </summary>
public sealed class WorkbookCells(SpreadsheetLimits limits) : IWorkbookCells
{
    public IReadOnlyDictionary<string, int> Columns(byte[] workbook, string fileName, SheetDefinition sheet)
    {
        try
        {
            using var file = SpreadsheetReader.Open(new MemoryStream(workbook, writable: false), limits, sheet.Name, fileName);
            if (!file.SheetNames.Contains(sheet.Name)) return new Dictionary<string, int>();
            foreach (var row in file.ReadRows(sheet.Name))
            {
                if (row.RowNumber < sheet.HeaderRow) continue;
                if (row.RowNumber > sheet.HeaderRow) break;
                var columns = ReturnReader.MapHeaders(sheet, row, []);
                return sheet.Columns.Select((c, i) => (c.Field, Column: columns[i])).Where(x => x.Column >= 0).ToDictionary(x => x.Field, x => x.Column);
            }
        }
        catch (SpreadsheetRejectedException)
        {
            // Not a workbook the reader accepts (e.g. stored before the reader refused it): the cells are named by row and header only.
        }
        return new Dictionary<string, int>();
    }

    public byte[] Mark(byte[] workbook, IReadOnlyList<TraceCell> cells, string listSheetName)
    {
        using var output = new MemoryStream();
        WorkbookAnnotator.Annotate(new MemoryStream(workbook, writable: false),
            [.. cells.Select(c => new CellIssue(c.Sheet, c.Row, c.Column, $"{c.Part}：{c.Header}（{c.RowLabel}）= {c.Value:N0}"))], output, limits, listSheetName);
        return output.ToArray();
    }
}
