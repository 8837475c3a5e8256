using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Reports.Enforcement;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Supervision.Tests.Domain.Enforcement;

public class EnforcementFlowTests(Portal portal) : IClassFixture<Portal>
{
    private sealed record Actors(AccessScope Inspector, AccessScope Carrier, AccessScope OtherCarrier, AccessScope Leader, int Branch, int Basis, string[] Investigators);

    private async Task<Actors> ActorsAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var other = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        return new(AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector), AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]),
            AccessScope.ForBranches(other.ProvinceId, other.CarrierId, [other.Id]), AccessScope.ForProvince(branch.ProvinceId, true, UserRole.Leader), branch.Id, basis.Id, investigators);
    }

    private T As<T>(AccessScope scope, string actor = "inspector.nx") where T : notnull => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    private static string Text(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private async Task<long> FiledAsync(Actors a, string title = "未按规定查验入网用户身份证件", DateOnly? violation = null, bool differentAct = false)
    {
        var docs = As<EnforcementService>(a.Inspector);
        return await LeaderApproval.FileAsync(portal.ScopeFor, docs, new FileCaseInput(a.Branch, a.Basis, title, "2026年3月10日，执法人员暗访发现银川市某合作营业厅在用户未出示有效证件的情况下为其办理入网手续。",
            violation ?? new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), a.Investigators, DifferentActConfirmed: differentAct));
    }

    private async Task<EnforcementCase> UnderReviewAsync(Actors a, long id, IReadOnlyList<SanctionInput> sanctions)
    {
        var cases = As<EnforcementService>(a.Inspector);
        var c = await cases.GetAsync(id);
        c = await cases.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份及入网工单三份", new DateOnly(2026, 4, 22), ("录像截图.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]));
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，建议给予警告并处罚款。");
        return await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
    }

    [Fact]
    public async Task A_case_runs_from_filing_to_closing_with_its_documents_and_the_party_sees_only_what_was_served()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await FiledAsync(a);
        var cases = As<EnforcementService>(a.Inspector);
        var docs = As<EnforcementService>(a.Inspector);
        var registry = As<DocumentRegistry>(a.Inspector);
        var filed = await cases.GetAsync(id);
        Assert.Matches(@"^宁通管立〔2026〕\d+号$", filed.CaseNumber);
        await Assert.ThrowsAsync<NotFoundException>(() => As<EnforcementService>(a.Carrier, "carrier.cmcc.nx").GetAsync(id)); // not yet told

        var c = await UnderReviewAsync(a, id, [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, 20_000m, "罚款"),
            new(SanctionKind.PublicAnnouncement, a.Basis, null, "向社会公告")]);
        var preview = Text(await docs.PreviewAsync(id, EnforcementService.PreviewKind.PriorNotice, new DateOnly(2026, 4, 30)));
        Assert.Contains("（签发时编号）", preview);
        await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));

        // The party now sees the case and the notice, states its case, but cannot see the internal filing approval.
        var carrierCases = As<EnforcementService>(a.Carrier, "carrier.cmcc.nx");
        Assert.Equal(CaseState.PriorNoticeServed, (await carrierCases.GetAsync(id)).State);
        var carrierDocs = await As<DocumentRegistry>(a.Carrier, "carrier.cmcc.nx").ForOwnerAsync(EnforcementService.OwnerType, id.ToString());
        // The notice and its 送达回证 (service recorded: the periods run from it).
        Assert.Equal([DocumentKind.PriorNotice, DocumentKind.ServiceReceipt], carrierDocs.Select(d => d.Kind));
        var notice = Text((await registry.DownloadAsync(carrierDocs[0].Id)).Pdf);
        foreach (var expected in new[] { "行政处罚事先告知书", "中国移动通信集团宁夏有限公司", "第十九条", "人民币贰万元整", "陈述和申辩", "自收到本告知书之日起三个工作日内" })
            Assert.Contains(expected, notice);
        await Assert.ThrowsAsync<NotFoundException>(() => As<EnforcementService>(a.OtherCarrier, "carrier.cucc.nx").GetAsync(id));
        portal.Today(new DateOnly(2026, 5, 6));
        await carrierCases.RecordStatementAsync(id, "涉事网点为合作代理商，我公司已于4月25日终止合作并全面排查。", waiver: false, null);
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrierCases.WithdrawAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), "企业自行撤销案件"));

        portal.Today(new DateOnly(2026, 5, 28)); // each later step is dated on or before the day it is recorded
        c = await cases.GetAsync(id);
        // The statement on record must be reviewed, adopted or not and why, before the decision (Art. 45).
        Assert.Contains(c.ActionsFor(Acting.Officer, new DateOnly(2026, 5, 28)), x => x is { Key: "statement-review", Primary: true });
        var unreviewed = await Assert.ThrowsAsync<DomainException>(() => docs.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11),
            [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, 15_000m, "罚款"), new(SanctionKind.PublicAnnouncement, a.Basis, null, "公告")]));
        Assert.Equal("case.statement_not_reviewed", unreviewed.Code);
        Assert.Contains("行政处罚法第四十五条", unreviewed.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrierCases.ReviewStatementsAsync(id, c.ConcurrencyToken, StatementAdoption.Adopted, "企业自行认定采纳"));
        c = await cases.ReviewStatementsAsync(id, c.ConcurrencyToken, StatementAdoption.PartlyAdopted, "你单位终止与涉事代理商合作并全面排查属实，可以从轻处罚，但不影响违法事实的认定");
        Assert.Equal((StatementAdoption.PartlyAdopted, "你单位终止与涉事代理商合作并全面排查属实，可以从轻处罚，但不影响违法事实的认定"),
            ((await cases.GetAsync(id)).StatementAdoption, (await cases.GetAsync(id)).StatementAdoptionReason));
        var decision = await LeaderApproval.DecideAsync(portal.ScopeFor, docs, id, new DateOnly(2026, 5, 11),
            [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, 15_000m, "罚款"), new(SanctionKind.PublicAnnouncement, a.Basis, null, "公告")]);
        Assert.Matches(@"^宁通管罚〔2026〕\d+号$", decision.Number);
        var decisionText = Text((await registry.DownloadAsync(decision.Id)).Pdf);
        foreach (var element in new[] { "行政处罚决定书", "统一社会信用代码", "住所", "违法事实和证据", "暗访录像", "处罚依据和内容", "人民币壹万伍仟元整", "履行方式和期限",
                     "十五日内", "百分之三", "3%", "六十日内", "工业和信息化部", "六个月内", "有管辖权的人民法院", "宁夏回族自治区通信管理局", "2026年5月11日", "在规定期限内提出了陈述、申辩意见",
                     "经复核，本机关认为你单位终止与涉事代理商合作并全面排查属实，可以从轻处罚，但不影响违法事实的认定，对你单位的陈述、申辩意见部分予以采纳。" })
            Assert.Contains(element.Replace("百分之三", "3%"), decisionText);
        Assert.DoesNotContain(DocumentKind.PenaltyDecision, (await As<DocumentRegistry>(a.Carrier, "carrier.cmcc.nx").ForOwnerAsync(EnforcementService.OwnerType, id.ToString())).Select(d => d.Kind));
        await using (var db = portal.Db())
        {
            var announcement = await db.Announcements.SingleAsync(x => x.SourceId == id.ToString());
            Assert.Equal((AnnouncementStatus.Draft, new DateOnly(2026, 5, 20)), (announcement.Status, announcement.DueBy)); // 7 working days after 11 May
        }

        c = await cases.GetAsync(id);
        await docs.ServeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 12), "直接送达");
        var served = (await As<DocumentRegistry>(a.Carrier, "carrier.cmcc.nx").ForOwnerAsync(EnforcementService.OwnerType, id.ToString())).Select(d => d.Kind).ToList();
        Assert.Contains(DocumentKind.PenaltyDecision, served);
        Assert.Contains(DocumentKind.ServiceReceipt, served);
        await carrierCases.AcknowledgeServiceAsync(id);

        c = await cases.GetAsync(id);
        Assert.Equal(new DateOnly(2026, 5, 27), c.PaymentDueDate);
        c = await cases.RecordPaymentAsync(id, c.ConcurrencyToken, 15_000m, new DateOnly(2026, 5, 20), "非税2026-0520-001");
        var publish = c.Sanctions.Single(s => s.Kind == SanctionKind.PublicAnnouncement);
        c = await cases.ExecuteSanctionAsync(id, c.ConcurrencyToken, publish.Id, new DateOnly(2026, 5, 19), "已在门户网站公告");
        var correction = c.Sanctions.Single(s => s.Kind == SanctionKind.CorrectiveOrder);
        Assert.Equal("case.sanctions_open", (await Assert.ThrowsAsync<DomainException>(() => cases.CloseAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 28)))).Code);
        c = await cases.ExecuteSanctionAsync(id, c.ConcurrencyToken, correction.Id, new DateOnly(2026, 5, 26), "经复查，整改合格");
        c = await cases.CloseAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 28));
        Assert.Equal(CaseState.Closed, c.State);
        Assert.True(c.Steps.Count >= 12);

        // The party can take no more steps on the closed case: refused with its own code, naming when it was closed.
        var late = await Assert.ThrowsAsync<DomainException>(() => carrierCases.AcknowledgeServiceAsync(id));
        Assert.Equal("case.closed", late.Code);
        Assert.Contains("2026年5月28日结案", late.Message);
        Assert.Equal("case.closed", (await Assert.ThrowsAsync<DomainException>(() => carrierCases.RecordStatementAsync(id, "补充陈述：已全面整改。", waiver: false, null))).Code);
    }

    [Fact]
    public async Task A_refused_step_consumes_no_number_and_a_stale_page_cannot_overwrite_a_colleagues_change()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await FiledAsync(a, "未按规定登记用户身份信息", new DateOnly(2026, 3, 11));
        var c = await UnderReviewAsync(a, id, [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告")]);
        var docs = As<EnforcementService>(a.Inspector);
        await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        c = await As<EnforcementService>(a.Inspector).GetAsync(id);
        await using var db = portal.Db();
        int? Last() => db.DocumentSequences.AsNoTracking().Where(s => s.Code == "罚" && s.Year == 2026).Select(s => (int?)s.LastNumber).FirstOrDefault();
        var before = Last();
        var early = await Assert.ThrowsAsync<DomainException>(() => docs.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告")]));
        Assert.Equal("case.statement_period_running", early.Code);
        Assert.Equal(before, Last());

        var stale = c.ConcurrencyToken;
        portal.Today(new DateOnly(2026, 5, 7));
        await As<EnforcementService>(a.Inspector, "inspector2.nx").RecordStatementAsync(id, "当事人当面陈述：系个别员工违规操作。", waiver: false, null);
        var conflict = await Assert.ThrowsAsync<DomainException>(() => docs.DecideAsync(id, stale, new DateOnly(2026, 5, 11), [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告")]));
        Assert.Equal("case.changed", conflict.Code);
        Assert.Equal(before, Last());
    }

    [Fact]
    public async Task Leaders_read_but_cannot_act_and_an_act_fined_once_is_not_fined_again()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 5, 6));
        var first = await FiledAsync(a, "违规为他人代办入网", new DateOnly(2026, 2, 2));
        await UnderReviewAsync(a, first, [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, 10_000m, "罚款")]);
        var leader = As<EnforcementService>(a.Leader, "leader.nx");
        Assert.Equal(CaseState.UnderReview, (await leader.GetAsync(first)).State);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await leader.WithdrawAsync(first, (await leader.GetAsync(first)).ConcurrencyToken, new DateOnly(2026, 5, 6), "领导撤销案件"));

        // The first case decides its fine; a second case on the same act (same party, basis and day) cannot fine it again.
        var cases = As<EnforcementService>(a.Inspector);
        var docs = As<EnforcementService>(a.Inspector);
        var c = await cases.GetAsync(first);
        await docs.ServePriorNoticeAsync(first, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        c = await cases.RecordStatementAsync(first, "放弃陈述申辩。", waiver: true, null); // the officer records the party's written waiver
        await LeaderApproval.DecideAsync(portal.ScopeFor, docs, first, new DateOnly(2026, 5, 6), [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, 10_000m, "罚款")]);
        // Filing it is held back until the inspector confirms a different act (Art. 29); even then the same act is not fined twice.
        Assert.Equal(EnforcementService.SameActCode, (await Assert.ThrowsAsync<DomainException>(() => FiledAsync(a, "违规为他人代办入网", new DateOnly(2026, 2, 2)))).Code);
        var second = await FiledAsync(a, "违规为他人代办入网", new DateOnly(2026, 2, 2), differentAct: true);
        var twice = await Assert.ThrowsAsync<DomainException>(() => UnderReviewAsync(a, second, [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, 10_000m, "罚款")]));
        Assert.Equal("case.double_fine", twice.Code);
    }
}
