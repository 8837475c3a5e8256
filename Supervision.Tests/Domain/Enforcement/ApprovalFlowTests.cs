using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Notifications;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// Approvals in the system, on both databases: each step the province's settings gate is refused (naming its article)
/// until the 局领导 — or the deputy an administrator designated — approved exactly what the step takes; a refusal keeps it
/// blocked; a changed content no longer counts; the requester never approves his own request; another province's leader
/// and the carrier see nothing; the approval prints on the 审批表.
/// </summary>
public class ApprovalFlowTests(Portal portal) : IClassFixture<Portal>
{
    private static string Text(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private sealed record Actors(IServiceScope Inspector, IServiceScope Leader, IServiceScope Carrier, int Branch, int Basis, int Province, Dictionary<string, string> Users)
    {
        public EnforcementService Cases => Inspector.Get<EnforcementService>();
        public ApprovalService Approvals => Leader.Get<ApprovalService>();
    }

    private async Task<Actors> ActorsAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var users = await db.Users.Where(u => u.ProvinceId == branch.ProvinceId).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        return new(await portal.AsUserAsync("inspector.nx"), await portal.AsUserAsync("leader.nx"), await portal.AsUserAsync("carrier.cmcc.nx"),
            branch.Id, basis.Id, branch.ProvinceId, users);
    }

    private static async Task<ApprovalRow> PendingAsync(Actors a, long caseId, ApprovalStep step) =>
        (await a.Approvals.PendingAsync()).Single(r => r.CaseId == caseId && r.Step == step);

    private async Task<long> FileAsync(Actors a, string title) =>
        await a.Cases.FileAsync(new FileCaseInput(a.Branch, a.Basis, title, "2026年3月暗访发现某合作营业厅为未出示证件的用户办理入网。",
            new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), [a.Users["inspector.nx"], a.Users["inspector2.nx"]], DifferentActConfirmed: true)); // each test's case is an act of its own

    /// <summary>A case filed with approval, investigated, with sanctions proposed and the prior notice served on 2026-04-30.</summary>
    private async Task<EnforcementCase> NoticedAsync(Actors a, string title, int violationDay, params SanctionInput[] sanctions)
    {
        portal.Today(new DateOnly(2026, 4, 30));
        // One act per case (its day differs): a fine in one test's case is no second fine of another's act (Art. 29).
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, a.Cases, new FileCaseInput(a.Branch, a.Basis, title, "2026年3月暗访发现某合作营业厅为未出示证件的用户办理入网。",
            new DateOnly(2026, 3, violationDay), new DateOnly(2026, 4, 20), [a.Users["inspector.nx"], a.Users["inspector2.nx"]], DifferentActConfirmed: true)); // each test's case is an act of its own
        var c = await a.Cases.StartInvestigationAsync(id, (await a.Cases.GetAsync(id)).ConcurrencyToken);
        c = await a.Cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        c = await a.Cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿。");
        c = await a.Cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await a.Cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 11));
        return await a.Cases.GetAsync(id);
    }

    private SanctionInput[] WarningAndFine(Actors a, decimal fine) => [Lawful.Correction(a.Basis), new(SanctionKind.Warning, a.Basis, null, "警告"), new(SanctionKind.Fine, a.Basis, fine, "罚款")];

    [Fact]
    public async Task Filing_waits_for_the_leaders_approval_a_refusal_keeps_it_blocked_and_the_approval_prints_on_the_filing_form()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 20));
        var id = await FileAsync(a, "营业厅未查验证件开卡（立案审批）");
        var c = await a.Cases.GetAsync(id);
        Assert.Null(c.CaseNumber);
        var request = Assert.Single(c.ApprovalRequests);
        Assert.Equal((ApprovalStep.Filing, ApprovalStatus.Pending, "马建国（宁夏局网安处）"), (request.Step, request.Status, request.RequestedByName));
        Assert.Contains("营业厅未查验证件开卡（立案审批）", request.Content);

        // Neither the filing form nor the investigation before the approval (Art. 54).
        var refused = await Assert.ThrowsAsync<DomainException>(() => a.Cases.IssueFilingApprovalAsync(id));
        Assert.Equal("approval.pending", refused.Code);
        Assert.Contains("行政处罚法第五十四条", refused.Message);
        Assert.Equal("approval.pending", (await Assert.ThrowsAsync<DomainException>(() => a.Cases.StartInvestigationAsync(id, c.ConcurrencyToken))).Code);
        Assert.Contains(c.ActionsFor(Acting.Officer, new DateOnly(2026, 4, 20)), x => x.Key == "issue-filing" && !x.Allowed);

        // The leader was told; he refuses with an opinion, and the step stays blocked with it.
        using (var leaderNotes = await portal.AsUserAsync("leader.nx"))
            Assert.Contains((await leaderNotes.Get<NotificationService>().ListAsync(new PageRequest(0, 50))).Items, n => n.Title == "待审批：立案" && n.Body.Contains("马建国"));
        var pending = await PendingAsync(a, id, ApprovalStep.Filing);
        await Assert.ThrowsAsync<DomainException>(() => a.Approvals.DecideAsync(pending.Id, false, ""));
        await a.Approvals.DecideAsync(pending.Id, false, "违法事实尚需补充核实，暂不同意立案。");
        refused = await Assert.ThrowsAsync<DomainException>(() => a.Cases.IssueFilingApprovalAsync(id));
        Assert.Equal("approval.refused", refused.Code);
        Assert.Contains("暂不同意立案", refused.Message);
        Assert.Contains((await a.Inspector.Get<NotificationService>().ListAsync(new PageRequest(0, 50))).Items,
            n => n.Title == "立案未获批准" && n.Body.Contains("王志强（宁夏局副局长）") && n.Link == $"/cases/{id}");
        await Assert.ThrowsAsync<DomainException>(() => a.Approvals.DecideAsync(pending.Id, true, "同意。")); // decided once
        // The inspector's home page lists the refusal with the leader's opinion, linked to the case.
        var mine = (await a.Inspector.Get<Supervision.Domain.Overview.HomeService>().InspectorAsync()).Sections.Single(s => s.Key == "approvals").Items;
        var item = Assert.Single(mine, i => i.Href == $"/cases/{id}");
        Assert.Equal(("不予批准", "王志强（宁夏局副局长）：违法事实尚需补充核实，暂不同意立案。（可修改后重新报请）"), (item.Status, item.Detail));

        // Asked again, approved: the form is issued with the approval on it and the case number.
        c = await a.Cases.GetAsync(id);
        c = await a.Cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Filing, new ApprovalProposal(), "已补充核实营业厅工单，建议立案。");
        portal.Today(new DateOnly(2026, 4, 21));
        await a.Approvals.DecideAsync((await PendingAsync(a, id, ApprovalStep.Filing)).Id, true, "同意立案调查。");
        var form = await a.Cases.IssueFilingApprovalAsync(id);
        var text = Text((await a.Inspector.Get<DocumentRegistry>().DownloadAsync(form.Id)).Pdf);
        foreach (var expected in new[] { "立案审批表", "同意立案调查。", "负责人：王志强", "2026年4月21日", "承办人意见", "已补充核实营业厅工单，建议立案。", "承办人：马建国", "负责人审批意见", "法制审核意见" })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("leader.nx", text);
        Assert.DoesNotContain("（宁夏局副局长）", text);      // the form names the person, not the post
        c = await a.Cases.GetAsync(id);
        Assert.Equal(form.Number, c.CaseNumber);
        Assert.Equal([ApprovalStatus.Refused, ApprovalStatus.Used], c.ApprovalRequests.OrderBy(r => r.Id).Select(r => r.Status));
        // Asked for before the case had a number, the requests are named by it once the filing is issued (inbox, history, home page).
        Assert.All(c.ApprovalRequests, r => Assert.Equal($"{form.Number} 营业厅未查验证件开卡（立案审批）", r.Subject));
        await a.Cases.StartInvestigationAsync(id, c.ConcurrencyToken);
    }

    [Fact]
    public async Task The_decision_is_made_only_as_approved_and_a_changed_content_needs_a_new_approval()
    {
        var a = await ActorsAsync();
        var sanctions = WarningAndFine(a, 20_000m);
        var c = await NoticedAsync(a, "营业厅未查验证件开卡（决定审批）", 11, sanctions);

        var refused = await Assert.ThrowsAsync<DomainException>(() => a.Cases.DecideAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), sanctions));
        Assert.Equal("approval.required", refused.Code);
        Assert.Contains("行政处罚法第五十七条", refused.Message);
        Assert.Contains(c.ActionsFor(Acting.Officer, new DateOnly(2026, 5, 11)), x => x.Key == "decide" && !x.Allowed);

        c = await a.Cases.RequestApprovalAsync(c.Id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: sanctions), "建议按告知内容处罚。");
        Assert.Equal("approval.pending", (await Assert.ThrowsAsync<DomainException>(() =>
            a.Cases.RequestApprovalAsync(c.Id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: sanctions), "再次报请。"))).Code);
        var pending = await PendingAsync(a, c.Id, ApprovalStep.Decision);
        Assert.Contains("罚款人民币贰万元整", pending.Content);
        await a.Approvals.DecideAsync(pending.Id, true, "同意给予警告并处罚款二万元。");

        // A lighter fine than approved is another decision: the approval does not cover it.
        refused = await Assert.ThrowsAsync<DomainException>(() => a.Cases.DecideAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), WarningAndFine(a, 15_000m)));
        Assert.Equal("approval.content_changed", refused.Code);
        Assert.Contains("行政处罚法第五十七条", refused.Message);

        await a.Cases.DecideAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), sanctions);
        var documents = await a.Inspector.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, c.Id.ToString());
        var form = Assert.Single(documents, d => d.Kind == DocumentKind.DecisionApproval);
        var text = Text((await a.Inspector.Get<DocumentRegistry>().DownloadAsync(form.Id)).Pdf);
        foreach (var expected in new[] { "行政处罚决定审批表", "同意给予警告并处罚款二万元。", "负责人：王志强", "罚款人民币贰万元整", "法制审核意见", "集体讨论结论" })
            Assert.Contains(expected, text);

        // The approval form is internal: the carrier's documents never include it, nor the requests.
        var party = await a.Carrier.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, c.Id.ToString());
        Assert.DoesNotContain(party, d => d.Kind is DocumentKind.DecisionApproval or DocumentKind.CaseFilingApproval);
    }

    [Fact]
    public async Task Sanctions_proposed_anew_after_the_approval_supersede_it()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, a.Cases, new FileCaseInput(a.Branch, a.Basis, "营业厅未查验证件开卡（重新拟定）", "暗访发现营业厅未查验证件。",
            new DateOnly(2026, 3, 13), new DateOnly(2026, 4, 20), [a.Users["inspector.nx"], a.Users["inspector2.nx"]], DifferentActConfirmed: true)); // each test's case is an act of its own
        var c = await a.Cases.StartInvestigationAsync(id, (await a.Cases.GetAsync(id)).ConcurrencyToken);
        c = await a.Cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        c = await a.Cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚。");
        var first = WarningAndFine(a, 20_000m);
        c = await a.Cases.ProposeAsync(id, c.ConcurrencyToken, first);
        c = await a.Cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: first), "建议处罚。");
        await a.Approvals.DecideAsync((await PendingAsync(a, id, ApprovalStep.Decision)).Id, true, "同意。");
        c = await a.Cases.GetAsync(id);
        c = await a.Cases.ProposeAsync(id, c.ConcurrencyToken, WarningAndFine(a, 25_000m));
        Assert.Equal(ApprovalStatus.Superseded, Assert.Single(c.ApprovalRequests, r => r.Step == ApprovalStep.Decision).Status);
        await a.Cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 11));
        c = await a.Cases.GetAsync(id);
        var refused = await Assert.ThrowsAsync<DomainException>(() => a.Cases.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), first));
        Assert.Equal("approval.content_changed", refused.Code);
    }

    [Fact]
    public async Task Extension_and_deferral_go_on_only_on_their_approval_which_names_the_approving_user()
    {
        var a = await ActorsAsync();
        var sanctions = WarningAndFine(a, 10_000m);
        var c = await NoticedAsync(a, "营业厅未查验证件开卡（延期与暂缓）", 12, sanctions);
        const string reason = "案情复杂，需补充调查取证";
        var refused = await Assert.ThrowsAsync<DomainException>(() => a.Cases.ExtendDecisionPeriodAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 8, 18), reason));
        Assert.Equal("approval.required", refused.Code);
        Assert.Contains("行政处罚法第六十条", refused.Message);
        c = await a.Cases.RequestApprovalAsync(c.Id, c.ConcurrencyToken, ApprovalStep.DecisionExtension, new ApprovalProposal(new DateOnly(2026, 8, 18), reason), "");
        await a.Approvals.DecideAsync((await PendingAsync(a, c.Id, ApprovalStep.DecisionExtension)).Id, true, "同意延长。");
        c = await a.Cases.GetAsync(c.Id);
        Assert.Equal("approval.content_changed", (await Assert.ThrowsAsync<DomainException>(() =>
            a.Cases.ExtendDecisionPeriodAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 8, 17), reason))).Code);
        c = await a.Cases.ExtendDecisionPeriodAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 8, 18), reason);
        Assert.Equal(new DateOnly(2026, 8, 18), c.EffectiveDecisionDueDate);
        Assert.Equal("王志强（宁夏局副局长）", Assert.Single(c.Approvals).ApprovedBy);

        await LeaderApproval.DecideAsync(portal.ScopeFor, a.Cases, c.Id, new DateOnly(2026, 5, 11), sanctions);
        c = await a.Cases.GetAsync(c.Id);
        await a.Cases.ServeAsync(c.Id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), "直接送达");
        c = await a.Cases.GetAsync(c.Id);
        const string why = "企业资金周转困难，申请暂缓缴纳";
        refused = await Assert.ThrowsAsync<DomainException>(() =>
            a.Cases.ApprovePaymentArrangementAsync(c.Id, c.ConcurrencyToken, ApprovalKind.Deferral, new DateOnly(2026, 7, 31), null, why));
        Assert.Equal("approval.required", refused.Code);
        Assert.Contains("行政处罚法第六十六条", refused.Message);
        c = await a.Cases.RequestApprovalAsync(c.Id, c.ConcurrencyToken, ApprovalStep.Deferral, new ApprovalProposal(new DateOnly(2026, 7, 31), why), "");
        await a.Approvals.DecideAsync((await PendingAsync(a, c.Id, ApprovalStep.Deferral)).Id, true, "同意暂缓至7月底。");
        c = await a.Cases.GetAsync(c.Id);
        c = await a.Cases.ApprovePaymentArrangementAsync(c.Id, c.ConcurrencyToken, ApprovalKind.Deferral, new DateOnly(2026, 7, 31), null, why);
        Assert.Equal(new DateOnly(2026, 7, 31), c.EffectivePaymentDueDate);
        Assert.Contains(c.Approvals, x => x.Kind == ApprovalKind.Deferral && x.ApprovedBy == "王志强（宁夏局副局长）");
    }

    [Fact]
    public async Task Only_the_provinces_leader_or_its_deputy_approves_never_the_requester_another_province_or_a_carrier()
    {
        var a = await ActorsAsync();
        portal.Today(new DateOnly(2026, 4, 20));
        var id = await FileAsync(a, "营业厅未查验证件开卡（审批权限）");
        var request = await PendingAsync(a, id, ApprovalStep.Filing);

        // The inspector who asked is designated deputy: he approves others' requests, never his own.
        using (var admin = await portal.AsUserAsync("admin"))
        {
            var settings = await admin.Get<EnforcementService>().SettingsAsync(a.Province);
            var edit = new EnforcementSettings { ProvinceId = a.Province }.CopyFrom(settings);
            edit.DeputyApproverId = a.Users["inspector.nx"];
            await admin.Get<EnforcementService>().SaveSettingsAsync(edit);
        }
        Assert.Equal("马建国（宁夏局网安处）", (await a.Inspector.Get<ApprovalService>().CurrentApproverAsync())!.Name);
        Assert.Equal("approval.own_request", (await Assert.ThrowsAsync<DomainException>(() => a.Inspector.Get<ApprovalService>().DecideAsync(request.Id, true, "同意。"))).Code);
        using var other = await portal.AsUserAsync("inspector2.nx");
        Assert.Null(await other.Get<ApprovalService>().CurrentApproverAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => other.Get<ApprovalService>().DecideAsync(request.Id, true, "同意。"));

        // A leader of another province neither sees nor decides it.
        await using (var db = portal.Db())
        {
            var gd = await db.Provinces.SingleAsync(p => p.Code == "44");
            if (!await db.Users.AnyAsync(u => u.UserName == "leader.gd"))
            {
                db.Users.Add(new AppUser { UserName = "leader.gd", NormalizedUserName = "LEADER.GD", DisplayName = "黄磊（广东局领导）", Role = UserRole.Leader, ProvinceId = gd.Id });
                await db.SaveChangesAsync();
            }
        }
        using var gdLeader = await portal.AsUserAsync("leader.gd");
        Assert.Empty(await gdLeader.Get<ApprovalService>().PendingAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => gdLeader.Get<ApprovalService>().DecideAsync(request.Id, true, "同意。"));

        // The carrier: no inbox, no request through the database, none on its case.
        Assert.Null(await a.Carrier.Get<ApprovalService>().CurrentApproverAsync());
        Assert.Empty(await a.Carrier.Get<ApprovalService>().PendingAsync());
        await using (var carrierDb = portal.Db(AccessScope.ForBranches(a.Province, (await portal.Db().Branches.SingleAsync(b => b.Id == a.Branch)).CarrierId, [a.Branch])))
            Assert.Empty(await carrierDb.ApprovalRequests.ToListAsync());

        // The province's leader decides it; the decision is his (display name, never the login).
        var decided = await a.Approvals.DecideAsync(request.Id, true, "同意立案。");
        Assert.Equal(("王志强（宁夏局副局长）", ApprovalStatus.Approved), (decided.ApproverName, decided.Status));
    }
}
