using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Publicity;

/// <summary>A case against 宁夏移动 under ORD25-A06, decided on Monday 11 May 2026 with the given sanctions (a fine of ¥20,000; a corrective order due 30 June) and served on 12 May.</summary>
internal static class DecidedCase
{
    /// <summary>Returns the case's id. Another case of the same class needs another act (<paramref name="actFrom"/>): one act is fined once.</summary>
    public static async Task<long> DecideAsync(Portal portal, string title, string facts, DateOnly actFrom, params SanctionKind[] kinds)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        var inspector = AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector);
        var cases = portal.ScopeFor(inspector, "inspector.nx").ServiceProvider.GetRequiredService<EnforcementService>();
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch.Id, basis.Id, title, facts, actFrom, new DateOnly(2026, 4, 20), investigators));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访记录", new DateOnly(2026, 4, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "事实清楚");
        var sanctions = kinds.Select(k => new SanctionInput(k, basis.Id, k == SanctionKind.Fine ? 20_000m : null, SanctionLabels.Label(k),
            k == SanctionKind.CorrectiveOrder ? new DateOnly(2026, 6, 30) : null)).ToArray();
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 12));
        c = await cases.GetAsync(id);
        await LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, new DateOnly(2026, 5, 11), sanctions);
        c = await cases.GetAsync(id);
        await cases.ServeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 12), "直接送达");
        return id;
    }
}
