using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Publicity;

/// <summary>The 违规代理商 list is off by default: tests that report agents enable it for 宁夏 as an administrator does.</summary>
internal static class AgentListSetup
{
    public static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);

    /// <summary>Enables (or, with <paramref name="code"/> null, disables) the list for 宁夏 with the basis of that catalog code.</summary>
    public static async Task<LegalBasis?> SetAsync(PortalFactory factory, string? code = "ATFL-39")
    {
        using var scope = factory.ScopeFor(Admin, "admin");
        var cases = scope.ServiceProvider.GetRequiredService<EnforcementService>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>().CreateDbContextAsync();
        var province = await db.Provinces.SingleAsync(p => p.Code == "64");
        var basis = code is null ? null : await db.LegalBases.AsNoTracking().SingleAsync(b => b.Code == code);
        var settings = new EnforcementSettings { ProvinceId = province.Id }.CopyFrom(await cases.SettingsAsync(province.Id));
        (settings.AgentListEnabled, settings.AgentListLegalBasisId) = (basis is not null, basis?.Id);
        await cases.SaveSettingsAsync(settings);
        return basis;
    }

    /// <summary>
    /// Tells a reported agent of the intended entry (告知, 行政处罚法第四十四条), served in person ten days before
    /// <paramref name="publishOn"/>: by then its period to state its case has run out with nothing stated, so the entry may be published.
    /// </summary>
    public static async Task NotifiedAsync(PublicityService publicity, long id, DateOnly publishOn) =>
        await publicity.RecordAgentNoticeAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, publishOn.AddDays(-10), ServiceMethods.InPerson);
}
