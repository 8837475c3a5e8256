using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// The province's 局领导 approving through the inbox, as the seeded settings require for filing and the decision: tests of
/// other features reach a filed or decided case by the one road a user takes.
/// </summary>
public static class LeaderApproval
{
    /// <summary>The 局领导 of the case's province approves its pending request for the step.</summary>
    public static async Task ApproveAsync(Func<AccessScope, string, IServiceScope> scopeFor, long caseId, ApprovalStep step, string opinion = "同意。")
    {
        var approvals = await LeaderAsync(scopeFor, caseId);
        var request = (await approvals.PendingAsync()).Single(a => a.CaseId == caseId && a.Step == step);
        await approvals.DecideAsync(request.Id, true, opinion);
    }

    /// <summary>The approval service acting as the 局领导 of the case's province.</summary>
    public static async Task<ApprovalService> LeaderAsync(Func<AccessScope, string, IServiceScope> scopeFor, long caseId, string? userName = null)
    {
        int provinceId;
        AppUser leader;
        using (var system = scopeFor(AccessScope.System, "test"))
        await using (var db = await system.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync())
        {
            provinceId = await db.EnforcementCases.Where(c => c.Id == caseId).Select(c => c.ProvinceId).SingleAsync();
            leader = await db.Users.AsNoTracking().Where(u => u.ProvinceId == provinceId && (userName == null ? u.Role == UserRole.Leader : u.UserName == userName))
                .OrderBy(u => u.UserName).FirstAsync();
        }
        var scope = AccessScope.ForProvince(provinceId, leader.Role == UserRole.Leader, leader.Role);
        var services = scopeFor(scope, leader.UserName!);
        services.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, leader.UserName!, leader.Id);
        return services.ServiceProvider.GetRequiredService<ApprovalService>();
    }

    /// <summary>Files the case and, where filing needs approval, has it approved and issues its 立案审批表.</summary>
    public static async Task<long> FileAsync(Func<AccessScope, string, IServiceScope> scopeFor, EnforcementService cases, FileCaseInput input)
    {
        var id = await cases.FileAsync(input);
        if ((await cases.GetAsync(id)).CaseNumber is null)
        {
            await ApproveAsync(scopeFor, id, ApprovalStep.Filing, "同意立案。");
            await cases.IssueFilingApprovalAsync(id);
        }
        return id;
    }

    /// <summary>Decides the case, with the decision approved first where it needs approval.</summary>
    public static async Task<IssuedDocument> DecideAsync(Func<AccessScope, string, IServiceScope> scopeFor, EnforcementService cases, long id, DateOnly on,
        IReadOnlyList<SanctionInput> sanctions)
    {
        var c = await cases.GetAsync(id);
        if (c.Requires(ApprovalStep.Decision))
        {
            await cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: sanctions), "建议作出处罚决定。");
            await ApproveAsync(scopeFor, id, ApprovalStep.Decision, "同意按报请的内容作出处罚决定。");
            c = await cases.GetAsync(id);
        }
        return await cases.DecideAsync(id, c.ConcurrencyToken, on, sanctions);
    }

    /// <summary>Publishes a draft announcement, its publication approved first where its case needs approval.</summary>
    public static async Task<IssuedDocument> PublishAsync(Func<AccessScope, string, IServiceScope> scopeFor, PublicityService publicity, long id, DateOnly on,
        PublicationChoice? choice = null)
    {
        if ((await publicity.PublicationApprovalAsync(id)).Required)
        {
            var request = await publicity.RequestPublicationApprovalAsync(id, choice ?? new(), "建议发布。");
            await ApproveAsync(scopeFor, request.CaseId, ApprovalStep.Publication, "同意发布。");
        }
        return await publicity.PublishAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, on, choice);
    }
}
