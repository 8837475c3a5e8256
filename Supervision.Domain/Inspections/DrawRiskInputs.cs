using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Inspections;

/// <summary>
/// The units of each risk factor for the entities of a weighted draw, from the records as they stand: the latest
/// ranking, findings still open, flagged returns and penalty decisions. A provincial company answers for its city
/// companies' records; an outlet for its branch's.
/// </summary>
internal static class DrawRiskInputs
{
    /// <summary>The formula the administrators set, as a draw uses it.</summary>
    public static async Task<RiskFormula> FormulaAsync(SupervisionDbContext db, CancellationToken ct) =>
        new((await db.DrawRiskFactors.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code).ToListAsync(ct)).Select(f => f.Term).ToList());

    /// <param name="rankUnits">Per branch id: its latest rank − 1 among its peers (not reported: counted last).</param>
    public static async Task<List<RosterEntity>> WeighAsync(SupervisionDbContext db, IReadOnlyList<RosterEntity> entities, RiskFormula formula,
        IReadOnlyDictionary<int, int> rankUnits, DateTimeOffset now, CancellationToken ct)
    {
        var terms = formula.Terms.ToDictionary(t => t.Code);
        var ids = entities.Select(e => e.BranchId).Distinct().ToList();
        var children = await db.Branches.AsNoTracking().Where(b => b.ParentBranchId != null && ids.Contains(b.ParentBranchId.Value))
            .Select(b => new { b.Id, Parent = b.ParentBranchId!.Value }).ToListAsync(ct);
        // Each branch whose records count, mapped to the entity branches it counts for.
        var countsFor = ids.Select(id => (Branch: id, For: id)).Concat(children.Select(c => (Branch: c.Id, For: c.Parent))).ToList();
        var all = countsFor.Select(x => x.Branch).Distinct().ToList();

        var findings = await db.Findings.AsNoTracking().Where(f => all.Contains(f.BranchId) && f.Status == FindingStatus.Open)
            .GroupBy(f => f.BranchId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var flaggedSince = now.AddMonths(-(Window(terms, DrawRiskFactors.FlaggedReturns) ?? 12));
        var flagged = await db.Submissions.AsNoTracking()
            .Where(s => all.Contains(s.BranchId) && s.FlagCount > 0 && s.SubmittedAt != null && s.SubmittedAt >= flaggedSince)
            .GroupBy(s => s.BranchId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var penaltiesSince = BeijingTime.Today(now).AddMonths(-(Window(terms, DrawRiskFactors.Penalties) ?? 36));
        var penalties = await db.Set<EnforcementCase>().AsNoTracking().Where(c => all.Contains(c.BranchId) && c.DecidedOn != null && c.DecidedOn >= penaltiesSince)
            .GroupBy(c => c.BranchId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

        int Sum(Dictionary<int, int> counts, int entityBranch) => countsFor.Where(x => x.For == entityBranch).Sum(x => counts.GetValueOrDefault(x.Branch));
        return entities.Select(e =>
        {
            var risk = new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                [DrawRiskFactors.Base] = 1,
                [DrawRiskFactors.Rank] = rankUnits.GetValueOrDefault(e.BranchId),
                [DrawRiskFactors.OpenFindings] = Sum(findings, e.BranchId),
                [DrawRiskFactors.FlaggedReturns] = Sum(flagged, e.BranchId),
                [DrawRiskFactors.Penalties] = Sum(penalties, e.BranchId),
            };
            return e with { Risk = risk, Weight = formula.Weight(risk) };
        }).ToList();
    }

    private static int? Window(Dictionary<string, RiskTerm> terms, string code) => terms.GetValueOrDefault(code)?.WindowMonths;

    /// <summary>Rank − 1 of every company of the province in the latest ranking (not reported: counted last; no data: 0).</summary>
    public static Dictionary<int, int> RankUnits(ProvinceDashboard dashboard)
    {
        var units = new Dictionary<int, int>();
        foreach (var table in new[] { dashboard.Carriers, dashboard.Cities })
            foreach (var row in table.Rows)
                units[row.EntityId] = row.Outcome switch
                {
                    RankingOutcome.Scored => row.Rank - 1,
                    RankingOutcome.NotReported => table.Rows.Count - 1,
                    _ => 0,
                };
        return units;
    }
}
