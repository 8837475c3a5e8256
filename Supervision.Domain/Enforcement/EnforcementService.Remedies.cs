using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Files;

namespace Supervision.Domain.Enforcement;

/// <summary>The party's review or suit as the officer records it.</summary>
public sealed record RemedyInput(RemedyKind Kind, DateOnly FiledOn, string? Body, string? CaseNumber, string? LateReason = null);

/// <summary>The outcome of a review or suit; <see cref="Sanctions"/> are the sanctions a 变更 sets, <see cref="File"/> the decision or judgment received.</summary>
public sealed record RemedyOutcomeInput(RemedyOutcome Outcome, DateOnly On, string? Note, IReadOnlyList<SanctionInput>? Sanctions = null,
    (string Name, byte[] Bytes)? File = null);

/// <summary>After the decision: review and suit, and the application to the court for enforcement — each one step of the case.</summary>
public sealed partial class EnforcementService
{
    public Task<EnforcementCase> FileRemedyAsync(long id, Guid token, RemedyInput input, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.FileRemedy(input.Kind, input.FiledOn, input.Body, input.CaseNumber, input.LateReason, ctx.Settings, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> SuspendExecutionAsync(long id, Guid token, DateOnly on, string note, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.SuspendExecution(on, note, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>
    /// Records the outcome; in the same transaction a changed or revoked decision corrects or withdraws its announcement
    /// (<see cref="IDecisionPublication.OutcomeAsync"/>) and the rankings that counted it are computed again.
    /// </summary>
    public Task<EnforcementCase> RecordRemedyOutcomeAsync(long id, Guid token, RemedyOutcomeInput input, CancellationToken ct = default) =>
        StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            var file = input.File is { } f ? StoredFile.From(f.Name, EvidenceFiles.Check(f.Name, f.Bytes), f.Bytes, ctx.Actor, ctx.Now) : null;
            var remedy = c.RecordRemedyOutcome(input.Outcome, input.On, input.Note, input.Sanctions?.Select(s => s.ToSanction()).ToList(), file, ctx.Bases, ctx.Calendar, ctx.Actor, ctx.Now);
            foreach (var publication in publications)
                await publication.OutcomeAsync(db, c, remedy, ctx, ct);
        }, ct);

    public Task<EnforcementCase> ServeEnforcementDemandAsync(long id, Guid token, DateOnly on, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.ServeEnforcementDemand(on, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> ApplyForEnforcementAsync(long id, Guid token, DateOnly on, string court, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.ApplyForEnforcement(on, court, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> RecordEnforcementRulingAsync(long id, Guid token, DateOnly on, string ruling, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.RecordEnforcementRuling(on, ruling, ctx.Actor, ctx.Now), ct: ct);
}

/// <summary>One act, one fine across cases (行政处罚法第二十九条): a case filed directly is checked against the party's other cases.</summary>
public sealed partial class EnforcementService
{
    public const string SameActCode = "case.same_act_possible";

    /// <summary>
    /// Refuses a direct filing while another case against the same party (not withdrawn) concerns the same duty (statute and
    /// duty article) over an overlapping period of the act, until the inspector confirms the act is a different one.
    /// </summary>
    private static async Task RefuseSameActAsync(SupervisionDbContext db, LegalBasis basis, FileCaseInput input, CancellationToken ct)
    {
        var end = input.ActEndedOn ?? input.ViolationDate;
        var others = await db.EnforcementCases.AsNoTracking()
            .Where(c => c.BranchId == input.BranchId && c.State != CaseState.Withdrawn
                        && c.LegalBasis!.Statute == basis.Statute && c.LegalBasis.DutyArticle == basis.DutyArticle
                        && c.ViolationDate <= end && (c.ActEndedOn ?? c.ViolationDate) >= input.ViolationDate)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.CaseNumber, c.Title, c.State }).ToListAsync(ct);
        if (others.Count == 0) return;
        var list = string.Join("、", others.Select(o => $"{o.CaseNumber ?? $"案件#{o.Id}"}“{o.Title}”（{CaseStates.Label(o.State)}）"));
        throw new DomainException(SameActCode,
            $"当事人已有涉及{basis.Statute}{basis.DutyArticle}、违法行为期间重叠的案件：{list}，可能是同一违法行为。对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚（行政处罚法第二十九条）。"
            + "如确属不同的违法行为，请勾选确认后再立案。");
    }
}
