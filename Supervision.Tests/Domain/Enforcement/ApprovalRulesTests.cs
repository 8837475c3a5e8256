using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// Which steps need approval is the province's data: seeded for 宁夏 from seed-data, and an administrator's change applies
/// to the cases filed after it (its own portal: the change would reach the other tests' cases).
/// </summary>
public class ApprovalRulesTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task The_seeded_steps_need_approval_and_a_step_the_province_frees_goes_on_without_one()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var users = await db.Users.Where(u => u.ProvinceId == branch.ProvinceId).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        using var admin = await portal.AsUserAsync("admin");
        var settings = await admin.Get<EnforcementService>().SettingsAsync(branch.ProvinceId);
        Assert.Equal([ApprovalStep.Filing, ApprovalStep.Decision, ApprovalStep.NoPenalty, ApprovalStep.DecisionExtension, ApprovalStep.Deferral, ApprovalStep.Instalments, ApprovalStep.Publication],
            ApprovalSteps.Parse(settings.ApprovalSteps).Order());

        // The administrator keeps only the decision's approval.
        var edit = new EnforcementSettings { ProvinceId = branch.ProvinceId }.CopyFrom(settings);
        edit.ApprovalSteps = ApprovalSteps.Format([ApprovalStep.Decision]);
        await admin.Get<EnforcementService>().SaveSettingsAsync(edit);

        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await cases.FileAsync(new FileCaseInput(branch.Id, basis.Id, "营业厅未查验证件开卡（本省规则）", "暗访发现营业厅未查验证件。",
            new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), [users["inspector.nx"], users["inspector2.nx"]]));
        var c = await cases.GetAsync(id);
        Assert.NotNull(c.CaseNumber); // filing needs no approval now: the form is issued with the filing
        Assert.Empty(c.ApprovalRequests);
        Assert.Equal("approval.not_required", (await Assert.ThrowsAsync<DomainException>(() =>
            cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Filing, new ApprovalProposal(), ""))).Code);
        c = await cases.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await cases.ExtendDecisionPeriodAsync(id, c.ConcurrencyToken, c.EffectiveDecisionDueDate.AddDays(10), "案情复杂，需补充调查取证");
        Assert.Null(Assert.Single(c.Approvals).ApprovedBy); // recorded without approval, as the province's rules allow

        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚。");
        SanctionInput[] sanctions = [new(SanctionKind.Warning, basis.Id, null, "警告")];
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 11));
        c = await cases.GetAsync(id);
        Assert.Equal("approval.required", (await Assert.ThrowsAsync<DomainException>(() => cases.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), sanctions))).Code);
        await LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, new DateOnly(2026, 5, 11), sanctions);
        Assert.Equal(CaseState.Decided, (await cases.GetAsync(id)).State);
    }
}
