using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Notifications;
using Supervision.Reports.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Enforcement;

public class CaseDeadlineScannerTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<DeadlineRun> RunAsync(DateOnly day)
    {
        using var scope = portal.ScopeFor(AccessScope.System, "job");
        return await scope.ServiceProvider.GetRequiredService<CaseDeadlineScanner>().RunAsync(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8)));
    }

    [Fact]
    public async Task Payment_deadlines_warn_then_alert_the_officers_and_the_party_once_each()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A09");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToListAsync();
        var inspector = AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector);
        using var scope = portal.ScopeFor(inspector, "inspector.nx");
        var docs = scope.ServiceProvider.GetRequiredService<EnforcementService>();
        var cases = scope.ServiceProvider.GetRequiredService<EnforcementService>();

        // ORD25-A09 is 待核对 in the seed: an administrator confirms it before a decision may rest on it.
        await portal.ScopeFor(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin").ServiceProvider.GetRequiredService<CatalogService>().ConfirmLegalBasisAsync(basis.Id);
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, docs, new FileCaseInput(branch.Id, basis.Id, "登记信息不完整", "抽查入网工单120份，其中9份未登记证件住址。", new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 20), investigators));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "入网工单抽查记录", new DateOnly(2026, 4, 21), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "事实清楚");
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告"), new(SanctionKind.Fine, basis.Id, 10_000m, "罚款")]);
        await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        c = await cases.GetAsync(id);
        await LeaderApproval.DecideAsync(portal.ScopeFor, docs, id, new DateOnly(2026, 5, 11), [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告"), new(SanctionKind.Fine, basis.Id, 10_000m, "罚款")]);
        c = await cases.GetAsync(id);
        await docs.ServeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 12), ServiceMethods.Post, details: new ServiceDetails(PostedOn: new DateOnly(2026, 5, 11), TrackingNumber: "1179230645164")); // receipt dated 12 May: payment due 27 May

        await RunAsync(new DateOnly(2026, 5, 25));
        await RunAsync(new DateOnly(2026, 5, 25)); // twice: nothing new
        var carrierUser = await db.Users.SingleAsync(u => u.UserName == "carrier.cmcc.nx");
        var inspectorUser = await db.Users.SingleAsync(u => u.UserName == "inspector.nx");
        var mine = db.Notifications.IgnoreQueryFilters().Where(n => n.DedupKey.StartsWith($"case:{id}:payment"));
        Assert.Equal(1, await mine.CountAsync(n => n.UserId == inspectorUser.Id && n.Level == NotificationLevel.Warning));

        var second = await RunAsync(new DateOnly(2026, 5, 30));
        Assert.True(second.Alerts >= 2);
        Assert.Equal(0, (await RunAsync(new DateOnly(2026, 5, 30))).Alerts);
        var alert = await mine.SingleAsync(n => n.UserId == inspectorUser.Id && n.Level == NotificationLevel.Alert);
        Assert.Contains("加处罚款¥900.00", alert.Body); // 3 days × 3 % of 10,000
        Assert.Equal(1, await mine.CountAsync(n => n.UserId == carrierUser.Id && n.Level == NotificationLevel.Alert));
        Assert.Equal($"/cases/{id}", alert.Link);
    }
}
