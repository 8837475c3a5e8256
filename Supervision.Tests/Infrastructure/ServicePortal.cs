using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;

namespace Supervision.Tests.Infrastructure;

/// <summary>A portal whose domain services tests call directly, as a given user.</summary>
public interface IServicePortal
{
    IServiceScope ScopeFor(AccessScope scope, string actor = "test");
    SupervisionDbContext Db(AccessScope? scope = null);
}

public sealed partial class Portal : IServicePortal;

/// <summary>
/// The portal on its own database with its clock set, for deadlines, overdue scans and extensions.
/// Starts on Monday 2 November 2026, 09:00 Beijing time.
/// </summary>
public sealed class ClockedPortal : IAsyncLifetime, IServicePortal
{
    public PortalFactory Factory { get; private set; } = default!;
    public TestClock Clock => Factory.Clock;
    private readonly List<IServiceScope> _scopes = [];

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TemplateDatabase.CopyAsync());
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _scopes) s.Dispose();
        await Factory.DisposeAsync();
    }

    public IServiceScope ScopeFor(AccessScope scope, string actor = "test") => Factory.ScopeFor(scope, actor);

    public SupervisionDbContext Db(AccessScope? scope = null)
    {
        var services = ScopeFor(scope ?? AccessScope.System);
        _scopes.Add(services);
        return services.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();
    }
}

public static class ServicePortalExtensions
{
    /// <summary>A DI scope acting exactly as the demo user would after signing in (role, scope and user id).</summary>
    public static async Task<IServiceScope> AsUserAsync(this IServicePortal portal, string userName)
    {
        await using var db = portal.Db();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var scope = user.Role switch
        {
            UserRole.Inspector => AccessScope.ForProvince(user.ProvinceId!.Value, false, user.Role),
            UserRole.Leader => AccessScope.ForProvince(user.ProvinceId!.Value, true, user.Role),
            UserRole.CarrierUser => await CarrierScopeAsync(db, user),
            UserRole.MinistryViewer => new AccessScope(ScopeKind.All, 0, 0, [], true, user.Role),
            _ => AccessScope.System with { Role = UserRole.SystemAdmin },
        };
        var services = portal.ScopeFor(scope, userName);
        services.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, userName, user.Id);
        return services;
    }

    private static async Task<AccessScope> CarrierScopeAsync(SupervisionDbContext db, AppUser user)
    {
        var branch = await db.Branches.SingleAsync(b => b.Id == user.BranchId);
        var children = await db.Branches.Where(b => b.ParentBranchId == branch.Id).Select(b => b.Id).ToListAsync();
        return AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id, .. children]);
    }

    public static T Get<T>(this IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>
    /// The user name of a 签报人 of the branch, who files its returns in tests: the branch's first demo signatory, or one made
    /// for the test ("signatory.&lt;code&gt;") where the demo data has none.
    /// </summary>
    public static async Task<string> SignatoryAsync(this IServicePortal portal, string branchCode)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == branchCode);
        if (await db.Users.Where(u => u.BranchId == branch.Id && u.Signatory && u.Role == UserRole.CarrierUser).OrderBy(u => u.UserName)
                .Select(u => u.UserName).FirstOrDefaultAsync() is { } existing)
            return existing;
        var user = new AppUser { UserName = $"signatory.{branchCode.ToLowerInvariant()}", DisplayName = $"周岚（{branch.ShortName}签报人）", SecurityStamp = Guid.NewGuid().ToString() };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        user.AssignRole(UserRole.CarrierUser, branch.ProvinceId, branch);
        user.AssignDuties(new CarrierDuties(false, true, true));
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.UserName;
    }
}
