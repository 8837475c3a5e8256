using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Rankings;

/// <summary>The indicator codes the compliance returns feed.</summary>
public static class ReturnIndicators
{
    public const string RealNameRate = "RN-RATE";
    public const string LegacyUsers = "RN-LEGACY";
    public const string Suspension = "RN-SUSPENSION";
    public const string ReaderVerified = "RN-READER";
    public const string ManualEntries = "RN-MANUAL";
    public const string OverLimit = "RN-OVERLIMIT";
    public const string LogRetention = "LOG-RETENTION";
    public const string LogSample = "LOG-SAMPLE";
    public const string OnTime = "FILING-ONTIME";
    public const string FirstPass = "FILING-FIRSTPASS";

    public const string Monthly = "RN-MONTHLY";
    public const string Quarterly = "LOG-QUARTERLY";
    public const string Annual = "SELF-ANNUAL";

    /// <summary>Filing indicators count the returns whose period ended in the twelve months up to the ranked month.</summary>
    public const int FilingWindowMonths = 12;

    public static readonly IReadOnlyList<string> RealName = [RealNameRate, LegacyUsers, Suspension, ReaderVerified, ManualEntries, OverLimit];

    /// <summary>
    /// The RN-MONTHLY 汇总 columns (<see cref="RnSummaryRow"/> fields) each real-name indicator adds up into its numerator
    /// and denominator (none: the value is the count itself), as <see cref="ReturnIndicatorSource"/> counts them; the
    /// ranking trace follows a figure back to these cells, and its test checks the two agree.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string[] Numerator, string[] Denominator)> SummaryFields =
        new Dictionary<string, (string[], string[])>
        {
            [RealNameRate] = ([nameof(RnSummaryRow.Registered)], [nameof(RnSummaryRow.Subscribers)]),
            [LegacyUsers] = ([nameof(RnSummaryRow.UnregisteredLegacy)], []),
            [Suspension] = ([nameof(RnSummaryRow.OneWayStops), nameof(RnSummaryRow.TwoWayStops)], [nameof(RnSummaryRow.UnregisteredLegacy)]),
            [ReaderVerified] = ([nameof(RnSummaryRow.ReaderVerified)], [nameof(RnSummaryRow.NewActivations)]),
            [ManualEntries] = ([nameof(RnSummaryRow.ManualEntries)], [nameof(RnSummaryRow.NewActivations)]),
            [OverLimit] = ([nameof(RnSummaryRow.OverLimitIds)], [nameof(RnSummaryRow.Subscribers)]),
        };
}

/// <summary>
/// Indicators from accepted returns: the RN-MONTHLY 汇总 (real-name rate, legacy users and their suspension,
/// reader verification, manual entries, over-limit IDs), the latest LOG-QUARTERLY that ended before the month
/// (retention vs the threshold, sample checks), and how the company files (on time; accepted without being
/// returned) over the last twelve months. City companies take their provincial company's rows of their city.
/// Returns are owed from the first period anyone in the province filed them through the portal.
/// </summary>
public sealed class ReturnIndicatorSource : IIndicatorSource
{
    public IReadOnlyCollection<string> Codes { get; } =
    [
        .. ReturnIndicators.RealName, ReturnIndicators.LogRetention, ReturnIndicators.LogSample, ReturnIndicators.OnTime, ReturnIndicators.FirstPass,
    ];

    private sealed record Filed(long Id, int BranchId, string TemplateCode, string Period, int Version, SubmissionStatus Status, DateOnly DueDate, DateTimeOffset? SubmittedAt, bool Late);

    /// <summary>One return (branch × template × period) over all its versions.</summary>
    private sealed record ReturnState(long? AcceptedId, bool? FirstFilingLate, bool EverReturned, DateOnly DueDate)
    {
        public bool Decided => AcceptedId is not null || EverReturned;
    }

    private sealed record RnTotals(long Subscribers, long Registered, long Legacy, long Stops, long NewActivations, long Reader, long Manual, long OverLimit);

    public async Task<IReadOnlyList<IndicatorFact>> ComputeAsync(SupervisionDbContext db, IndicatorRequest request, CancellationToken ct)
    {
        var facts = new List<IndicatorFact>();
        if (request.Months.Count == 0 || request.Branches.Count == 0) return facts;
        var filerIds = request.Branches.Select(b => b.Level == BranchLevel.Provincial ? b.BranchId : b.ParentBranchId ?? 0)
            .Where(id => id > 0).Distinct().ToList();
        var templates = (await db.ReturnTemplates.AsNoTracking().Where(t => t.IsActive).ToListAsync(ct))
            .GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Version)!.Definition);
        var carriers = await db.Carriers.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        var filers = await db.Branches.AsNoTracking().Where(b => filerIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);

        // Returns are owed from the first period anyone in the province filed them through the portal.
        var starts = (await db.Submissions.Where(s => s.ProvinceId == request.ProvinceId)
                .GroupBy(s => s.TemplateCode).Select(g => new { g.Key, First = g.Min(s => s.Period) }).ToListAsync(ct))
            .Where(x => templates.ContainsKey(x.Key))
            .ToDictionary(x => x.Key, x => ReportingPeriod.Parse(x.First, templates[x.Key].Frequency).Start);

        var filed = await db.Submissions.AsNoTracking()
            .Where(s => filerIds.Contains(s.BranchId) && s.Status != SubmissionStatus.Superseded)
            .Select(s => new Filed(s.Id, s.BranchId, s.TemplateCode, s.Period, s.Version, s.Status, s.DueDate, s.SubmittedAt, s.Late))
            .ToListAsync(ct);
        var returns = filed.GroupBy(s => (s.BranchId, s.TemplateCode, s.Period)).ToDictionary(g => g.Key, g =>
        {
            var first = g.Where(s => s.SubmittedAt is not null).MinBy(s => s.Version);
            return new ReturnState(g.FirstOrDefault(s => s.Status == SubmissionStatus.Accepted)?.Id, first?.Late,
                g.Any(s => s.Status == SubmissionStatus.Returned), g.First().DueDate);
        });

        var monthIndexes = request.Months.Select(Months.Index).ToList();
        var (firstMonth, lastMonth) = (monthIndexes[0], monthIndexes[^1]);
        var def = request.Definitions;

        // Real-name figures: the accepted RN-MONTHLY of each month, per city.
        var rnIds = returns.Where(r => r.Key.TemplateCode == ReturnIndicators.Monthly && r.Value.AcceptedId is not null
                && Months.IsMonth(r.Key.Period) && Months.Index(r.Key.Period) is var m && m >= firstMonth && m <= lastMonth)
            .Select(r => r.Value.AcceptedId!.Value).ToList();
        var byCity = rnIds.Count == 0 ? [] : await db.RnSummaryRows.AsNoTracking()
            .Where(r => rnIds.Contains(r.SubmissionId))
            .GroupBy(r => new { r.SubmissionId, r.CityCode })
            .Select(g => new
            {
                g.Key.SubmissionId, g.Key.CityCode,
                Totals = new RnTotals(g.Sum(r => r.Subscribers), g.Sum(r => r.Registered), g.Sum(r => r.UnregisteredLegacy), g.Sum(r => r.OneWayStops + r.TwoWayStops),
                    g.Sum(r => r.NewActivations), g.Sum(r => r.ReaderVerified), g.Sum(r => r.ManualEntries), g.Sum(r => r.OverLimitIds)),
            })
            .ToListAsync(ct);
        var cityTotals = byCity.ToDictionary(x => (x.SubmissionId, x.CityCode), x => x.Totals);
        var branchTotals = byCity.GroupBy(x => x.SubmissionId).ToDictionary(g => g.Key, g => g.Select(x => x.Totals).Aggregate(Add));

        // Log figures: the accepted LOG-QUARTERLY of the last quarter that ended before the month began.
        // "不少于六个月": a system keeps enough when its earliest record reaches back that many calendar months from the quarter's end.
        var months = def.TryGetValue(ReturnIndicators.LogRetention, out var retention) ? (int)(retention.Parameter ?? 6) : 6;
        var logReturns = !templates.TryGetValue(ReturnIndicators.Quarterly, out var logTemplate) ? [] : returns
            .Where(r => r.Key.TemplateCode == ReturnIndicators.Quarterly && r.Value.AcceptedId is not null)
            .ToDictionary(r => r.Value.AcceptedId!.Value, r => ReportingPeriod.Parse(r.Key.Period, logTemplate.Frequency).MonthsBackFromEnd(months));
        var logIds = logReturns.Keys.ToList();
        var logs = logIds.Count == 0 ? [] : (await db.LogSystemRows.AsNoTracking()
                .Where(r => logIds.Contains(r.SubmissionId))
                .Select(r => new { r.SubmissionId, r.EarliestRecord, r.SampleCheckPassed })
                .ToListAsync(ct))
            .GroupBy(r => r.SubmissionId)
            .Select(g => new { Id = g.Key, Systems = g.Count(), Kept = g.Count(r => r.EarliestRecord <= logReturns[g.Key]), Passed = g.Count(r => r.SampleCheckPassed) })
            .ToDictionary(x => x.Id);

        foreach (var branch in request.Branches)
        {
            var filerId = branch.Level == BranchLevel.Provincial ? branch.BranchId : branch.ParentBranchId ?? 0;
            if (!filers.TryGetValue(filerId, out var filer)) continue;
            var carrier = carriers[filer.CarrierId];
            var rollup = branch.Level == BranchLevel.Provincial;
            bool Owes(string code) => templates.TryGetValue(code, out var t) && SubmissionService.AppliesTo(t, filer, carrier) && starts.ContainsKey(code);

            if (Owes(ReturnIndicators.Monthly))
            {
                var start = Months.Index(starts[ReturnIndicators.Monthly]);
                foreach (var month in monthIndexes.Where(m => m >= start))
                {
                    var period = Months.Name(month);
                    var accepted = returns.GetValueOrDefault((filerId, ReturnIndicators.Monthly, period))?.AcceptedId;
                    RnTotals? totals = accepted is not { } id ? null
                        : rollup ? branchTotals.GetValueOrDefault(id)
                        : branch.CityCode is { } city ? cityTotals.GetValueOrDefault((id, city)) : null;
                    AddRealName(facts, def, branch.BranchId, period, totals, rollup);
                }
            }

            if (rollup && Owes(ReturnIndicators.Quarterly))
            {
                var start = starts[ReturnIndicators.Quarterly];
                foreach (var month in monthIndexes)
                {
                    var ended = month / 3 - 1;   // quarters counted from year 0; the one before the month's own
                    var quarter = new ReportingPeriod(Frequency.Quarterly, ended / 4, ended % 4 + 1);
                    if (quarter.Start < start) continue;
                    var period = Months.Name(month);
                    var accepted = returns.GetValueOrDefault((filerId, ReturnIndicators.Quarterly, quarter.ToString()))?.AcceptedId;
                    var counts = accepted is { } id ? logs.GetValueOrDefault(id) : null;
                    if (counts is null)
                    {
                        Add(facts, def, new(branch.BranchId, period, ReturnIndicators.LogRetention, IndicatorStatus.NotReported, 0, 0, rollup));
                        Add(facts, def, new(branch.BranchId, period, ReturnIndicators.LogSample, IndicatorStatus.NotReported, 0, 0, rollup));
                        continue;
                    }
                    Add(facts, def, Ratio(branch.BranchId, period, ReturnIndicators.LogRetention, counts.Kept, counts.Systems, rollup));
                    Add(facts, def, Ratio(branch.BranchId, period, ReturnIndicators.LogSample, counts.Passed, counts.Systems, rollup));
                }
            }

            if (rollup)
                AddFiling(facts, def, request, filer, carrier, templates, starts, returns, monthIndexes);
        }
        return facts;
    }

    private static void AddRealName(List<IndicatorFact> facts, IReadOnlyDictionary<string, RankingIndicator> def, int branchId, string period, RnTotals? t, bool rollup)
    {
        if (t is null)
        {
            foreach (var code in ReturnIndicators.RealName)
                Add(facts, def, new(branchId, period, code, IndicatorStatus.NotReported, 0, 0, rollup));
            return;
        }
        Add(facts, def, Ratio(branchId, period, ReturnIndicators.RealNameRate, t.Registered, t.Subscribers, rollup));
        Add(facts, def, new(branchId, period, ReturnIndicators.LegacyUsers, IndicatorStatus.Reported, t.Legacy, 1, rollup));
        Add(facts, def, Ratio(branchId, period, ReturnIndicators.Suspension, t.Stops, t.Legacy, rollup));
        Add(facts, def, Ratio(branchId, period, ReturnIndicators.ReaderVerified, t.Reader, t.NewActivations, rollup));
        Add(facts, def, Ratio(branchId, period, ReturnIndicators.ManualEntries, t.Manual, t.NewActivations, rollup));
        Add(facts, def, Ratio(branchId, period, ReturnIndicators.OverLimit, t.OverLimit, t.Subscribers, rollup));
    }

    /// <summary>
    /// Over the returns whose period ended in the twelve months up to each month: the share first filed by the
    /// due date (an unfiled return counts once its due date has passed), and the share accepted without ever
    /// being returned (among those reviewed).
    /// </summary>
    private static void AddFiling(List<IndicatorFact> facts, IReadOnlyDictionary<string, RankingIndicator> def, IndicatorRequest request, Branch filer, Carrier carrier,
        Dictionary<string, TemplateDefinition> templates, Dictionary<string, DateOnly> starts, Dictionary<(int, string, string), ReturnState> returns, List<int> months)
    {
        var window = ReturnIndicators.FilingWindowMonths;
        var from = months[0] - window + 1;
        var length = months[^1] - from + 1;
        int[] due = new int[length], onTime = new int[length], decided = new int[length], firstPass = new int[length];
        foreach (var (code, template) in templates)
        {
            if (!starts.TryGetValue(code, out var start) || !SubmissionService.AppliesTo(template, filer, carrier)) continue;
            foreach (var period in PeriodsEndingIn(template.Frequency, from, months[^1]))
            {
                if (period.Start < start) continue;
                var slot = Months.EndIndex(period) - from;
                var state = returns.GetValueOrDefault((filer.Id, code, period.ToString()));
                var dueDate = state?.DueDate ?? period.DueDate(template.DueDay, template.DueMonthsAfter, request.Calendar);
                if (state?.FirstFilingLate is { } late)
                {
                    due[slot]++;
                    if (!late) onTime[slot]++;
                }
                else if (request.Today > dueDate)
                    due[slot]++;
                if (state is { Decided: true })
                {
                    decided[slot]++;
                    if (state.AcceptedId is not null && !state.EverReturned) firstPass[slot]++;
                }
            }
        }
        foreach (var month in months)
        {
            var end = month - from;
            var period = Months.Name(month);
            int Sum(int[] counts) => counts.AsSpan(end - window + 1, window).ToArray().Sum();
            Add(facts, def, Ratio(filer.Id, period, ReturnIndicators.OnTime, Sum(onTime), Sum(due), rollup: true));
            Add(facts, def, Ratio(filer.Id, period, ReturnIndicators.FirstPass, Sum(firstPass), Sum(decided), rollup: true));
        }
    }

    private static IEnumerable<ReportingPeriod> PeriodsEndingIn(Frequency frequency, int fromMonth, int toMonth)
    {
        for (var m = fromMonth; m <= toMonth; m++)
        {
            var (year, month) = (m / 12, m % 12 + 1);
            switch (frequency)
            {
                case Frequency.Monthly: yield return new(frequency, year, month); break;
                case Frequency.Quarterly when month % 3 == 0: yield return new(frequency, year, month / 3); break;
                case Frequency.Annual when month == 12: yield return new(frequency, year, 1); break;
            }
        }
    }

    /// <summary>A ratio with nothing to divide by is not applicable (no new activations, no legacy users), never zero.</summary>
    private static IndicatorFact Ratio(int branchId, string period, string code, double numerator, double denominator, bool rollup) =>
        new(branchId, period, code, denominator > 0 ? IndicatorStatus.Reported : IndicatorStatus.NotApplicable, numerator, denominator, rollup);

    private static void Add(List<IndicatorFact> facts, IReadOnlyDictionary<string, RankingIndicator> def, IndicatorFact fact)
    {
        if (def.ContainsKey(fact.Code)) facts.Add(fact);
    }

    private static RnTotals Add(RnTotals a, RnTotals b) => new(a.Subscribers + b.Subscribers, a.Registered + b.Registered, a.Legacy + b.Legacy, a.Stops + b.Stops,
        a.NewActivations + b.NewActivations, a.Reader + b.Reader, a.Manual + b.Manual, a.OverLimit + b.OverLimit);
}
