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

        // The steps the law puts on the responsible person cannot be freed.
        var edit = new EnforcementSettings { ProvinceId = branch.ProvinceId }.CopyFrom(settings);
        edit.ApprovalSteps = ApprovalSteps.Format([ApprovalStep.Decision]);
        var refused = await Assert.ThrowsAsync<DomainException>(() => admin.Get<EnforcementService>().SaveSettingsAsync(edit));
        Assert.Equal(("settings.invalid", "立案、不予行政处罚、延长作出决定期限依法须经行政机关负责人批准，不能取消审批。"), (refused.Code, refused.Message));

        // The administrator frees publication, deferral and instalments; cases filed after it need no approval for them.
        edit.ApprovalSteps = ApprovalSteps.Format([ApprovalStep.Filing, ApprovalStep.Decision, ApprovalStep.NoPenalty, ApprovalStep.DecisionExtension]);
        await admin.Get<EnforcementService>().SaveSettingsAsync(edit);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await cases.FileAsync(new FileCaseInput(branch.Id, basis.Id, "营业厅未查验证件开卡（本省规则）", "暗访发现营业厅未查验证件。",
            new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), [users["inspector.nx"], users["inspector2.nx"]]));
        var c = await cases.GetAsync(id);
        Assert.Equal((false, false, true, true), (c.Requires(ApprovalStep.Publication), c.Requires(ApprovalStep.Deferral), c.Requires(ApprovalStep.Filing), c.Requires(ApprovalStep.Decision)));
        Assert.Equal("approval.not_required", (await Assert.ThrowsAsync<DomainException>(() =>
            cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Deferral, new ApprovalProposal(), ""))).Code);

        // The filing still waits for approval, and only a 局领导 gives it: the designated deputy (an inspector) may not.
        Assert.Null(c.CaseNumber);
        edit.DeputyApproverId = users["inspector3.nx"];
        await admin.Get<EnforcementService>().SaveSettingsAsync(edit);
        var deputy = await LeaderApproval.LeaderAsync(portal.ScopeFor, id, "inspector3.nx");
        Assert.DoesNotContain(await deputy.PendingAsync(), r => r.CaseId == id); // the deputy's inbox leaves out what only the responsible person may approve
        var request = Assert.Single(c.ApprovalRequests);
        var notDeputy = await Assert.ThrowsAsync<DomainException>(() => deputy.DecideAsync(request.Id, true, "同意立案。"));
        Assert.Equal(("approval.responsible_person", "立案须由行政机关负责人（局领导）批准（行政处罚法第五十四条），指定审批人不能审批。"), (notDeputy.Code, notDeputy.Message));
        await LeaderApproval.ApproveAsync(portal.ScopeFor, id, ApprovalStep.Filing);
        await cases.IssueFilingApprovalAsync(id);
        Assert.NotNull((await cases.GetAsync(id)).CaseNumber);
    }
}
