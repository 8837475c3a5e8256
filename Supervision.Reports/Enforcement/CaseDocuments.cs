using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;

namespace Supervision.Reports.Enforcement;

/// <summary>
/// The steps of a case that produce a document: each applies the case's transition and issues its numbered document
/// in one transaction (a refused step consumes no number), and each can be previewed first through the same code.
/// </summary>
public sealed class CaseDocuments(EnforcementService enforcement, DocumentRegistry documents)
{
    public const string OwnerType = "EnforcementCase";

    /// <summary>A step that produces a document: its kind, whether the party receives it, and the transition it records.</summary>
    private sealed record Action(DocumentKind Kind, bool ToParty, DateOnly IssueDate, Action<EnforcementCase, CaseContext, DocumentNumber?> Apply);

    private static Action Filing(DateOnly filedOn) => new(DocumentKind.CaseFilingApproval, false, filedOn, (c, _, number) =>
    {
        if (c.CaseNumber is not null) throw new Domain.Common.DomainException("case.filing_issued", $"本案已签发立案审批表（{c.CaseNumber}）。");
        c.CaseNumber = number?.ToString();
    });

    private static Action Notice(DateOnly servedOn) => new(DocumentKind.PriorNotice, true, servedOn,
        (c, ctx, _) => c.ServePriorNotice(servedOn, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now));

    private static Action Hearing(DateOnly noticeOn, DateOnly hearingDate, string place) => new(DocumentKind.HearingNotice, true, noticeOn,
        (c, ctx, _) => c.ScheduleHearing(noticeOn, hearingDate, place, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now));

    private static Action Decision(DateOnly decidedOn, IReadOnlyList<SanctionInput> sanctions) => new(DocumentKind.PenaltyDecision, false, decidedOn,
        (c, ctx, _) => c.Decide(decidedOn, sanctions.Select(s => s.ToSanction()).ToList(), ctx.Bases, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now));

    private static Action Service(DateOnly servedOn, string method) => new(DocumentKind.ServiceReceipt, true, servedOn,
        (c, ctx, _) => c.Serve(servedOn, method, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now));

    /// <summary>Files a case and issues its 立案审批表 (the number becomes the case number).</summary>
    public async Task<long> FileAsync(FileCaseInput input, CancellationToken ct = default)
    {
        var id = await enforcement.FileAsync(input, ct);
        await IssueFilingApprovalAsync(id, ct);
        return id;
    }

    /// <summary>Issues the filing approval of a case filed without one (e.g. when the first attempt failed).</summary>
    public Task<IssuedDocument> IssueFilingApprovalAsync(long id, CancellationToken ct = default) => IssueAsync(id, null, Filing(default), ct);

    public Task<IssuedDocument> ServePriorNoticeAsync(long id, Guid token, DateOnly servedOn, CancellationToken ct = default) =>
        IssueAsync(id, token, Notice(servedOn), ct);

    public Task<IssuedDocument> ScheduleHearingAsync(long id, Guid token, DateOnly noticeOn, DateOnly hearingDate, string place, CancellationToken ct = default) =>
        IssueAsync(id, token, Hearing(noticeOn, hearingDate, place), ct);

    /// <summary>Decides the case and issues the decision; the party receives it when it is served.</summary>
    public Task<IssuedDocument> DecideAsync(long id, Guid token, DateOnly decidedOn, IReadOnlyList<SanctionInput> sanctions, CancellationToken ct = default) =>
        IssueAsync(id, token, Decision(decidedOn, sanctions), ct);

    /// <summary>Serves the decision: records service, issues the 送达回证 and gives the party the decision.</summary>
    public Task<IssuedDocument> ServeAsync(long id, Guid token, DateOnly servedOn, string method, CancellationToken ct = default) =>
        IssueAsync(id, token, Service(servedOn, method), ct);

    public enum PreviewKind { PriorNotice, HearingNotice, PenaltyDecision }

    /// <summary>What the document would say if the step were taken now with these values: nothing is saved, no number is taken.</summary>
    public async Task<byte[]> PreviewAsync(long id, PreviewKind kind, DateOnly date, IReadOnlyList<SanctionInput>? sanctions = null, DateOnly? hearingDate = null,
        string? place = null, CancellationToken ct = default)
    {
        var action = kind switch
        {
            PreviewKind.PriorNotice => Notice(date),
            PreviewKind.HearingNotice => Hearing(date, hearingDate ?? date, place ?? ""),
            _ => Decision(date, sanctions ?? []),
        };
        var c = await enforcement.GetAsync(id, ct);
        var context = await enforcement.ContextAsync(c, ct);
        action.Apply(c, context, null);
        var data = CaseDocumentData.From(c, action.Kind, null, action.IssueDate, c.Branch!.Province!.AuthorityName, context.Settings,
            noticeNumber: await NumberOfAsync(id, DocumentKind.PriorNotice, ct));
        return CasePdf.Render(data, preview: true);
    }

    private async Task<IssuedDocument> IssueAsync(long id, Guid? token, Action action, CancellationToken ct)
    {
        var current = await enforcement.GetAsync(id, ct);
        var issueDate = action.Kind == DocumentKind.CaseFilingApproval ? current.FiledOn : action.IssueDate;
        var key = id.ToString(CultureInfo.InvariantCulture);
        return await documents.IssueAsync(new DocumentRequest(action.Kind, current.ProvinceId, current.BranchId, OwnerType, key, action.ToParty, issueDate),
            async (db, number, token2) =>
            {
                CaseContext? context = null;
                var c = await enforcement.TransitionAsync(db, id, token, partyMayAct: false, (c, ctx) =>
                {
                    context = ctx;
                    action.Apply(c, ctx, number);
                    return Task.CompletedTask;
                }, token2);
                var owned = db.IssuedDocuments.Where(d => d.OwnerType == OwnerType && d.OwnerId == key);
                var noticeNumber = await owned.Where(d => d.Kind == DocumentKind.PriorNotice).Select(d => d.Number).FirstOrDefaultAsync(token2);
                string? served = null;
                if (action.Kind == DocumentKind.ServiceReceipt)
                {
                    var decision = await owned.FirstOrDefaultAsync(d => d.Kind == DocumentKind.PenaltyDecision, token2)
                                   ?? throw new Domain.Common.DomainException("case.no_decision_document", "本案尚未签发行政处罚决定书。");
                    decision.VisibleToParty = true; // served: from now on the party has it in its portal
                    served = $"{decision.Title}（{decision.Number}）";
                    await db.SaveChangesAsync(token2);
                }
                var seal = CasePdf.Sealed(action.Kind) ? await OrganizationService.SealAsync(db, c.ProvinceId, token2) : null;
                var data = CaseDocumentData.From(c, action.Kind, number, issueDate, c.Branch!.Province!.AuthorityName, context!.Settings, noticeNumber, served)
                    with { SealFileId = seal?.Id };
                return new RenderedDocument(data.ToJson(), CasePdf.Render(data, seal?.Bytes));
            }, ct);
    }

    private async Task<string?> NumberOfAsync(long id, DocumentKind kind, CancellationToken ct) =>
        (await documents.ForOwnerAsync(OwnerType, id.ToString(CultureInfo.InvariantCulture), ct)).FirstOrDefault(d => d.Kind == kind)?.Number;
}
