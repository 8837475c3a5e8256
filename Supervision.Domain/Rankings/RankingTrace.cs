using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Rankings;

/// <summary>One cell of the original file a figure was added up from.</summary>
/// <param name="Column">0-based column in the file (columns are found by header, so a carrier may have moved them); −1 when the file could not be read.</param>
public sealed record TraceCell(string Sheet, int Row, int Column, string Header, string Part, long Value, string RowLabel)
{
    public string Address => Column < 0 ? $"第{Row}行“{Header}”列" : CellAddress.ColumnName(Column) + Row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One filed version of the return a figure comes from.</summary>
public sealed record TraceVersion(long Id, int Version, SubmissionStatus Status, DateTimeOffset? SubmittedAt, string? ReceiptNo, string FileName, string Sha256,
    string? ReviewNote);

/// <summary>
/// Where a ranking figure comes from: the indicator's formula with its numerator and denominator, the accepted version
/// of the return (and the versions before it), and the cells of the stored original, each with its value.
/// </summary>
public sealed record FigureTrace(int BranchId, string BranchName, string Period, RankingIndicator Indicator, IndicatorStatus Status, double? Value,
    double Numerator, double Denominator, string NumeratorText, string? DenominatorText, TraceVersion? Source, IReadOnlyList<TraceVersion> Versions,
    IReadOnlyList<TraceCell> Cells, string? NotTraced)
{
    public long SumOf(string part) => Cells.Where(c => c.Part == part).Sum(c => c.Value);
}

/// <summary>Finds and marks cells in a stored workbook; Reports implements it.</summary>
public interface IWorkbookCells
{
    /// <summary>The 0-based column of each of the sheet's fields, as the file's header row places them; empty when the file cannot be read.</summary>
    IReadOnlyDictionary<string, int> Columns(byte[] workbook, string fileName, SheetDefinition sheet);

    /// <summary>The workbook with the cells filled and noted, and a last sheet named <paramref name="listSheetName"/> listing them.</summary>
    byte[] Mark(byte[] workbook, IReadOnlyList<TraceCell> cells, string listSheetName);
}

/// <summary>
/// 排名数据追溯: from a figure on the rankings to the cells of the accepted return it was counted from. Whoever may see the
/// figure may see its trace (the scope filter decides: the province's staff and the ministry, a carrier only its own).
/// </summary>
public sealed class RankingTraceService(IDbContextFactory<SupervisionDbContext> factory, IWorkbookCells workbooks)
{
    public const string Numerator = "分子";
    public const string Denominator = "分母";

    public async Task<FigureTrace> TraceAsync(int branchId, string period, string code, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (trace, _) = await LoadAsync(db, branchId, period, code, ct);
        return trace;
    }

    /// <summary>The stored original of the accepted version with the figure's cells marked, as an .xlsx to download.</summary>
    public async Task<(string FileName, byte[] Content)> MarkedOriginalAsync(int branchId, string period, string code, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (trace, original) = await LoadAsync(db, branchId, period, code, ct);
        if (original is null || trace.Cells.Count == 0 || trace.Cells.Any(c => c.Column < 0))
            throw new DomainException("trace.no_cells", "该数值没有可以在原始文件中标注的单元格。");
        var name = Path.GetFileNameWithoutExtension(trace.Source!.FileName);
        return ($"{name}_{trace.Indicator.Name}_追溯.xlsx", workbooks.Mark(original, trace.Cells, "追溯单元格"));
    }

    private async Task<(FigureTrace Trace, byte[]? Original)> LoadAsync(SupervisionDbContext db, int branchId, string period, string code, CancellationToken ct)
    {
        var branch = await db.Branches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == branchId, ct) ?? throw new NotFoundException("排名数值");
        // The figure is scoped data: a figure outside the user's scope is not found, and so is its trace. Looked up by its whole key.
        var figure = await db.IndicatorValues.AsNoTracking()
                         .FirstOrDefaultAsync(v => v.ProvinceId == branch.ProvinceId && v.Period == period && v.BranchId == branchId && v.Code == code, ct)
                     ?? throw new NotFoundException("排名数值");
        var indicator = await db.RankingIndicators.AsNoTracking().SingleAsync(i => i.Code == code, ct);
        var city = branch.Level == BranchLevel.Provincial ? null : await db.Cities.AsNoTracking().Where(c => c.Id == branch.CityId).Select(c => c.Code).FirstOrDefaultAsync(ct);
        var filerId = branch.Level == BranchLevel.Provincial ? branch.Id : branch.ParentBranchId ?? branch.Id;

        FigureTrace Trace(string numerator, string? denominator, TraceVersion? source, IReadOnlyList<TraceVersion> versions, IReadOnlyList<TraceCell> cells, string? notTraced) =>
            new(branch.Id, branch.ShortName, period, indicator, figure.Status, figure.Value, figure.Numerator, figure.Denominator, numerator, denominator,
                source, versions, cells, notTraced);

        if (!ReturnIndicators.SummaryFields.TryGetValue(code, out var fields))
            return (Trace(indicator.SourceText, null, null, [], [], "该指标由报送记录的期限和审核结果、日志留存季报或监管记录统计得出，不来自实名制月报的单元格；其来源见上方“数据来源”。"), null);

        var versions = await db.Submissions.AsNoTracking()
            .Where(s => s.BranchId == filerId && s.TemplateCode == ReturnIndicators.Monthly && s.Period == period && s.SubmittedAt != null)
            .OrderBy(s => s.Version)
            .Select(s => new TraceVersion(s.Id, s.Version, s.Status, s.SubmittedAt, s.ReceiptNo, s.File!.FileName, s.Sha256, s.ReviewNote))
            .ToListAsync(ct);
        var accepted = versions.LastOrDefault(v => v.Status == SubmissionStatus.Accepted);
        SheetDefinition? sheetOf = null;
        if (accepted is not null)
        {
            var json = await db.Submissions.AsNoTracking().Where(s => s.Id == accepted.Id).Select(s => s.Template!.DefinitionJson).SingleAsync(ct);
            sheetOf = TemplateDefinition.FromJson(json).Sheets.FirstOrDefault(s => s.Target == RowTarget.RnSummary);
        }
        string Headers(string[] f) => sheetOf is null ? "" : string.Join(" + ", f.Select(x => sheetOf.Columns[sheetOf.ColumnIndex(x)].Header));
        var numeratorText = sheetOf is null ? indicator.SourceText : $"“{sheetOf.Name}”表{(city is null ? "各行" : $"地市{city}各行")}的{Headers(fields.Numerator)}之和";
        var denominatorText = fields.Denominator.Length == 0 || sheetOf is null ? null : $"上述各行的{Headers(fields.Denominator)}之和";
        if (accepted is null || sheetOf is null)
            return (Trace(numeratorText, denominatorText, null, versions, [], "本期实名制月报尚无已受理的版本，排名未计入该数值。"), null);

        var rows = await db.RnSummaryRows.AsNoTracking().Where(r => r.SubmissionId == accepted.Id && (city == null || r.CityCode == city))
            .OrderBy(r => r.RowNumber).ToListAsync(ct);
        var fileId = await db.Submissions.AsNoTracking().Where(s => s.Id == accepted.Id).Select(s => s.FileId).SingleAsync(ct);
        var original = await db.FileContents.AsNoTracking().Where(f => f.FileId == fileId).Select(f => f.Bytes).SingleAsync(ct);
        var columns = workbooks.Columns(original, accepted.FileName, sheetOf);
        // Rows as people know them: the city by name (640100 → 银川市), as the return's pages show it.
        var cityNames = await db.Cities.AsNoTracking().Where(c => c.ProvinceId == branch.ProvinceId).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var cells = new List<TraceCell>();
        foreach (var row in rows)
            foreach (var (part, list) in new[] { (Numerator, fields.Numerator), (Denominator, fields.Denominator) })
                foreach (var field in list)
                    cells.Add(new TraceCell(sheetOf.Name, row.RowNumber, columns.TryGetValue(field, out var c) ? c : -1, sheetOf.Columns[sheetOf.ColumnIndex(field)].Header,
                        part, Read(row, field), $"{cityNames.GetValueOrDefault(row.CityCode, row.CityCode)} {row.Channel}"));
        return (Trace(numeratorText, denominatorText, accepted, versions, cells, null), original);
    }

    private static long Read(RnSummaryRow row, string field) => (long)typeof(RnSummaryRow).GetProperty(field)!.GetValue(row)!;
}
