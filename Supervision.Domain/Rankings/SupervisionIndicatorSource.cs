using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Rankings;

/// <summary>The indicator codes the regulator's own records feed (inspections, corrective orders, penalty cases).</summary>
public static class SupervisionIndicators
{
    public const string OpenFindings = "SUP-FINDINGS-OPEN";
    public const string OrdersOnTime = "SUP-ORDERS-ONTIME";
    public const string Penalties = "SUP-PENALTIES";
    public const string Fines = "SUP-FINES";
}

/// <summary>
/// Indicators from supervision records, per company and month: findings still open at the month's end, the share of
/// corrective orders due in the month that the company rectified by the deadline, and penalty decisions made in the
/// month (with their fines). A city company counts the records addressed to it; its provincial company counts its own
/// and all its city companies' (and that figure adds up into the province's). Findings and orders count from the month
/// of the province's first finding recorded through the portal, penalties from its first case; before that the codes
/// are left out, as returns are before their first filing.
/// </summary>
public sealed class SupervisionIndicatorSource : IIndicatorSource
{
    public IReadOnlyCollection<string> Codes { get; } =
        [SupervisionIndicators.OpenFindings, SupervisionIndicators.OrdersOnTime, SupervisionIndicators.Penalties, SupervisionIndicators.Fines];

    private sealed record FindingRecord(long Id, int BranchId, DateOnly FoundOn, FindingDecision? Decision, DateTimeOffset? DecidedAt, long? CaseId);

    private sealed record OrderRecord(long FindingId, int BranchId, OrderState State, int Round, DateOnly Deadline, DateOnly? OriginalDeadline,
        bool RepliedLate, DateOnly? ReinspectedOn, DateTimeOffset? FirstReplyAt, List<(DateOnly Deadline, DateTimeOffset? DecidedAt)> Extensions);

    private sealed record CaseRecord(long Id, int BranchId, DateOnly? DecidedOn, DateOnly? ClosedOn, List<decimal?> Fines);

    public async Task<IReadOnlyList<IndicatorFact>> ComputeAsync(SupervisionDbContext db, IndicatorRequest request, CancellationToken ct)
    {
        var facts = new List<IndicatorFact>();
        if (request.Months.Count == 0 || request.Branches.Count == 0) return facts;
        var province = request.ProvinceId;

        // Records are few next to returns: read the province's and attribute them in memory.
        var inspectionStart = await db.Findings.Where(f => f.ProvinceId == province).MinAsync(f => (DateOnly?)f.FoundOn, ct);
        var firstCase = await db.EnforcementCases.Where(c => c.ProvinceId == province).MinAsync(c => (DateOnly?)c.FiledOn, ct);
        if (inspectionStart is null && firstCase is null) return facts;

        var findings = await db.Findings.AsNoTracking().Where(f => f.ProvinceId == province && f.Status != FindingStatus.Withdrawn)
            .Select(f => new FindingRecord(f.Id, f.BranchId, f.FoundOn, f.Decision, f.DecidedAt, f.EnforcementCaseId)).ToListAsync(ct);
        var orders = (await db.CorrectiveOrders.AsNoTracking().Where(o => o.ProvinceId == province && o.State != OrderState.Draft && o.Deadline != null)
                .Select(o => new
                {
                    o.FindingId, o.BranchId, o.State, o.Round, o.Deadline, o.OriginalDeadline, o.RepliedLate, o.ReinspectedOn,
                    FirstReplyAt = o.Replies.Where(r => r.Round == 1).Min(r => (DateTimeOffset?)r.SubmittedAt),
                    Extensions = o.Extensions.Where(e => e.Status == ExtensionStatus.Approved && e.ApprovedDeadline != null)
                        .Select(e => new { e.ApprovedDeadline, e.DecidedAt }).ToList(),
                }).ToListAsync(ct))
            .Select(o => new OrderRecord(o.FindingId, o.BranchId, o.State, o.Round, o.Deadline!.Value, o.OriginalDeadline, o.RepliedLate, o.ReinspectedOn, o.FirstReplyAt,
                o.Extensions.Select(e => (e.ApprovedDeadline!.Value, e.DecidedAt)).ToList()))
            .ToList();
        var cases = (await db.EnforcementCases.AsNoTracking().Where(c => c.ProvinceId == province)
                .Select(c => new
                {
                    // A decision revoked on review or by a court is no penalty decision; a changed one counts with its changed fine.
                    c.Id, c.BranchId, DecidedOn = c.DecisionRevokedOn == null ? c.DecidedOn : null, c.ClosedOn,
                    Fines = c.Sanctions.Where(s => s.Kind == SanctionKind.Fine && s.Status != SanctionStatus.Superseded).Select(s => s.Amount).ToList(),
                })
                .ToListAsync(ct))
            .Select(c => new CaseRecord(c.Id, c.BranchId, c.DecidedOn, c.ClosedOn, c.Fines)).ToList();

        var resolved = Resolutions(findings, orders, cases);
        var parents = await db.Branches.Where(b => b.ProvinceId == province).Select(b => new { b.Id, b.ParentBranchId }).ToDictionaryAsync(b => b.Id, b => b.ParentBranchId, ct);
        // A record counts for its own company and, when that is a city company, for the provincial company above it.
        int Owner(int branchId) => parents.GetValueOrDefault(branchId) ?? branchId;

        var def = request.Definitions;
        foreach (var branch in request.Branches)
        {
            var rollup = branch.Level == BranchLevel.Provincial;
            bool Counts(int recordBranch) => recordBranch == branch.BranchId || (rollup && Owner(recordBranch) == branch.BranchId);
            var mine = findings.Where(f => Counts(f.BranchId)).ToList();
            var myOrders = orders.Where(o => Counts(o.BranchId)).ToList();
            var myCases = cases.Where(c => Counts(c.BranchId) && c.DecidedOn is not null).ToList();

            foreach (var period in request.Months)
            {
                var month = Months.Index(period);
                var end = MonthEnd(month);
                if (inspectionStart is { } s && month >= Months.Index(s))
                {
                    var open = mine.Count(f => f.FoundOn <= end && !(resolved.TryGetValue(f.Id, out var on) && on <= end));
                    Add(facts, def, new(branch.BranchId, period, SupervisionIndicators.OpenFindings, IndicatorStatus.Reported, open, 1, rollup));
                    var (due, onTime) = (0, 0);
                    foreach (var order in myOrders.Where(o => Months.Index(DueDate(o)) == month))
                    {
                        switch (Rectification(order, request.Today))
                        {
                            case true: due++; onTime++; break;
                            case false: due++; break;
                        }
                    }
                    Add(facts, def, new(branch.BranchId, period, SupervisionIndicators.OrdersOnTime, due > 0 ? IndicatorStatus.Reported : IndicatorStatus.NotApplicable,
                        onTime, due, rollup));
                }
                if (firstCase is { } c && month >= Months.Index(c))
                {
                    var decided = myCases.Where(x => Months.Index(x.DecidedOn!.Value) == month).ToList();
                    Add(facts, def, new(branch.BranchId, period, SupervisionIndicators.Penalties, IndicatorStatus.Reported, decided.Count, 1, rollup));
                    Add(facts, def, new(branch.BranchId, period, SupervisionIndicators.Fines, IndicatorStatus.Reported,
                        (double)decided.Sum(x => x.Fines.Sum(f => f ?? 0m)), 1, rollup));
                }
            }
        }
        return facts;
    }

    /// <summary>
    /// The day each finding was settled: an observation when decided; a corrective order when re-inspected and passed;
    /// a hand-over to enforcement when its case ended (closed, no penalty, withdrawn or transferred). Open otherwise.
    /// </summary>
    private static Dictionary<long, DateOnly> Resolutions(List<FindingRecord> findings, List<OrderRecord> orders, List<CaseRecord> cases)
    {
        var verified = orders.Where(o => o.State == OrderState.Verified && o.ReinspectedOn is not null)
            .GroupBy(o => o.FindingId).ToDictionary(g => g.Key, g => g.Min(o => o.ReinspectedOn!.Value));
        var ended = cases.Where(c => c.ClosedOn is not null).ToDictionary(c => c.Id, c => c.ClosedOn!.Value);
        var result = new Dictionary<long, DateOnly>();
        foreach (var f in findings)
        {
            DateOnly? on = f.Decision == FindingDecision.Observation && f.DecidedAt is { } at ? BeijingTime.Today(at)
                : verified.TryGetValue(f.Id, out var v) ? v
                : f.CaseId is { } id && ended.TryGetValue(id, out var closed) ? closed
                : null;
            if (on is { } day) result[f.Id] = day;
        }
        return result;
    }

    /// <summary>
    /// The deadline an order is judged by: its first round's, including extensions approved before the company first
    /// reported. (A later round's deadline does not move it: failing the first re-inspection already missed it.)
    /// </summary>
    private static DateOnly DueDate(OrderRecord order) =>
        order.Round == 1 ? order.Deadline
        : order.Extensions.Where(e => order.FirstReplyAt is null || e.DecidedAt < order.FirstReplyAt).Select(e => e.Deadline)
            .Append(order.OriginalDeadline ?? order.Deadline).Max();

    /// <summary>
    /// Whether an order due by now was rectified on time: true when the company reported by the deadline and the
    /// re-inspection passed at the first attempt; false when it reported late, not at all, or failed; null while a
    /// report made in time awaits re-inspection (or the deadline has not passed), which leaves it out for now.
    /// </summary>
    private static bool? Rectification(OrderRecord order, DateOnly today)
    {
        if (order.Round > 1) return false;
        return order.State switch
        {
            OrderState.Verified => !order.RepliedLate,
            OrderState.Replied when !order.RepliedLate => null,
            OrderState.Issued when today <= order.Deadline => null,
            _ => false,
        };
    }

    private static DateOnly MonthEnd(int month) => new DateOnly(month / 12, month % 12 + 1, 1).AddMonths(1).AddDays(-1);

    private static void Add(List<IndicatorFact> facts, IReadOnlyDictionary<string, RankingIndicator> def, IndicatorFact fact)
    {
        if (def.ContainsKey(fact.Code)) facts.Add(fact);
    }
}
