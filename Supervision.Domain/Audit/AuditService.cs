using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Audit;

public sealed record AuditQuery(string? Actor = null, string? Action = null, string? EntityType = null, string? EntityId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Reading and verifying the audit trail (administrators only; a record's own history: the regulator's staff).</summary>
public sealed class AuditService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, People people)
{
    public async Task<PagedResult<AuditEntry>> QueryAsync(AuditQuery query, PageRequest page, CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            // Typed as the page shows people (马建国) or as recorded (inspector.nx): either finds the rows.
            var named = people.ActorsNamed(query.Actor.Trim());
            q = q.Where(e => e.Actor.Contains(query.Actor) || named.Contains(e.Actor));
        }
        if (!string.IsNullOrWhiteSpace(query.Action)) q = q.Where(e => e.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.EntityType)) q = q.Where(e => e.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) q = q.Where(e => e.EntityId == query.EntityId);
        if (query.From is { } from) q = q.Where(e => e.At >= from);
        if (query.To is { } to) q = q.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(e => e.Changes.Contains(page.Search) || e.EntityId.Contains(page.Search));
        var total = await q.CountAsync(ct);
        q = page.Descending || page.SortBy is null ? q.OrderByDescending(e => e.Sequence) : q.OrderBy(e => e.Sequence);
        return new(await q.Skip(page.Skip).Take(page.Take).ToListAsync(ct), total);
    }

    /// <summary>
    /// Records an account event: a sign-in, a failed attempt, a lockout, a sign-out, a two-factor change. The user named is
    /// the actor unless <paramref name="actor"/> says who else acted (an administrator).
    /// </summary>
    public async Task RecordAccountEventAsync(string action, string userName, string? remoteAddress, string? note = null, string? actor = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var details = new Dictionary<string, string?> { ["ip"] = remoteAddress };
        if (note is not null) details["note"] = note;
        db.RecordEvent(action, nameof(AppUser), userName, System.Text.Json.JsonSerializer.Serialize(details, AuditCapture.Json), actor: actor ?? userName);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The history of one record, for the record's own page — the regulator's staff only: the trail holds drafts before issue,
    /// internal fields and notes, so a carrier (who reads the record's party timeline instead) is refused.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string entityType, string entityId, CancellationToken ct = default)
    {
        if (access.Scope.IsCarrier || access.Scope.Kind == ScopeKind.None)
            throw new AccessDeniedException("变更历史仅供监管机构工作人员查看。");
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Sequence).Take(200).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    /// <summary>Re-hashes the whole chain in batches and reports the first broken link.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var verifier = new ChainVerifier();
        const int batch = 2000;
        long after = 0;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(batch).ToListAsync(ct);
            foreach (var row in rows)
                if (!verifier.Accept(row))
                    return verifier.Failure!;
            if (rows.Count < batch)
                return verifier.Finish(head);
            after = rows[^1].Sequence;
        }
    }

    private void Demand()
    {
        if (!access.Scope.IsAdministrator)
            throw new AccessDeniedException("只有系统管理员可以查看审计日志。");
    }
}
