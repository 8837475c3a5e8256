using Supervision.Domain.Common;
using Supervision.Domain.Files;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Reports.Submissions;

/// <summary>
/// A web draft as the template workbook (<see cref="TemplateWorkbook.Build(TemplateFill, IReadOnlyDictionary{string, IReadOnlyList{IReadOnlyList{string?}}}?)"/>);
/// with the carrier's file of the sheets kept to files (网点明细), those sheets copied in from it — read with the same
/// guards as any upload, nothing parsed here: the reader parses the whole workbook as it parses a file.
/// </summary>
public sealed class TemplateWorkbookWriter(SpreadsheetLimits limits) : IReturnWorkbookWriter
{
    public byte[] Write(TemplateFill fill, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string?>>> rows, Attachment? fileSheets = null) =>
        TemplateWorkbook.Build(fill, rows, fileSheets is null ? null : FileSheets(fill, fileSheets));

    private Dictionary<string, IReadOnlyList<CopiedRow>> FileSheets(TemplateFill fill, Attachment file)
    {
        StoredFile.CheckName(file.FileName);
        var defs = fill.Template.Sheets.Where(s => !s.WebEntry).ToList();
        var copied = new Dictionary<string, IReadOnlyList<CopiedRow>>();
        if (defs.Count == 0) return copied;
        using var stream = new MemoryStream(file.Bytes, writable: false);
        try
        {
            using var book = SpreadsheetReader.Open(stream, limits, defs[0].Name, file.FileName);
            foreach (var def in defs)
            {
                var name = book.SheetNames.FirstOrDefault(n => n == def.Name) ?? (defs.Count == 1 && book.SheetNames.Count == 1 ? book.SheetNames[0] : null)
                           ?? throw new DomainException("entry.file_sheet_missing",
                               $"文件“{file.FileName}”中没有工作表“{def.Name}”：请在本页“下载为Excel”得到的工作簿中填写“{def.Name}”，再选择该文件。");
                var header = book.ReadRows(name).FirstOrDefault(r => r.RowNumber == def.HeaderRow);
                var columns = header?.Cells.Where(c => c.Value.Trim().Length > 0).GroupBy(c => c.Value.Trim()).ToDictionary(g => g.Key, g => g.First().Column)
                              ?? new Dictionary<string, int>();
                if (def.Columns.Where(c => !columns.ContainsKey(c.Header)).Select(c => $"“{c.Header}”").ToList() is { Count: > 0 } missing)
                    throw new DomainException("entry.file_sheet_columns",
                        $"文件“{file.FileName}”的工作表“{def.Name}”第{def.HeaderRow}行缺少列{string.Join("、", missing)}：请使用本页“下载为Excel”得到的模板。");
                // A file of another period (last month's 网点明细) is refused, as the upload refuses it (PERIOD_MISMATCH).
                if (def.PeriodCell is { } periodCell)
                {
                    var (periodRow, periodColumn) = CellAddress.Parse(periodCell);
                    var stated = ReturnReader.PeriodText(book.ReadRows(name).FirstOrDefault(r => r.RowNumber == periodRow)?[periodColumn], fill.Period.Frequency);
                    if (!ReportingPeriod.TryParse(stated, fill.Period.Frequency, out var statedPeriod) || statedPeriod != fill.Period)
                        throw new DomainException("entry.file_sheet_period",
                            $"文件“{file.FileName}”的工作表“{def.Name}”{periodCell}单元格的报送期间为“{stated ?? "（空）"}”，与本次填报的{fill.Period.Label}不一致：请选择本期的“{def.Name}”文件。");
                }
                var index = def.Columns.Select(c => columns[c.Header]).ToArray();
                copied[def.Name] = book.ReadRows(name).Where(r => r.RowNumber > def.HeaderRow)
                    .Select(r => new CopiedRow(r.RowNumber, index.Select(i => r[i]).ToList())).ToList();
            }
        }
        catch (SpreadsheetRejectedException ex)
        {
            throw new DomainException(ex.Code, $"文件“{file.FileName}”无法读取：{ex.Message}");
        }
        return copied;
    }
}
