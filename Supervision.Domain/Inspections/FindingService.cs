using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Inspections;

/// <summary>Which findings a list shows, by where they stand.</summary>
public enum FindingFilter
{
    Open,
    CorrectiveOrder,
    AwaitingCase,
    Observation,
    Withdrawn,
}

public sealed record FindingQuery(FindingFilter? State = null, FindingSeverity? Severity = null, int? CarrierId = null, long? PlanId = null,
    FindingSource? Source = null, DateOnly? From = null, DateOnly? To = null);

public sealed record FindingRow(long Id, string Title, string Branch, string Carrier, FindingSource Source, FindingSeverity Severity, FindingStatus Status,
    FindingDecision? Decision, DateTimeOffset? EnforcementRequestedAt, long? EnforcementCaseId, DateOnly FoundOn, long? InspectionId, long? SubmissionId,
    string? LegalBasis, string Facts, string? PlanTitle)
{
    public string StateLabel => Status switch
    {
        FindingStatus.Open => "待处理",
        FindingStatus.Withdrawn => "已撤回",
        _ when EnforcementCaseId is not null => "已立案",
        _ when EnforcementRequestedAt is not null => "待立案",
        _ => Decision == FindingDecision.Observation ? "仅观察" : "责令整改",
    };
}

public sealed record FindingDetails(Finding Finding, Inspection? Inspection, string? PlanTitle, Submission? Submission, SubmissionFlag? Flag,
    IReadOnlyList<OrderRow> Orders, string? CaseNumber = null);

/// <summary>Findings: made from 不符合 items and from return flags; decided as corrective order, enforcement hand-off or observation.</summary>
public sealed class FindingService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, IRankingSummary rankings)
{
    public const string OwnerType = "Finding";

    /// <summary>The working days a new corrective order suggests; the inspector sets the real deadline before issuing.</summary>
    public const int SuggestedWorkingDays = 15;

    /// <summary>How the signed-in user takes part in findings (the actor <see cref="Finding.ActionsFor"/> answers).</summary>
    public Acting Acting => InspectionRoles.Of(access);

    /// <summary>How the signed-in user takes part in enforcement (who files a case from a finding handed over to it).</summary>
    public Acting EnforcementActing => Actors.Of(access.Scope);

    internal static IQueryable<FindingRow> Rows(IQueryable<Finding> q) => q.Select(f => new FindingRow(
        f.Id, f.Title, f.Branch!.ShortName, f.Branch.Carrier!.ShortName, f.Source, f.Severity, f.Status, f.Decision, f.EnforcementRequestedAt, f.EnforcementCaseId,
        f.FoundOn, f.InspectionId, f.SubmissionId, f.LegalBasis!.Statute + f.LegalBasis.DutyArticle, f.Facts, null));

    public async Task<PagedResult<FindingRow>> ListAsync(FindingQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Filter(db, query);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(f => f.Title.Contains(page.Search) || f.Branch!.ShortName.Contains(page.Search) || f.Facts.Contains(page.Search));
        var total = await q.CountAsync(ct);
        q = page.SortBy switch
        {
            "FoundOn" => page.Descending ? q.OrderByDescending(f => f.FoundOn) : q.OrderBy(f => f.FoundOn),
            "Severity" => page.Descending ? q.OrderByDescending(f => f.Severity) : q.OrderBy(f => f.Severity),
            _ => q.OrderByDescending(f => f.Id),
        };
        return new(await WithPlans(db, await Rows(q.Skip(page.Skip).Take(page.Take)).ToListAsync(ct), ct), total);
    }

    public async Task<IReadOnlyList<FindingRow>> LedgerAsync(FindingQuery query, int max = 20_000, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await WithPlans(db, await Rows(Filter(db, query).OrderBy(f => f.Id).Take(max)).ToListAsync(ct), ct);
    }

    private static async Task<List<FindingRow>> WithPlans(SupervisionDbContext db, List<FindingRow> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.InspectionId is not null).Select(r => r.InspectionId!.Value).Distinct().ToList();
        var plans = await db.Inspections.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Plan!.Title }).ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        return rows.Select(r => r with { PlanTitle = r.InspectionId is { } i ? plans.GetValueOrDefault(i) : null }).ToList();
    }

    private static IQueryable<Finding> Filter(SupervisionDbContext db, FindingQuery query)
    {
        var q = db.Findings.AsNoTracking().AsQueryable();
        q = query.State switch
        {
            FindingFilter.Open => q.Where(f => f.Status == FindingStatus.Open),
            FindingFilter.CorrectiveOrder => q.Where(f => f.Status == FindingStatus.Decided && f.Decision == FindingDecision.CorrectiveOrder && f.EnforcementRequestedAt == null),
            FindingFilter.AwaitingCase => q.Where(f => f.Status == FindingStatus.Decided && f.EnforcementRequestedAt != null && f.EnforcementCaseId == null),
            FindingFilter.Observation => q.Where(f => f.Status == FindingStatus.Decided && f.Decision == FindingDecision.Observation),
            FindingFilter.Withdrawn => q.Where(f => f.Status == FindingStatus.Withdrawn),
            _ => q,
        };
        if (query.Severity is { } severity) q = q.Where(f => f.Severity == severity);
        if (query.CarrierId is { } carrier) q = q.Where(f => f.Branch!.CarrierId == carrier);
        if (query.Source is { } source) q = q.Where(f => f.Source == source);
        if (query.PlanId is { } plan) q = q.Where(f => db.Inspections.Any(i => i.Id == f.InspectionId && i.PlanId == plan));
        if (query.From is { } from) q = q.Where(f => f.FoundOn >= from);
        if (query.To is { } to) q = q.Where(f => f.FoundOn <= to);
        return q;
    }

    public async Task<FindingDetails> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var finding = await db.Findings.AsNoTracking().Include(f => f.Branch).ThenInclude(b => b!.Carrier).Include(f => f.LegalBasis)
            .FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("检查发现");
        var inspection = finding.InspectionId is { } iid ? await db.Inspections.AsNoTracking().Include(i => i.Inspectors).FirstOrDefaultAsync(i => i.Id == iid, ct) : null;
        var planTitle = inspection is null ? null : await db.InspectionPlans.Where(p => p.Id == inspection.PlanId).Select(p => p.Title).FirstOrDefaultAsync(ct);
        var submission = finding.SubmissionId is { } sid ? await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
        var flag = finding.SubmissionFlagId is { } fid ? await db.SubmissionFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fid, ct) : null;
        var orders = await CorrectiveOrderService.Rows(db.CorrectiveOrders.AsNoTracking().Where(o => o.FindingId == id)).ToListAsync(ct);
        var caseNumber = finding.EnforcementCaseId is { } cid ? await db.EnforcementCases.Where(c => c.Id == cid).Select(c => c.CaseNumber).FirstOrDefaultAsync(ct) : null;
        return new(finding, inspection, planTitle, submission, flag, orders, caseNumber);
    }

    /// <summary>
    /// Decides a finding. A corrective order decision drafts the order (returned), to be completed and issued by the
    /// inspector; an enforcement decision hands the finding over (the enforcement feature opens the case).
    /// </summary>
    public async Task<long?> DecideAsync(long id, Guid token, FindingDecision decision, FindingSeverity severity, int? legalBasisId, string? note, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("检查发现");
        if (finding.ConcurrencyToken != token)
            throw new DomainException("finding.changed", "该检查发现刚被他人处理，请刷新后查看。");
        var basis = legalBasisId is { } b ? await db.LegalBases.FirstOrDefaultAsync(x => x.Id == b, ct) ?? throw new NotFoundException("法律依据") : null;
        var now = clock.GetUtcNow();
        // The item's catalog entry is the one mapping of the duty: the inspection record prints it, the order and the case follow it.
        var itemBasis = finding.ChecklistItemId is { } item
            ? await db.ChecklistItems.Where(i => i.Id == item).Select(i => i.LegalBasis).FirstOrDefaultAsync(ct)
            : null;
        finding.Decide(decision, severity, basis, note, access.Actor, now, itemBasis);
        CorrectiveOrder? order = null;
        if (decision == FindingDecision.CorrectiveOrder)
        {
            order = CorrectiveOrder.Draft(finding, "针对上述问题立即整改，查找管理漏洞，举一反三开展自查，健全并落实相关管理制度；整改完成后将整改情况书面报告本局。",
                basis!.Id, DeadlineMode.WorkingDays, SuggestedWorkingDays, null, access.UserId ?? "", access.Actor, now);
            db.CorrectiveOrders.Add(order);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveOrRefuseAsync("finding.changed", "该检查发现刚被他人处理，请刷新后查看。", ct);
        await ChangedAsync(db, finding, ct);
        await tx.CommitAsync(ct);
        return order?.Id;
    }

    /// <summary>Turns a flag of a filed return (e.g. 人工录入 &gt; 0) into an open finding; once per flag.</summary>
    public async Task<long> FromFlagAsync(long flagId, FindingSeverity severity, string? facts, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var flag = await db.SubmissionFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == flagId, ct) ?? throw new NotFoundException("关注事项");
        if (await db.Findings.AnyAsync(f => f.SubmissionFlagId == flagId, ct))
            throw new DomainException("finding.flag_done", "该关注事项已转为检查发现。");
        var submission = await db.Submissions.AsNoTracking().Include(s => s.Branch).Include(s => s.Template).SingleAsync(s => s.Id == flag.SubmissionId, ct);
        if (submission.CannotMakeFindings() is { } refusal) throw refusal;
        var now = clock.GetUtcNow();
        var place = flag.Row <= 0 ? flag.Sheet : $"{flag.Sheet}{flag.Column}{flag.Row}";
        var finding = new Finding
        {
            ProvinceId = flag.ProvinceId, BranchId = flag.BranchId, Source = FindingSource.SubmissionFlag, SubmissionId = submission.Id, SubmissionFlagId = flag.Id,
            Title = $"报送关注事项：{submission.Template!.Definition.FlagName(flag.Code)}",
            Facts = Inspection.Clean(facts, 4000) ?? $"{submission.Branch!.Name}报送的{submission.Template!.Name}（{submission.Period}，第{submission.Version}版）显示：{flag.Message}（{place}）。",
            FoundOn = BeijingTime.Today(now), Severity = severity, Status = FindingStatus.Open, CreatedAt = now, CreatedBy = access.Actor,
        };
        db.Findings.Add(finding);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(db, finding, ct);
        await tx.CommitAsync(ct);
        return finding.Id;
    }

    /// <summary>Runs the hooks (the rankings' summary) with the finding's saved change, inside the caller's transaction.</summary>
    internal async Task ChangedAsync(SupervisionDbContext db, Finding finding, CancellationToken ct)
    {
        await rankings.RecordsChangedAsync(db, finding.BranchId, finding.FoundOn, ct);
    }

    /// <summary>Which flags of a return already became findings (flag id → finding id).</summary>
    public async Task<IReadOnlyDictionary<long, long>> FindingsOfFlagsAsync(long submissionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Findings.AsNoTracking().Where(f => f.SubmissionId == submissionId && f.SubmissionFlagId != null)
            .ToDictionaryAsync(f => f.SubmissionFlagId!.Value, f => f.Id, ct);
    }
}
