using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Files;
using Supervision.Domain.Notifications;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Inspections;

public sealed record OrderQuery(OrderState? State = null, int? CarrierId = null, bool ExtensionPending = false, DateOnly? From = null, DateOnly? To = null,
    bool OpenOnly = false);

public sealed record OrderRow(long Id, long FindingId, string Branch, string Carrier, OrderState State, int Round, DateOnly? IssuedOn, DateOnly? Deadline,
    DateOnly? OriginalDeadline, string? NoticeNumber, DateTimeOffset? RepliedAt, bool RepliedLate, DateOnly? ReinspectedOn, bool ExtensionPending,
    string? LegalBasis, string Facts, DateOnly? OverdueSince);

public sealed record OrderDetails(CorrectiveOrder Order, string Authority, string DocPrefix, IReadOnlyDictionary<long, IReadOnlyList<EvidenceFile>> ReplyEvidence,
    IReadOnlyList<IssuedDocument> Documents, string? ResponsibleName)
{
    /// <summary>The officers of the inspection the order rests on, by name: who serve the notice unless others are named.</summary>
    public IReadOnlyList<string> Officers { get; init; } = [];
}

/// <summary>
/// How the 责令限期改正通知书 is served when issued (the case documents' road, <see cref="Enforcement.ServiceMethods"/>): by
/// <paramref name="Method"/> on <paramref name="ServedOn"/> (today unless given; by post the date of receipt) with its
/// <paramref name="Details"/>, or — method 电子送达, on the party's consent — through the portal, served at its first opening.
/// </summary>
public sealed record OrderServiceInput(string Method, DateOnly? ServedOn = null, Enforcement.ServiceDetails? Details = null)
{
    public static readonly OrderServiceInput InPerson = new(Enforcement.ServiceMethods.InPerson);
}

/// <summary>An uploaded file as it arrives from a form or an API.</summary>
public sealed record UploadedFile(string Name, byte[] Bytes);

/// <summary>
/// Corrective orders (责令限期改正): the draft, its issue with the numbered notice, the carrier's rectification report and
/// extension requests, the re-inspection (整改复查), and escalation to enforcement.
/// </summary>
public sealed class CorrectiveOrderService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock,
    DocumentRegistry documents, NotificationService notifications, CatalogService catalog, EvidenceLimits limits, IRankingSummary rankings)
{
    public const string OwnerType = "CorrectiveOrder";

    public EvidenceLimits Limits => limits;

    /// <summary>How the signed-in user takes part in orders (the actor <see cref="CorrectiveOrder.ActionsFor"/> answers).</summary>
    public Acting Acting => InspectionRoles.Of(access);

    internal static IQueryable<OrderRow> Rows(IQueryable<CorrectiveOrder> q) => q.Select(o => new OrderRow(
        o.Id, o.FindingId, o.Branch!.ShortName, o.Branch.Carrier!.ShortName, o.State, o.Round, o.IssuedOn, o.Deadline, o.OriginalDeadline, o.NoticeNumber,
        o.RepliedAt, o.RepliedLate, o.ReinspectedOn, o.Extensions.Any(e => e.Status == ExtensionStatus.Pending), o.LegalBasis!.Statute + o.LegalBasis.DutyArticle, o.Facts, o.OverdueSince));

    public async Task<PagedResult<OrderRow>> ListAsync(OrderQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Filter(db, query);
        if (!string.IsNullOrWhiteSpace(page.Search))
            q = q.Where(o => o.Branch!.ShortName.Contains(page.Search) || o.NoticeNumber!.Contains(page.Search) || o.Facts.Contains(page.Search));
        var total = await q.CountAsync(ct);
        q = page.SortBy switch
        {
            "Deadline" => page.Descending ? q.OrderByDescending(o => o.Deadline) : q.OrderBy(o => o.Deadline),
            _ => q.OrderByDescending(o => o.Id),
        };
        return new(await Rows(q.Skip(page.Skip).Take(page.Take)).ToListAsync(ct), total);
    }

    public async Task<IReadOnlyList<OrderRow>> LedgerAsync(OrderQuery query, int max = 20_000, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Rows(Filter(db, query).OrderBy(o => o.Id).Take(max)).ToListAsync(ct);
    }

    private static IQueryable<CorrectiveOrder> Filter(SupervisionDbContext db, OrderQuery query)
    {
        var q = db.CorrectiveOrders.AsNoTracking().AsQueryable();
        if (query.State is { } state) q = q.Where(o => o.State == state);
        if (query.OpenOnly) q = q.Where(o => o.State == OrderState.Issued || o.State == OrderState.Overdue || o.State == OrderState.Replied || o.State == OrderState.NotVerified);
        if (query.CarrierId is { } carrier) q = q.Where(o => o.Branch!.CarrierId == carrier);
        if (query.ExtensionPending) q = q.Where(o => o.Extensions.Any(e => e.Status == ExtensionStatus.Pending));
        if (query.From is { } from) q = q.Where(o => (o.IssuedOn ?? DateOnly.MaxValue) >= from);
        if (query.To is { } to) q = q.Where(o => (o.IssuedOn ?? DateOnly.MinValue) <= to);
        return q;
    }

    /// <summary>The order as the user may see it: a carrier gets only issued orders of its own branches (and only served documents).</summary>
    public async Task<OrderDetails> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await db.CorrectiveOrders.AsNoTracking().Include(o => o.Branch).ThenInclude(b => b!.Carrier).Include(o => o.LegalBasis)
            .Include(o => o.Replies.OrderBy(r => r.Id)).Include(o => o.Extensions.OrderBy(e => e.Id))
            .FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("整改通知");
        var replyIds = order.Replies.Select(r => r.Id).ToList();
        var evidence = (await db.EvidenceFiles.AsNoTracking().Where(e => e.OwnerType == EvidenceFile.ReplyOwner && replyIds.Contains(e.OwnerId)).OrderBy(e => e.Id).ToListAsync(ct))
            .GroupBy(e => e.OwnerId).ToDictionary(g => g.Key, g => (IReadOnlyList<EvidenceFile>)g.ToList());
        var docs = await db.IssuedDocuments.AsNoTracking().Where(d => d.OwnerType == OwnerType && d.OwnerId == id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).ToListAsync(ct); // a notice and its 送达回证 are issued in one step
        // The 现场检查记录 the notice rests on, first: the finding (internal) only says which inspection; the record itself is read
        // through the documents' own filter, so a carrier gets it only where issued to its branch as visible to the party.
        var inspectionId = await db.Findings.IgnoreQueryFilters().Where(f => f.Id == order.FindingId).Select(f => f.InspectionId).FirstOrDefaultAsync(ct);
        if (inspectionId is { } inspection)
            docs.InsertRange(0, await db.IssuedDocuments.AsNoTracking()
                .Where(d => d.OwnerType == InspectionService.OwnerType && d.OwnerId == inspection.ToString(CultureInfo.InvariantCulture) && d.Kind == DocumentKind.InspectionRecord)
                .OrderBy(d => d.IssuedAt).ToListAsync(ct));
        var province = await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == order.ProvinceId, ct);
        var responsible = await db.Users.Where(u => u.Id == order.ResponsibleUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var officers = inspectionId is { } from
            ? (await db.InspectionInspectors.IgnoreQueryFilters().Where(i => i.InspectionId == from).OrderBy(i => i.UserName).Select(i => i.DisplayName).ToListAsync(ct))
                .Select(PersonName.Short).ToList()
            : [];
        return new(order, province.AuthorityName, province.DocPrefix, evidence, docs, responsible) { Officers = access.Scope.IsCarrier ? [] : officers };
    }

    public async Task<Guid> SaveDraftAsync(long id, Guid token, string facts, string requirement, DeadlineMode mode, int? workingDays, DateOnly? date, CancellationToken ct = default)
    {
        var order = await ChangeAsync(id, token, o => o.EditDraft(facts, requirement, mode, workingDays, date), ct);
        return order.ConcurrencyToken;
    }

    /// <summary>The deadline the order would get if issued today (working days counted with the holiday calendar).</summary>
    public async Task<(DateOnly Deadline, bool CalendarCovers)> DeadlineIfIssuedTodayAsync(DeadlineMode mode, int? workingDays, DateOnly? date, CancellationToken ct = default)
    {
        var calendar = await catalog.GetCalendarAsync(ct);
        var deadline = CorrectiveOrder.ComputeDeadline(mode, workingDays, date, calendar, Today);
        return (deadline, calendar.Covers(Today, deadline));
    }

    /// <summary>
    /// Issues the order with its numbered 责令限期改正通知书 and marks it issued with that number — in one transaction; the
    /// deadline is fixed now (working days counted from today). The carrier is then notified.
    /// </summary>
    public async Task<IssuedDocument> IssueAsync(long id, Guid token, CancellationToken ct = default, OrderServiceInput? service = null)
    {
        InspectionRoles.RequireInspector(access);
        service ??= OrderServiceInput.InPerson;
        var head = await GetAsync(id, ct);
        if (head.Order.CannotIssue() is { } refusal) throw refusal;
        var today = Today;
        var calendar = await catalog.GetCalendarAsync(ct);
        var deadline = head.Order.ComputeDeadline(calendar, today);
        if (deadline <= today)
            throw new DomainException("order.deadline_past", $"整改期限{ChineseDate.Format(deadline)}不能是今天或过去的日期。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var electronic = Enforcement.ServiceMethods.IsElectronic(service.Method);
        // Electronic service only on the party's consent in its 送达地址确认书 in force today (行政处罚法第六十一条第二款): checked before the number is taken.
        var consent = electronic ? await Organizations.ServiceAddressService.InForceAsync(db, head.Order.BranchId, today, ct) : null;
        if (electronic && consent is not { ConsentsToElectronicService: true })
            throw new DomainException("order.electronic_service_without_consent",
                "当事人未签订送达地址确认书同意电子送达，不能采用电子方式送达（行政处罚法第六十一条第二款）；请直接送达或邮寄送达。");
        var grounds = await NoticeGroundsAsync(db, head.Order, ct);
        var notice = CorrectiveNoticeData.Of(head, deadline, today, grounds) with
        {
            ReviewBody = (await Enforcement.EnforcementSettings.ForProvinceAsync(db, head.Order.ProvinceId, ct)).ReviewBody,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await LoadAsync(db, id, ct);
        if (order.ConcurrencyToken != token)
            throw new DomainException("order.changed", "整改通知刚被修改，请刷新后核对再下达。");
        var document = await documents.IssueAsync(db, new DocumentRequest(DocumentKind.CorrectiveNotice, order.ProvinceId, order.BranchId, OwnerType,
            id.ToString(CultureInfo.InvariantCulture), VisibleToParty: true, today), number =>
        {
            order.Issue(deadline, number?.ToString(), access.Actor, clock.GetUtcNow(), today);
            return notice;
        }, ct);
        string text;
        if (electronic)
        {
            // On paper the sealed original is served; sent through the portal, the file is the original and must carry the seal.
            if (!document.Sealed)
                throw new DomainException("order.electronic_service_unsealed",
                    "本机关尚未上传印章，通知书未加盖印章，不能通过平台送达；请管理员在“基础数据 → 省级管理局”上传本局印章，或直接送达、邮寄送达。");
            order.SendElectronically(consent!.SignedOn, today);
            text = $"{document.Title}（{document.Number}）已通过监管平台向你单位电子送达。请登录平台查阅并签收，首次查阅之日为送达日期，整改期限自该日起计算。";
            notifications.StageServiceEmail(db, consent.Id, $"电子送达：{document.Title}（{document.Number}）", text, CarrierLink(id));
        }
        else if (Enforcement.ServiceMethods.IsPost(service.Method) && service.ServedOn is null)
        {
            // Posted: served on the date of receipt the return receipt shows, recorded when it comes back (ServeAsync); no deadline until then.
            order.AwaitService();
            text = $"{head.Order.Branch!.ShortName}：{document.Number}已邮寄送达你单位，整改期限自收件之日起计算。";
        }
        else
        {
            order.Serve(service.Method, service.ServedOn ?? today, service.Details, grounds.Officers.Select(o => o.Name).ToList(), calendar, today);
            await IssueReceiptAsync(db, order, head, ct);
            text = $"{head.Order.Branch!.ShortName}：{document.Number}已于{ChineseDate.Format(order.ServedOn)}{order.ServiceMethod}，请于{ChineseDate.Format(order.Deadline)}前完成整改并在平台提交整改报告。";
        }
        await notifications.StageAsync(db, new NotificationDraft($"order-issued:{id}", NotificationLevel.Warning, "收到责令限期改正通知书", text, CarrierLink(id)),
            await notifications.CarrierUsersOfAsync(head.Order.BranchId, ct), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return document;
    }

    /// <summary>
    /// The 送达回证 of the served notice, on the case documents' form (the one renderer of 送达回证): what was served, on whom, how and
    /// when, who signed for the party and the two servers; through the portal, the consent and the first opening.
    /// </summary>
    private async Task IssueReceiptAsync(SupervisionDbContext db, CorrectiveOrder order, OrderDetails head, CancellationToken ct)
    {
        var servedOn = order.ServedOn!.Value;
        var basis = head.Order.LegalBasis;
        var servers = (order.ServiceServers ?? "").Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var branch = head.Order.Branch!;
        var data = new Enforcement.CaseDocumentData
        {
            Kind = DocumentKind.ServiceReceipt, Authority = head.Authority,
            Party = new Enforcement.PartyInfo(branch.Name, branch.CreditCode, branch.Address, null, Enforcement.PartyInfo.HeadTitleOf(branch.Name)),
            Title = "责令限期改正", Facts = order.Facts, Evidence = [], Statute = basis?.Statute ?? "", DutyArticle = basis?.DutyArticle ?? "",
            PenaltyArticle = basis?.PenaltyArticle ?? "", Sanctions = [], FiledOn = order.IssuedOn ?? servedOn, IssueDate = servedOn, Investigators = servers,
            ServedDocument = $"{DocumentKinds.Title(DocumentKind.CorrectiveNotice)}（{order.NoticeNumber}）", ServedOn = servedOn, ServiceMethod = order.ServiceMethod,
            Service = new Enforcement.ServiceLine(order.ServiceMethod!, servedOn, order.ServiceRecipientName, order.ServiceRecipientPost, servers,
                order.ServicePostedOn, order.ServiceTrackingNumber, order.ElectronicSentOn, order.OpenedAt, order.OpenedBy, order.ServiceRecord),
            ElectronicConsentOn = order.OpenedAt is null ? null : order.ElectronicConsentOn,
            ElectronicSentOn = order.OpenedAt is null ? null : order.ElectronicSentOn, ElectronicOpenedAt = order.OpenedAt,
        };
        // Produced by the party's opening or 签收, the receipt is still the authority's: issued by the officer who issued the notice.
        await documents.IssueAsync(db, new DocumentRequest(DocumentKind.ServiceReceipt, order.ProvinceId, order.BranchId, OwnerType,
            order.Id.ToString(CultureInfo.InvariantCulture), VisibleToParty: true, servedOn, access.Scope.IsCarrier ? order.IssuedBy : null), _ => data, ct);
    }

    /// <summary>
    /// Records the service of an issued notice not served at issue (by post: the date of receipt on the return receipt, the posting
    /// date and 邮件号), fixes the deadline from it and issues the 送达回证 — in one transaction.
    /// </summary>
    public async Task<IssuedDocument?> ServeAsync(long id, Guid token, OrderServiceInput service, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        var head = await GetAsync(id, ct);
        var calendar = await catalog.GetCalendarAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var grounds = await NoticeGroundsAsync(db, head.Order, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await LoadAsync(db, id, ct);
        if (order.ConcurrencyToken != token)
            throw new DomainException("order.changed", "整改通知刚被他人处理，请刷新后查看最新状态。");
        order.Serve(service.Method, service.ServedOn ?? Today, service.Details, grounds.Officers.Select(o => o.Name).ToList(), calendar, Today);
        await IssueReceiptAsync(db, order, head, ct);
        await SaveAsync(db, ct);
        await ChangedAsync(db, order, ct);
        await tx.CommitAsync(ct);
        await notifications.PublishAsync(new NotificationDraft($"order-served:{id}", NotificationLevel.Warning, "责令限期改正通知书已送达",
            $"{order.NoticeNumber}已于{ChineseDate.Format(order.ServedOn)}{order.ServiceMethod}，请于{ChineseDate.Format(order.Deadline)}前完成整改并在平台提交整改报告。",
            CarrierLink(id)), await notifications.CarrierUsersOfAsync(order.BranchId, ct), ct);
        return null;
    }

    /// <summary>
    /// The party opens and acknowledges the notice in its portal (签收). Sent through the portal, this first opening serves it: the
    /// deadline runs from today and the 送达回证 is issued, in one transaction; the inspectors are told.
    /// </summary>
    public async Task<CorrectiveOrder> AcknowledgeAsync(long id, CancellationToken ct = default)
    {
        InspectionRoles.RequireCarrier(access);
        var head = await GetAsync(id, ct);
        var calendar = await catalog.GetCalendarAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? access.Actor;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await LoadAsync(db, id, ct);
        var served = order.Acknowledge(name, clock.GetUtcNow(), calendar, Today);
        if (served) await IssueReceiptAsync(db, order, head, ct);
        await SaveAsync(db, ct);
        if (served) await ChangedAsync(db, order, ct);
        await tx.CommitAsync(ct);
        await notifications.PublishAsync(new NotificationDraft($"order-acknowledged:{id}", NotificationLevel.Info, served ? "整改通知书已电子送达" : "企业已签收整改通知书",
            served ? $"{order.NoticeNumber}已由{name}于今天首次查阅，视为送达；整改期限至{ChineseDate.Format(order.Deadline)}。"
                : $"{order.NoticeNumber}已由{name}在平台签收。", InspectorLink(id)), await InspectorsOfAsync(order, ct), ct);
        return order;
    }

    /// <summary>The notice as it would be issued today, without a number.</summary>
    public async Task<byte[]> PreviewNoticeAsync(long id, CancellationToken ct = default)
    {
        var d = await GetAsync(id, ct);
        var deadline = d.Order.State == OrderState.Draft ? d.Order.ComputeDeadline(await catalog.GetCalendarAsync(ct), Today) : d.Order.Deadline!.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        return documents.Preview(CorrectiveNoticeData.Of(d, deadline, Today, await NoticeGroundsAsync(db, d.Order, ct)) with
        {
            ReviewBody = (await Enforcement.EnforcementSettings.ForProvinceAsync(db, d.Order.ProvinceId, ct)).ReviewBody,
        });
    }

    /// <summary>
    /// What the notice rests on besides the order: the inspection record of the finding (its date and 文号), the officers who
    /// inspected with their 执法证号, and the document that sets the checklist item's concrete requirement.
    /// </summary>
    private static async Task<NoticeGrounds> NoticeGroundsAsync(SupervisionDbContext db, CorrectiveOrder order, CancellationToken ct)
    {
        var finding = await db.Findings.AsNoTracking().Where(f => f.Id == order.FindingId)
            .Select(f => new { f.InspectionId, Guidance = f.ChecklistItemId == null ? null : db.ChecklistItems.Where(c => c.Id == f.ChecklistItemId).Select(c => c.Guidance).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (finding?.InspectionId is not { } inspectionId) return new(null, null, [], finding?.Guidance);
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Inspectors).FirstAsync(i => i.Id == inspectionId, ct);
        var record = await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.OwnerType == InspectionService.OwnerType && d.OwnerId == inspectionId.ToString(CultureInfo.InvariantCulture) && d.Kind == DocumentKind.InspectionRecord)
            .OrderBy(d => d.IssuedAt).Select(d => d.Number).FirstOrDefaultAsync(ct);
        var ids = inspection.Inspectors.Select(i => i.UserId).ToList();
        var certificates = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.EnforcementCertificate, ct);
        var officers = inspection.Inspectors.OrderBy(i => i.UserName, StringComparer.Ordinal)
            .Select(i => new NoticeOfficer(i.DisplayName.Split('（')[0], certificates.GetValueOrDefault(i.UserId))).ToList(); // the name, not the office in brackets
        return new(inspection.InspectedOn, record, officers, finding.Guidance);
    }

    /// <summary>The carrier's rectification report with its evidence (content-checked, size-limited), stored together or not at all.</summary>
    public async Task<RectificationReply> ReplyAsync(long id, string text, IReadOnlyList<UploadedFile> files, CancellationToken ct = default)
    {
        InspectionRoles.RequireCarrier(access);
        if (files.Count > limits.MaxFilesPerRecord)
            throw new DomainException("evidence.too_many", $"每次最多上传{limits.MaxFilesPerRecord}个证明材料。");
        foreach (var f in files) EvidenceFiles.Check(f.Name, f.Bytes, limits.MaxBytes);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await LoadAsync(db, id, ct);
        var now = clock.GetUtcNow();
        var reply = order.Reply(text, access.Actor, now, Today);
        await SaveAsync(db, ct);
        foreach (var f in files)
            db.EvidenceFiles.Add(EvidenceFile.Create(EvidenceFile.ReplyOwner, reply.Id, order.ProvinceId, order.BranchId, visibleToParty: true, f.Name, f.Bytes, limits, access.Actor, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await notifications.PublishAsync(new NotificationDraft($"order-reply:{id}:{reply.Id}", NotificationLevel.Info, "企业已提交整改报告",
            $"{await BranchNameAsync(order.BranchId, ct)}已就{order.NoticeNumber}提交整改报告{(reply.Late ? "（逾期提交）" : "")}，附证明材料{files.Count}份，请组织整改复查。",
            InspectorLink(id)), await InspectorsOfAsync(order, ct), ct);
        return reply;
    }

    public async Task<ExtensionRequest> RequestExtensionAsync(long id, DateOnly requested, string reason, CancellationToken ct = default)
    {
        InspectionRoles.RequireCarrier(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await LoadAsync(db, id, ct);
        var request = order.RequestExtension(requested, reason, access.Actor, clock.GetUtcNow(), Today);
        await SaveAsync(db, ct);
        await notifications.PublishAsync(new NotificationDraft($"order-extension:{id}:{request.Id}", NotificationLevel.Warning, "整改延期申请待审批",
            $"{await BranchNameAsync(order.BranchId, ct)}申请将{order.NoticeNumber}的整改期限由{ChineseDate.Format(request.CurrentDeadline)}延至{ChineseDate.Format(request.RequestedDeadline)}。理由：{request.Reason}",
            InspectorLink(id)), await InspectorsOfAsync(order, ct), ct);
        return request;
    }

    public async Task<ExtensionRequest> DecideExtensionAsync(long id, Guid token, bool approve, DateOnly? approvedDeadline, string? reason, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        ExtensionRequest? request = null;
        var order = await ChangeAsync(id, token, o => request = o.DecideExtension(approve, approvedDeadline, reason, access.Actor, clock.GetUtcNow(), Today), ct);
        var text = approve
            ? $"{order.NoticeNumber}的整改期限已延至{ChineseDate.Format(request!.ApprovedDeadline!.Value)}。"
            : $"{order.NoticeNumber}的延期申请不予批准，整改期限仍为{ChineseDate.Format(order.Deadline!.Value)}。理由：{request!.DecisionReason}";
        await notifications.PublishAsync(new NotificationDraft($"order-extension-decided:{request.Id}", approve ? NotificationLevel.Info : NotificationLevel.Warning,
            approve ? "延期申请已批准" : "延期申请未获批准", text, CarrierLink(id)), await notifications.CarrierUsersOfAsync(order.BranchId, ct), ct);
        return request;
    }

    /// <summary>
    /// 整改复查: records the re-inspection and issues the 整改复查意见书 in one transaction. When not passed and a new deadline is
    /// given, the order opens again for a further round.
    /// </summary>
    public async Task<IssuedDocument> VerifyAsync(long id, Guid token, bool passed, string opinion, DateOnly reinspectedOn, DateOnly? newDeadline, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        var details = await GetAsync(id, ct);
        var (head, authority) = (details.Order, details.Authority);
        var today = Today;
        if (passed && newDeadline is not null)
            throw new DomainException("order.deadline_when_passed", "复查合格的，不需要设定新的整改期限。");
        var lastReply = head.Replies.OrderBy(r => r.Id).LastOrDefault();
        var data = new ReinspectionOpinionData(authority, head.Branch!.Name, head.NoticeNumber ?? "", head.IssuedOn ?? today, head.Deadline ?? today, head.Facts,
            lastReply is null ? null : BeijingTime.Today(lastReply.SubmittedAt), lastReply?.Late ?? false, reinspectedOn,
            opinion?.Trim() ?? "", passed, passed ? null : newDeadline, today);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await LoadAsync(db, id, ct);
        if (order.ConcurrencyToken != token)
            throw new DomainException("order.changed", "整改通知刚被修改，请刷新后再复查。");
        var document = await documents.IssueAsync(db, new DocumentRequest(DocumentKind.ReinspectionOpinion, order.ProvinceId, order.BranchId, OwnerType,
            id.ToString(CultureInfo.InvariantCulture), VisibleToParty: true, today), number =>
        {
            order.Verify(passed, opinion ?? "", reinspectedOn, number?.ToString(), access.Actor, today);
            if (newDeadline is { } d) order.Reopen(d, today);
            return data;
        }, ct);
        await ChangedAsync(db, order, ct);
        await tx.CommitAsync(ct);
        var body = passed
            ? $"{head.NoticeNumber}的整改经复查合格（{document.Number}）。"
            : newDeadline is { } nd
                ? $"{head.NoticeNumber}的整改经复查不合格（{document.Number}），请于{ChineseDate.Format(nd)}前再次整改并报告。"
                : $"{head.NoticeNumber}的整改经复查不合格（{document.Number}）。";
        await notifications.PublishAsync(new NotificationDraft($"order-verified:{id}:{head.Round}", passed ? NotificationLevel.Info : NotificationLevel.Alert,
            passed ? "整改复查合格" : "整改复查不合格", body, CarrierLink(id)), await notifications.CarrierUsersOfAsync(head.BranchId, ct), ct);
        return document;
    }

    public async Task ReopenAsync(long id, Guid token, DateOnly newDeadline, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        var order = await ChangeAsync(id, token, o => o.Reopen(newDeadline, Today), ct);
        await notifications.PublishAsync(new NotificationDraft($"order-reopened:{id}:{order.Round}", NotificationLevel.Alert, "请再次整改",
            $"{order.NoticeNumber}的整改经复查不合格，请于{ChineseDate.Format(newDeadline)}前再次整改并报告。", CarrierLink(id)),
            await notifications.CarrierUsersOfAsync(order.BranchId, ct), ct);
    }

    /// <summary>Hands an overdue or failed order to enforcement: the finding shows 待立案 until the enforcement feature opens the case.</summary>
    public async Task EscalateAsync(long id, Guid token, string reason, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await LoadAsync(db, id, ct);
        if (order.ConcurrencyToken != token)
            throw new DomainException("order.changed", "整改通知刚被他人处理，请刷新后查看最新状态。");
        var now = clock.GetUtcNow();
        order.Escalate(reason, now);
        var finding = await db.Findings.SingleAsync(f => f.Id == order.FindingId, ct);
        finding.HandToEnforcement(now);
        await SaveAsync(db, ct);
        await notifications.PublishAsync(new NotificationDraft($"order-escalated:{id}", NotificationLevel.Alert, "整改通知已移交立案",
            $"{await BranchNameAsync(order.BranchId, ct)}的{order.NoticeNumber}（{CorrectiveOrder.StateLabel(OrderState.Escalated)}）：{order.EscalationReason}。检查发现待立案。",
            $"/inspections/findings/{order.FindingId}"), await notifications.InspectorsOfAsync(order.ProvinceId, ct), ct);
    }

    /// <summary>Who hears of an order's replies, requests and deadlines: the inspector who drafted it and those of the inspection it came from.</summary>
    internal async Task<IReadOnlyList<string>> InspectorsOfAsync(CorrectiveOrder order, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // The carrier's own action triggers this lookup, and its scope cannot see findings or inspections: read as the platform.
        var inspection = await db.Findings.IgnoreQueryFilters().Where(f => f.Id == order.FindingId).Select(f => f.InspectionId).FirstOrDefaultAsync(ct);
        var assigned = inspection is null ? [] : await db.InspectionInspectors.IgnoreQueryFilters().Where(i => i.InspectionId == inspection).Select(i => i.UserId).ToListAsync(ct);
        var users = assigned.Append(order.ResponsibleUserId).Where(u => u.Length > 0).Distinct().ToList();
        return users.Count > 0 ? users : await notifications.InspectorsOfAsync(order.ProvinceId, ct);
    }

    private async Task<CorrectiveOrder> ChangeAsync(long id, Guid token, Action<CorrectiveOrder> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await LoadAsync(db, id, ct);
        if (order.ConcurrencyToken != token)
            throw new DomainException("order.changed", "整改通知刚被他人处理，请刷新后查看最新状态。");
        change(order);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(db, ct);
        await ChangedAsync(db, order, ct);
        await tx.CommitAsync(ct);
        return order;
    }

    /// <summary>
    /// Runs the hooks (the rankings' summary) with the order's saved change, inside the caller's transaction: from the day it
    /// was issued, since its deadlines, re-inspection and finding's settlement all come after.
    /// </summary>
    internal async Task ChangedAsync(SupervisionDbContext db, CorrectiveOrder order, CancellationToken ct)
    {
        await rankings.RecordsChangedAsync(db, order.BranchId, order.IssuedOn ?? Today, ct);
    }

    private static Task SaveAsync(SupervisionDbContext db, CancellationToken ct) =>
        db.SaveOrRefuseAsync("order.changed", "整改通知刚被他人处理，请刷新后查看最新状态。", ct);

    private static async Task<CorrectiveOrder> LoadAsync(SupervisionDbContext db, long id, CancellationToken ct) =>
        await db.CorrectiveOrders.Include(o => o.Replies).Include(o => o.Extensions).FirstOrDefaultAsync(o => o.Id == id, ct)
        ?? throw new NotFoundException("整改通知");

    private async Task<string> BranchNameAsync(int branchId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Branches.Where(b => b.Id == branchId).Select(b => b.ShortName).FirstOrDefaultAsync(ct) ?? "";
    }

    public static string CarrierLink(long id) => $"/rectification/{id}";

    public static string InspectorLink(long id) => $"/inspections/orders/{id}";

    private DateOnly Today => BeijingTime.Today(clock);
}
