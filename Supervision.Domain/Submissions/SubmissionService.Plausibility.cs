using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>Filing refused until each flagged figure is explained; <see cref="Unexplained"/> lists those still lacking one.</summary>
public sealed class PlausibilityUnconfirmedException(IReadOnlyList<PlausibilityFinding> findings, IReadOnlyList<PlausibilityFinding> unexplained)
    : DomainException(UnconfirmedCode, $"有{unexplained.Count}项数据与历史或同类单位相比异常，请逐项说明后再报送：" +
                                       string.Join("；", unexplained.Take(5).Select(f => $"{f.Key}（{f.Figure}）")) + (unexplained.Count > 5 ? "等" : "") + "。")
{
    public const string UnconfirmedCode = "plausibility.unconfirmed";
    public IReadOnlyList<PlausibilityFinding> Findings { get; } = findings;
    public IReadOnlyList<PlausibilityFinding> Unexplained { get; } = unexplained;
}

/// <summary>One line of the outlier report: a flagged figure of a filed return, with the carrier's explanation.</summary>
public sealed record OutlierRow(long SubmissionId, string Branch, int Version, SubmissionStatus Status, PlausibilityExplanation Explanation);

public sealed partial class SubmissionService
{
    /// <summary>
    /// What the template's plausibility checks find in a return about to be filed: against the branch's accepted returns of
    /// the 12 periods before and the other branches' filed returns of the same period in the province.
    /// </summary>
    private async Task<IReadOnlyList<PlausibilityFinding>> FindingsAsync(TemplateInfo template, int branchId, string period, ReturnFigures current, CancellationToken ct)
    {
        if (template.Definition.Checks is not { Count: > 0 }) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FindingsAsync(db, template, branchId, period, current, ct);
    }

    /// <param name="db">The context to read with (the upload's own, inside its transaction).</param>
    private static async Task<IReadOnlyList<PlausibilityFinding>> FindingsAsync(SupervisionDbContext db, TemplateInfo template, int branchId, string period, ReturnFigures current,
        CancellationToken ct)
    {
        var definition = template.Definition;
        if (definition.Checks is not { Count: > 0 }) return [];
        var branch = await db.Branches.AsNoTracking().Where(b => b.Id == branchId).Select(b => new { b.ProvinceId, b.CarrierId }).SingleAsync(ct);
        // The newest accepted version of each earlier period.
        var accepted = await db.Submissions.AsNoTracking()
            .Where(s => s.BranchId == branchId && s.TemplateCode == template.Code && s.Status == SubmissionStatus.Accepted)
            .Select(s => new { s.Id, s.Period, s.Version }).ToListAsync(ct);
        // Periods of one frequency sort as text (2026-09 < 2026-10, 2026-Q3 < 2026-Q4).
        var history = accepted.Where(s => string.CompareOrdinal(s.Period, period) < 0).GroupBy(s => s.Period).Select(g => g.MaxBy(s => s.Version)!).OrderByDescending(s => s.Period)
            .Take(PlausibilityCheck.HistoryPeriods).Select(s => s.Id).ToList();
        var peers = new List<long>();
        if (definition.Checks.Any(c => c.Kind == PlausibilityCheck.Peers))
        {
            // The figures of other carriers serve only as the province's spread: the carrier sees a range, never a peer's value.
            var filed = await db.Submissions.AsNoTracking().IgnoreQueryFilters()
                .Where(s => s.ProvinceId == branch.ProvinceId && s.BranchId != branchId && s.TemplateCode == template.Code && s.Period == period
                            && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.Accepted))
                .Select(s => new { s.Id, s.BranchId, s.Version }).ToListAsync(ct);
            peers = filed.GroupBy(s => s.BranchId).Select(g => g.MaxBy(s => s.Version)!.Id).ToList();
        }
        var stored = await StoredFiguresAsync(db, definition, history.Concat(peers).ToList(), ct);
        return PlausibilityRules.Evaluate(definition, current,
            history.Where(stored.ContainsKey).Select(id => stored[id]).ToList(), peers.Where(stored.ContainsKey).Select(id => stored[id]).ToList());
    }

    /// <summary>The figures of a return as read from its file (column letters as found in the file).</summary>
    private static ReturnFigures FiguresOf(ParsedReturn parsed) =>
        new(parsed.Sheets.Values.Where(s => PlausibilityRules.FieldsOf(parsed.Template, s.Definition.Name).Count > 0)
            .ToDictionary(s => s.Definition.Name, s => PlausibilityRules.Sheet(parsed.Template, s.Definition, s.Rows.Select(r => (r.RowNumber, r.Values)), s.ColumnLetter)));

    /// <summary>The figures of stored returns (the summary sheets the checks read), by submission id; columns in the template's order.</summary>
    private static async Task<Dictionary<long, ReturnFigures>> StoredFiguresAsync(SupervisionDbContext db, TemplateDefinition template, IReadOnlyList<long> ids,
        CancellationToken ct)
    {
        var sheets = new Dictionary<long, Dictionary<string, FigureSheet>>();
        if (ids.Count == 0) return [];
        foreach (var sheet in template.Sheets.Where(s => PlausibilityRules.FieldsOf(template, s.Name).Count > 0))
        {
            var method = typeof(SubmissionService).GetMethod(nameof(StoredRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(RowMapper.ClrType(sheet.Target));
            var rows = await (Task<List<ReturnRow>>)method.Invoke(null, [db, ids.ToList(), ct])!;
            foreach (var group in rows.GroupBy(r => r.SubmissionId))
            {
                var values = group.OrderBy(r => r.RowNumber).Select(r =>
                {
                    var extra = ExtraColumns.Parse(r.ExtraValues);
                    return (r.RowNumber, sheet.Columns.Select(c => RowMapper.Value(r, c, extra)).ToArray());
                });
                (sheets.TryGetValue(group.Key, out var of) ? of : sheets[group.Key] = [])[sheet.Name] =
                    PlausibilityRules.Sheet(template, sheet, values, CellAddress.ColumnName);
            }
        }
        return sheets.ToDictionary(s => s.Key, s => new ReturnFigures(s.Value));
    }

    private static async Task<List<ReturnRow>> StoredRowsAsync<T>(SupervisionDbContext db, List<long> ids, CancellationToken ct) where T : ReturnRow =>
        (await db.Set<T>().AsNoTracking().IgnoreQueryFilters().Where(r => ids.Contains(r.SubmissionId)).ToListAsync(ct)).Cast<ReturnRow>().ToList();

    /// <summary>What the checks find in a stored draft, for the 签报人 about to file it (the same the filing will ask to explain).</summary>
    public async Task<IReadOnlyList<PlausibilityFinding>> FindingsOfAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().Include(x => x.Template).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("报表");
        return await StoredFindingsAsync(db, s, ct);
    }

    private async Task<IReadOnlyList<PlausibilityFinding>> StoredFindingsAsync(SupervisionDbContext db, Submission s, CancellationToken ct)
    {
        var template = await db.ReturnTemplates.AsNoTracking().SingleAsync(t => t.Id == s.TemplateId, ct);
        if (template.Definition.Checks is not { Count: > 0 }) return [];
        var own = await StoredFiguresAsync(db, template.Definition, [s.Id], ct);
        return await FindingsAsync(new TemplateInfo(template.Id, template.Code, template.Version, template.Name, template.Frequency, template.Definition), s.BranchId,
            s.Period, own.GetValueOrDefault(s.Id) ?? new ReturnFigures(new Dictionary<string, FigureSheet>()), ct);
    }

    /// <summary>The explanations filed with a version (the reviewer's page and the carrier's own).</summary>
    public async Task<IReadOnlyList<PlausibilityExplanation>> ExplanationsAsync(long submissionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var explanations = await db.PlausibilityExplanations.AsNoTracking().Where(e => e.SubmissionId == submissionId).OrderBy(e => e.Sheet).ThenBy(e => e.Id).ToListAsync(ct);
        return await NameCitiesAsync(db, explanations, ct);
    }

    /// <summary>
    /// The outlier report of a period: every figure flagged and explained in the filed returns of the template (the latest
    /// version of each branch) in the user's scope. Regulators only: a carrier never sees another carrier's figures.
    /// </summary>
    /// <summary>The explanations (read, not tracked) with each row's city named instead of its code.</summary>
    private static async Task<List<PlausibilityExplanation>> NameCitiesAsync(SupervisionDbContext db, List<PlausibilityExplanation> explanations, CancellationToken ct)
    {
        if (explanations.Count == 0) return explanations;
        var cities = await db.Cities.AsNoTracking().Select(c => new { c.Code, c.Name }).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        foreach (var e in explanations) e.Row = PlausibilityExplanation.RowLabel(e.Row, cities);
        return explanations;
    }

    public async Task<IReadOnlyList<OutlierRow>> OutliersAsync(string templateCode, string periodText, CancellationToken ct = default)
    {
        if (Acting == Acting.Party)
            throw new AccessDeniedException("异常值说明汇总仅供监管人员查看。");
        var template = await TemplateAsync(templateCode, ct);
        var period = ReportingPeriod.Parse(periodText, template.Frequency).ToString();
        await using var db = await factory.CreateDbContextAsync(ct);
        var versions = await db.Submissions.AsNoTracking().Where(s => s.TemplateCode == template.Code && s.Period == period && s.Status != SubmissionStatus.Superseded
                                                                      && s.Status != SubmissionStatus.Draft)
            .Select(s => new { s.Id, s.BranchId, s.Version, s.Status, Branch = s.Branch!.ShortName }).ToListAsync(ct);
        var latest = versions.GroupBy(v => v.BranchId).Select(g => g.MaxBy(v => v.Version)!).ToDictionary(v => v.Id);
        var ids = latest.Keys.ToList();
        var explanations = await NameCitiesAsync(db, await db.PlausibilityExplanations.AsNoTracking().Where(e => ids.Contains(e.SubmissionId)).ToListAsync(ct), ct);
        return explanations.Select(e => new OutlierRow(e.SubmissionId, latest[e.SubmissionId].Branch, latest[e.SubmissionId].Version, latest[e.SubmissionId].Status, e))
            .OrderBy(r => r.Branch).ThenBy(r => r.Explanation.Sheet).ThenBy(r => r.Explanation.Id).ToList();
    }
}
