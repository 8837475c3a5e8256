using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Files;
using Supervision.Domain.Inspections;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Enforcement;

public sealed record FileCaseInput(int BranchId, int LegalBasisId, string Title, string Facts, DateOnly ViolationDate, DateOnly FiledOn,
    IReadOnlyList<string> InvestigatorIds, CaseSource Source = CaseSource.Direct, string? SourceRef = null,
    DateOnly? DiscoveredOn = null, DateOnly? ActEndedOn = null, long? CorrectiveOrderId = null, bool DifferentActConfirmed = false,
    string? ExtendedLimitationFacts = null);

/// <summary>What the filing page starts from when a case is opened on a finding handed to enforcement (待立案).</summary>
public sealed record CaseDraft(int BranchId, string Party, int? LegalBasisId, string Title, string Facts, DateOnly ViolationDate,
    IReadOnlyList<string> InvestigatorIds, CaseSource Source, string SourceRef, DateOnly? DiscoveredOn = null, long? CorrectiveOrderId = null);

public sealed record SanctionInput(SanctionKind Kind, int LegalBasisId, decimal? Amount, string Description, DateOnly? CorrectionDeadline = null)
{
    public CaseSanction ToSanction() => new()
    {
        Kind = Kind, LegalBasisId = LegalBasisId, Amount = Amount, Description = Description?.Trim() ?? "", CorrectionDeadline = CorrectionDeadline,
    };
}

/// <summary>What a transition needs besides the case: settings of the province, the calendar, who and when.</summary>
/// <param name="Consent">The party's 送达地址确认书 in force today (recorded by the carrier in the portal), if any.</param>
public sealed record CaseContext(EnforcementSettings Settings, WorkingDayCalendar Calendar, IReadOnlyDictionary<int, LegalBasis> Bases, string Actor, DateTimeOffset Now,
    Organizations.ServiceAddressConfirmation? Consent = null)
{
    public DateOnly Today => BeijingTime.Today(Now);

    /// <summary>Before service by electronic means: the party's consent in its standing 送达地址确认书 counts for the case.</summary>
    public void AdoptConsent(EnforcementCase c, string method)
    {
        if (ServiceMethods.IsElectronic(method) && Consent is { } consent)
            c.AdoptServiceConfirmation(consent, Actor, Now);
    }
}

public sealed record CaseRow(long Id, string? CaseNumber, string Title, string Party, int BranchId, string Basis, CaseState State, DateOnly FiledOn,
    DateOnly DecisionDueDate, DateOnly? PaymentDueDate, decimal? Fine, bool Overdue);

public sealed record CaseQuery(CaseState? State = null, int? BranchId = null, int? LegalBasisId = null, bool OverdueOnly = false);

/// <summary>A deadline of a case as the case page and the daily job see it.</summary>
public sealed record CaseDeadline(string Key, string Label, DateOnly Due, bool Met, bool Overdue);

/// <summary>
/// Penalty cases: filing, each step of the procedure (through the case's own methods), documents' data, and the
/// party's part (statement, hearing request, acknowledgement). Concurrent edits are refused, never silently merged.
/// </summary>
public sealed partial class EnforcementService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, CatalogService catalog,
    DocumentRegistry documents, IRankingSummary rankings, IEnumerable<IDecisionPublication> publications, ApprovalService approvals,
    Notifications.NotificationService notifications)
{
    public async Task<EnforcementSettings> SettingsAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await EnforcementSettings.ForProvinceAsync(db, provinceId, ct);
    }

    public async Task<IReadOnlyList<EnforcementSettings>> AllSettingsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EnforcementSettings.AsNoTracking().OrderBy(s => s.ProvinceId).ToListAsync(ct);
    }

    /// <summary>Saves a province's (or the default) settings; administrators only (the context enforces it) and audited.</summary>
    public async Task SaveSettingsAsync(EnforcementSettings input, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0) throw new DomainException("settings.invalid", string.Join(" ", errors));
        await using var db = await factory.CreateDbContextAsync(ct);
        input.CheckAgentList();
        if (input.AgentListEnabled)
        {
            var basis = await db.LegalBases.AsNoTracking().FirstOrDefaultAsync(b => b.Id == input.AgentListLegalBasisId, ct);
            if (basis is not { Verified: true })
                throw new DomainException("agent_list.basis_unverified", "违规代理商公示的依据须是法律依据目录中已核对的条目。");
            if (!basis.Allows(SanctionKind.Criticism))
                throw new DomainException("agent_list.basis_no_criticism", $"所选依据{basis.Label}不含通报批评，不能作为公开通报代理商的依据。");
        }
        if (input.DeputyApproverId is { Length: > 0 } deputy
            && !await db.Users.AnyAsync(u => u.Id == deputy && u.ProvinceId == input.ProvinceId && u.Role == UserRole.Inspector, ct))
            throw new DomainException("settings.deputy_approver", "指定审批人须为本省的执法人员（局领导无需指定即可审批）。");
        var row = await db.EnforcementSettings.FirstOrDefaultAsync(s => s.ProvinceId == input.ProvinceId, ct);
        if (row is null) db.EnforcementSettings.Add(row = new EnforcementSettings { ProvinceId = input.ProvinceId });
        row.CopyFrom(input);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The inspectors of a province, who may be named as investigators.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> InspectorsAsync(int provinceId, CancellationToken ct = default)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Users.AsNoTracking().Where(u => u.Role == UserRole.Inspector && u.ProvinceId == provinceId).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).ToList();
    }

    /// <summary>
    /// A case prefilled from a finding handed to enforcement: its branch as the party, its legal basis, title and facts, the day
    /// it was found as the day of the act, and the inspectors of its inspection as investigators (all editable before filing).
    /// </summary>
    public async Task<CaseDraft> DraftFromFindingAsync(long findingId, CancellationToken ct = default)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        var finding = await db.Findings.AsNoTracking().Include(f => f.Branch).FirstOrDefaultAsync(f => f.Id == findingId, ct) ?? throw new NotFoundException("检查发现");
        if (!finding.AwaitingCase)
            throw new DomainException("finding.not_awaiting_case", finding.EnforcementCaseId is not null ? "该检查发现已立案。" : "该检查发现未移交立案，不能据此立案。");
        var investigators = finding.InspectionId is { } inspection
            ? await db.InspectionInspectors.AsNoTracking().Where(i => i.InspectionId == inspection).OrderBy(i => i.Id).Select(i => i.UserId).ToListAsync(ct)
            : [];
        // The corrective order under the same facts the party did not comply with: a 拒不改正 basis fines only on it.
        var order = await db.CorrectiveOrders.AsNoTracking().Where(o => o.FindingId == finding.Id && o.BranchId == finding.BranchId)
            .OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        return new CaseDraft(finding.BranchId, finding.Branch!.Name, finding.LegalBasisId, finding.Title, finding.Facts, finding.FoundOn, investigators,
            CaseSource.Finding, finding.Id.ToString(CultureInfo.InvariantCulture), finding.FoundOn, order is { Disregarded: true } ? order.Id : null);
    }

    /// <summary>
    /// A case on a finding or on a corrective order not complied with cites the duty they cite (Order 25 第六条 in the order and 第九条 in
    /// the case would be two different acts): one mapping, the catalog's, from the inspection record to the decision.
    /// </summary>
    private static async Task RefuseOtherDutyAsync(SupervisionDbContext db, LegalBasis basis, FileCaseInput input, CancellationToken ct)
    {
        var orderId = input.CorrectiveOrderId
                      ?? (input.Source == CaseSource.CorrectiveOrder && long.TryParse(input.SourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var oid) ? oid : null);
        var findingId = input.Source == CaseSource.Finding && long.TryParse(input.SourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var fid) ? fid : (long?)null;
        var cited = new List<(string What, LegalBasis Basis)>();
        if (orderId is { } o && await db.CorrectiveOrders.AsNoTracking().Where(x => x.Id == o).Select(x => new { x.NoticeNumber, x.LegalBasis }).FirstOrDefaultAsync(ct) is { LegalBasis: { } ob } order)
            cited.Add(($"整改通知{(order.NoticeNumber is { } n ? $"（{n}）" : "")}", ob));
        if (findingId is { } f && await db.Findings.AsNoTracking().Where(x => x.Id == f).Select(x => x.LegalBasis).FirstOrDefaultAsync(ct) is { } fb)
            cited.Add(("检查发现", fb));
        foreach (var (what, other) in cited.Where(x => !basis.SameDutyAs(x.Basis)))
            throw new DomainException("case.basis_mismatch",
                $"{what}依据{other.Citation}，同一违法事实立案应适用同一条款，不能改依{basis.Citation}。请选择{other.Label}（或同一条款的其他情形）。");
    }

    /// <summary>
    /// Files a case in the acting inspector's province, with its investigators drawn from that province's inspectors, and
    /// issues its 立案审批表 in the same transaction. A case
    /// on a finding (<see cref="CaseSource.Finding"/>, the finding's id as source) is linked to it in the same transaction.
    /// </summary>
    public async Task<long> FileAsync(FileCaseInput input, CancellationToken ct = default)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var party = await db.Branches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == input.BranchId, ct) ?? throw new NotFoundException("当事人（企业分支机构）");
        var basis = await db.LegalBases.AsNoTracking().FirstOrDefaultAsync(b => b.Id == input.LegalBasisId, ct) ?? throw new DomainException("case.unknown_basis", "所选法律依据不存在。");
        var investigators = await db.Users.AsNoTracking()
            .Where(u => input.InvestigatorIds.Contains(u.Id) && u.Role == UserRole.Inspector && u.ProvinceId == party.ProvinceId)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        if (investigators.Count != input.InvestigatorIds.Distinct().Count())
            throw new DomainException("case.investigators", "调查人员须为本省的检查人员。");
        if (input.Source == CaseSource.Direct && !input.DifferentActConfirmed) await RefuseSameActAsync(db, basis, input, ct);
        await RefuseOtherDutyAsync(db, basis, input, ct);
        var c = EnforcementCase.File(party, basis, input.Title, input.Facts, input.ViolationDate, input.FiledOn,
            investigators.Select(i => (i.Id, i.DisplayName)).ToList(), input.Source, input.SourceRef, await SettingsAsync(party.ProvinceId, ct), access.Actor, clock.GetUtcNow(),
            input.DiscoveredOn, input.ActEndedOn, input.ExtendedLimitationFacts);
        var orderRef = input.CorrectiveOrderId
                       ?? (input.Source == CaseSource.CorrectiveOrder && long.TryParse(input.SourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var oid) ? oid : null);
        if (orderRef is { } orderId)
            c.LinkCorrectiveOrder(await db.CorrectiveOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new NotFoundException("整改通知"), access.Actor, clock.GetUtcNow());
        db.EnforcementCases.Add(c);
        await db.SaveChangesAsync(ct);
        if (input.Source == CaseSource.Finding)
        {
            var findingId = long.TryParse(input.SourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var fid) ? fid : throw new NotFoundException("检查发现");
            var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId, ct) ?? throw new NotFoundException("检查发现");
            finding.CaseOpened(c.Id, party.Id);
            await db.SaveChangesAsync(ct);
        }
        // The 立案审批表 is issued with the filing (its number becomes the case number) or, where filing needs the
        // responsible person's approval (Art. 54), the filing is the request for it and the form is issued once approved.
        var filed = await LoadAsync(db, c.Id, tracking: true, ct);
        var context = await ContextAsync(filed, ct);
        ApprovalRequest? request = null;
        if (filed.Requires(ApprovalStep.Filing))
        {
            request = filed.RequestApproval(ApprovalStep.Filing, new ApprovalProposal(), "建议立案调查。", await approvals.RequesterAsync(db, ct), context.Bases, access.Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        else
            await IssueAsync(db, filed, context, Filing(filed.FiledOn), ct);
        // A province's first case starts its penalty indicators.
        await rankings.RecordsChangedAsync(db, c.BranchId, c.FiledOn, ct);
        if (request is not null)
        {
            await approvals.RequestedAsync(db, request, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return c.Id;
    }

    public async Task<EnforcementCase> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LoadAsync(db, id, tracking: false, ct);
    }

    public async Task<PagedResult<CaseRow>> ListAsync(CaseQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var q = db.EnforcementCases.AsNoTracking().AsQueryable();
        if (query.State is { } state) q = q.Where(c => c.State == state);
        if (query.BranchId is { } branch) q = q.Where(c => c.BranchId == branch);
        if (query.LegalBasisId is { } basis) q = q.Where(c => c.LegalBasisId == basis);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(c => c.Title.Contains(page.Search) || c.CaseNumber!.Contains(page.Search) || c.Branch!.Name.Contains(page.Search));
        var rows = await q.OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id, c.CaseNumber, c.Title, Party = c.Branch!.Name, c.BranchId, Basis = c.LegalBasis!.Statute + c.LegalBasis.DutyArticle, c.State, c.FiledOn, c.DecisionDueDate,
                c.PaymentDueDate, c.ServiceDueDate, Fine = c.Sanctions.Where(s => s.Kind == SanctionKind.Fine && s.Status != SanctionStatus.Superseded).Select(s => s.Amount).FirstOrDefault(),
                Extended = c.Approvals.Where(a => a.Kind == ApprovalKind.DecisionExtension).Select(a => (DateOnly?)a.NewDate).Max(),
                Paid = c.Payments.Sum(p => (decimal?)p.Amount) ?? 0,
            }).ToListAsync(ct);
        var mapped = rows.Select(r => new CaseRow(r.Id, r.CaseNumber, r.Title, r.Party, r.BranchId, r.Basis, r.State, r.FiledOn, r.DecisionDueDate, r.PaymentDueDate, r.Fine,
            Overdue: r.State switch
            {
                CaseState.Filed or CaseState.Investigating or CaseState.UnderReview or CaseState.PriorNoticeServed or CaseState.Hearing => today > (r.Extended ?? r.DecisionDueDate),
                CaseState.Decided => today > r.ServiceDueDate,
                CaseState.Served or CaseState.Executing => r.PaymentDueDate is { } due && today > due && r.Paid < (r.Fine ?? 0),
                _ => false,
            })).ToList();
        if (query.OverdueOnly) mapped = mapped.Where(r => r.Overdue).ToList();
        return new(mapped.Skip(page.Skip).Take(page.Take).ToList(), mapped.Count);
    }

    /// <summary>Whether the act already carries a fine in another case (Art. 29), withdrawn cases aside.</summary>
    public static async Task<bool> ActAlreadyFinedAsync(SupervisionDbContext db, EnforcementCase c, CancellationToken ct) =>
        await db.EnforcementCases.IgnoreQueryFilters() // a fine imposed in any case counts, whoever may see it
            .AnyAsync(o => o.Id != c.Id && o.ActKey == c.ActKey && o.State != CaseState.Withdrawn && o.State != CaseState.NoPenalty
                           && o.Sanctions.Any(s => s.Kind == SanctionKind.Fine && s.Status != SanctionStatus.Proposed && s.Status != SanctionStatus.Superseded), ct);

    /// <summary>
    /// One step of a case, in one transaction: loads the case, refuses the step when the case changed since the user looked
    /// (<paramref name="token"/>) or the actor may not act, applies it (issuing its document, if it has one, through the
    /// step's context) and saves. A decision tells <see cref="IDecisionPublication"/> what the law requires to be published;
    /// a decision or an end of the case updates what depends on it (the rankings' summary) from the filing on — all
    /// committing together or not at all.
    /// </summary>
    private async Task<EnforcementCase> StepAsync(long id, Guid? token, bool partyMayAct, Func<SupervisionDbContext, EnforcementCase, CaseContext, Task> act,
        CancellationToken ct)
    {
        if (!partyMayAct) RequireOfficer();
        else if (access.Scope.ReadOnly) throw new AccessDeniedException("当前角色只能查看。");
        else if (Acting == Acting.Party && !await ActsForPartyAsync(ct)) throw PartyStepRefused();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await LoadAsync(db, id, tracking: true, ct);
        if (token is { } t && t != c.ConcurrencyToken)
            throw new DomainException("case.changed", "该案件刚被他人修改，请刷新页面查看最新情况后再操作。");
        var before = c.State;
        var ranked = c.RankedAs;
        var context = await ContextAsync(c, ct);
        await act(db, c, context);
        if (before != CaseState.Decided && c.State == CaseState.Decided)
            foreach (var publication in publications)
                await publication.DecidedAsync(db, c, context, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("case.changed", "该案件刚被他人修改，请刷新页面查看最新情况后再操作。");
        }
        if (c.RankedAs != ranked)
            await rankings.RecordsChangedAsync(db, c.BranchId, c.FiledOn, ct);
        await tx.CommitAsync(ct);
        return c;
    }

    /// <summary>The province's settings, the calendar, the legal bases, the actor and the time a transition runs with.</summary>
    private async Task<CaseContext> ContextAsync(EnforcementCase c, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var bases = await db.LegalBases.AsNoTracking().ToDictionaryAsync(b => b.Id, ct);
        var now = clock.GetUtcNow();
        var consent = await Organizations.ServiceAddressService.InForceAsync(db, c.BranchId, BeijingTime.Today(now), ct);
        return new CaseContext(await SettingsAsync(c.ProvinceId, ct), await catalog.GetCalendarAsync(ct), bases, access.Actor, now, consent);
    }

    /// <summary>A step that issues no document.</summary>
    private Task<EnforcementCase> ApplyAsync(long id, Guid? token, Action<EnforcementCase, CaseContext> act, bool partyMayAct = false, CancellationToken ct = default) =>
        StepAsync(id, token, partyMayAct, (_, c, ctx) => { act(c, ctx); return Task.CompletedTask; }, ct);

    // ---------------------------------------------------------------- steps that issue a document

    /// <summary>Owner type of a case's documents in the document registry.</summary>
    public const string OwnerType = "EnforcementCase";

    /// <summary>A step that issues a document: its kind, whether the party receives it, its date, and the transition it records.</summary>
    /// <param name="Serves">For a 送达回证: the document whose service it proves (the decision unless said).</param>
    private sealed record DocumentStep(DocumentKind Kind, bool ToParty, DateOnly IssueDate, Action<EnforcementCase, CaseContext, DocumentNumber?> Apply,
        DocumentKind Serves = DocumentKind.PenaltyDecision);

    private static DocumentStep Filing(DateOnly filedOn) => new(DocumentKind.CaseFilingApproval, false, filedOn,
        (c, ctx, number) => c.RecordFilingApproval(number?.ToString(), ctx.Now));

    /// <summary>
    /// The 事先告知书, dated the day it leaves the administration (by post: the day posted), served by <paramref name="method"/> — or,
    /// through the portal (<see cref="EnforcementCase.PortalService"/>), sent now and served when the party first opens it.
    /// </summary>
    private static DocumentStep Notice(DateOnly servedOn, string method = ServiceMethods.InPerson, ServiceDetails? details = null) =>
        new(DocumentKind.PriorNotice, true, details?.PostedOn is { } posted && ServiceMethods.IsPost(method) ? posted : servedOn, (c, ctx, _) =>
        {
            ctx.AdoptConsent(c, method);
            if (Sending(method, details)) c.SendPriorNoticeElectronically(servedOn, ctx.Actor, ctx.Now);
            else c.ServePriorNotice(servedOn, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now, method, details);
        });

    private static DocumentStep Hearing(DateOnly noticeOn, DateOnly hearingDate, TimeOnly hearingTime, string place, HearingPanel panel, string method = ServiceMethods.InPerson,
        ServiceDetails? details = null, HearingPrivacyGround? closedGround = null) =>
        new(DocumentKind.HearingNotice, true, details?.PostedOn is { } posted && ServiceMethods.IsPost(method) ? posted : noticeOn, (c, ctx, _) =>
        {
            ctx.AdoptConsent(c, method);
            c.ScheduleHearing(noticeOn, hearingDate, hearingTime, place, panel, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now, method, details, closedGround);
        });

    /// <summary>Through the portal, not yet opened: the document is sent, and served on its first opening.</summary>
    private static bool Sending(string method, ServiceDetails? details) => method.Trim() == EnforcementCase.PortalService && details?.OpenedAt is null;

    /// <summary>
    /// The 送达回证 of a document whose service the case has just recorded (事先告知书, 听证通知书), dated the day of service — by post the
    /// date of receipt, never earlier than posting.
    /// </summary>
    private static DocumentStep Receipt(DocumentKind served, DateOnly servedOn) => new(DocumentKind.ServiceReceipt, true, servedOn, (_, _, _) => { }, served);

    private static DocumentStep NoPenalty(DateOnly on, NoPenaltyGround? ground, string reason) => new(DocumentKind.NoPenaltyDecision, true, on,
        (c, ctx, number) => c.DecideNoPenalty(on, ground, reason, number?.ToString(), ctx.Actor, ctx.Now));

    private static DocumentStep Decision(DateOnly decidedOn, IReadOnlyList<SanctionInput> sanctions, string? discretionReason = null) => new(DocumentKind.PenaltyDecision, false, decidedOn,
        (c, ctx, number) => c.Decide(decidedOn, sanctions.Select(s => s.ToSanction()).ToList(), number?.ToString(), ctx.Bases, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now, discretionReason));

    private static DocumentStep Service(DateOnly servedOn, string method, ServiceDetails? details) => new(DocumentKind.ServiceReceipt, true, servedOn,
        (c, ctx, _) => { ctx.AdoptConsent(c, method); c.Serve(servedOn, method, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now, details); });

    /// <summary>
    /// After a step that served <paramref name="document"/> (its service recorded on the case), its 送达回证 — or, when the step sent
    /// it through the portal, the e-mail and the notice to the party (the receipt follows the first opening).
    /// </summary>
    private async Task AfterServiceAsync(SupervisionDbContext db, EnforcementCase c, CaseContext ctx, IssuedDocument document, bool sending, CancellationToken ct)
    {
        if (sending) await SendAsync(db, c, ctx, document, ct);
        else await IssueAsync(db, c, ctx, Receipt(document.Kind, c.ServiceOf(document.Kind)!.ServedOn), ct);
    }

    /// <summary>Issues the filing approval of a case filed without one (cases filed before filing and approval were one step).</summary>
    public Task<IssuedDocument> IssueFilingApprovalAsync(long id, CancellationToken ct = default) => IssueAsync(id, null, _ => Filing(default), ct);

    /// <summary>
    /// Issues and serves the 事先告知书 by <paramref name="method"/> (electronically only with the party's consent on record; by post on
    /// the receipt's date, by announcement thirty days after it, with <paramref name="details"/>).
    /// </summary>
    /// <remarks>
    /// Through the portal (<see cref="EnforcementCase.PortalService"/>, on the party's consent) the notice is sent and served on its
    /// first opening (<see cref="OpenDocumentAsync"/>); otherwise its service is recorded and its 送达回证 issued at once. A notice
    /// already sent through the portal is not issued again: another method records the service of that notice.
    /// </remarks>
    public async Task<IssuedDocument> ServePriorNoticeAsync(long id, Guid token, DateOnly servedOn, CancellationToken ct = default, string method = ServiceMethods.InPerson,
        ServiceDetails? details = null)
    {
        IssuedDocument? issued = null;
        await StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            if (c.PriorNoticeSentOn is not null)
            {
                if (Sending(method, details)) c.SendPriorNoticeElectronically(servedOn, ctx.Actor, ctx.Now); // refused: sent once
                ctx.AdoptConsent(c, method);
                c.ServePriorNotice(servedOn, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now, method, details);
                issued = await LatestAsync(db, id, DocumentKind.PriorNotice, ct) ?? throw new DomainException("case.no_notice_document", "本案尚未签发事先告知书。");
            }
            else issued = await IssueAsync(db, c, ctx, Notice(servedOn, method, details), ct);
            await AfterServiceAsync(db, c, ctx, issued, Sending(method, details), ct);
            await TellPartyAsync(db, c, issued, ct);
        }, ct);
        return issued!;
    }

    private static Task<IssuedDocument?> LatestAsync(SupervisionDbContext db, long id, DocumentKind kind, CancellationToken ct)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return db.IssuedDocuments.Where(d => d.OwnerType == OwnerType && d.OwnerId == key && d.Kind == kind).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Schedules the hearing with its chair (a user of the administration, not an investigator: Art. 64 (四)), members and clerk,
    /// serves its notice by <paramref name="method"/> (electronically only with the party's consent on record), in public unless
    /// <paramref name="closedGround"/> says why not (Art. 64 (三)).
    /// </summary>
    public async Task<IssuedDocument> ScheduleHearingAsync(long id, Guid token, DateOnly noticeOn, DateOnly hearingDate, TimeOnly hearingTime, string place, string chairUserId,
        string? members, string clerk, CancellationToken ct = default, string method = ServiceMethods.InPerson, ServiceDetails? details = null,
        HearingPrivacyGround? closedGround = null)
    {
        var panel = await PanelAsync(id, chairUserId, members, clerk, ct);
        IssuedDocument? issued = null;
        await StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            issued = await IssueAsync(db, c, ctx, Hearing(noticeOn, hearingDate, hearingTime, place, panel, method, details, closedGround), ct);
            await AfterServiceAsync(db, c, ctx, issued, Sending(method, details), ct);
            await TellPartyAsync(db, c, issued, ct);
        }, ct);
        return issued!;
    }

    /// <summary>The hearing panel with the chair's name as the administration's users list it (a user of the case's province, not a carrier's).</summary>
    private async Task<HearingPanel> PanelAsync(long id, string? chairUserId, string? members, string clerk, CancellationToken ct)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.EnforcementCases.Where(c => c.Id == id).Select(c => (int?)c.ProvinceId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("案件");
        var chair = string.IsNullOrWhiteSpace(chairUserId) ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == chairUserId && u.ProvinceId == province && u.Role == UserRole.Inspector)
                .Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (!string.IsNullOrWhiteSpace(chairUserId) && chair is null)
            throw new DomainException("case.hearing_chair", "听证主持人须为本局的执法人员。");
        return new HearingPanel(chairUserId ?? "", chair ?? "", members, clerk ?? "");
    }

    /// <summary>The grounds in law a 不予行政处罚 decision rests on (the catalog).</summary>
    public Task<IReadOnlyList<NoPenaltyGround>> NoPenaltyGroundsAsync(CancellationToken ct = default) => catalog.ListNoPenaltyGroundsAsync(ct);

    /// <summary>
    /// Decides not to impose a penalty on the ground <paramref name="groundCode"/> of the catalog (Arts. 33, 57) and issues the
    /// numbered 不予行政处罚决定书, which the party receives.
    /// </summary>
    public async Task<IssuedDocument> DecideNoPenaltyAsync(long id, Guid token, DateOnly on, string? groundCode, string reason, CancellationToken ct = default)
    {
        NoPenaltyGround? ground = null;
        if (!string.IsNullOrWhiteSpace(groundCode))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            ground = await db.NoPenaltyGrounds.AsNoTracking().FirstOrDefaultAsync(g => g.Code == groundCode, ct)
                     ?? throw new DomainException("case.no_penalty_ground", $"不予行政处罚的情形“{groundCode}”不在目录中。");
        }
        return await IssueAsync(id, token, _ => NoPenalty(on, ground, reason), ct);
    }

    /// <summary>Records the party's 送达地址确认书 (address; the electronic channel it consents to, if any: Art. 61 para 2).</summary>
    public Task<EnforcementCase> RecordServiceAddressAsync(long id, Guid token, string address, string? electronicChannel, DateOnly confirmedOn, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.RecordServiceAddress(address, electronicChannel, confirmedOn, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>
    /// Records the party's 送达地址确认书 signed and sealed on paper, from its scanned original (PDF, JPEG or PNG, checked by content
    /// and size before anything is kept), as the branch's confirmation — the file with its SHA-256 and the confirmation in the case
    /// step's transaction — and, where it consents to electronic service, adopts it for the case (行政处罚法第六十一条第二款).
    /// </summary>
    public Task<EnforcementCase> RecordServiceConsentAsync(long id, Guid token, Organizations.ServiceAddressInput input, string fileName, byte[] bytes,
        CancellationToken ct = default) =>
        StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            c.CheckServiceConsentOpen();
            var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == c.BranchId, ct) ?? throw new NotFoundException("分支机构");
            var userId = access.UserId ?? "";
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? ctx.Actor;
            var confirmation = Organizations.ServiceAddressConfirmation.RecordOriginal(branch, input, fileName, bytes, name, userId, ctx.Now);
            db.Add(confirmation);
            await db.SaveChangesAsync(ct); // its id goes on the case
            if (confirmation.ConsentsToElectronicService) c.AdoptServiceConfirmation(confirmation, ctx.Actor, ctx.Now);
            else c.RecordServiceAddress(confirmation.PostalAddress, null, confirmation.SignedOn < c.FiledOn ? c.FiledOn : confirmation.SignedOn, ctx.Actor, ctx.Now);
        }, ct);

    /// <summary>Links the corrective order the party did not comply with (a fine under a 拒不改正 basis rests on it).</summary>
    public Task<EnforcementCase> LinkCorrectiveOrderAsync(long id, Guid token, long orderId, CancellationToken ct = default) =>
        StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
            c.LinkCorrectiveOrder(await db.CorrectiveOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new NotFoundException("整改通知"), ctx.Actor, ctx.Now), ct);

    /// <summary>The corrective orders issued to the case's party that were not complied with: what a case may rest on as 拒不改正.</summary>
    public async Task<IReadOnlyList<(long Id, string Label)>> DisregardedOrdersAsync(long id, CancellationToken ct = default)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.EnforcementCases.Where(c => c.Id == id).Select(c => (int?)c.BranchId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("案件");
        var orders = await db.CorrectiveOrders.AsNoTracking().Where(o => o.BranchId == branch && o.NoticeNumber != null).OrderByDescending(o => o.Id).ToListAsync(ct);
        return orders.Where(o => o.Disregarded).Select(o => (o.Id, $"{o.NoticeNumber}（{CorrectiveOrder.StateLabel(o.State)}）")).ToList();
    }

    /// <summary>
    /// Decides the case and issues the decision (the party receives it when it is served) with its 行政处罚决定审批表, which
    /// states the legal review, the collective discussion and the responsible person's approval the decision rests on.
    /// </summary>
    /// <param name="discretionReason">裁量理由: why this amount within the range; the decision page requires it with a fine.</param>
    public async Task<IssuedDocument> DecideAsync(long id, Guid token, DateOnly decidedOn, IReadOnlyList<SanctionInput> sanctions, CancellationToken ct = default,
        string? discretionReason = null)
    {
        IssuedDocument? issued = null;
        await StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            issued = await IssueAsync(db, c, ctx, Decision(decidedOn, sanctions, discretionReason), ct);
            await IssueAsync(db, c, ctx, new DocumentStep(DocumentKind.DecisionApproval, false, decidedOn, (_, _, _) => { }), ct);
        }, ct);
        return issued!;
    }

    /// <summary>
    /// Asks the responsible person (局领导 or the province's deputy approver) to approve a step of the case with the content
    /// it will take; the approvers are told.
    /// </summary>
    public async Task<EnforcementCase> RequestApprovalAsync(long id, Guid token, ApprovalStep step, ApprovalProposal proposal, string note, CancellationToken ct = default)
    {
        ApprovalRequest? request = null;
        var c = await StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            request = c.RequestApproval(step, proposal, note, await approvals.RequesterAsync(db, ct), ctx.Bases, ctx.Actor, ctx.Now);
            await db.SaveChangesAsync(ct); // the request's number goes into the notice's key
            await approvals.RequestedAsync(db, request, ct);
        }, ct);
        return c;
    }

    /// <summary>Serves the decision: records service, issues the 送达回证 and gives the party the decision.</summary>
    public Task<IssuedDocument> ServeAsync(long id, Guid token, DateOnly servedOn, string method, CancellationToken ct = default, ServiceDetails? details = null) =>
        ServedAsync(id, token, Service(servedOn, method, details), "行政处罚决定书", ct);

    /// <summary>
    /// Serves the decision electronically, on the party's consent in its 送达地址确认书 in force today (行政处罚法第六十一条第二款):
    /// the decision appears in the party's portal, and an e-mail to the service address (staged in the same transaction) says
    /// so. The first time one of the party's users opens it (<see cref="OpenDocumentAsync"/>) is the date of service.
    /// </summary>
    public Task<EnforcementCase> SendElectronicallyAsync(long id, Guid token, CancellationToken ct = default) =>
        StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            RequireConsent(ctx);
            ctx.AdoptConsent(c, ServiceMethods.Electronic);
            c.SendDecisionElectronically(ctx.Today, ctx.Actor, ctx.Now);
            var decision = await LatestAsync(db, id, DocumentKind.PenaltyDecision, ct) ?? throw new DomainException("case.no_decision_document", "本案尚未签发行政处罚决定书。");
            await SendAsync(db, c, ctx, decision, ct);
        }, ct);

    private static Organizations.ServiceAddressConfirmation RequireConsent(CaseContext ctx) =>
        ctx.Consent is { ConsentsToElectronicService: true } consent ? consent
            : throw new DomainException("case.electronic_service_without_consent",
                "当事人未签订送达地址确认书同意电子送达，不能通过平台和电子邮件送达（行政处罚法第六十一条第二款）；请直接送达或邮寄送达。");

    /// <summary>
    /// One road for every document served through the portal (事先告知书, 听证通知书, 决定书): the party has it in its portal, its
    /// service e-mail and its users are told, and the first opening by one of its users (<see cref="OpenDocumentAsync"/>) is the
    /// receipt and the date of service — in the transaction of the step that sends it.
    /// </summary>
    private async Task SendAsync(SupervisionDbContext db, EnforcementCase c, CaseContext ctx, IssuedDocument document, CancellationToken ct)
    {
        var consent = RequireConsent(ctx);
        // On paper the sealed original is what is served; sent through the portal, the file is the original and must carry the seal.
        if (!document.Sealed)
            throw new DomainException("case.electronic_service_unsealed",
                "本机关尚未上传印章，文书未加盖印章，不能通过平台送达（行政处罚法第五十九条第二款：决定书必须盖有作出行政处罚决定的行政机关的印章）；"
                + "请管理员在“基础数据 → 省级管理局”上传本局印章，或直接送达、邮寄送达。");
        document.VisibleToParty = true; // sent: the party has it in its portal, and opening it serves it
        db.ElectronicServices.Add(ElectronicService.Send(c, document, consent.Id, consent.SignedOn, ctx.Actor, ctx.Now));
        var periods = document.Kind switch
        {
            DocumentKind.PriorNotice => "陈述、申辩和要求听证的期限自送达之日起计算",
            DocumentKind.HearingNotice => "听证的时间、地点见通知书",
            _ => "缴款、申请行政复议和提起行政诉讼的期限自送达之日起计算",
        };
        var text = $"{document.Title}（{document.Number}）已通过监管平台向你单位电子送达。请登录平台查阅，首次查阅之日为送达日期，{periods}。";
        notifications.StageServiceEmail(db, consent.Id, $"电子送达：{document.Title}（{document.Number}）", text, $"/cases/{c.Id}");
        await notifications.StageAsync(db, new Notifications.NotificationDraft($"document-served:sent:{document.Kind}:{c.Id}", Notifications.NotificationLevel.Warning,
            $"待查阅：{document.Title}", text, $"/cases/{c.Id}"), await notifications.CarrierUsersOfAsync(c.BranchId, ct), ct);
    }

    /// <summary>The record of a case's latest electronic service (for the case page).</summary>
    public async Task<ElectronicService?> ElectronicServiceAsync(long id, CancellationToken ct = default) =>
        (await ElectronicServicesAsync(id, ct)).LastOrDefault();

    /// <summary>Every document of the case sent through the portal, in order, with its receipt once opened.</summary>
    public async Task<IReadOnlyList<ElectronicService>> ElectronicServicesAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ElectronicServices.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>
    /// A case document as the signed-in user opens it. When the party's user first opens a document served electronically, that
    /// is its receipt — who, when, from which address, the SHA-256 of what was opened — and the day is the date of service: the
    /// decision is served then (the payment, review and litigation periods run from it), acknowledged, and its 送达回证 issued,
    /// in one transaction. Later openings change nothing.
    /// </summary>
    public async Task<(IssuedDocument Document, byte[] Pdf)> OpenDocumentAsync(long id, long documentId, CancellationToken ct = default)
    {
        var opened = await documents.DownloadAsync(documentId, ct);
        if (opened.Document.OwnerType != OwnerType || opened.Document.OwnerId != id.ToString(CultureInfo.InvariantCulture)) throw new NotFoundException("文书");
        if (Acting != Acting.Party || access.UserId is not { } userId) return opened;
        await using (var db = await factory.CreateDbContextAsync(ct))
            if (!await db.ElectronicServices.AnyAsync(s => s.DocumentId == documentId && s.OpenedAt == null, ct)) return opened;
        // Its first opening is its service: only a user who acts for the company receives it.
        if (!await ActsForPartyAsync(ct)) throw PartyStepRefused();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(opened.Pdf));
        try
        {
            await ReceiveAsync(id, documentId, userId, sha, ct);
        }
        catch (DomainException ex) when (ex.Code == "case.changed")
        {
            // Another of the party's users opened it at the same moment: that opening is the receipt.
        }
        return opened;
    }

    private Task<EnforcementCase> ReceiveAsync(long id, long documentId, string userId, string sha, CancellationToken ct) =>
        StepAsync(id, null, partyMayAct: true, async (db, c, ctx) =>
        {
            var service = await db.ElectronicServices.FirstAsync(s => s.DocumentId == documentId, ct);
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(ct);
            // The first opening is the receipt, and the 送达回证 names who opened it.
            name = PersonName.Require(name, "签收电子送达的文书");
            if (!service.Open(userId, name, access.ClientAddress, sha, ctx.Now)) return;
            var details = new ServiceDetails(SentOn: BeijingTime.Today(service.SentAt), OpenedAt: ctx.Now, OpenedBy: name);
            // The receipt the opening produces is issued by the officer who sent the document, not by the party who opened it.
            // A document superseded before it was opened (a hearing set again) serves nothing: its opening is kept, not counted.
            if (await LatestAsync(db, id, service.DocumentKind, ct) is not { } latest || latest.Id != documentId) return;
            switch (service.DocumentKind)
            {
                case DocumentKind.PriorNotice when c.State == CaseState.UnderReview && c.PriorNoticeSentOn is not null:
                    c.ServePriorNotice(ctx.Today, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now, EnforcementCase.PortalService, details);
                    await IssueAsync(db, c, ctx, Receipt(DocumentKind.PriorNotice, ctx.Today), ct, issuedBy: service.SentBy);
                    break;
                case DocumentKind.HearingNotice when c.State == CaseState.Hearing && c.HearingNoticeSentOn is not null && c.HearingNoticeServedOn is null:
                    c.ReceiveHearingNotice(ctx.Today, details, ctx.Settings, ctx.Calendar, ctx.Actor, ctx.Now);
                    await IssueAsync(db, c, ctx, Receipt(DocumentKind.HearingNotice, ctx.Today), ct, issuedBy: service.SentBy);
                    break;
                case DocumentKind.PenaltyDecision when c.State == CaseState.Decided && c.ElectronicallySentOn is not null:
                    await IssueAsync(db, c, ctx, Service(ctx.Today, EnforcementCase.PortalService, details), ct, issuedBy: service.SentBy);
                    c.AcknowledgeService(ctx.Actor, ctx.Now);
                    break;
            }
        }, ct);

    /// <summary>Issues a document served on the party and tells the party's users in the same transaction.</summary>
    private async Task<IssuedDocument> ServedAsync(long id, Guid token, DocumentStep step, string what, CancellationToken ct)
    {
        IssuedDocument? issued = null;
        await StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            issued = await IssueAsync(db, c, ctx, step, ct);
            await TellPartyAsync(db, c, issued, ct, what);
        }, ct);
        return issued!;
    }

    /// <summary>Tells the party's users that a document was served on them, as of the date of service the case recorded (sending through the portal tells them itself).</summary>
    private async Task TellPartyAsync(SupervisionDbContext db, EnforcementCase c, IssuedDocument document, CancellationToken ct, string? what = null)
    {
        var served = document.Kind == DocumentKind.ServiceReceipt ? DocumentKind.PenaltyDecision : document.Kind;
        if (c.ServiceOf(served) is not { OpenedAt: null } service) return;
        what ??= document.Title;
        await notifications.StageAsync(db, new Notifications.NotificationDraft($"document-served:{document.Kind}:{c.Id}:{service.ServedOn.DayNumber}", Notifications.NotificationLevel.Warning,
            $"收到{what}", $"{c.CaseNumber}：{what}已于{ChineseDate.Format(service.ServedOn)}送达，请登录平台查阅。", $"/cases/{c.Id}"),
            await notifications.CarrierUsersOfAsync(c.BranchId, ct), ct);
    }

    public enum PreviewKind { PriorNotice, HearingNotice, PenaltyDecision }

    /// <summary>What the document would say if the step were taken now with these values: nothing is saved, no number is taken.</summary>
    public async Task<byte[]> PreviewAsync(long id, PreviewKind kind, DateOnly date, IReadOnlyList<SanctionInput>? sanctions = null, DateOnly? hearingDate = null,
        string? place = null, HearingPanel? panel = null, CancellationToken ct = default, HearingPrivacyGround? closedGround = null, string? discretionReason = null,
        TimeOnly? hearingTime = null)
    {
        RequireOfficer();
        var step = kind switch
        {
            PreviewKind.PriorNotice => Notice(date),
            PreviewKind.HearingNotice => Hearing(date, hearingDate ?? date, hearingTime ?? new TimeOnly(9, 0), place ?? "", panel ?? new HearingPanel("", "", null, ""), closedGround: closedGround),
            _ => Decision(date, sanctions ?? [], discretionReason),
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, id, tracking: false, ct);
        var context = await ContextAsync(c, ct);
        step.Apply(c, context, null);
        return documents.Preview(CaseDocumentData.From(c, step.Kind, step.IssueDate, context.Settings, await NumberOfAsync(db, id, DocumentKind.PriorNotice, ct)));
    }

    private async Task<IssuedDocument> IssueAsync(long id, Guid? token, Func<EnforcementCase, DocumentStep> stepOf, CancellationToken ct)
    {
        IssuedDocument? issued = null;
        await StepAsync(id, token, partyMayAct: false, async (db, c, ctx) => issued = await IssueAsync(db, c, ctx, stepOf(c), ct), ct);
        return issued!;
    }

    /// <summary>Numbers the step's document, applies its transition, and stores the document rendered from the case as it then stands.</summary>
    private async Task<IssuedDocument> IssueAsync(SupervisionDbContext db, EnforcementCase c, CaseContext context, DocumentStep step, CancellationToken ct,
        string? issuedBy = null)
    {
        var key = c.Id.ToString(CultureInfo.InvariantCulture);
        var issueDate = step.Kind == DocumentKind.CaseFilingApproval ? c.FiledOn : step.IssueDate;
        var noticeNumber = await NumberOfAsync(db, c.Id, DocumentKind.PriorNotice, ct);
        string? served = null;
        if (step.Kind == DocumentKind.ServiceReceipt)
        {
            var document = await LatestAsync(db, c.Id, step.Serves, ct)
                           ?? throw new DomainException("case.no_served_document", $"本案尚未签发{DocumentKinds.Title(step.Serves)}。");
            document.VisibleToParty = true; // served: from now on the party has it in its portal
            served = $"{document.Title}（{document.Number}）";
        }
        return await documents.IssueAsync(db, new DocumentRequest(step.Kind, c.ProvinceId, c.BranchId, OwnerType, key, step.ToParty, issueDate, issuedBy), number =>
        {
            step.Apply(c, context, number);
            CheckCitedBases(c, step.Kind, context.Bases);
            return CaseDocumentData.From(c, step.Kind, issueDate, context.Settings, noticeNumber, served,
                step.Kind == DocumentKind.ServiceReceipt ? c.ServiceOf(step.Serves) : null);
        }, ct);
    }

    /// <summary>
    /// A document that states the law to the party or to the approver (事先告知书, 听证通知书, 决定书, 决定审批表) is not issued on a
    /// legal basis nobody checked against the published text: the case's own basis and each sanction's must be verified.
    /// </summary>
    private static void CheckCitedBases(EnforcementCase c, DocumentKind kind, IReadOnlyDictionary<int, LegalBasis> bases)
    {
        if (kind is not (DocumentKind.PriorNotice or DocumentKind.HearingNotice or DocumentKind.PenaltyDecision or DocumentKind.DecisionApproval)) return;
        var cited = c.Sanctions.Where(s => s.Status != SanctionStatus.Superseded).Select(s => s.LegalBasisId).Prepend(c.LegalBasisId).Distinct();
        foreach (var id in cited)
            if (bases.TryGetValue(id, out var basis) && !basis.Verified)
                throw new DomainException("document.basis_unverified",
                    $"{DocumentKinds.Title(kind)}引用的法律依据{basis.Label}尚待核对，不能签发：须由系统管理员在“法律依据”目录中对照公布文本确认条款和文字后，方可据以制作文书。");
    }

    private static Task<string?> NumberOfAsync(SupervisionDbContext db, long id, DocumentKind kind, CancellationToken ct)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return db.IssuedDocuments.Where(d => d.OwnerType == OwnerType && d.OwnerId == key && d.Kind == kind).Select(d => d.Number).FirstOrDefaultAsync(ct);
    }

    // ---------------------------------------------------------------- steps that issue none
    // An officer's step names the version of the case the officer saw (token): a step on an older one is refused.

    public Task<EnforcementCase> StartInvestigationAsync(long id, Guid token, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.StartInvestigation(ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> SubmitForReviewAsync(long id, Guid token, string conclusion, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.SubmitForReview(conclusion, ctx.Actor, ctx.Now), ct: ct);

    /// <param name="discretionReason">裁量理由 of a proposed fine, which the prior notice states; the page requires it with a fine.</param>
    public Task<EnforcementCase> ProposeAsync(long id, Guid token, IReadOnlyList<SanctionInput> sanctions, CancellationToken ct = default, string? discretionReason = null) =>
        StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
            c.ProposeSanctions(sanctions.Select(s => s.ToSanction()).ToList(), ctx.Bases, await ActAlreadyFinedAsync(db, c, ct), ctx.Actor, ctx.Now, discretionReason), ct);

    public Task<EnforcementCase> AddEvidenceAsync(long id, Guid token, string description, DateOnly collectedOn, (string Name, byte[] Bytes)? file, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.AddEvidence(new CaseEvidence
        {
            Description = description.Trim(), CollectedOn = collectedOn, CollectedBy = ctx.Actor,
            File = file is { } f ? StoredFile.From(f.Name, EvidenceFiles.Check(f.Name, f.Bytes), f.Bytes, ctx.Actor, ctx.Now) : null,
        }, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>The party's statement or written waiver, submitted through its own portal (or recorded by an officer).</summary>
    public Task<EnforcementCase> RecordStatementAsync(long id, string text, bool waiver, (string Name, byte[] Bytes)? file, CancellationToken ct = default) =>
        ApplyAsync(id, null, (c, ctx) => c.RecordStatement(new CaseStatement
        {
            Text = text?.Trim() ?? "", IsWaiver = waiver, SubmittedAt = ctx.Now, SubmittedBy = ctx.Actor,
            File = file is { } f ? StoredFile.From(f.Name, EvidenceFiles.Check(f.Name, f.Bytes), f.Bytes, ctx.Actor, ctx.Now) : null,
        }, ctx.Today, ctx.Actor, ctx.Now), partyMayAct: true, ct);

    /// <summary>Records whether the party's statements are adopted and why (Art. 45); the decision states it.</summary>
    public Task<EnforcementCase> ReviewStatementsAsync(long id, Guid token, StatementAdoption adoption, string reason, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.ReviewStatements(adoption, reason, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> RequestHearingAsync(long id, CancellationToken ct = default) =>
        ApplyAsync(id, null, (c, ctx) => c.RequestHearing(ctx.Today, ctx.Actor, ctx.Now, ctx.Settings), partyMayAct: true, ct);

    public Task<EnforcementCase> AcknowledgeServiceAsync(long id, CancellationToken ct = default) =>
        ApplyAsync(id, null, (c, ctx) => c.AcknowledgeService(ctx.Actor, ctx.Now), partyMayAct: true, ct);

    public Task<EnforcementCase> RecordHearingAsync(long id, Guid token, DateOnly heldOn, string record, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.RecordHearing(heldOn, record, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>Extends the decision period on its approval (Art. 60), where the province requires one.</summary>
    public Task<EnforcementCase> ExtendDecisionPeriodAsync(long id, Guid token, DateOnly newDate, string reason, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.ExtendDecisionPeriod(newDate, reason, ctx.Settings, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> WithdrawAsync(long id, Guid token, DateOnly on, string reason, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.Withdraw(on, reason, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> TransferAsync(long id, Guid token, DateOnly on, string agency, string reason, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.Transfer(on, agency, reason, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> RecordPaymentAsync(long id, Guid token, decimal amount, DateOnly paidOn, string reference, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.RecordPayment(amount, paidOn, reference, ctx.Settings, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>暂缓 or 分期 (Art. 66) on its approval where the province requires one; a schedule only with instalments.</summary>
    public Task<EnforcementCase> ApprovePaymentArrangementAsync(long id, Guid token, ApprovalKind kind, DateOnly newDueDate, string? schedule, string reason,
        CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.ApprovePaymentArrangement(kind, newDueDate, schedule, reason, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> ExecuteSanctionAsync(long id, Guid token, long sanctionId, DateOnly on, string? note, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.ExecuteSanction(sanctionId, on, note, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> EndSanctionAsync(long id, Guid token, long sanctionId, DateOnly on, string reason, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.EndSanction(sanctionId, on, reason, ctx.Actor, ctx.Now), ct: ct);

    public Task<EnforcementCase> CloseAsync(long id, Guid token, DateOnly on, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.Close(on, ctx.Actor, ctx.Now), ct: ct);

    // ---------------------------------------------------------------- 法制审核 / 集体讨论

    /// <summary>
    /// The signed-in user as the legal reviewer of a case of this province (法制审核人员 an administrator designated), or null:
    /// <see cref="EnforcementCase.ActionsFor(CaseReviewer, DateOnly)"/> lists the reviewer's steps for that person.
    /// </summary>
    public async Task<CaseReviewer?> ReviewerAsync(int provinceId, CancellationToken ct = default)
    {
        if (access.UserId is not { } userId || Acting != Acting.Officer) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReviewerAsync(db, userId, provinceId, ct);
    }

    private static async Task<CaseReviewer?> ReviewerAsync(SupervisionDbContext db, string userId, int provinceId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId && u.LegalReviewer && u.Role == UserRole.Inspector && u.ProvinceId == provinceId)
            .Select(u => new CaseReviewer(u.Id, u.DisplayName)).FirstOrDefaultAsync(ct);

    /// <summary>法制审核 (Art. 58): only a designated legal reviewer of the case's province, never one of its investigators.</summary>
    public Task<EnforcementCase> RecordLegalReviewAsync(long id, Guid token, DateOnly on, LegalReviewOpinion opinion, string text, CancellationToken ct = default) =>
        StepAsync(id, token, partyMayAct: false, async (db, c, ctx) =>
        {
            var reviewer = (access.UserId is { } userId ? await ReviewerAsync(db, userId, c.ProvinceId, ct) : null)
                           ?? throw new AccessDeniedException("法制审核由本局指定的法制审核人员进行（行政处罚法第五十八条）。");
            c.RecordLegalReview(reviewer, on, opinion, text, ctx.Actor, ctx.Now);
        }, ct);

    /// <summary>Records (or withdraws, with an empty text) the facts of 情节严重 or of the harm caused, which a heavier tier rests on.</summary>
    public Task<EnforcementCase> RecordAggravatingFactsAsync(long id, Guid token, string? facts, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.RecordAggravatingFacts(facts, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>The officer marks the case 重大违法行为 and/or 情节复杂 (or withdraws the mark), with the reason.</summary>
    public Task<EnforcementCase> MarkSignificanceAsync(long id, Guid token, bool major, bool complex, string reason, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.MarkSignificance(major, complex, reason, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>集体讨论 (Art. 57 para 2) of a case marked complex or major.</summary>
    public Task<EnforcementCase> RecordDiscussionAsync(long id, Guid token, DateOnly heldOn, string participants, string conclusion, CancellationToken ct = default) =>
        ApplyAsync(id, token, (c, ctx) => c.RecordDiscussion(heldOn, participants, conclusion, ctx.Actor, ctx.Now), ct: ct);

    /// <summary>The deadlines of a case as of today: met, running or overdue.</summary>
    public static IReadOnlyList<CaseDeadline> Deadlines(EnforcementCase c, DateOnly today)
    {
        var list = new List<CaseDeadline>();
        void Add(string key, string label, DateOnly? due, bool met)
        {
            if (due is { } d) list.Add(new CaseDeadline(key, label, d, met, !met && today > d));
        }
        var decided = c.DecidedOn is not null || !CaseStates.IsOpen(c.State);
        Add("decision", "作出处罚决定（立案后90日）", c.EffectiveDecisionDueDate, decided);
        Add("statement", "当事人陈述申辩期限", c.StatementDeadline, c.StatementWaived || c.DecidedOn is not null || today > c.StatementDeadline);
        if (c.HearingOffered) Add("hearing-request", "听证申请期限", c.HearingRequestDeadline, c.HearingRequestedOn is not null || c.DecidedOn is not null || today > c.HearingRequestDeadline);
        Add("service", "送达处罚决定书", c.ServiceDueDate, c.ServedOn is not null);
        if (c.Fine is { } fine) Add("payment", "缴纳罚款", c.EffectivePaymentDueDate, fine.Status != SanctionStatus.Pending);
        // A proposed order sets no deadline yet: only the decision, once served, orders the party to correct by its date.
        foreach (var s in c.Sanctions.Where(s => s.Kind == SanctionKind.CorrectiveOrder && s.CorrectionDeadline is not null && s.Status != SanctionStatus.Proposed))
            Add($"correction-{s.Id}", "责令改正期限", s.CorrectionDeadline, s.Status != SanctionStatus.Pending && s.Status != SanctionStatus.Proposed);
        list.AddRange(c.EnforcementDeadlines(today));
        return list;
    }

    private static async Task<EnforcementCase> LoadAsync(SupervisionDbContext db, long id, bool tracking, CancellationToken ct)
    {
        var q = db.EnforcementCases.AsSplitQuery()
            .Include(c => c.Branch).ThenInclude(b => b!.Carrier)
            .Include(c => c.Branch).ThenInclude(b => b!.Province)
            .Include(c => c.LegalBasis).Include(c => c.CorrectiveOrder)
            .Include(c => c.Investigators).Include(c => c.Evidence).ThenInclude(e => e.File)
            .Include(c => c.Sanctions).ThenInclude(s => s.LegalBasis)
            .Include(c => c.Statements).ThenInclude(s => s.File)
            .Include(c => c.Payments).Include(c => c.Approvals).Include(c => c.ApprovalRequests).Include(c => c.Steps.OrderBy(s => s.Id)).Include(c => c.Services)
            .Include(c => c.LegalReviews).Include(c => c.Discussions).Include(c => c.Remedies).ThenInclude(r => r.File);
        return await (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("案件");
    }

    private DateOnly Today => BeijingTime.Today(clock);

    /// <summary>
    /// How the signed-in user stands to a case (<see cref="EnforcementCase.ActionsFor(Acting, DateOnly)"/>): officers (inspectors,
    /// administrators) run the procedure, a carrier's user is the party, leaders and the ministry read.
    /// </summary>
    public Acting Acting => access.Scope switch
    {
        { IsCarrier: true } => Acting.Party,
        { ReadOnly: true } or { Kind: ScopeKind.None } => Acting.Observer,
        _ => Acting.Officer,
    };

    /// <summary>
    /// Whether the signed-in carrier user acts for the company in a case — receives what is served on it, states its case,
    /// waives or asks for a hearing, acknowledges: its 企业管理员 or 签报人, not a 填报人, whose duty is preparing returns.
    /// </summary>
    public async Task<bool> ActsForPartyAsync(CancellationToken ct = default)
    {
        if (Acting != Acting.Party) return false;
        await using var db = await factory.CreateDbContextAsync(ct);
        // The signed-in user, or (a job, a test) the user the actor names.
        var me = access.UserId is { } userId ? db.Users.Where(u => u.Id == userId) : db.Users.Where(u => u.UserName == access.Actor);
        return await me.AnyAsync(u => u.CarrierAdmin || u.Signatory, ct);
    }

    /// <summary>Refusal of a party's step to a user who does not act for the company (API code <c>case.party_representative_required</c>).</summary>
    public static AccessDeniedException PartyStepRefused() => new(
        "签收和查阅送达的文书、陈述申辩、放弃陈述申辩和听证、申请听证，由本单位的企业管理员或签报人办理；填报人只能查看案件。",
        "case.party_representative_required");

    private void RequireOfficer()
    {
        if (Acting != Acting.Officer) throw new AccessDeniedException("案件办理由执法人员进行。");
    }
}
