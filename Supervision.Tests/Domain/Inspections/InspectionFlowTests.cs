using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Inspections;
using Supervision.Domain.Notifications;
using Supervision.Reports.Inspections;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;
using static Supervision.Tests.Domain.Inspections.InspectionKit;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>The workflow through the services as the demo users: plan, draw, record, finding, order, reply, re-inspection.</summary>
public class InspectionFlowTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly string[] CityBranches = ["CMCC-640100", "CMCC-640200", "CMCC-640300", "CUCC-640100", "CUCC-640200", "CUCC-640300", "CTCC-640100", "CTCC-640200"];

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    [Fact]
    public async Task A_draw_assigns_two_inspectors_never_a_recused_one_and_verification_catches_a_changed_snapshot()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Branches, CityBranches, ["RN-01", "RN-05"]);
        var draw = await DrawAsync(portal, plan);
        Assert.Equal((8, 8, SeedSource.System, 64), (draw.RosterSize, draw.DrawnCount, draw.SeedSource, draw.Seed.Length));

        await using var db = portal.Db();
        var inspections = await db.Inspections.Include(i => i.Inspectors).Include(i => i.Items).Where(i => i.DrawId == draw.Id).ToListAsync();
        Assert.Equal(8, inspections.Count);
        Assert.All(inspections, i => Assert.Equal(2, i.Inspectors.Select(x => x.UserId).Distinct().Count()));
        Assert.All(inspections, i => Assert.Equal(["RN-01", "RN-05"], i.Items.Select(x => x.ItemCode).Order()));
        // The demo recusal: inspector2.nx ↔ 中国联通.
        Assert.DoesNotContain(inspections.Where(i => i.EntityKey.StartsWith("CUCC")), i => i.Inspectors.Any(x => x.UserName == "inspector2.nx"));
        var assigned = inspections.First().Inspectors.First();
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == assigned.UserId && n.DedupKey == $"inspection-assigned:{inspections.First().Id}" && n.Link == $"/inspections/{inspections.First().Id}"));

        using var leader = await portal.AsUserAsync("leader.nx");
        var check = await leader.Get<DrawService>().VerifyAsync(draw.Id);
        Assert.True(check.Verification.Matches, check.Verification.Message);

        // Someone edits the stored roster: verification no longer matches, and the draw cannot be published.
        var stored = await db.InspectionDraws.SingleAsync(d => d.Id == draw.Id);
        stored.EntityRosterJson = stored.EntityRosterJson.Replace("CTCC-640200", "CTCC-640500");
        await db.SaveChangesAsync();
        var tampered = await leader.Get<DrawService>().VerifyAsync(draw.Id);
        Assert.False(tampered.Verification.Matches);
        Assert.False(tampered.Verification.InputsIntact);
        Assert.Contains("CTCC-640200", tampered.EntitiesAddedSince);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        Assert.Equal("draw.not_verified", (await Assert.ThrowsAsync<DomainException>(() => inspector.Get<DrawService>().PublishAsync(draw.Id))).Code);
    }

    [Fact]
    public async Task A_plan_is_checked_and_drawn_only_when_started_and_only_by_inspectors()
    {
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var plans = inspector.Get<InspectionPlanService>();
        var bad = new PlanInput(0, PlanKind.Annual, 2026, "", null, new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1), PlanScope.Carriers, [], [], 0m, 1);
        var ex = await Assert.ThrowsAsync<DomainException>(() => plans.SaveAsync(bad));
        foreach (var text in new[] { "请填写计划名称", "结束日期不能早于开始日期", "请选择检查范围", "请至少选择一个检查项目", "最低抽取比例", "不少于两人" })
            Assert.Contains(text, ex.Message);
        var foreign = bad with { Title = "广东的企业", PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31), ScopeCodes = ["CMCC-44"], Scope = PlanScope.Branches, ChecklistItemIds = [1], SamplingRatio = 0.5m, InspectorsPerInspection = 2 };
        Assert.Equal("plan.scope_unknown", (await Assert.ThrowsAsync<DomainException>(() => plans.SaveAsync(foreign))).Code);

        var draft = await plans.SaveAsync(foreign with { ScopeCodes = ["CMCC-64"] });
        Assert.Equal("plan.not_active", (await Assert.ThrowsAsync<DomainException>(() => inspector.Get<DrawService>().DrawAsync(new DrawCommand(draft, null, null)))).Code);
        using var leader = await portal.AsUserAsync("leader.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.Get<InspectionPlanService>().ActivateAsync(draft));
        using var admin = await portal.AsUserAsync("admin");
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.Get<DrawService>().DrawAsync(new DrawCommand(draft, null, null)));
    }

    [Fact]
    public async Task An_inspection_is_recorded_by_its_inspectors_with_checked_evidence_then_locked_with_a_numbered_record_and_findings()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Branches, ["CMCC-640400", "CMCC-640500"], ["RN-01", "RN-05"]);
        var draw = await DrawAsync(portal, plan);
        var inspection = await AssignedAsync(portal, draw.Id, "inspector.nx");
        var other = (await AssignedAsync(portal, draw.Id, inspection.Inspectors.Any(x => x.UserName == "inspector3.nx") ? "inspector4.nx" : "inspector3.nx"));
        var outsider = new[] { "inspector.nx", "inspector2.nx", "inspector3.nx", "inspector4.nx" }.First(u => inspection.Inspectors.All(x => x.UserName != u));
        using (var stranger = await portal.AsUserAsync(outsider))
            await Assert.ThrowsAsync<AccessDeniedException>(() => stranger.Get<InspectionService>().SaveItemAsync(inspection.Id, inspection.Items[0].Id, ItemOutcome.Compliant, null));

        using var me = await portal.AsUserAsync("inspector.nx");
        var service = me.Get<InspectionService>();
        var foreignItem = (await portal.Db().InspectionItemResults.FirstAsync(x => x.InspectionId != inspection.Id)).Id;
        Assert.Equal("inspection.item_outside_plan", (await Assert.ThrowsAsync<DomainException>(() => service.SaveItemAsync(inspection.Id, foreignItem, ItemOutcome.Compliant, null))).Code);

        var rn05 = inspection.Items.Single(i => i.ItemCode == "RN-05");
        var photo = await service.AddEvidenceAsync(inspection.Id, rn05.Id, "现场照片.png", Png);
        Assert.Equal(("image/png", Supervision.Domain.Files.StoredFile.Hash(Png)), (photo.ContentType, photo.Sha256));
        Assert.Equal("evidence.type", (await Assert.ThrowsAsync<DomainException>(() => service.AddEvidenceAsync(inspection.Id, rn05.Id, "照片.jpg", Executable))).Code);
        Assert.Equal("evidence.too_large", (await Assert.ThrowsAsync<DomainException>(() => service.AddEvidenceAsync(inspection.Id, rn05.Id, "大文件.pdf", [.. Pdf, .. new byte[service.Limits.MaxBytes]]))).Code);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var record = await CompleteAsync(portal, inspection, "inspector.nx", today, "RN-05");
        Assert.Matches(@"^宁通管检〔\d{4}〕\d+号$", record.Number);
        Assert.True(record.VisibleToParty);      // the party's copy of what its representative signed
        var (_, pdf) = await me.Get<DocumentRegistry>().DownloadAsync(record.Id);
        var text = Text(pdf);
        foreach (var expected in new[] { "现场检查记录", record.Number!, "读卡器与联网核验（第九条）", "不符合", "抽查发现人工录入身份信息12笔", "王磊", "现场照片.png" })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("RN-05", text); // plain names on paper; the codes stay in the system
        Assert.Equal(text, Text(InspectionPdfs.Record(DocumentData.FromJson<InspectionRecordData>(record.DataJson))));

        Assert.Equal("inspection.locked", (await Assert.ThrowsAsync<DomainException>(() => service.SaveItemAsync(inspection.Id, rn05.Id, ItemOutcome.Compliant, null))).Code);
        Assert.Equal("inspection.locked", (await Assert.ThrowsAsync<DomainException>(() => service.AddEvidenceAsync(inspection.Id, rn05.Id, "补拍.png", Png))).Code);
        await using var db = portal.Db();
        var finding = await db.Findings.SingleAsync(f => f.InspectionId == inspection.Id);
        Assert.Equal((FindingStatus.Open, FindingSource.Inspection), (finding.Status, finding.Source));
        Assert.Contains("抽查发现人工录入身份信息12笔", finding.Facts);
        var listed = (await me.Get<FindingService>().ListAsync(new FindingQuery(FindingFilter.Open), new PageRequest(0, 200))).Items.Single(f => f.Id == finding.Id);
        Assert.Equal((await db.InspectionPlans.SingleAsync(p => p.Id == plan)).Title, listed.PlanTitle);

        // An amendment that takes the 不符合 back withdraws the (undecided) finding and keeps the original values.
        var amendment = await service.AmendAsync(inspection.Id, rn05.Id, ItemOutcome.Compliant, "复核后确认均经读卡器核验", "现场误将测试数据计入");
        Assert.Equal(ItemOutcome.NonCompliant, amendment.OutcomeBefore);
        Assert.Equal(FindingStatus.Withdrawn, (await db.Findings.AsNoTracking().SingleAsync(f => f.Id == finding.Id)).Status);
        Assert.NotEqual(other.Id, inspection.Id);
    }

    [Fact]
    public async Task A_corrective_order_is_drafted_from_a_finding_then_issued_with_a_numbered_notice_the_carrier_alone_sees()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CMCC"], ["RN-01", "RN-05"]);
        var draw = await DrawAsync(portal, plan);
        var inspection = await AssignedAsync(portal, draw.Id, draw.Result[0].Inspectors[0]);
        var user = inspection.Inspectors.First().UserName;
        await CompleteAsync(portal, inspection, user, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), "RN-01");
        await using var db = portal.Db();
        var finding = await db.Findings.AsNoTracking().SingleAsync(f => f.InspectionId == inspection.Id);
        // RN-01 (入网证件查验) is the 查验 duty of Order 25 第九条 in the catalog, as RN-05.
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A09");

        using var inspector = await portal.AsUserAsync(user);
        var orderId = (await inspector.Get<FindingService>().DecideAsync(finding.Id, finding.ConcurrencyToken, FindingDecision.CorrectiveOrder, FindingSeverity.Serious, basis.Id, null))!.Value;
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<CorrectiveOrderService>().GetAsync(orderId));

        var orders = inspector.Get<CorrectiveOrderService>();
        var draft = (await orders.GetAsync(orderId)).Order;
        var token = await orders.SaveDraftAsync(orderId, draft.ConcurrencyToken, draft.Facts, draft.Requirement, DeadlineMode.Date, null, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1));
        var before = await db.DocumentSequences.Where(s => s.Code == "改").Select(s => s.LastNumber).ToListAsync();
        var past = await Assert.ThrowsAsync<DomainException>(() => inspector.Get<CorrectiveOrderService>().IssueAsync(orderId, token));
        Assert.Equal("order.deadline_past", past.Code);
        Assert.Equal(before, await db.DocumentSequences.Where(s => s.Code == "改").Select(s => s.LastNumber).ToListAsync());

        var deadline = new DateOnly(2026, 12, 10);
        token = await orders.SaveDraftAsync(orderId, token, draft.Facts, "立即停止人工录入身份信息，对全部营业网点开展排查。", DeadlineMode.Date, null, deadline);
        // The notice names at least two officers with their 执法证号: refused while the inspectors have none on record.
        var officerIds = inspection.Inspectors.Select(i => i.UserId).ToList();
        var certificates = await db.Users.Where(u => officerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.EnforcementCertificate);
        Assert.True(certificates.Values.Count(c => c is not null) >= 2);
        await db.Users.Where(u => officerIds.Contains(u.Id)).ExecuteUpdateAsync(x => x.SetProperty(u => u.EnforcementCertificate, (string?)null));
        var uncertified = await Assert.ThrowsAsync<DomainException>(() => inspector.Get<CorrectiveOrderService>().IssueAsync(orderId, token));
        Assert.Equal("order.officers", uncertified.Code);
        Assert.Contains("行政处罚法第四十二条、第五十五条", uncertified.Message);
        Assert.Contains(inspection.Inspectors[0].DisplayName.Split('（')[0], uncertified.Message);
        foreach (var (userId, certificate) in certificates)
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(x => x.SetProperty(u => u.EnforcementCertificate, certificate));
        var notice = await inspector.Get<CorrectiveOrderService>().IssueAsync(orderId, token);
        Assert.Matches(@"^宁通管改〔\d{4}〕\d+号$", notice.Number);
        Assert.True(notice.VisibleToParty);

        var seen = await carrier.Get<CorrectiveOrderService>().GetAsync(orderId);
        Assert.Equal((OrderState.Issued, deadline, notice.Number), (seen.Order.State, seen.Order.Deadline!.Value, seen.Order.NoticeNumber));
        // The notice, and the issued inspection record it cites (the party's copy of what its representative signed).
        // The notice and its 送达回证 (handed over at issue): the party sees how it was served.
        Assert.Equal([DocumentKind.InspectionRecord, DocumentKind.CorrectiveNotice, DocumentKind.ServiceReceipt], seen.Documents.Select(d => d.Kind));
        var text = Text((await carrier.Get<DocumentRegistry>().DownloadAsync(notice.Id)).Pdf);
        foreach (var expected in new[] { "责令限期改正通知书", notice.Number!, "中国移动通信集团宁夏有限公司", "抽查发现人工录入身份信息12笔", "《电话用户真实身份信息登记规定》", "第九条", "第十九条",
                     "立即停止人工录入身份信息", "请于2026年12月10日（含）前完成整改", "整改通知", "延期申请", "宁夏回族自治区通信管理局" })
            Assert.Contains(expected, text);
        // It rests on the inspection record (date and 文号) and names the officers with their 执法证号.
        var record = await db.IssuedDocuments.Where(d => d.OwnerType == InspectionService.OwnerType && d.OwnerId == inspection.Id.ToString() && d.Kind == DocumentKind.InspectionRecord)
            .Select(d => d.Number).SingleAsync();
        Assert.Contains($"现场检查记录（{record}）", text);
        foreach (var certificate in certificates.Values.OfType<string>()) Assert.Contains($"执法证号：{certificate}", text);
        // The order can be challenged: the notice states how and by when (without it the period for review stretches to a year).
        Assert.Contains("自收到本通知书之日起六十日内向中华人民共和国工业和信息化部申请行政复议", text);
        Assert.Contains("自收到本通知书之日起六个月内依法向人民法院提起行政诉讼", text);
        Assert.Equal(text, Text(InspectionPdfs.Notice(DocumentData.FromJson<CorrectiveNoticeData>(notice.DataJson))));

        var carrierUser = await db.Users.SingleAsync(u => u.UserName == "carrier.cmcc.nx");
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == carrierUser.Id && n.DedupKey == $"order-issued:{orderId}" && n.Link == $"/rectification/{orderId}"));
        Assert.Equal("order.not_draft", (await Assert.ThrowsAsync<DomainException>(() => inspector.Get<CorrectiveOrderService>().IssueAsync(orderId, seen.Order.ConcurrencyToken))).Code);
    }

    /// <summary>
    /// Once the inspection is completed and its record issued, the inspected party sees and downloads that record beside the corrective
    /// notice that cites it; the working record (items, notes, evidence) and the preview stay internal, and another carrier gets nothing.
    /// </summary>
    [Fact]
    public async Task The_party_downloads_its_issued_inspection_record_and_no_other_carrier_can()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CMCC"], ["RN-01", "RN-05"]);
        var draw = await DrawAsync(portal, plan);
        var inspection = await AssignedAsync(portal, draw.Id, draw.Result[0].Inspectors[0]);
        var user = inspection.Inspectors.First().UserName;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var record = await CompleteAsync(portal, inspection, user, today, "RN-05");
        Assert.True(record.VisibleToParty);
        await using var db = portal.Db();
        var finding = await db.Findings.AsNoTracking().SingleAsync(f => f.InspectionId == inspection.Id);
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A09"); // RN-05's duty in the checklist catalog: the order cites the same article
        using var inspector = await portal.AsUserAsync(user);
        var orderId = (await inspector.Get<FindingService>().DecideAsync(finding.Id, finding.ConcurrencyToken, FindingDecision.CorrectiveOrder, FindingSeverity.Serious, basis.Id, null))!.Value;
        var orders = inspector.Get<CorrectiveOrderService>();
        var draft = (await orders.GetAsync(orderId)).Order;
        var token = await orders.SaveDraftAsync(orderId, draft.ConcurrencyToken, draft.Facts, "立即停止人工录入身份信息。", DeadlineMode.Date, null, today.AddDays(30));
        await orders.IssueAsync(orderId, token);

        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var seen = await carrier.Get<CorrectiveOrderService>().GetAsync(orderId);
        Assert.Contains(seen.Documents, d => d.Id == record.Id && d.Kind == DocumentKind.InspectionRecord);
        var text = Text((await carrier.Get<DocumentRegistry>().DownloadAsync(record.Id)).Pdf);
        Assert.Contains("现场检查记录", text);
        Assert.Contains(record.Number!, text);
        Assert.Single(await carrier.Get<DocumentRegistry>().ForOwnerAsync(InspectionService.OwnerType, inspection.Id.ToString()));
        // The working record and its preview are the administration's.
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<InspectionService>().GetAsync(inspection.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<InspectionService>().PreviewRecordAsync(inspection.Id));

        using var other = await portal.AsUserAsync("carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<DocumentRegistry>().DownloadAsync(record.Id));
        Assert.Empty(await other.Get<DocumentRegistry>().ForOwnerAsync(InspectionService.OwnerType, inspection.Id.ToString()));
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<CorrectiveOrderService>().GetAsync(orderId));
    }

    [Fact]
    public async Task Notices_issued_at_the_same_time_get_consecutive_numbers()
    {
        var ids = new List<long>();
        foreach (var code in new[] { "CMCC-640100", "CMCC-640200", "CMCC-640300", "CUCC-640100", "CUCC-640200", "CTCC-640100" })
            ids.Add(await DraftOrderAsync(portal, code));
        var issued = await Task.WhenAll(ids.Select(id => IssueAsync(portal, id)));
        var numbers = issued.Select(d => d.Sequence!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 6), numbers);
        Assert.Equal(6, issued.Select(d => d.Number).Distinct().Count());
        await using var db = portal.Db();
        Assert.All(await db.CorrectiveOrders.Where(o => ids.Contains(o.Id)).ToListAsync(), o => Assert.Contains(issued, d => d.Number == o.NoticeNumber));
    }

    [Fact]
    public async Task The_carrier_reports_with_checked_evidence_and_the_inspector_verifies_with_a_numbered_opinion()
    {
        var orderId = await DraftOrderAsync(portal, "CMCC-640200");
        await IssueAsync(portal, orderId);
        using var other = await portal.AsUserAsync("carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<CorrectiveOrderService>().ReplyAsync(orderId, "并非本单位的整改通知并非本单位", []));

        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var orders = carrier.Get<CorrectiveOrderService>();
        Assert.Equal("evidence.type", (await Assert.ThrowsAsync<DomainException>(() => orders.ReplyAsync(orderId, "已全部更换读卡器并组织培训", [new("整改照片.png", Executable)]))).Code);
        Assert.Equal(OrderState.Issued, (await OrderAsync(portal, orderId)).State);
        var reply = await orders.ReplyAsync(orderId, "已全部更换读卡器并组织培训，停止人工录入。", [new("整改照片.png", Png), new("整改报告（盖章）.pdf", Pdf)]);
        var mine = await orders.GetAsync(orderId);
        Assert.Equal(["image/png", "application/pdf"], mine.ReplyEvidence[reply.Id].Select(e => e.ContentType));
        Assert.Equal(OrderState.Replied, mine.Order.State);
        await using var db = portal.Db();
        var inspector = await db.Users.SingleAsync(u => u.UserName == "inspector.nx");
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == inspector.Id && n.DedupKey == $"order-reply:{orderId}:{reply.Id}" && n.Link == $"/inspections/orders/{orderId}"));

        using var leader = await portal.AsUserAsync("leader.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.Get<CorrectiveOrderService>().VerifyAsync(orderId, mine.Order.ConcurrencyToken, true, "整改到位，予以认可", DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), null));
        using var me = await portal.AsUserAsync("inspector.nx");
        var opinion = await me.Get<CorrectiveOrderService>().VerifyAsync(orderId, mine.Order.ConcurrencyToken, true, "现场抽查3个网点均使用读卡器，整改到位。", DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), null);
        Assert.Matches(@"^宁通管复〔\d{4}〕\d+号$", opinion.Number);
        var served = await orders.GetAsync(orderId);
        Assert.Equal(OrderState.Verified, served.Order.State);
        Assert.Equal([DocumentKind.CorrectiveNotice, DocumentKind.ServiceReceipt, DocumentKind.ReinspectionOpinion], served.Documents.Select(d => d.Kind));
        var text = Text((await carrier.Get<DocumentRegistry>().DownloadAsync(opinion.Id)).Pdf);
        Assert.Contains("整改合格", text);
        Assert.Contains(served.Order.NoticeNumber!, text);
    }

    [Fact]
    public async Task A_carrier_sees_only_its_issued_orders_never_plans_draws_rosters_records_findings_or_internal_notes()
    {
        var orderId = await DraftOrderAsync(portal, "CUCC-640300");
        await IssueAsync(portal, orderId);
        var draftId = await DraftOrderAsync(portal, "CUCC-640200");
        using var inspector = await portal.AsUserAsync("inspector.nx");
        await inspector.Get<InternalNoteService>().AddAsync(CorrectiveOrderService.OwnerType, orderId, "企业负责人态度消极，复查时重点核实");
        await using var db = portal.Db();
        // Another carrier's completed inspection: its issued record is that carrier's, never this one's.
        var demoInspection = await db.Inspections.OrderBy(i => i.Id).FirstAsync(i => i.Status == InspectionStatus.Completed && !i.Branch!.Code.StartsWith("CUCC"));
        // An item of that same inspection (without OrderBy the two queries may pick different inspections, as PostgreSQL does).
        var planned = await db.Inspections.Include(i => i.Items).Where(i => i.Status == InspectionStatus.Planned && i.Inspectors.Any(x => x.UserName == "inspector.nx"))
            .OrderBy(i => i.Id).FirstAsync();
        var evidence = await inspector.Get<InspectionService>().AddEvidenceAsync(planned.Id, planned.Items.OrderBy(x => x.Id).First().Id, "内部照片.png", Png);

        using var carrier = await portal.AsUserAsync("carrier.cucc.nx");
        var plan = await db.InspectionPlans.FirstAsync();
        var draw = await db.InspectionDraws.FirstAsync();
        Assert.Equal(0, (await carrier.Get<InspectionPlanService>().ListAsync(new PlanQuery(), new PageRequest())).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<InspectionPlanService>().GetAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<InspectionPlanService>().RosterAsync(plan.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.Get<InspectionPlanService>().RecusalsAsync());
        Assert.Equal(0, (await carrier.Get<DrawService>().ListAsync(new PageRequest())).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<DrawService>().GetAsync(draw.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<DrawService>().VerifyAsync(draw.Id));
        Assert.Equal(0, (await carrier.Get<InspectionService>().ListAsync(new InspectionQuery(), new PageRequest())).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<InspectionService>().GetAsync(demoInspection.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<InspectionService>().EvidenceAsync(evidence.Id));
        Assert.Equal(0, (await carrier.Get<FindingService>().ListAsync(new FindingQuery(), new PageRequest())).Total);
        Assert.Empty(await carrier.Get<InternalNoteService>().ListAsync(CorrectiveOrderService.OwnerType, orderId));
        Assert.Single(await inspector.Get<InternalNoteService>().ListAsync(CorrectiveOrderService.OwnerType, orderId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.Get<InternalNoteService>().AddAsync(CorrectiveOrderService.OwnerType, orderId, "企业写的备注"));
        Assert.Empty(await carrier.Get<DocumentRegistry>().ForOwnerAsync(InspectionService.OwnerType, demoInspection.Id.ToString()));

        var visible = (await carrier.Get<CorrectiveOrderService>().ListAsync(new OrderQuery(), new PageRequest(0, 100))).Items;
        Assert.Contains(visible, o => o.Id == orderId);
        Assert.DoesNotContain(visible, o => o.Id == draftId);
        Assert.All(visible, o => Assert.NotEqual(OrderState.Draft, o.State));
        Assert.All(visible, o => Assert.StartsWith("宁夏联通", o.Branch));
        using var cmcc = await portal.AsUserAsync("carrier.cmcc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => cmcc.Get<CorrectiveOrderService>().GetAsync(orderId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.Get<CorrectiveOrderService>().IssueAsync(draftId, Guid.Empty));
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.Get<CorrectiveOrderService>().GetAsync(draftId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.Get<CorrectiveOrderService>().IssueAsync(orderId, Guid.Empty));
    }

    [Fact]
    public async Task A_return_flag_becomes_a_finding_once_and_only_by_an_inspector()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        using (var carrier = await portal.AsUserAsync("carrier.cmcc.nx"))
        {
            var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-03", ["640100", "640200", "640300", "640400", "640500"], 4, ManualShare: 0.2));
            await carrier.Get<SubmissionService>().UploadAsync(new UploadRequest(branch.Id, "RN-MONTHLY", "2026-03", "三月月报.xlsx", "web", SubmitNow: true, Attested: true), file);
        }
        var flag = await db.SubmissionFlags.FirstAsync(f => f.Code == "FLAG_MANUAL_ENTRY" && db.Submissions.Any(s => s.Id == f.SubmissionId && s.Period == "2026-03"));

        using var leader = await portal.AsUserAsync("leader.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.Get<FindingService>().FromFlagAsync(flag.Id, FindingSeverity.General, null));
        using var carrierAgain = await portal.AsUserAsync("carrier.cmcc.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrierAgain.Get<FindingService>().FromFlagAsync(flag.Id, FindingSeverity.General, null));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var id = await inspector.Get<FindingService>().FromFlagAsync(flag.Id, FindingSeverity.Serious, null);
        var finding = (await inspector.Get<FindingService>().GetAsync(id)).Finding;
        Assert.Equal((FindingSource.SubmissionFlag, FindingStatus.Open, FindingSeverity.Serious), (finding.Source, finding.Status, finding.Severity));
        Assert.Contains("人工录入", finding.Facts);
        Assert.Equal(id, (await inspector.Get<FindingService>().FindingsOfFlagsAsync(flag.SubmissionId))[flag.Id]);
        Assert.Equal("finding.flag_done", (await Assert.ThrowsAsync<DomainException>(() => inspector.Get<FindingService>().FromFlagAsync(flag.Id, FindingSeverity.General, null))).Code);

        // Handed to enforcement: the finding waits for a case there (no case is opened here).
        await inspector.Get<FindingService>().DecideAsync(id, finding.ConcurrencyToken, FindingDecision.Enforcement, FindingSeverity.Severe,
            (await db.LegalBases.SingleAsync(b => b.Code == "ATFL-39")).Id, "情节严重，移交立案");
        var row = (await inspector.Get<FindingService>().ListAsync(new FindingQuery(FindingFilter.AwaitingCase), new PageRequest(0, 100))).Items.Single(f => f.Id == id);
        Assert.Equal("待立案", row.StateLabel);
        Assert.Empty(await db.CorrectiveOrders.Where(o => o.FindingId == id).ToListAsync());
    }

    [Fact]
    public async Task A_published_draw_is_queued_for_the_public_site_with_names_only_and_a_voided_draw_cancels_its_inspections()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CTCC", "CBN"], ["SEC-02"]);
        var published = await DrawAsync(portal, plan, "2026-11-30 现场摇号 07 21 33");
        using var inspector = await portal.AsUserAsync("inspector.nx");
        await inspector.Get<DrawService>().PublishAsync(published.Id);
        // A plan whose draw is published is not drawn again (only redrawn with a reason).
        Assert.Equal("draw.already_published", (await Assert.ThrowsAsync<DomainException>(() => DrawAsync(portal, plan))).Code);
        var voided = await DrawAsync(portal, await ActivePlanAsync(portal, PlanScope.Carriers, ["CTCC", "CBN"], ["SEC-02"]));
        await Assert.ThrowsAsync<DomainException>(() => inspector.Get<DrawService>().VoidAsync(voided.Id, "短"));
        await inspector.Get<DrawService>().VoidAsync(voided.Id, "检查项目选择有误，重新抽取");
        await using var db = portal.Db();
        Assert.All(await db.Inspections.Where(i => i.DrawId == voided.Id).ToListAsync(), i => Assert.Equal(InspectionStatus.Cancelled, i.Status));
        Assert.Equal("draw.published", (await Assert.ThrowsAsync<DomainException>(() => inspector.Get<DrawService>().VoidAsync(published.Id, "公开后不应能作废"))).Code);

        // 一公开: the published draw (never the voided one) is queued for the public site with names only and what verifies it.
        var announcements = await db.Announcements.AsNoTracking().Where(a => a.SourceType == DrawAnnouncement.SourceType).ToListAsync();
        var mine = Assert.Single(announcements, a => a.SourceId == published.Id.ToString());
        Assert.DoesNotContain(announcements, a => a.SourceId == voided.Id.ToString());
        Assert.Equal((Supervision.Domain.Publicity.AnnouncementKind.DrawResult, Supervision.Domain.Publicity.AnnouncementStatus.Draft, "宁夏回族自治区通信管理局"),
            (mine.Kind, mine.Status, mine.Authority));
        Assert.Contains("2026-11-30 现场摇号 07 21 33", mine.Facts);
        Assert.Contains(published.InputDigest, mine.Facts);
        var lines = mine.Body!.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("（宁夏局", l));
        Assert.Contains(lines, l => l.StartsWith("中国电信", StringComparison.Ordinal));
        Assert.DoesNotContain(published.Inspectors.First().UserId, mine.Body);
    }

    [Fact]
    public async Task A_redraw_needs_a_reason_keeps_the_first_draw_public_and_is_itself_published_at_once()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CMCC", "CUCC", "CTCC"], ["SEC-02"]);
        var first = await DrawAsync(portal, plan);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var draws = inspector.Get<DrawService>();
        // While the first result is unpublished: no second draw (void or publish it first), and no redraw either.
        Assert.Equal("draw.pending", (await Assert.ThrowsAsync<DomainException>(() => DrawAsync(portal, plan))).Code);
        Assert.Equal("draw.redraw_not_published",
            (await Assert.ThrowsAsync<DomainException>(() => draws.DrawAsync(new DrawCommand(plan, null, null, "名录遗漏两家分公司，需要重新抽取")))).Code);
        await draws.PublishAsync(first.Id);
        Assert.Equal("draw.redraw_reason", (await Assert.ThrowsAsync<DomainException>(() => draws.DrawAsync(new DrawCommand(plan, null, null, "重抽")))).Code);

        var second = await draws.DrawAsync(new DrawCommand(plan, null, null, "名录遗漏两家分公司，需要重新抽取"));
        await using var db = portal.Db();
        var (earlier, later) = (await db.InspectionDraws.AsNoTracking().SingleAsync(d => d.Id == first.Id), await db.InspectionDraws.AsNoTracking().SingleAsync(d => d.Id == second.Id));
        Assert.True(earlier.IsPublished);
        Assert.NotNull(earlier.SupersededAt);
        Assert.True(later.IsPublished);
        Assert.Equal((first.Id, "名录遗漏两家分公司，需要重新抽取"), (later.RedrawOfId, later.RedrawReason));
        Assert.All(await db.Inspections.Where(i => i.DrawId == first.Id).ToListAsync(), i => Assert.Equal(InspectionStatus.Cancelled, i.Status));
        Assert.All(await db.Inspections.Where(i => i.DrawId == second.Id).ToListAsync(), i => Assert.Equal(InspectionStatus.Planned, i.Status));
        var queued = await db.Announcements.AsNoTracking().Where(a => a.SourceType == DrawAnnouncement.SourceType && (a.SourceId == first.Id.ToString() || a.SourceId == second.Id.ToString())).ToListAsync();
        Assert.Equal(2, queued.Count);
        Assert.StartsWith("因名录遗漏两家分公司，需要重新抽取，重新抽取（原抽取结果继续公开）。", queued.Single(a => a.SourceId == second.Id.ToString()).Facts);

        // The page lists what may be done: the plan offers a redraw now; the superseded draw offers nothing.
        var details = await inspector.Get<InspectionPlanService>().GetAsync(plan);
        Assert.Contains(details.Actions, a => a.Key == PlanActions.Redraw && a.Allowed);
        Assert.Empty((await draws.GetAsync(first.Id)).Actions);
        Assert.Equal([DrawActions.ReplaceInspector], (await draws.GetAsync(second.Id)).Actions.Select(a => a.Key));
    }

    [Fact]
    public async Task An_inspector_is_replaced_by_a_verifiable_random_pick_never_a_recused_or_already_assigned_one()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CUCC"], ["SEC-02"]);
        var draw = await DrawAsync(portal, plan);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var draws = inspector.Get<DrawService>();
        var pick = draw.Result.Single();
        var leaving = pick.Inspectors[0];
        // Not before publication: an unpublished draw is voided and drawn again instead.
        Assert.Equal("draw.replace_not_published", (await Assert.ThrowsAsync<DomainException>(() => draws.ReplaceInspectorAsync(draw.Id, pick.EntityKey, leaving, "因病住院，不能参加检查"))).Code);
        await draws.PublishAsync(draw.Id);
        Assert.Equal("draw.replace_reason", (await Assert.ThrowsAsync<DomainException>(() => draws.ReplaceInspectorAsync(draw.Id, pick.EntityKey, leaving, "病"))).Code);

        var replacement = await draws.ReplaceInspectorAsync(draw.Id, pick.EntityKey, leaving, "因病住院，不能参加检查");
        Assert.Equal(leaving, replacement.ReplacedUserName);
        Assert.DoesNotContain(replacement.ReplacementUserName, pick.Inspectors);
        // The demo recusal: inspector2.nx ↔ 中国联通 — never a candidate for a Unicom entity.
        Assert.DoesNotContain("inspector2.nx", replacement.Candidates);
        Assert.DoesNotContain(pick.Inspectors[1], replacement.Candidates);

        await using var db = portal.Db();
        var inspection = await db.Inspections.Include(i => i.Inspectors).SingleAsync(i => i.DrawId == draw.Id);
        Assert.Equal(new[] { pick.Inspectors[1], replacement.ReplacementUserName }.Order(), inspection.Inspectors.Select(i => i.UserName).Order());
        Assert.True(await db.Notifications.AnyAsync(n => n.DedupKey == $"inspection-assigned:{inspection.Id}:{replacement.Id}"));
        var announcement = await db.Announcements.AsNoTracking().SingleAsync(a => a.SourceType == DrawAnnouncement.ReplacementSourceType && a.SourceId == replacement.Id.ToString());
        Assert.Contains(replacement.Seed, announcement.Facts);

        // Anyone can run it again: the check reproduces it, and a changed record no longer verifies.
        var check = await draws.VerifyAsync(draw.Id);
        Assert.Equal((1, 1), (check.Replacements, check.ReplacementsReproduced));
        var stored = await db.DrawReplacements.SingleAsync(r => r.Id == replacement.Id);
        // Someone swaps who was drawn.
        db.Entry(stored).Property(r => r.ReplacementUserName).CurrentValue = "inspector2.nx";
        await db.SaveChangesAsync();
        Assert.Equal((1, 0), ((await draws.VerifyAsync(draw.Id)).Replacements, (await draws.VerifyAsync(draw.Id)).ReplacementsReproduced));
    }
}
