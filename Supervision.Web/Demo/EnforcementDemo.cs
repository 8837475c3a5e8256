using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;

namespace Supervision.Web.Demo;

/// <summary>
/// Demo penalty cases for 宁夏 (Development only, like the demo accounts), made through the real services and dated
/// relative to today so every stage of the procedure can be seen on first run: a closed case (warning, fine paid, its
/// 向社会公告 published on the public site),
/// a served decision whose public announcement waits for the 局领导's approval and the fine not yet due, a case whose
/// statement period is running (with the party's statement), and one under investigation.
/// </summary>
public sealed class EnforcementDemo(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, EnforcementService cases,
    PublicityService publicity, CatalogService catalog, ApprovalService approvals, TimeProvider clock)
{
    // Each demo case has facts of its own, as real files do: what was found, where, how it was established and how many.
    private const string ManualEntryFacts = "执法人员暗访发现，当事人所属解放西街合作营业厅（宁夏回族自治区银川市兴庆区解放西街118号）在用户未出示有效身份证件的情况下，"
        + "通过人工录入身份信息为其办理入网手续；执法人员调取该营业厅当月全部入网工单逐笔核查，确认此类入网业务共12笔，涉及电话卡12张。";

    private const string OnlineSaleFacts = "当事人通过其网上商城销售移动通信转售业务电话卡，用户在线提交身份证件照片后即发货，电话卡激活时未进行人像比对和联网核验；"
        + "执法人员调取当事人当月线上订单和激活记录逐笔核查，发现其中8张电话卡由同一收货地址签收，登记的8名用户均未本人核验身份。";

    private const string AgentFacts = "当事人委托的代理商银川市西夏区怀远路某通讯店在办理入网时，未查验用户本人有效身份证件，使用他人此前留存的身份信息为用户激活电话卡5张；"
        + "当事人未对该代理商的登记工作进行检查，其业务系统亦未对同一身份信息在短期内多次登记的情况进行提示。";

    private const string RemoteFacts = "当事人所属银川市金凤区万达营业厅工作人员在用户本人未到场、仅通过即时通信软件发送身份证件照片的情况下，为3名用户办理入网手续，"
        + "未当面查验有效身份证件原件；上述情况经营业厅监控录像和工作人员询问笔录证实。";

    private const string IotFacts = "当事人所属银川市兴庆区新华街营业厅在为一家物流企业批量开通车载物联网卡时，未登记该企业经办人和实际使用人的身份信息，"
        + "亦未限定物联网卡的使用场景，涉及物联网卡6张。";

    private const string ProxyFacts = "当事人所属银川市兴庆区鼓楼营业厅营业员在一名用户持他人身份证件代为办理的情况下，未核验电话卡使用人本人身份，"
        + "为其办理入网手续4笔；上述情况经营业厅监控录像、入网工单和营业员询问笔录证实。";

    private const string ProxyCorrection = "停止为未到场的他人代办入网，对涉及的4张电话卡逐一核验使用人本人身份";

    /// <summary>
    /// The 裁量理由 of the closed case's ¥20,000 fine: more cards, a partner outlet's habit, but a first offence and corrected. Reasons state
    /// the factors, not a conclusion: the prior notice prints them before the party is heard, the amount stands in the sanctions.
    /// </summary>
    private const string ManualEntryDiscretion = "当事人涉及电话卡12张，系合作营业厅在一个月内多次以人工录入方式办理，反映出当事人对合作营业厅的管理不到位；"
        + "同时，当事人系首次因此类行为被查处，未发现造成用户损失的后果，调查期间积极配合并已停止人工录入。综合考虑违法情节、危害后果和整改情况，"
        + "在法定幅度内处以适中数额的罚款";

    /// <summary>The 裁量理由 of the ¥10,000 fine: fewer cards, a first offence, corrected on its own initiative — the lower limit.</summary>
    private const string OnlineSaleDiscretion = "当事人涉及电话卡8张，未发现被用于违法犯罪或者造成用户损失的后果；当事人系首次因此类行为被查处，"
        + "立案后即主动暂停网上商城的相关销售，对已售电话卡逐一回访并重新核验用户身份。依据《中华人民共和国行政处罚法》第三十二条第（一）项，"
        + "依法从轻处罚，按法定幅度的下限处以罚款";

    /// <summary>The 裁量理由 of the ¥15,000 fine proposed to the party whose statement period runs: an agent's act, stopped at once.</summary>
    private const string AgentDiscretion = "当事人涉及电话卡5张，系代理商在当事人授权范围内办理入网时未核验用户身份，反映出当事人对代理商的管理存在疏漏；"
        + "未发现电话卡被用于违法犯罪，当事人在调查期间积极配合。综合考虑违法情节和危害后果，在法定幅度内处以适中数额的罚款";

    /// <summary>The 裁量理由 of the ¥10,000 fine proposed in the notice served through the portal: four cards, no harm found.</summary>
    private const string ProxyDiscretion = "当事人涉及电话卡4张，系营业员为未到场的他人代办入网时未核验使用人本人身份；未发现电话卡被用于违法犯罪或者造成用户损失的后果，"
        + "当事人系首次因此类行为被查处。综合考虑违法情节和危害后果，按法定幅度的下限处以罚款";

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        access.AsSystem("system:demo");
        var province = await db.Provinces.SingleAsync(p => p.Code == "64", ct);
        if (await db.EnforcementCases.AnyAsync(c => c.ProvinceId == province.Id, ct)) return;
        var users = await db.Users.Where(u => u.ProvinceId == province.Id).ToDictionaryAsync(u => u.UserName!, ct);
        if (!users.ContainsKey("inspector.nx") || !users.ContainsKey("inspector2.nx") || !users.ContainsKey("leader.nx")) return;
        var branches = await db.Branches.Where(b => b.ProvinceId == province.Id && b.ParentBranchId == null).ToDictionaryAsync(b => b.Code, ct);
        var investigators = new[] { users["inspector.nx"].Id, users["inspector2.nx"].Id };
        var today = BeijingTime.Today(clock);
        DateOnly Day(int daysAgo) => today.AddDays(-daysAgo);
        void Inspector() => access.Set(AccessScope.ForProvince(province.Id, false, UserRole.Inspector), "inspector.nx", users["inspector.nx"].Id);
        // The province's designated legal reviewer (法制审核人员), who investigates none of the demo cases.
        var reviewer = users.Values.Where(u => u.LegalReviewer && !investigators.Contains(u.Id)).OrderBy(u => u.UserName).FirstOrDefault();
        void Reviewer() => access.Set(AccessScope.ForProvince(province.Id, false, UserRole.Inspector), reviewer!.UserName!, reviewer.Id);
        // The province's 局领导 approves what its settings say needs approval, through the same inbox as in the portal.
        // The demo's steps are dated back; its approvals are dated with them (asked in the morning, decided in the afternoon
        // of the step's day), before the forms that print them are issued.
        async Task ApproveAsync(long caseId, ApprovalStep step, string opinion, DateOnly on, DateOnly? requestedOn = null)
        {
            access.Set(AccessScope.ForProvince(province.Id, true, UserRole.Leader), "leader.nx", users["leader.nx"].Id);
            foreach (var request in (await approvals.PendingAsync(ct: ct)).Where(a => a.CaseId == caseId && a.Step == step))
            {
                await approvals.DecideAsync(request.Id, true, opinion, ct);
                DateTimeOffset At(int hour) => new DateTimeOffset(on.ToDateTime(new TimeOnly(hour, 0)), BeijingTime.Offset).ToUniversalTime();
                if (on < today)
                    await db.ApprovalRequests.Where(a => a.Id == request.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(a => a.RequestedAt, (requestedOn ?? on) < on ? At(9).AddDays((requestedOn ?? on).DayNumber - on.DayNumber) : At(9))
                            .SetProperty(a => a.DecidedAt, At(15)), ct);
            }
            Inspector();
        }
        async Task<long> FileAsync(FileCaseInput input)
        {
            var id = await cases.FileAsync(input, ct);
            if ((await cases.GetAsync(id, ct)).CaseNumber is null)
            {
                await ApproveAsync(id, ApprovalStep.Filing, "同意立案调查。", input.FiledOn);
                await cases.IssueFilingApprovalAsync(id, ct);
            }
            return id;
        }
        // The 承办人 asks for the decision's approval first (before the legal review, which examines what is proposed), the 局领导
        // approves on the day of the decision: the form's dates read in the order things happened.
        async Task DecideAsync(long id, DateOnly requested, DateOnly on, IReadOnlyList<SanctionInput> sanctions)
        {
            var c = await cases.GetAsync(id, ct);
            if (c.Requires(ApprovalStep.Decision))
            {
                c = await cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: sanctions), "建议按告知的内容作出处罚决定。", ct);
                await ApproveAsync(id, ApprovalStep.Decision, "同意按报请的内容作出行政处罚决定。", on, requested);
                c = await cases.GetAsync(id, ct);
            }
            // The 裁量理由 stated in the prior notice stands: the decision repeats it (one text for both documents).
            await cases.DecideAsync(id, c.ConcurrencyToken, on, sanctions, ct);
        }
        void Party(string branchCode, string userName)
        {
            var b = branches[branchCode];
            access.Set(AccessScope.ForBranches(province.Id, b.CarrierId, [b.Id]), userName, users[userName].Id);
        }
        // Corrective deadlines are counted as an officer counts them: working days on the holiday catalog (never a rest day or holiday).
        var calendar = await catalog.GetCalendarAsync(ct);
        var closedDeadline = calendar.AddWorkingDays(Day(95), 20);
        var servedDeadline = calendar.AddWorkingDays(Day(5), 20);
        // The demo's cases are about manual entry without the ID reader and online verification: the duty the checklist item RN-05
        // cites in the inspection record (the catalog's one mapping), which the corrective notice and the cases cite too.
        var basis = await db.ChecklistItems.Where(i => i.Code == "RN-05").Select(i => i.LegalBasisId).SingleAsync(ct)
                    ?? throw new InvalidOperationException("RN-05 has no legal basis in the checklist.");
        var citation = await db.LegalBases.Where(b => b.Id == basis).Select(b => b.Statute + b.DutyArticle + "、" + b.PenaltyArticle).SingleAsync(ct);
        // A decision rests only on a basis an administrator checked against the published text; the demo's one is confirmed
        // by the system here (recorded as such), as an administrator would in 法律依据.
        await catalog.ConfirmLegalBasisAsync(basis, ct);
        // 《电话用户真实身份信息登记规定》第十九条: 责令限期改正，予以警告，可以并处罚款 — the order with its deadline and the warning in every decision.
        SanctionInput Correct(DateOnly deadline, string what = "停止以人工录入方式办理入网，对涉及的电话卡逐一重新核验用户身份") =>
            new(SanctionKind.CorrectiveOrder, basis, null, what, deadline);
        const string OnlineSaleCorrection = "停止未经人像比对和联网核验即激活电话卡，对已售的8张电话卡逐一重新核验用户身份";
        const string AgentCorrection = "暂停该代理商的入网代理业务，对其办理的5张电话卡逐一重新核验用户身份，并对全部代理商开展一次登记工作检查";
        SanctionInput Warning() => new(SanctionKind.Warning, basis, null, "警告");
        SanctionInput Fine(decimal amount) => new(SanctionKind.Fine, basis, amount, "罚款");
        SanctionInput Announce() => new(SanctionKind.PublicAnnouncement, basis, null, "向社会公告");

        async Task<EnforcementCase> ToNoticeAsync(string branch, string title, string facts, string evidence, int violation, int filed, IReadOnlyList<SanctionInput> sanctions, string discretion)
        {
            Inspector();
            var id = await FileAsync(new FileCaseInput(branches[branch].Id, basis, title, facts, Day(violation), Day(filed), investigators));
            var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id, ct)).ConcurrencyToken, ct);
            c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, evidence, Day(filed - 3), null, ct);
            c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，适用依据正确，建议依法给予行政处罚。", ct);
            return await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions, ct, discretion);
        }

        // 1. Closed: corrective order, warning, fine and announcement; no statement within the period, decision served and acknowledged,
        //    announcement published, fine paid.
        var closed = await ToNoticeAsync("CMCC-64", "未按规定查验入网用户有效身份证件", ManualEntryFacts, "暗访录像一份、入网工单12份、营业厅负责人询问笔录一份",
            150, 130, [Correct(closedDeadline), Warning(), Fine(20_000m), Announce()], ManualEntryDiscretion);
        // Each document served on the party records its service and gets its 送达回证: signed for by the branch's staff, two servers.
        await cases.ServePriorNoticeAsync(closed.Id, closed.ConcurrencyToken, Day(110), ct, ServiceMethods.InPerson,
            new ServiceDetails(RecipientName: "王建华", RecipientPost: "综合部经理"));
        closed = await cases.GetAsync(closed.Id, ct);
        if (reviewer is not null)
        {
            Reviewer();
            closed = await cases.RecordLegalReviewAsync(closed.Id, closed.ConcurrencyToken, Day(97), LegalReviewOpinion.Approve,
                $"违法事实清楚，证据确凿；适用{citation}正确；已依法告知陈述申辩权利，程序合法；拟处罚款在法定幅度内，处罚适当。", ct);
            Inspector();
        }
        await DecideAsync(closed.Id, Day(99), Day(95), [Correct(closedDeadline), Warning(), Fine(20_000m), Announce()]);
        closed = await cases.GetAsync(closed.Id, ct);
        await cases.ServeAsync(closed.Id, closed.ConcurrencyToken, Day(94), ServiceMethods.InPerson, ct, new ServiceDetails(RecipientName: "王建华", RecipientPost: "综合部经理"));
        var announcement = await db.Announcements.AsNoTracking().SingleAsync(a => a.SourceType == PenaltyAnnouncement.SourceType && a.SourceId == closed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var ordinary = await db.PublicationCategories.AsNoTracking().SingleAsync(x => x.Code == "ordinary", ct);
        var publication = new PublicationChoice(ordinary.Id);
        await publicity.RequestPublicationApprovalAsync(announcement.Id, publication, "建议按一般失信行为公示。", ct);
        await ApproveAsync(closed.Id, ApprovalStep.Publication, "同意发布。", Day(92));
        await publicity.PublishAsync(announcement.Id, (await db.Announcements.AsNoTracking().SingleAsync(a => a.Id == announcement.Id, ct)).ConcurrencyToken, Day(92), publication, ct);
        Party("CMCC-64", "carrier.cmcc.nx");
        await cases.AcknowledgeServiceAsync(closed.Id, ct);
        // The party signed for the decision the day it was served (Day 94), long before the case was closed: dated so, the party's
        // history reads in the order things happened and shows nothing of the party after closing.
        var signedAt = new DateTimeOffset(Day(94).ToDateTime(new TimeOnly(16, 0)), BeijingTime.Offset).ToUniversalTime();
        await db.EnforcementCases.Where(c => c.Id == closed.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.AcknowledgedAt, signedAt), ct);
        Inspector();
        closed = await cases.GetAsync(closed.Id, ct);
        closed = await cases.RecordPaymentAsync(closed.Id, closed.ConcurrencyToken, 20_000m, Day(85), "宁财非税缴款书No.6400012345", ct);
        var correction = closed.Sanctions.Single(s => s.Kind == SanctionKind.CorrectiveOrder);
        closed = await cases.ExecuteSanctionAsync(closed.Id, closed.ConcurrencyToken, correction.Id, Day(64), "经复查，已对涉及的电话卡逐一重新核验用户身份，整改合格。", ct);
        await cases.CloseAsync(closed.Id, closed.ConcurrencyToken, Day(60), ct);

        // 2. Served with a public announcement queued for publication; the fine is due in the coming days.
        var served = await ToNoticeAsync("JDCOM-64", "移动通信转售业务未落实用户真实身份信息登记", OnlineSaleFacts, "网上商城订单记录8份、电话卡激活记录8份、物流签收记录、当事人业务负责人询问笔录一份",
            60, 40, [Correct(servedDeadline, OnlineSaleCorrection), Warning(), Fine(10_000m), Announce()], OnlineSaleDiscretion);
        // By post: dated by the receipt the tracking record shows, three days after posting.
        await cases.ServePriorNoticeAsync(served.Id, served.ConcurrencyToken, Day(20), ct, ServiceMethods.Post,
            new ServiceDetails(PostedOn: Day(23), TrackingNumber: "1179230645164"));
        served = await cases.GetAsync(served.Id, ct);
        await DecideAsync(served.Id, Day(7), Day(5), [Correct(servedDeadline, OnlineSaleCorrection), Warning(), Fine(10_000m), Announce()]);
        served = await cases.GetAsync(served.Id, ct);
        await cases.ServeAsync(served.Id, served.ConcurrencyToken, Day(4), ServiceMethods.Post, ct, new ServiceDetails(PostedOn: Day(5), TrackingNumber: "1179230712645")); // the receipt's date
        // Decided five days ago with 向社会公告: its announcement (queued on the decision, 双公示 within 7 working days) has been put to
        // the 局领导 and waits for approval — not published yet, so not on the public site.
        var queued = await db.Announcements.AsNoTracking().SingleAsync(a => a.SourceType == PenaltyAnnouncement.SourceType && a.SourceId == served.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        await publicity.RequestPublicationApprovalAsync(queued.Id, publication, "建议按一般失信行为公示。", ct);

        // 3. Prior notice served yesterday: the party's statement period is running and it has stated its case.
        var noticed = await ToNoticeAsync("CUCC-64", "代理商未核验用户身份即激活电话卡", AgentFacts, "代理商入网工单5份、用户回访记录5份、代理协议一份、代理商经营者询问笔录一份",
            45, 25, [Correct(calendar.AddWorkingDays(today, 30), AgentCorrection), Warning(), Fine(15_000m)], AgentDiscretion);
        await cases.ServePriorNoticeAsync(noticed.Id, noticed.ConcurrencyToken, Day(1), ct, ServiceMethods.InPerson,
            new ServiceDetails(RecipientName: "赵丽", RecipientPost: "政企客户部主管"));
        Party("CUCC-64", "carrier.cucc.nx");
        await cases.RecordStatementAsync(noticed.Id, "涉事代理商已于收到告知书当日被暂停业务，我公司正在对其近三个月办理的入网业务逐笔回访核验，恳请从轻处罚。", waiver: false, null, ct);

        // 4. Under investigation.
        Inspector();
        var filed = await FileAsync(new FileCaseInput(branches["CTCC-64"].Id, basis, "营业厅为未到场用户代办入网未查验证件原件", RemoteFacts, Day(20), Day(7), investigators));
        await cases.StartInvestigationAsync(filed, (await cases.GetAsync(filed, ct)).ConcurrencyToken, ct);

        // 5. Filed today and waiting for the 局领导's filing approval (his inbox shows it).
        await cases.FileAsync(new FileCaseInput(branches["CMCC-64"].Id, basis, "营业厅批量开通物联网卡未登记使用人身份信息", IotFacts, Day(12), today, investigators), ct);

        // 5b. Served through the portal on 宁夏移动's consent (its 送达地址确认书 and the administration's seal, ElectronicServiceDemo):
        //     the sealed prior notice waits in the carrier's portal; its first opening by carrier.cmcc.nx is the date of service and
        //     issues the 送达回证, and the statement period runs from then.
        if (province.SealFileId is not null
            && await Supervision.Domain.Organizations.ServiceAddressService.InForceAsync(db, branches["CMCC-64"].Id, today, ct) is { ConsentsToElectronicService: true })
        {
            var sent = await ToNoticeAsync("CMCC-64", "营业厅为他人代办电话卡未核验使用人本人身份", ProxyFacts, "营业厅监控录像、入网工单4份、营业员询问笔录一份",
                50, 30, [Correct(calendar.AddWorkingDays(today, 30), ProxyCorrection), Warning(), Fine(10_000m)], ProxyDiscretion);
            await cases.ServePriorNoticeAsync(sent.Id, sent.ConcurrencyToken, today, ct, EnforcementCase.PortalService);
        }

        // 6. The 违规代理商 list stays disabled (the default): naming agents is itself a sanction and needs a basis an administrator chooses.

        // 7. The first published 双随机 draw (from the inspections demo) on the public site as well.
        var drawDraft = await db.Announcements.AsNoTracking().Where(a => a.ProvinceId == province.Id && a.Kind == AnnouncementKind.DrawResult && a.Status == AnnouncementStatus.Draft)
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        if (drawDraft is not null) await publicity.PublishAsync(drawDraft.Id, drawDraft.ConcurrencyToken, today, ct: ct);
        access.AsSystem("system:demo");
    }
}
