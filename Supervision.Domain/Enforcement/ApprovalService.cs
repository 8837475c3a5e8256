using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Enforcement;

public sealed record ApprovalRow(long Id, ApprovalStep Step, string Subject, string Content, string Note, string RequestedByName, DateTimeOffset RequestedAt,
    ApprovalStatus Status, string? ApproverName, string? Opinion, DateTimeOffset? DecidedAt, long CaseId, long? AnnouncementId = null)
{
    /// <summary>The record the request is about, where the approver reads it in full (a publication: the announcement as it will read).</summary>
    public string Link => AnnouncementId is { } announcement ? $"/publicity/{announcement}" : $"/cases/{CaseId}";

    public static ApprovalRow Of(ApprovalRequest a) => new(a.Id, a.Step, a.Subject, a.Content, a.Note, a.RequestedByName, a.RequestedAt, a.Status, a.ApproverName,
        a.Opinion, a.DecidedAt, a.CaseId, a.Step == ApprovalStep.Publication ? a.ProposalValue.Publication?.AnnouncementId : null);
}

/// <summary>
/// The responsible person's side of approvals: who may approve in a province (its 局领导 and the deputy an administrator
/// designated), the inbox of pending requests, approving or refusing with an opinion, and telling the requester.
/// Requests are made on the record they concern (<see cref="EnforcementService.RequestApprovalAsync"/>).
/// </summary>
public sealed class ApprovalService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, NotificationService notifications)
{
    /// <summary>The signed-in user as an approver of their province, or null.</summary>
    public async Task<Approver?> CurrentApproverAsync(CancellationToken ct = default)
    {
        if (access.UserId is not { } userId || access.Scope.Kind != ScopeKind.Province) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ApproverAsync(db, userId, access.Scope.ProvinceId, ct);
    }

    /// <summary>Pending requests of the approver's province, oldest first (empty for anyone who may not approve).</summary>
    public async Task<IReadOnlyList<ApprovalRow>> PendingAsync(int? max = null, CancellationToken ct = default)
    {
        if (await CurrentApproverAsync(ct) is not { } approver) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var lawful = Enum.GetValues<ApprovalStep>().Where(ApprovalSteps.ByLaw).ToList();
        var leader = approver.Leader;
        var q = db.ApprovalRequests.AsNoTracking().Where(a => a.ProvinceId == access.Scope.ProvinceId && a.Status == ApprovalStatus.Pending)
            .Where(a => leader || !lawful.Contains(a.Step))
            .OrderBy(a => a.RequestedAt).ThenBy(a => a.Id).AsQueryable();
        if (max is { } m) q = q.Take(m);
        return (await q.ToListAsync(ct)).Select(ApprovalRow.Of).ToList();
    }

    /// <summary>Decided requests of the approver's province, newest decision first, a page at a time.</summary>
    public async Task<PagedResult<ApprovalRow>> HistoryAsync(PageRequest page, CancellationToken ct = default)
    {
        if (await CurrentApproverAsync(ct) is null) return new([], 0);
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ApprovalRequests.AsNoTracking().Where(a => a.ProvinceId == access.Scope.ProvinceId && a.Status != ApprovalStatus.Pending && a.DecidedAt != null);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(a => a.Subject.Contains(page.Search) || a.Content.Contains(page.Search));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new(rows.Select(ApprovalRow.Of).ToList(), total);
    }

    /// <summary>
    /// The approver approves or refuses a pending request of the province with a written opinion; the requester is told.
    /// Only the province's 局领导 or its deputy approver, never the requester.
    /// </summary>
    public async Task<ApprovalRow> DecideAsync(long id, bool approve, string opinion, CancellationToken ct = default)
    {
        ApprovalRequest request;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            request = await db.ApprovalRequests.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("审批事项");
            var approver = (access.UserId is { } userId ? await ApproverAsync(db, userId, request.ProvinceId, ct) : null)
                           ?? throw new AccessDeniedException("审批由本局局领导或指定的审批人进行。");
            request.Decide(approver, approve, opinion, clock.GetUtcNow());
            await notifications.StageAsync(db, new NotificationDraft($"approval:{request.Id}:decided", approve ? NotificationLevel.Info : NotificationLevel.Warning,
                $"{ApprovalSteps.Label(request.Step)}{(approve ? "已获批准" : "未获批准")}", $"{request.Subject}：{request.ApproverName}意见：{request.Opinion}",
                ApprovalRow.Of(request).Link), [request.RequestedById], ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new DomainException("approval.changed", "该审批事项刚被他人处理，请刷新页面。");
            }
        }
        return ApprovalRow.Of(request);
    }

    /// <summary>The signed-in user as the requester of an approval (their display name goes on the record).</summary>
    internal async Task<Approver> RequesterAsync(SupervisionDbContext db, CancellationToken ct)
    {
        var (userId, userName) = (access.UserId, access.Actor);
        return await db.Users.AsNoTracking().Where(u => userId != null ? u.Id == userId : u.UserName == userName)
                   .Select(u => new Approver(u.Id, u.DisplayName)).FirstOrDefaultAsync(ct)
               ?? throw new AccessDeniedException("报请审批须以本人账号进行。");
    }

    /// <summary>Tells the province's approvers that a request arrived: staged in <paramref name="db"/>, after the request was saved (its number is in the key), before the caller commits.</summary>
    internal async Task RequestedAsync(SupervisionDbContext db, ApprovalRequest request, CancellationToken ct)
    {
        var approvers = await ApproversOfAsync(request.ProvinceId, ct);
        await notifications.StageAsync(db, new NotificationDraft($"approval:{request.Id}:requested", NotificationLevel.Info,
            $"待审批：{ApprovalSteps.Label(request.Step)}", $"{request.Subject}（{request.RequestedByName}报请）",
            "/approvals"), approvers.Where(a => a != request.RequestedById).ToList(), ct);
    }

    /// <summary>The users who may approve in a province: its 局领导 and the deputy approver an administrator designated.</summary>
    public async Task<IReadOnlyList<string>> ApproversOfAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deputy = await DeputyOfAsync(db, provinceId, ct);
        return await db.Users.AsNoTracking().Where(u => u.ProvinceId == provinceId && (u.Role == UserRole.Leader || (u.Id == deputy && u.Role == UserRole.Inspector)))
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>The province's users who may be designated deputy approver (its inspectors), for the administrator's choice.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> DeputyCandidatesAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Users.AsNoTracking().Where(u => u.ProvinceId == provinceId && u.Role == UserRole.Inspector)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).ToList();
    }

    private static async Task<string?> DeputyOfAsync(SupervisionDbContext db, int provinceId, CancellationToken ct) =>
        await db.EnforcementSettings.AsNoTracking().Where(s => s.ProvinceId == provinceId).Select(s => s.DeputyApproverId).FirstOrDefaultAsync(ct);

    private static async Task<Approver?> ApproverAsync(SupervisionDbContext db, string userId, int provinceId, CancellationToken ct)
    {
        var deputy = await DeputyOfAsync(db, provinceId, ct);
        return await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.ProvinceId == provinceId && (u.Role == UserRole.Leader || (u.Id == deputy && u.Role == UserRole.Inspector)))
            .Select(u => new Approver(u.Id, u.DisplayName, u.Role == UserRole.Leader)).FirstOrDefaultAsync(ct);
    }
}
