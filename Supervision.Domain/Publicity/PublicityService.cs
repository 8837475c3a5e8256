using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

public sealed record AnnouncementRow(long Id, AnnouncementKind Kind, string Title, string PartyName, string? DocumentNumber, AnnouncementStatus Status,
    DateOnly DueBy, DateOnly? PublishedOn, DateOnly? PublicUntil, DateOnly? WithdrawalDueBy, bool Late, bool Expired)
{
    public static AnnouncementRow Of(Announcement a, DateOnly today) => new(a.Id, a.Kind, a.Title, a.PartyName, a.DocumentNumber, a.Status, a.DueBy,
        a.PublishedOn, a.PublicUntil, a.Status == AnnouncementStatus.Published ? a.WithdrawalDueBy : null, a.IsLateOn(today), a.PublicUntil < today);
}

/// <summary>Told when what the public sees changes (the web host drops its cached public pages).</summary>
public interface IPublicationListener
{
    Task ChangedAsync(CancellationToken ct);
}

public sealed record AnnouncementQuery(AnnouncementKind? Kind = null, AnnouncementStatus? Status = null, bool AttentionOnly = false);

/// <summary>
/// A violating sales agent reported by the administration (the carrier it sells for, what it did, how it was dealt with);
/// the legal basis it cites is the province's 违规代理商 list's.
/// </summary>
public sealed record AgentReport(string AgentName, PartyType PartyType, string? CreditCode, string? Operator, string Address, int CarrierId,
    string Facts, string Handling, DateOnly FoundOn);

/// <summary>The officer's choice when publishing a penalty decision: the category and, within its bounds, the period (the longest when null).</summary>
public sealed record PublicationChoice(int? CategoryId = null, int? Months = null);

/// <summary>
/// Where publishing a penalty decision needs the responsible person's approval (the case's province says so): whether a
/// request is pending, what holds publishing back (null: nothing), and what was last proposed (the form starts from it).
/// </summary>
public sealed record PublicationApproval(bool Required, bool Pending, string? Refusal, PublicationProposal? Proposed)
{
    public static readonly PublicationApproval None = new(false, false, null, null);
}

/// <summary>Whether the province's 违规代理商 list is enabled, and the legal basis its entries cite.</summary>
public sealed record AgentList(bool Enabled, LegalBasis? Basis);

/// <summary>
/// The administration's side of publication: reviewing drafts, publishing (with the numbered 公告), recording that a
/// decision changed, withdrawing, and reporting violating agents. The one place announcements are built and queued.
/// </summary>
public sealed class PublicityService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock,
    CatalogService catalog, DocumentRegistry documents, ApprovalService approvals, IEnumerable<IPublicationListener> listeners)
{
    public async Task<PagedResult<AnnouncementRow>> ListAsync(AnnouncementQuery query, PageRequest page, CancellationToken ct = default)
    {
        RequireRegulator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = BeijingTime.Today(clock);
        var q = db.Announcements.AsNoTracking().AsQueryable();
        if (query.Kind is { } kind) q = q.Where(a => a.Kind == kind);
        if (query.Status is { } status) q = q.Where(a => a.Status == status);
        if (query.AttentionOnly)
            q = q.Where(a => a.Status == AnnouncementStatus.Draft || (a.Status == AnnouncementStatus.Published && a.WithdrawalDueBy != null));
        if (!string.IsNullOrWhiteSpace(page.Search))
            q = q.Where(a => a.Title.Contains(page.Search) || a.PartyName.Contains(page.Search) || a.DocumentNumber!.Contains(page.Search));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(a => a.Status).ThenByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new(rows.Select(a => AnnouncementRow.Of(a, today)).ToList(), total);
    }

    public async Task<Announcement> GetAsync(long id, CancellationToken ct = default)
    {
        RequireRegulator();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("公示");
    }

    /// <summary>The announcements queued by one source (e.g. a case's decision, with its corrections: <c>{id}:{n}</c>), newest first.</summary>
    public async Task<IReadOnlyList<AnnouncementRow>> ForSourceAsync(string sourceType, string sourceId, CancellationToken ct = default)
    {
        RequireRegulator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = BeijingTime.Today(clock);
        var rows = await db.Announcements.AsNoTracking().Where(a => a.SourceType == sourceType && (a.SourceId == sourceId || a.SourceId.StartsWith(sourceId + ":"))).OrderByDescending(a => a.Id).ToListAsync(ct);
        return rows.Select(a => AnnouncementRow.Of(a, today)).ToList();
    }

    public async Task<EnforcementSettings> SettingsAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await EnforcementSettings.ForProvinceAsync(db, provinceId, ct);
    }

    /// <summary>
    /// Publishes an announcement: the status change, its numbered 公告 (sealed when the administration uploaded a seal) and,
    /// for a served penalty decision, the execution of its 向社会公告 sanction — in one transaction; then the public site's
    /// caches are told.
    /// </summary>
    public async Task<IssuedDocument> PublishAsync(long id, Guid token, DateOnly on, PublicationChoice? choice = null, CancellationToken ct = default)
    {
        IssuedDocument issued;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (a, settings) = await ForChangeAsync(db, id, token, ct);
            var terms = await TermsAsync(db, settings, choice, ct);
            var decided = await SourceCaseAsync(db, a, tracked: true, ct);
            issued = await documents.IssueAsync(db, new DocumentRequest(DocumentKind.PublicAnnouncement, a.ProvinceId, a.BranchId, Announcement.OwnerType,
                id.ToString(CultureInfo.InvariantCulture), VisibleToParty: true, on), _ =>
            {
                a.Publish(on, terms, access.Actor, clock.GetUtcNow());
                // Published only with the terms the responsible person approved, where the case needs approval.
                decided?.UsePublicationApproval(a.ApprovalTerms(), clock.GetUtcNow());
                return AnnouncementData.From(a);
            }, ct);
            if (decided is not null)
            {
                decided.RecordPublication(on, access.Actor, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        await PublicChangedAsync(ct);
        return issued;
    }

    /// <summary>The case a penalty decision's announcement publishes (with its sanctions and approvals), or null for other kinds.</summary>
    private static async Task<EnforcementCase?> SourceCaseAsync(SupervisionDbContext db, Announcement a, bool tracked, CancellationToken ct)
    {
        if (a.Kind != AnnouncementKind.PenaltyDecision || !long.TryParse(a.SourceId.Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var caseId))
            return null;
        var cases = tracked ? db.EnforcementCases : db.EnforcementCases.AsNoTracking();
        return await cases.Include(c => c.Sanctions).Include(c => c.Steps).Include(c => c.ApprovalRequests).FirstOrDefaultAsync(c => c.Id == caseId, ct);
    }

    /// <summary>Whether publishing the announcement needs approval and where that stands (see <see cref="PublicationApproval"/>).</summary>
    public async Task<PublicationApproval> PublicationApprovalAsync(long id, CancellationToken ct = default)
    {
        RequireRegulator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var a = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("公示");
        if (a.Status != AnnouncementStatus.Draft || await SourceCaseAsync(db, a, tracked: false, ct) is not { } c || !c.Requires(ApprovalStep.Publication))
            return PublicationApproval.None;
        var requests = c.ApprovalRequests.Where(r => r.Step == ApprovalStep.Publication).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToList();
        var proposed = requests.LastOrDefault(r => r.Status is ApprovalStatus.Pending or ApprovalStatus.Approved)?.ProposalValue.Publication;
        return new(true, requests.Any(r => r.Status == ApprovalStatus.Pending), c.PublicationApprovalRefusal()?.Message, proposed);
    }

    /// <summary>
    /// Asks the responsible person to approve publishing the (saved) draft with the chosen category and period: the terms are
    /// those publishing today would give, checked the same way; the approvers are told.
    /// </summary>
    public async Task<ApprovalRow> RequestPublicationApprovalAsync(long id, PublicationChoice choice, string note, CancellationToken ct = default)
    {
        RequireOfficer();
        ApprovalRequest request;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var a = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("公示");
            var c = await SourceCaseAsync(db, a, tracked: true, ct) ?? throw new DomainException("approval.not_case_step", "只有行政处罚决定的公示须报请审批。");
            var now = clock.GetUtcNow();
            var settings = await EnforcementSettings.ForProvinceAsync(db, a.ProvinceId, ct);
            a.Publish(BeijingTime.Today(now), await TermsAsync(db, settings, choice, ct), access.Actor, now); // an untracked copy: the terms as publishing gives them
            var proposal = new ApprovalProposal(Publication: new PublicationProposal(id, choice.CategoryId!.Value, a.PeriodMonths!.Value, a.ApprovalTerms()));
            var bases = await db.LegalBases.AsNoTracking().ToDictionaryAsync(b => b.Id, ct);
            request = c.RequestApproval(ApprovalStep.Publication, proposal, note, await approvals.RequesterAsync(db, ct), bases, access.Actor, now);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveOrRefuseAsync("case.changed", "该案件刚被他人修改，请刷新页面查看最新情况后再操作。", ct);
            await approvals.RequestedAsync(db, request, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return ApprovalRow.Of(request);
    }

    private async Task<PublicationTerms> TermsAsync(SupervisionDbContext db, EnforcementSettings settings, PublicationChoice? choice, CancellationToken ct)
    {
        var category = choice?.CategoryId is { } categoryId
            ? await db.PublicationCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, ct) ?? throw new NotFoundException("公示类别")
            : null;
        return new PublicationTerms(settings, category, choice?.Months, (await AgentListOfAsync(db, settings, ct)).Basis);
    }

    /// <summary>
    /// The public page as publishing now would make it: the edited content saved and published on a copy that is never
    /// stored — the same cleaning, terms and checks, so a preview is refused with the message publishing would give.
    /// </summary>
    public async Task<PublicAnnouncement> PreviewPublicationAsync(long id, AnnouncementContent content, DateOnly on, PublicationChoice? choice, CancellationToken ct = default)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        var a = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("公示");
        var settings = await EnforcementSettings.ForProvinceAsync(db, a.ProvinceId, ct);
        a.Edit(content, settings);
        a.Publish(on, await TermsAsync(db, settings, choice, ct), access.Actor, clock.GetUtcNow());
        return PublicSite.AsPublished(a, await db.Provinces.AsNoTracking().Where(p => p.Id == a.ProvinceId).Select(p => p.Code).FirstAsync(ct));
    }

    public Task<Announcement> SaveDraftAsync(long id, Guid token, AnnouncementContent content, CancellationToken ct = default) =>
        ChangeAsync(id, token, (a, settings, _) => { a.Edit(content, settings); return Task.CompletedTask; }, ct);

    public Task<Announcement> MarkSourceChangedAsync(long id, Guid token, DateOnly on, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, token, async (a, settings, now) => a.MarkSourceChanged(on, reason, settings, await catalog.GetCalendarAsync(ct), now), ct);

    public async Task<Announcement> WithdrawAsync(long id, Guid token, string publicReason, CancellationToken ct = default)
    {
        var a = await ChangeAsync(id, token, (a, _, now) => { a.Withdraw(publicReason, access.Actor, now); return Task.CompletedTask; }, ct);
        await PublicChangedAsync(ct);
        return a;
    }

    /// <summary>Records that the draft is not published, with the legal reason; it leaves the queue.</summary>
    public Task<Announcement> DeclineAsync(long id, Guid token, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, token, (a, _, now) => { a.DeclinePublication(reason, access.Actor, now); return Task.CompletedTask; }, ct);

    /// <summary>Records the notice served on a reported agent (行政处罚法第四十四条); its period to state its case starts.</summary>
    public async Task<Announcement> RecordAgentNoticeAsync(long id, Guid token, DateOnly servedOn, string method, CancellationToken ct = default)
    {
        var calendar = await catalog.GetCalendarAsync(ct);
        return await ChangeAsync(id, token, (a, settings, now) => { a.RecordAgentNotice(servedOn, method, settings, calendar, access.Actor, now); return Task.CompletedTask; }, ct);
    }

    /// <summary>Records the agent's statement received within its period.</summary>
    public Task<Announcement> RecordAgentStatementAsync(long id, Guid token, DateOnly receivedOn, string text, CancellationToken ct = default) =>
        ChangeAsync(id, token, (a, _, now) => { a.RecordAgentStatement(receivedOn, text, now); return Task.CompletedTask; }, ct);

    /// <summary>Records the review (复核) of the agent's statement (行政处罚法第四十五条).</summary>
    public Task<Announcement> ReviewAgentStatementAsync(long id, Guid token, bool founded, string opinion, CancellationToken ct = default) =>
        ChangeAsync(id, token, (a, _, now) => { a.ReviewAgentStatement(founded, opinion, access.Actor, now); return Task.CompletedTask; }, ct);

    /// <summary>Ends a publication early after credit repair; the public site stops showing it.</summary>
    public async Task<Announcement> EndAfterRepairAsync(long id, Guid token, DateOnly on, string reason, CancellationToken ct = default)
    {
        var a = await ChangeAsync(id, token, (a, _, now) => { a.EndAfterRepair(on, reason, access.Actor, now); return Task.CompletedTask; }, ct);
        await PublicChangedAsync(ct);
        return a;
    }

    /// <summary>The 违规代理商 list of a province (the signed-in officer's when not given): enabled or not, and its basis.</summary>
    public async Task<AgentList> AgentListAsync(int? provinceId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AgentListOfAsync(db, await EnforcementSettings.ForProvinceAsync(db, provinceId ?? access.Scope.ProvinceId, ct), ct);
    }

    private static async Task<AgentList> AgentListOfAsync(SupervisionDbContext db, EnforcementSettings settings, CancellationToken ct) =>
        settings is { AgentListEnabled: true, AgentListLegalBasisId: { } basisId }
            ? new(true, await db.LegalBases.AsNoTracking().FirstOrDefaultAsync(b => b.Id == basisId, ct))
            : new(false, null);

    /// <summary>Tells the public site's caches that what the public sees has changed (after a publication or withdrawal commits).</summary>
    public async Task PublicChangedAsync(CancellationToken ct = default)
    {
        foreach (var listener in listeners) await listener.ChangedAsync(ct);
    }

    /// <summary>
    /// Queues a draft announcement of a violating agent in the officer's province, citing the province's 违规代理商 list's
    /// basis; due within the publication period from today. Refused while the list is disabled.
    /// </summary>
    public async Task<long> ReportAgentAsync(AgentReport r, CancellationToken ct = default)
    {
        RequireOfficer();
        await using var db = await factory.CreateDbContextAsync(ct);
        var provinceId = access.Scope.ProvinceId;
        var province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == provinceId, ct)
                       ?? throw new DomainException("announcement.province", "请以本省执法人员身份上报。");
        var carrier = await db.Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CarrierId, ct) ?? throw new DomainException("agent.carrier", "请选择代理商所代理的电信企业。");
        var branch = await db.Branches.AsNoTracking().Where(b => b.ProvinceId == provinceId && b.CarrierId == r.CarrierId && b.ParentBranchId == null)
            .Select(b => (int?)b.Id).FirstOrDefaultAsync(ct) ?? throw new DomainException("agent.carrier", $"{carrier.Name}在本省没有登记省级公司。");
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(now);
        if (r.FoundOn > today) throw new DomainException("agent.date_in_future", "发现日期不能晚于今天。");
        if (string.IsNullOrWhiteSpace(r.AgentName)) throw new DomainException("agent.name", "请填写代理商（销售网点）名称。");
        if (string.IsNullOrWhiteSpace(r.Address)) throw new DomainException("agent.address", "请填写经营地址。");
        if (string.IsNullOrWhiteSpace(r.Facts)) throw new DomainException("agent.facts", "请写明违规事实。");
        if (string.IsNullOrWhiteSpace(r.Handling)) throw new DomainException("agent.handling", "请写明处理结果。");
        if (r.PartyType == PartyType.Organisation && !string.IsNullOrWhiteSpace(r.CreditCode) && !Organizations.CreditCode.IsValid(r.CreditCode))
            throw new DomainException("agent.credit_code", $"统一社会信用代码“{r.CreditCode}”校验不通过，请核对。");
        var settings = await EnforcementSettings.ForProvinceAsync(db, provinceId, ct);
        var basis = (await AgentListOfAsync(db, settings, ct)).Basis ?? throw Announcement.AgentListDisabled();
        var shownName = r.PartyType == PartyType.Person && settings.MaskIndividualNames ? PublicText.MaskName(r.AgentName) : PublicText.Clean(r.AgentName);
        var content = new AnnouncementContent($"{carrier.ShortName}代理商“{shownName}”违规办理电话入网", r.AgentName, r.PartyType, r.CreditCode, r.Operator,
            DocumentNumber: null, Facts: r.Facts, PenaltyTypes: "通报", LegalBasis: basis.Citation, PenaltyContent: r.Handling, DecisionDate: r.FoundOn,
            Body: $"所属电信企业：{carrier.Name}\n经营地址：{r.Address}");
        var a = await QueueAsync(db, provinceId, branch, AnnouncementKind.ViolatingAgent, "AgentReport", Guid.NewGuid().ToString("N"), content, today, ct);
        await db.SaveChangesAsync(ct);
        return a.Id;
    }

    /// <summary>
    /// Adds a draft announcement of a source to the caller's context (saved with the source's own change), due within
    /// the province's publication period counted in working days from <paramref name="from"/>; <paramref name="ordered"/>
    /// when the source itself orders the publication (a 向社会公告 sanction).
    /// </summary>
    public async Task<Announcement> QueueAsync(SupervisionDbContext db, int provinceId, int branchId, AnnouncementKind kind, string sourceType, string sourceId,
        AnnouncementContent content, DateOnly from, CancellationToken ct, bool ordered = false, bool correction = false)
    {
        var authority = await db.Provinces.AsNoTracking().Where(p => p.Id == provinceId).Select(p => p.AuthorityName).FirstAsync(ct);
        var settings = await EnforcementSettings.ForProvinceAsync(db, provinceId, ct);
        // A correction of a changed decision is due with the withdrawal of the announcement it replaces.
        var due = (await catalog.GetCalendarAsync(ct)).AddWorkingDays(from, correction ? settings.WithdrawalWorkingDays : settings.PublicationWorkingDays);
        var a = Announcement.Draft(provinceId, branchId, kind, sourceType, sourceId, authority, content, due, settings, clock.GetUtcNow(), ordered);
        db.Announcements.Add(a);
        return a;
    }

    /// <summary>
    /// Loads an announcement for a change inside the caller's context (so the 公告 issued on publication commits with
    /// it), refusing it when someone changed it since the user looked.
    /// </summary>
    private async Task<(Announcement Announcement, EnforcementSettings Settings)> ForChangeAsync(SupervisionDbContext db, long id, Guid token, CancellationToken ct)
    {
        RequireOfficer();
        var a = await db.Announcements.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("公示");
        if (a.ConcurrencyToken != token) throw new DomainException("announcement.changed", "该公示刚被他人修改，请刷新页面后再操作。");
        return (a, await EnforcementSettings.ForProvinceAsync(db, a.ProvinceId, ct));
    }

    private async Task<Announcement> ChangeAsync(long id, Guid token, Func<Announcement, EnforcementSettings, DateTimeOffset, Task> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (a, settings) = await ForChangeAsync(db, id, token, ct);
        await change(a, settings, clock.GetUtcNow());
        await db.SaveOrRefuseAsync("announcement.changed", "该公示刚被他人修改，请刷新页面后再操作。", ct);
        return a;
    }

    /// <summary>How the signed-in user takes part in publication (the actor <see cref="Announcement.ActionsFor"/> answers): officers who may write act, read-only roles look.</summary>
    public Acting Acting => Actors.Of(access.Scope);

    private void RequireRegulator()
    {
        if (access.Scope.IsCarrier || access.Scope.Kind == ScopeKind.None) throw new AccessDeniedException("公示管理仅限监管人员。");
    }

    private void RequireOfficer()
    {
        RequireRegulator();
        if (Acting != Acting.Officer) throw new AccessDeniedException("当前角色只能查看。");
    }
}
