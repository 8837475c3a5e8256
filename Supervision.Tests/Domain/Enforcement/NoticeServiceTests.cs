using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// Service of the 事先告知书 through the service and the database (行政处罚法第六十一条, 第六十二条): by post it is served on the date of
/// receipt and its 送达回证 says so; through the portal (on consent) on the day the party first opens it — the statement period runs
/// from then and no decision comes before it lapsed.
/// </summary>
public class NoticeServiceTests(Portal portal) : IClassFixture<Portal>
{
    private static string Text(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    /// <summary>A case against the branch under review on 2026-05-29 with its penalty proposed (corrective order, warning, fine).</summary>
    private async Task<(long Id, SanctionInput[] Sanctions)> ProposedAsync(string branchCode, string title, string? discretion = null)
    {
        int branch, basis;
        string[] investigators;
        await using (var db = portal.Db())
        {
            branch = (await db.Branches.SingleAsync(b => b.Code == branchCode)).Id;
            basis = (await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06")).Id;
            investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        }
        portal.Today(new DateOnly(2026, 5, 29));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch, basis, title,
            "2026年5月10日，执法人员暗访发现某合作营业厅在用户未出示有效证件的情况下为其办理入网手续。", new DateOnly(2026, 5, 10), new DateOnly(2026, 5, 20), investigators));
        var c = await cases.GetAsync(id);
        c = await cases.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份及入网工单三份", new DateOnly(2026, 5, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，建议给予警告并处罚款。");
        SanctionInput[] sanctions = [Lawful.Correction(basis), new(SanctionKind.Warning, basis, null, "警告"), new(SanctionKind.Fine, basis, 10_000m, "罚款")];
        await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions, discretionReason: discretion);
        return (id, sanctions);
    }

    private const string Discretion = "当事人涉及电话卡3张，系首次因此类行为被查处，未发现造成用户损失的后果，调查期间积极配合并已停止违规办理，按法定幅度的下限确定罚款数额";

    [Fact]
    public async Task The_prior_notice_states_the_range_and_the_reasons_of_the_intended_fine_and_the_decision_repeats_the_same_paragraph()
    {
        var (id, sanctions) = await ProposedAsync("CTCC-64", "未按规定查验入网用户身份证件（告知罚款裁量理由）", Discretion);
        portal.Today(new DateOnly(2026, 6, 1));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var registry = inspector.Get<DocumentRegistry>();
        Assert.Equal(Discretion, (await cases.GetAsync(id)).DiscretionReason);
        var notice = await cases.ServePriorNoticeAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 6, 1));

        // Art. 44: the intended penalty with its facts, reasons and basis — the range the basis allows and why this amount within it.
        var paragraph = $"关于罚款数额：《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第十九条规定的罚款幅度为¥10,000.00至¥30,000.00；{Discretion}。";
        var noticeText = Text((await registry.DownloadAsync(notice.Id)).Pdf);
        Assert.Contains(paragraph.Replace(" ", ""), noticeText);
        Assert.True(noticeText.IndexOf("关于罚款数额", StringComparison.Ordinal) < noticeText.IndexOf("拟", noticeText.IndexOf("关于罚款数额", StringComparison.Ordinal), StringComparison.Ordinal));
        // Before the party is heard the reasons are those of an intended penalty, open to 陈述、申辩; the decision does not say so.
        const string Intended = "以上是本机关拟作出罚款及其数额的理由，你单位可以就此陈述、申辩。";
        Assert.Contains(paragraph.Replace(" ", "") + Intended, noticeText);

        // Decided without other reasons: the decision states the very paragraph the party was told of.
        portal.Today(new DateOnly(2026, 6, 5));
        var decision = await LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, new DateOnly(2026, 6, 5), sanctions);
        // Read across pages: a paragraph that runs onto the next page is not split by the page footer (page number, verification code).
        var decisionText = System.Text.RegularExpressions.Regex.Replace(Text((await registry.DownloadAsync(decision.Id)).Pdf), "—\\d+—扫码核验，核验码：[A-Z0-9-]+可登录.*?输入核验码核验", "");
        Assert.Contains(paragraph.Replace(" ", ""), decisionText);
        Assert.DoesNotContain(Intended, decisionText);
        // Until an administrator verified the province's court, the decision names none that may lack jurisdiction.
        Assert.Contains("依法向有管辖权的人民法院提起行政诉讼", decisionText);

        // No 法制审核 was required: the 审批表 says why and cites the bureau's threshold with its verified source (the template's
        // test data), and states why no hearing right arose — from the setting the notice applied; nothing 待核对 on it.
        var documents = await registry.ForOwnerAsync(EnforcementService.OwnerType, id.ToString());
        var approval = Text((await registry.DownloadAsync(Assert.Single(documents, d => d.Kind == DocumentKind.DecisionApproval).Id)).Pdf);
        Assert.Contains("依法无需法制审核：本案未经听证程序", approval);
        Assert.Contains("法制审核金额标准为拟罚款¥30,000.00以上（《中华人民共和国行政处罚法》第五十八条第一款；法制审核金额标准为测试数据）", approval);
        // The 陈述申辩及听证 row says once why no hearing right arose (not again in other words at its end).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(approval, "听证范围"));
        Assert.DoesNotContain("本案不属于应当告知听证权利的情形", approval);
        Assert.Contains("拟罚款¥10,000.00，未达到本省较大数额罚款标准（罚款¥50,000.00以上，依据：《中华人民共和国行政处罚法》第六十三条第一款第（一）项；较大数额罚款标准为测试数据）", approval);
        Assert.DoesNotContain("待核对", approval);
    }

    [Fact]
    public async Task A_notice_citing_a_basis_no_longer_verified_is_not_issued_until_an_administrator_confirms_it()
    {
        var (id, _) = await ProposedAsync("CUCC-640100", "未按规定查验入网用户身份证件（依据待核对）");
        int basis;
        await using (var db = portal.Db())
        {
            var entry = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
            entry.MarkUnverified(); // as an administrator's edit of what the article says leaves it
            await db.SaveChangesAsync();
            basis = entry.Id;
        }
        try
        {
            portal.Today(new DateOnly(2026, 6, 1));
            using var inspector = await portal.AsUserAsync("inspector.nx");
            var cases = inspector.Get<EnforcementService>();
            var token = (await cases.GetAsync(id)).ConcurrencyToken;
            var refused = await Assert.ThrowsAsync<DomainException>(() => cases.ServePriorNoticeAsync(id, token, new DateOnly(2026, 6, 1)));
            Assert.Equal("document.basis_unverified", refused.Code);
            Assert.Contains("《电话用户真实身份信息登记规定》", refused.Message);
            Assert.Contains("第六条", refused.Message);
            Assert.Null((await cases.GetAsync(id)).PriorNoticeServedOn); // nothing issued or served

            using (var admin = await portal.AsUserAsync("admin")) await admin.Get<CatalogService>().ConfirmLegalBasisAsync(basis);
            await cases.ServePriorNoticeAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 6, 1));
            Assert.Equal(new DateOnly(2026, 6, 1), (await cases.GetAsync(id)).PriorNoticeServedOn);
        }
        finally
        {
            using var admin = await portal.AsUserAsync("admin");
            await admin.Get<CatalogService>().ConfirmLegalBasisAsync(basis);
        }
    }

    [Fact]
    public async Task On_an_unverified_legal_review_threshold_the_decision_is_refused_until_reviewed_or_the_administrator_confirms_the_setting()
    {
        var (id, sanctions) = await ProposedAsync("CMCC-640200", "未按规定查验入网用户身份证件（法制审核标准未核对）");
        int province;
        await using (var db = portal.Db()) province = await db.EnforcementCases.Where(c => c.Id == id).Select(c => c.ProvinceId).SingleAsync();
        async Task SetVerifiedAsync(bool verified)
        {
            using var admin = await portal.AsUserAsync("admin");
            var edit = new EnforcementSettings { ProvinceId = province }.CopyFrom(await admin.Get<EnforcementService>().SettingsAsync(province));
            edit.LegalReviewThresholdVerified = verified;
            await admin.Get<EnforcementService>().SaveSettingsAsync(edit);
        }
        await SetVerifiedAsync(false);
        try
        {
            portal.Today(new DateOnly(2026, 6, 1));
            using var inspector = await portal.AsUserAsync("inspector.nx");
            var cases = inspector.Get<EnforcementService>();
            await cases.ServePriorNoticeAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 6, 1));
            portal.Today(new DateOnly(2026, 6, 5));
            var refused = await Assert.ThrowsAsync<DomainException>(() => LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, new DateOnly(2026, 6, 5), sanctions));
            Assert.Equal("case.legal_review_threshold_unverified", refused.Code);
            Assert.Contains("法制审核金额标准", refused.Message);

            // A source still marked 待核对 cannot be confirmed; the administrator's confirmation with its source is audited.
            using (var admin = await portal.AsUserAsync("admin"))
            {
                var edit = new EnforcementSettings { ProvinceId = province }.CopyFrom(await admin.Get<EnforcementService>().SettingsAsync(province));
                (edit.LegalReviewThresholdSource, edit.LegalReviewThresholdVerified) = ("《中华人民共和国行政处罚法》第五十八条第一款；金额标准文件和条款待核对", true);
                var invalid = await Assert.ThrowsAsync<DomainException>(() => admin.Get<EnforcementService>().SaveSettingsAsync(edit));
                Assert.Equal("settings.invalid", invalid.Code);
                Assert.Contains("法制审核金额标准的依据仍写着“待核对”", invalid.Message);
            }
            await SetVerifiedAsync(true);
            await using (var db = portal.Db())
                Assert.Contains(await db.AuditEntries.Where(e => e.EntityType == nameof(EnforcementSettings)).Select(e => e.Changes).ToListAsync(),
                    changes => changes != null && changes.Contains(nameof(EnforcementSettings.LegalReviewThresholdVerified)));
            await LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, new DateOnly(2026, 6, 5), sanctions);
            Assert.Equal(CaseState.Decided, (await cases.GetAsync(id)).State);
        }
        finally { await SetVerifiedAsync(true); }
    }

    [Fact]
    public async Task A_prior_notice_by_post_is_served_on_the_receipt_date_and_its_service_receipt_is_dated_by_it()
    {
        var (id, _) = await ProposedAsync("CUCC-64", "未按规定查验入网用户身份证件（邮寄送达告知书）");
        portal.Today(new DateOnly(2026, 6, 4));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var token = (await cases.GetAsync(id)).ConcurrencyToken;

        // Without the 邮件号, or with a receipt before the posting, nothing is served or issued.
        var noTracking = await Assert.ThrowsAsync<DomainException>(() => cases.ServePriorNoticeAsync(id, token, new DateOnly(2026, 6, 4), method: ServiceMethods.Post,
            details: new ServiceDetails(PostedOn: new DateOnly(2026, 6, 1))));
        Assert.Equal("case.postal_tracking", noTracking.Code);
        Assert.Contains("行政处罚法第六十一条", noTracking.Message);
        var early = await Assert.ThrowsAsync<DomainException>(() => cases.ServePriorNoticeAsync(id, token, new DateOnly(2026, 5, 29), method: ServiceMethods.Post,
            details: new ServiceDetails(PostedOn: new DateOnly(2026, 6, 1), TrackingNumber: "1179230645164")));
        Assert.Equal("case.postal_receipt", early.Code);
        await using (var db = portal.Db())
            Assert.False(await db.IssuedDocuments.AnyAsync(d => d.OwnerId == id.ToString() && (d.Kind == DocumentKind.PriorNotice || d.Kind == DocumentKind.ServiceReceipt)));

        // Posted Monday 1 June, received Thursday 4 June: served on the 4th, three working days to state — to Tuesday 9 June.
        var notice = await cases.ServePriorNoticeAsync(id, token, new DateOnly(2026, 6, 4), method: ServiceMethods.Post,
            details: new ServiceDetails(PostedOn: new DateOnly(2026, 6, 1), TrackingNumber: "1179230645164", Servers: ["马建国", "李娟"]));
        var c = await cases.GetAsync(id);
        Assert.Equal((CaseState.PriorNoticeServed, new DateOnly(2026, 6, 4), new DateOnly(2026, 6, 9)), (c.State, c.PriorNoticeServedOn, c.StatementDeadline));
        Assert.Equal(new DateOnly(2026, 6, 1), notice.IssueDate); // the notice is dated the day it left, not the day it arrived
        var service = Assert.Single(c.Services);
        Assert.Equal((DocumentKind.PriorNotice, ServiceMethods.Post, new DateOnly(2026, 6, 1), "1179230645164", "马建国、李娟"),
            (service.Document, service.Method, service.PostedOn, service.TrackingNumber, service.Servers));

        var documents = await inspector.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, id.ToString());
        var receipt = Assert.Single(documents, d => d.Kind == DocumentKind.ServiceReceipt);
        Assert.Equal(new DateOnly(2026, 6, 4), receipt.IssueDate); // dated by receipt, never before the posting
        var text = Text((await inspector.Get<DocumentRegistry>().DownloadAsync(receipt.Id)).Pdf);
        Assert.Contains($"行政处罚事先告知书（{notice.Number}）", text);
        Assert.Contains("■邮寄送达", text);
        Assert.Contains("2026年6月4日（2026年6月1日交邮，邮件号1179230645164", text);
        Assert.Contains("送达人：马建国", text);
        Assert.Contains("送达人：李娟", text);

        // No decision before the period, counted from the receipt, has lapsed (Arts. 44, 62).
        portal.Today(new DateOnly(2026, 6, 9));
        using var later = await portal.AsUserAsync("inspector.nx");
        var decide = (await later.Get<EnforcementService>().GetAsync(id)).ActionsFor(Acting.Officer, new DateOnly(2026, 6, 9)).Single(a => a.Key == "decide");
        Assert.Contains("2026年6月4日", decide.NotYet);
        Assert.Contains("第六十二条", decide.NotYet);
        var after = (await later.Get<EnforcementService>().GetAsync(id)).ActionsFor(Acting.Officer, new DateOnly(2026, 6, 10)).Single(a => a.Key == "decide").NotYet;
        Assert.True(after is null || !after.Contains("陈述申辩期限"), after);
    }

    [Fact]
    public async Task A_prior_notice_sent_through_the_portal_is_served_when_the_party_first_opens_it_and_the_statement_period_runs_from_then()
    {
        int cmcc;
        await using (var db = portal.Db())
            cmcc = (await db.Branches.SingleAsync(b => b.Code == "CMCC-64")).Id;
        portal.Today(new DateOnly(2026, 4, 1));
        using (var admin = await portal.AsUserAsync("carrier.cmcc.nx"))
            await admin.Get<ServiceAddressService>().RecordAsync(cmcc, new ServiceAddressInput
            {
                PostalAddress = "宁夏银川市金凤区宁安大街100号", RecipientName = "马丽", RecipientPhone = "13909511234", Email = "wenshu@nx.chinamobile.example",
                ConsentsToElectronicService = true, ResponsiblePerson = "王强", SignedOn = new DateOnly(2026, 4, 1), Attested = true,
            });
        var (id, sanctions) = await ProposedAsync("CMCC-64", "未按规定查验入网用户身份证件（电子送达告知书）");

        // Sent on Monday 1 June: in the party's portal, nothing served yet, the penalty stated stands.
        portal.Today(new DateOnly(2026, 6, 1));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        // Sent through the portal, the file is the original: without the authority's seal it cannot go (Art. 59 para 2), and nothing is issued.
        var token = (await cases.GetAsync(id)).ConcurrencyToken;
        var unsealed = await Assert.ThrowsAsync<DomainException>(() => cases.ServePriorNoticeAsync(id, token, new DateOnly(2026, 6, 1), method: EnforcementCase.PortalService));
        Assert.Equal("case.electronic_service_unsealed", unsealed.Code);
        Assert.Contains("第五十九条第二款", unsealed.Message);
        await using (var db = portal.Db())
        {
            Assert.False(await db.IssuedDocuments.AnyAsync(d => d.Kind == DocumentKind.PriorNotice && d.OwnerId == id.ToString()));
            var province = (await db.Branches.SingleAsync(b => b.Id == cmcc)).ProvinceId;
            using var admin = await portal.AsUserAsync("admin");
            await admin.Get<OrganizationService>().SetSealAsync(province, "宁夏局公章.png", Supervision.Tests.Reports.Documents.TestImages.RedRing(400));
        }
        var notice = await cases.ServePriorNoticeAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 6, 1), method: EnforcementCase.PortalService);
        Assert.True(notice.Sealed);
        var c = await cases.GetAsync(id);
        Assert.Equal((CaseState.UnderReview, new DateOnly(2026, 6, 1), (DateOnly?)null, (DateOnly?)null), (c.State, c.PriorNoticeSentOn, c.PriorNoticeServedOn, c.StatementDeadline));
        Assert.Empty(c.Services);
        Assert.Equal("case.notice_sent", (await Assert.ThrowsAsync<DomainException>(() => cases.ProposeAsync(id, c.ConcurrencyToken, sanctions))).Code);
        var early = await Assert.ThrowsAsync<DomainException>(() => cases.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 6, 1), sanctions, discretionReason: "初次违法"));
        Assert.Equal("case.no_prior_notice", early.Code);
        Assert.Contains("尚未查阅", early.Message);
        Assert.Contains("第六十二条", early.Message);

        // The party opens it on Monday 8 June: served that day, three working days to state — to Thursday 11 June.
        portal.Today(new DateOnly(2026, 6, 8));
        using (var me = await portal.AsUserAsync("carrier.cmcc.nx"))
        {
            var mine = me.Get<EnforcementService>();
            Assert.Contains((await mine.GetAsync(id)).ActionsFor(Acting.Party, new DateOnly(2026, 6, 8)), a => a.Key == "read-notice");
            await mine.OpenDocumentAsync(id, notice.Id);
        }
        c = await cases.GetAsync(id);
        Assert.Equal((CaseState.PriorNoticeServed, new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 11)), (c.State, c.PriorNoticeServedOn, c.StatementDeadline));
        var service = Assert.Single(c.Services);
        Assert.Equal((DocumentKind.PriorNotice, EnforcementCase.PortalService, new DateOnly(2026, 6, 1)), (service.Document, service.Method, service.SentOn));
        Assert.NotNull(service.OpenedAt);

        // A colleague opening it days later moves nothing.
        portal.Today(new DateOnly(2026, 6, 10));
        using (var colleague = await portal.AsUserAsync("preparer.cmcc.nx"))
            await colleague.Get<EnforcementService>().OpenDocumentAsync(id, notice.Id);
        Assert.Equal(new DateOnly(2026, 6, 8), (await cases.GetAsync(id)).PriorNoticeServedOn);

        // Its 送达回证 states the consent, the sending and the first opening, dated the day of service.
        var documents = await inspector.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, id.ToString());
        var receipt = Assert.Single(documents, d => d.Kind == DocumentKind.ServiceReceipt);
        Assert.Equal(new DateOnly(2026, 6, 8), receipt.IssueDate);
        var text = Text((await inspector.Get<DocumentRegistry>().DownloadAsync(receipt.Id)).Pdf);
        Assert.Contains($"行政处罚事先告知书（{notice.Number}）", text);
        Assert.Contains("经当事人签署送达地址确认书（2026年4月1日）同意，本文书于2026年6月1日通过平台及电子邮件送达，当事人于2026年6月8日", text);

        // The period runs from the opening: a decision on 11 June is refused, on 12 June it is not held back by the notice.
        portal.Today(new DateOnly(2026, 6, 12));
        using var later = await portal.AsUserAsync("inspector.nx");
        c = await later.Get<EnforcementService>().GetAsync(id);
        var refused = await Assert.ThrowsAsync<DomainException>(() => later.Get<EnforcementService>().DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 6, 11), sanctions,
            discretionReason: "初次违法，情节较轻"));
        Assert.Equal("case.statement_period_running", refused.Code);
        Assert.Contains("2026年6月8日", refused.Message);
        Assert.Contains("第六十二条", refused.Message);
        await LeaderApproval.DecideAsync(portal.ScopeFor, later.Get<EnforcementService>(), id, new DateOnly(2026, 6, 12), sanctions);
        Assert.Equal(CaseState.Decided, (await later.Get<EnforcementService>().GetAsync(id)).State);
    }
}
