using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>The gates through the service and the database: the catalog check, the hearing chair on the notice, the no-penalty decision.</summary>
public class CaseGatesFlowTests(Portal portal) : IClassFixture<Portal>
{
    private T As<T>(AccessScope scope, string actor = "inspector.nx") where T : notnull => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    private static string Text(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private async Task<(AccessScope Inspector, AccessScope Carrier, int Branch, Dictionary<string, string> Users)> ActorsAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var users = await db.Users.Where(u => u.ProvinceId == branch.ProvinceId).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        return (AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector), AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), branch.Id, users);
    }

    private async Task<int> BasisAsync(string code)
    {
        await using var db = portal.Db();
        return await db.LegalBases.Where(b => b.Code == code).Select(b => b.Id).SingleAsync();
    }

    private async Task<EnforcementCase> ReviewedAsync(AccessScope inspector, int branch, int basis, string[] investigators)
    {
        var cases = As<EnforcementService>(inspector);
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch, basis, "未按规定查验入网用户身份证件", "暗访发现某合作营业厅为未出示证件的用户办理入网。",
            new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), investigators, DiscoveredOn: new DateOnly(2026, 4, 15)));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        return await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿。");
    }

    [Fact]
    public async Task A_penalty_on_an_unchecked_basis_is_refused_until_an_administrator_confirms_it_in_the_catalog()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 30));
        var basis = await BasisAsync("ORD25-A10"); // 待核对 in the seed, and confirmed neither by the demo (ORD25-A09) nor by the test template (ORD25-A06)
        var c = await ReviewedAsync(a.Inspector, a.Branch, basis, [a.Users["inspector.nx"], a.Users["inspector2.nx"]]);
        Assert.Equal(new DateOnly(2026, 4, 15), c.DiscoveredOn);
        var cases = As<EnforcementService>(a.Inspector);
        SanctionInput[] penalty = [Lawful.Correction(basis), new(SanctionKind.Warning, basis, null, "警告"), new(SanctionKind.Fine, basis, 20_000m, "罚款")];
        var refused = await Assert.ThrowsAsync<DomainException>(() => cases.ProposeAsync(c.Id, c.ConcurrencyToken, penalty));
        Assert.Equal("legal_basis.unverified", refused.Code);
        Assert.Contains("系统管理员", refused.Message);
        // A fine alone under Order 25 is refused too, whatever the check, and so is warning and fine without the corrective order
        // (the seed says 责令限期改正 and 警告 are mandatory: 第十九条 "责令限期改正，予以警告，可以并处…罚款").
        await As<CatalogService>(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin").ConfirmLegalBasisAsync(basis);
        var alone = await Assert.ThrowsAsync<DomainException>(() => cases.ProposeAsync(c.Id, c.ConcurrencyToken, [penalty[2]]));
        Assert.Equal("case.mandatory_sanction", alone.Code);
        var withoutOrder = await Assert.ThrowsAsync<DomainException>(() => cases.ProposeAsync(c.Id, c.ConcurrencyToken, [penalty[1], penalty[2]]));
        Assert.Equal("case.mandatory_sanction", withoutOrder.Code);
        Assert.Contains("第十九条", withoutOrder.Message);
        Assert.Contains("缺少责令限期改正", withoutOrder.Message);

        var proposed = await cases.ProposeAsync(c.Id, c.ConcurrencyToken, penalty);
        Assert.Equal(3, proposed.Sanctions.Count);
    }

    [Fact]
    public async Task A_hearing_is_chaired_by_an_officer_who_did_not_investigate_and_the_notice_names_the_panel()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 30));
        var basis = await BasisAsync("ATFL-39-SERIOUS");
        var c = await ReviewedAsync(a.Inspector, a.Branch, basis, [a.Users["inspector.nx"], a.Users["inspector2.nx"]]);
        var cases = As<EnforcementService>(a.Inspector);
        // The serious tier of 反电信网络诈骗法第三十九条 rests on 情节严重 recorded in the case.
        SanctionInput[] serious = [new(SanctionKind.Fine, basis, 500_000m, "罚款"), new(SanctionKind.SuspendBusiness, basis, null, "暂停新增入网业务")];
        Assert.Equal("case.condition_not_recorded", (await Assert.ThrowsAsync<DomainException>(() => cases.ProposeAsync(c.Id, c.ConcurrencyToken, serious))).Code);
        Assert.Contains(c.ActionsFor(Acting.Officer, new DateOnly(2026, 4, 30)), x => x.Key == "aggravation");
        c = await cases.RecordAggravatingFactsAsync(c.Id, c.ConcurrencyToken, "半年内为未核验身份的用户办理电话卡1.2万张，其中300张被用于电信诈骗");
        c = await cases.ProposeAsync(c.Id, c.ConcurrencyToken, serious);
        await cases.ServePriorNoticeAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 6));
        await As<EnforcementService>(a.Carrier, "carrier.cmcc.nx").RequestHearingAsync(c.Id);
        c = await cases.GetAsync(c.Id);

        // The hearing notice is served as the prior notice and the decision are: electronically only with consent (Art. 61 para 2).
        var electronic = await Assert.ThrowsAsync<DomainException>(() => cases.ScheduleHearingAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), new DateOnly(2026, 5, 20), new TimeOnly(9, 30),
            "第一会议室", a.Users["inspector3.nx"], null, "刘洋", method: ServiceMethods.Electronic));
        Assert.Equal("case.electronic_service_without_consent", electronic.Code);
        Assert.Contains("第六十一条第二款", electronic.Message);
        var refused = await Assert.ThrowsAsync<DomainException>(() => cases.ScheduleHearingAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), new DateOnly(2026, 5, 20), new TimeOnly(9, 30),
            "第一会议室", a.Users["inspector2.nx"], null, "刘洋"));
        Assert.Equal("case.hearing_chair_investigator", refused.Code);
        Assert.Contains("第六十四条", refused.Message);

        // The notice must reach the party seven (working) days before the hearing and cannot be dated after it (Art. 64 (二)).
        var shortNotice = await Assert.ThrowsAsync<DomainException>(() => cases.ScheduleHearingAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), new DateOnly(2026, 5, 13), new TimeOnly(9, 30),
            "第一会议室", a.Users["inspector3.nx"], null, "刘洋"));
        Assert.Equal("case.hearing_notice_short", shortNotice.Code);
        Assert.Contains("第六十四条第（二）项", shortNotice.Message);
        await using (var db = portal.Db())
            Assert.Equal(1, await db.IssuedDocuments.CountAsync(d => d.OwnerId == c.Id.ToString() && d.Kind == DocumentKind.ServiceReceipt)); // the refused notice issued nothing

        // Not public, for a trade secret (Art. 64 (三)): the case keeps the ground and the notice states it.
        var notice = await cases.ScheduleHearingAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), new DateOnly(2026, 5, 20), new TimeOnly(9, 30), "第一会议室",
            a.Users["inspector3.nx"], "刘洋（宁夏局信管处）", "赵敏", closedGround: HearingPrivacyGround.TradeSecret);
        Assert.Equal(HearingPrivacyGround.TradeSecret, (await cases.GetAsync(c.Id)).HearingClosedGround);
        var text = Text((await As<DocumentRegistry>(a.Inspector).DownloadAsync(notice.Id)).Pdf);
        Assert.Contains("是否公开：不公开举行。本案听证涉及商业秘密，依据《中华人民共和国行政处罚法》第六十四条第（三）项的规定，不公开举行", text);
        Assert.Contains("主持人：张伟（宁夏局网安处）", text);
        Assert.Contains("听证员：刘洋（宁夏局信管处）", text);
        Assert.Contains("记录员：赵敏", text);
        Assert.Contains("申请回避", text);
        // The notice names the hour, and its service is proved by its own 送达回证.
        Assert.Contains("本机关定于2026年5月20日上午9时30分在第一会议室举行听证", text);
        Assert.Contains("听证时间：2026年5月20日上午9时30分", text);
        var receipts = await As<DocumentRegistry>(a.Inspector).ForOwnerAsync(EnforcementService.OwnerType, c.Id.ToString());
        var hearingReceipt = receipts.Where(d => d.Kind == DocumentKind.ServiceReceipt).OrderBy(d => d.Id).Last();
        var receiptText = Text((await As<DocumentRegistry>(a.Inspector).DownloadAsync(hearingReceipt.Id)).Pdf);
        Assert.Contains($"听证通知书（{notice.Number}）", receiptText);
        Assert.Equal(new DateOnly(2026, 5, 6), hearingReceipt.IssueDate);
    }

    [Fact]
    public async Task No_penalty_ends_with_a_numbered_decision_the_party_receives()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 5, 6));
        var c = await ReviewedAsync(a.Inspector, a.Branch, await BasisAsync("ORD25-A06"), [a.Users["inspector.nx"], a.Users["inspector2.nx"]]);
        // 不予行政处罚 is a decision of the responsible person (Art. 57): refused until the 局领导 approved exactly this reason.
        var inspector = As<EnforcementService>(a.Inspector);
        const string reason = "初次违法且危害后果轻微，并已及时改正";
        var refused = await Assert.ThrowsAsync<DomainException>(() => inspector.DecideNoPenaltyAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), "APL33-1-FIRST", reason));
        Assert.Equal("approval.required", refused.Code);
        Assert.Contains("行政处罚法第五十七条", refused.Message);
        c = await inspector.RequestApprovalAsync(c.Id, c.ConcurrencyToken, ApprovalStep.NoPenalty, new ApprovalProposal(Reason: reason), "建议不予行政处罚。");
        await LeaderApproval.ApproveAsync(portal.ScopeFor, c.Id, ApprovalStep.NoPenalty);
        c = await inspector.GetAsync(c.Id);
        // The ground comes from the catalog (行政处罚法第三十三条, 第五十七条第一款): none, or one not in it, is refused.
        Assert.Equal("case.no_penalty_ground", (await Assert.ThrowsAsync<DomainException>(() => inspector.DecideNoPenaltyAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), null, reason))).Code);
        Assert.Equal("case.no_penalty_ground", (await Assert.ThrowsAsync<DomainException>(() => inspector.DecideNoPenaltyAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), "APL99", reason))).Code);
        Assert.Equal(4, (await inspector.NoPenaltyGroundsAsync()).Count);
        var decision = await inspector.DecideNoPenaltyAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), "APL33-1-FIRST", reason);
        Assert.Equal(DocumentKind.NoPenaltyDecision, decision.Kind);
        Assert.Matches(@"^宁通管不罚〔2026〕\d+号$", decision.Number);
        Assert.Equal((decision.Number, "APL33-1-FIRST"), ((await inspector.GetAsync(c.Id)).NoPenaltyNumber, (await inspector.GetAsync(c.Id)).NoPenaltyGroundCode));

        var party = await As<DocumentRegistry>(a.Carrier, "carrier.cmcc.nx").ForOwnerAsync(EnforcementService.OwnerType, c.Id.ToString());
        Assert.Equal([DocumentKind.NoPenaltyDecision], party.Select(d => d.Kind));
        var text = Text((await As<DocumentRegistry>(a.Carrier, "carrier.cmcc.nx").DownloadAsync(party[0].Id)).Pdf);
        foreach (var expected in new[] { "不予行政处罚决定书", decision.Number, "属于初次违法且危害后果轻微并及时改正的情形", "第三十三条第一款、第五十七条第一款第（二）项", "不予行政处罚", "申请行政复议" })
            Assert.Contains(expected!, text);
        Assert.Equal(CaseState.NoPenalty, (await As<EnforcementService>(a.Carrier, "carrier.cmcc.nx").GetAsync(c.Id)).State);
    }
}
