using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Access;

/// <summary>The one access mechanism: every query is filtered and every write is checked by the database context.</summary>
public class ScopeFilterTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<(int Ningxia, int Guangdong, Branch Cmcc, Branch Cucc)> FixturesAsync()
    {
        await using var db = portal.Db();
        var nx = await db.Provinces.SingleAsync(p => p.Code == "64");
        var gd = await db.Provinces.SingleAsync(p => p.Code == "44");
        var cmcc = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var cucc = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        return (nx.Id, gd.Id, cmcc, cucc);
    }

    private async Task<AccessScope> CarrierScopeAsync(Branch branch)
    {
        await using var db = portal.Db();
        var children = await db.Branches.Where(b => b.ParentBranchId == branch.Id).Select(b => b.Id).ToListAsync();
        return AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id, .. children]);
    }

    [Fact]
    public async Task A_carrier_user_sees_its_own_branch_and_city_companies_only()
    {
        var f = await FixturesAsync();
        await using var db = portal.Db(await CarrierScopeAsync(f.Cmcc));
        var visible = await db.Branches.ToListAsync();
        Assert.Equal(6, visible.Count); // 宁夏移动 + its 5 city companies
        Assert.All(visible, b => Assert.Equal(f.Cmcc.CarrierId, b.CarrierId));
        Assert.Null(await db.Branches.FirstOrDefaultAsync(b => b.Id == f.Cucc.Id));
    }

    [Fact]
    public async Task An_inspector_sees_the_branches_of_the_own_province_only()
    {
        var f = await FixturesAsync();
        await using var db = portal.Db(AccessScope.ForProvince(f.Ningxia, readOnly: false, UserRole.Inspector));
        var provinces = await db.Branches.Select(b => b.ProvinceId).Distinct().ToListAsync();
        Assert.Equal([f.Ningxia], provinces);
        Assert.Equal(4 * 6 + 6, await db.Branches.CountAsync()); // 4 basic carriers × (1+5) + 6 resellers
    }

    [Fact]
    public async Task The_ministry_sees_all_provinces_and_anonymous_sees_no_branch()
    {
        await using (var db = portal.Db(AccessScope.FromPrincipal(null)))
            Assert.Equal(0, await db.Branches.CountAsync());
        await using (var db = portal.Db(new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer)))
            Assert.Equal(124, await db.Branches.CountAsync());
    }

    [Fact]
    public async Task Only_an_administrator_may_change_catalogs()
    {
        var f = await FixturesAsync();
        foreach (var scope in new[]
                 {
                     AccessScope.ForProvince(f.Ningxia, readOnly: false, UserRole.Inspector),
                     AccessScope.ForProvince(f.Ningxia, readOnly: true, UserRole.Leader),
                     new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer),
                     await CarrierScopeAsync(f.Cmcc),
                 })
        {
            await using var db = portal.Db(scope);
            var basis = await db.LegalBases.FirstAsync();
            basis.Note = "未授权修改";
            var ex = await Record.ExceptionAsync(() => db.SaveChangesAsync());
            Assert.IsType<AccessDeniedException>(ex);
        }
        await using (var db = portal.Db())
            Assert.DoesNotContain(await db.LegalBases.ToListAsync(), b => b.Note == "未授权修改");
    }

    [Fact]
    public async Task A_carrier_cannot_rename_even_its_own_branch()
    {
        var f = await FixturesAsync();
        await using var db = portal.Db(await CarrierScopeAsync(f.Cmcc));
        var own = await db.Branches.FirstAsync(b => b.Id == f.Cmcc.Id);
        own.Name = "改名";
        Assert.IsType<AccessDeniedException>(await Record.ExceptionAsync(() => db.SaveChangesAsync()));
    }
}
