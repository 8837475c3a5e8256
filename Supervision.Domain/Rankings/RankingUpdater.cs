using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Rankings;

public sealed record RebuildResult(int Provinces, int Values, int ProvinceValues, TimeSpan Elapsed);

/// <summary>
/// Keeps the summary table (<see cref="IndicatorValue"/>, <see cref="ProvinceIndicatorValue"/>) in step with the
/// records: one company's months are recomputed inside the transaction that changed them (a return accepted or
/// returned, a finding made or settled, an order re-inspected, a case decided or ended), and the nightly <see cref="RunAsync"/> rebuilds it all,
/// which also settles what only time changes (a return that became overdue).
/// </summary>
public sealed class RankingUpdater(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, IEnumerable<IIndicatorSource> sources, TimeProvider clock,
    RankingCache cache)
    : IRankingSummary
{
    /// <summary>
    /// Recomputes the months <paramref name="fromMonth"/>–<paramref name="toMonth"/> (clipped to the last ended month)
    /// of a company and its city companies, and their province's figures, with the caller's context and transaction.
    /// </summary>
    public Task RecomputeAsync(SupervisionDbContext db, int branchId, string fromMonth, string toMonth, CancellationToken ct = default) =>
        RecomputeAsync(db, branchId, wholeProvince: false, fromMonth, toMonth, ct);

    private async Task RecomputeAsync(SupervisionDbContext db, int branchId, bool wholeProvince, string fromMonth, string toMonth, CancellationToken ct)
    {
        var today = BeijingTime.Today(clock);
        var last = Months.Index(Months.LatestEnded(today));
        var (from, to) = (Months.Index(fromMonth), Math.Min(Months.Index(toMonth), last));
        if (from > to) return;
        var branch = await db.Branches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == branchId, ct);
        if (branch is null) return;
        // The summary starts at the province's first filing (as the nightly rebuild does); nothing is kept before it.
        if (await FirstMonthAsync(db, branch.ProvinceId, ct) is not { } start) return;
        from = Math.Max(from, start);
        if (from > to) return;
        var months = Enumerable.Range(from, to - from + 1).Select(Months.Name).ToList();
        var (first, final) = (months[0], months[^1]);
        // The company and its city companies; and any company of the province the summary lacks months of (the
        // province's first filing, or one before its first period), so the province's figures count everyone who owes.
        var covered = await db.IndicatorValues.Where(v => v.ProvinceId == branch.ProvinceId && v.Period.CompareTo(first) >= 0 && v.Period.CompareTo(final) <= 0)
            .GroupBy(v => v.BranchId).Select(g => new { g.Key, Months = g.Select(v => v.Period).Distinct().Count() })
            .Where(x => x.Months == months.Count).Select(x => x.Key).ToListAsync(ct);
        var family = await RankedAsync(db, db.Branches.Where(b => b.ProvinceId == branch.ProvinceId
            && (wholeProvince || b.Id == branchId || b.ParentBranchId == branchId || !covered.Contains(b.Id))), ct);
        var (definitions, calendar) = await ContextAsync(db, ct);
        var facts = await ComputeAsync(db, new IndicatorRequest(branch.ProvinceId, family, months, today, definitions, calendar), ct);

        var ids = family.Select(b => b.BranchId).ToList();
        await db.IndicatorValues.Where(v => v.ProvinceId == branch.ProvinceId && ids.Contains(v.BranchId) && v.Period.CompareTo(first) >= 0 && v.Period.CompareTo(final) <= 0)
            .ExecuteDeleteAsync(ct);
        await BulkInserter.InsertAsync(db, typeof(IndicatorValue), ToValues(branch.ProvinceId, facts, definitions), ct);

        var rollup = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.ProvinceId == branch.ProvinceId && v.Rollup && v.Period.CompareTo(first) >= 0 && v.Period.CompareTo(final) <= 0)
            .Select(v => new IndicatorFact(v.BranchId, v.Period, v.Code, v.Status, v.Numerator, v.Denominator, true))
            .ToListAsync(ct);
        await db.ProvinceIndicatorValues.Where(v => v.ProvinceId == branch.ProvinceId && v.Period.CompareTo(first) >= 0 && v.Period.CompareTo(final) <= 0)
            .ExecuteDeleteAsync(ct);
        await BulkInserter.InsertAsync(db, typeof(ProvinceIndicatorValue), RollUp(branch.ProvinceId, rollup, definitions), ct);
        cache.Invalidate();
    }

    /// <summary>An accepted or returned return changes its own months and the twelve-month filing windows after it.</summary>
    public async Task ReturnReviewedAsync(SupervisionDbContext db, Submission submission, CancellationToken ct)
    {
        var frequency = submission.TemplateCode switch
        {
            ReturnIndicators.Quarterly => Frequency.Quarterly,
            ReturnIndicators.Annual => Frequency.Annual,
            _ => await db.ReturnTemplates.Where(t => t.Code == submission.TemplateCode).Select(t => t.Frequency).FirstAsync(ct),
        };
        var period = ReportingPeriod.Parse(submission.Period, frequency);
        await RecomputeAsync(db, submission.BranchId, Months.Name(Months.Index(period.Start)), Months.Name(Months.EndIndex(period) + ReturnIndicators.FilingWindowMonths), ct);
    }

    /// <summary>
    /// Records of a company dated from <paramref name="since"/> on changed (a finding, a corrective order, a case): recomputes
    /// every company of its province from that month to the last ended one. The whole province, because a province's first
    /// finding or case starts those indicators for all its companies; a province's few months cost little.
    /// </summary>
    public async Task RecordsChangedAsync(SupervisionDbContext db, int branchId, DateOnly since, CancellationToken ct = default)
    {
        var last = Months.LatestEnded(BeijingTime.Today(clock));
        if (Months.Index(since) > Months.Index(last)) return;   // only months that have not ended yet: nothing stored to change
        await RecomputeAsync(db, branchId, wholeProvince: true, Months.Name(Months.Index(since)), last, ct);
    }

    /// <summary>
    /// Rebuilds the whole summary from the records, one province per transaction (readers see a province either
    /// before or after). Idempotent: a second run writes the same rows. Acts as the system.
    /// </summary>
    public async Task<RebuildResult> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (!access.Scope.SeesAll || access.Scope.Role is not null)
            access.AsSystem("job:rankings-rebuild");
        var watch = Stopwatch.StartNew();
        var today = BeijingTime.Today(now);
        var last = Months.Index(Months.LatestEnded(today));
        int provinces = 0, values = 0, provinceValues = 0;
        List<int> provinceIds;
        await using (var db = await factory.CreateDbContextAsync(ct))
            provinceIds = await db.Provinces.OrderBy(p => p.SortOrder).Select(p => p.Id).ToListAsync(ct);
        foreach (var provinceId in provinceIds)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.IndicatorValues.Where(v => v.ProvinceId == provinceId).ExecuteDeleteAsync(ct);
            await db.ProvinceIndicatorValues.Where(v => v.ProvinceId == provinceId).ExecuteDeleteAsync(ct);
            var first = await FirstMonthAsync(db, provinceId, ct);
            if (first is { } start && start <= last)
            {
                var (definitions, calendar) = await ContextAsync(db, ct);
                var branches = await RankedAsync(db, db.Branches.Where(b => b.ProvinceId == provinceId), ct);
                var months = Enumerable.Range(start, last - start + 1).Select(Months.Name).ToList();
                var facts = await ComputeAsync(db, new IndicatorRequest(provinceId, branches, months, today, definitions, calendar), ct);
                values += await BulkInserter.InsertAsync(db, typeof(IndicatorValue), ToValues(provinceId, facts, definitions), ct);
                provinceValues += await BulkInserter.InsertAsync(db, typeof(ProvinceIndicatorValue), RollUp(provinceId, facts.Where(f => f.Rollup), definitions), ct);
                provinces++;
            }
            await tx.CommitAsync(ct);
            cache.Invalidate();
        }
        return new RebuildResult(provinces, values, provinceValues, watch.Elapsed);
    }

    /// <summary>The indicators that some registered source serves; the others are not shown.</summary>
    public IReadOnlySet<string> ServedCodes { get; } = sources.SelectMany(s => s.Codes).ToHashSet();

    private async Task<List<IndicatorFact>> ComputeAsync(SupervisionDbContext db, IndicatorRequest request, CancellationToken ct)
    {
        var facts = new List<IndicatorFact>();
        foreach (var source in sources)
        {
            var mine = request.Definitions.Where(d => source.Codes.Contains(d.Key)).ToDictionary();
            if (mine.Count > 0)
                facts.AddRange(await source.ComputeAsync(db, request with { Definitions = mine }, ct));
        }
        return facts;
    }

    private async Task<(IReadOnlyDictionary<string, RankingIndicator>, WorkingDayCalendar)> ContextAsync(SupervisionDbContext db, CancellationToken ct)
    {
        var definitions = (await db.RankingIndicators.AsNoTracking().ToListAsync(ct)).Where(d => ServedCodes.Contains(d.Code)).ToDictionary(d => d.Code);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        var years = await db.HolidayYears.Select(y => y.Year).ToListAsync(ct);
        return (definitions, new WorkingDayCalendar(days, years));
    }

    internal static async Task<List<RankedBranch>> RankedAsync(SupervisionDbContext db, IQueryable<Branch> branches, CancellationToken ct) =>
        await branches.AsNoTracking()
            .Select(b => new RankedBranch(b.Id, b.ProvinceId, b.Code, b.Level, b.ParentBranchId, b.City != null ? b.City.Code : null, b.CarrierId, b.Carrier!.Kind))
            .ToListAsync(ct);

    /// <summary>The first month anything was filed in the province: the summary starts there.</summary>
    private static async Task<int?> FirstMonthAsync(SupervisionDbContext db, int provinceId, CancellationToken ct)
    {
        var firsts = await db.Submissions.Where(s => s.ProvinceId == provinceId).GroupBy(s => s.TemplateCode)
            .Select(g => new { g.Key, First = g.Min(s => s.Period) }).ToListAsync(ct);
        var frequencies = await db.ReturnTemplates.Select(t => new { t.Code, t.Frequency }).Distinct().ToListAsync(ct);
        var starts = firsts.Select(f => frequencies.FirstOrDefault(t => t.Code == f.Key) is { } t && ReportingPeriod.TryParse(f.First, t.Frequency, out var p) ? Months.Index(p.Start) : (int?)null)
            .Where(m => m is not null).ToList();
        return starts.Count == 0 ? null : starts.Min();
    }

    private static IEnumerable<IndicatorValue> ToValues(int provinceId, IEnumerable<IndicatorFact> facts, IReadOnlyDictionary<string, RankingIndicator> definitions) =>
        facts.OrderBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.BranchId).ThenBy(f => f.Code, StringComparer.Ordinal)
            .Select(f => new IndicatorValue
            {
                ProvinceId = provinceId, Period = f.Period, BranchId = f.BranchId, Code = f.Code, Status = f.Status,
                Value = ValueOf(definitions[f.Code], f.Status, f.Numerator, f.Denominator), Numerator = f.Numerator, Denominator = f.Denominator, Rollup = f.Rollup,
            });

    /// <summary>A province's figure: its companies' numerators and denominators added up (those that reported).</summary>
    private static IEnumerable<ProvinceIndicatorValue> RollUp(int provinceId, IEnumerable<IndicatorFact> facts, IReadOnlyDictionary<string, RankingIndicator> definitions) =>
        facts.GroupBy(f => (f.Period, f.Code)).OrderBy(g => g.Key.Period, StringComparer.Ordinal).ThenBy(g => g.Key.Code, StringComparer.Ordinal).Select(g =>
        {
            var reported = g.Where(f => f.Status == IndicatorStatus.Reported).ToList();
            var expected = g.Count(f => f.Status != IndicatorStatus.NotApplicable);
            var (numerator, denominator) = (reported.Sum(f => f.Numerator), reported.Sum(f => f.Denominator));
            var status = reported.Count > 0 && denominator > 0 ? IndicatorStatus.Reported : expected > reported.Count ? IndicatorStatus.NotReported : IndicatorStatus.NotApplicable;
            return new ProvinceIndicatorValue
            {
                ProvinceId = provinceId, Period = g.Key.Period, Code = g.Key.Code, Status = status, Value = ValueOf(definitions[g.Key.Code], status, numerator, denominator),
                Numerator = numerator, Denominator = denominator, Reporting = reported.Count, Expected = expected,
            };
        });

    public static double? ValueOf(RankingIndicator definition, IndicatorStatus status, double numerator, double denominator) =>
        status != IndicatorStatus.Reported ? null
        : definition.Aggregate == IndicatorAggregate.Sum ? numerator
        : denominator > 0 ? numerator / denominator * definition.Scale : null;
}
