using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Access;

public class UserAdministrationTests(Portal portal) : IClassFixture<Portal>
{
    private static AccessScope Admin => AccessScope.System with { Role = UserRole.SystemAdmin };

    private async Task<T> AsAdminAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        using var scope = portal.ScopeFor(Admin, "admin");
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private async Task<int> BranchIdAsync(string code)
    {
        await using var db = portal.Db();
        return (await db.Branches.SingleAsync(b => b.Code == code)).Id;
    }

    [Fact]
    public async Task An_administrator_creates_a_carrier_user_who_then_sees_only_that_branch()
    {
        var branch = await BranchIdAsync("CTCC-64");
        await AsAdminAsync(u => u.CreateAsync(new UserInput
        {
            UserName = "carrier.ctcc.nx", DisplayName = "宁夏电信实名制专员", Role = UserRole.CarrierUser, BranchId = branch, Password = "Telecom#Nx2026",
        }));
        var client = await portal.AsAsync("carrier.ctcc.nx", "Telecom#Nx2026");
        var list = await client.GetStringAsync("/org/branches/" + branch);
        Assert.Contains("中国电信股份有限公司宁夏分公司", list);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/org/branches/" + await BranchIdAsync("CMCC-64"))).StatusCode);
    }

    [Fact]
    public async Task Role_and_scope_must_fit_and_passwords_follow_the_policy()
    {
        var noBranch = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(u => u.CreateAsync(new UserInput
        {
            UserName = "x.carrier", DisplayName = "x", Role = UserRole.CarrierUser, Password = "Good#Pass1",
        })));
        Assert.Equal("user.branch_required", noBranch.Code);
        var weak = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(u => u.CreateAsync(new UserInput
        {
            UserName = "x.weak", DisplayName = "x", Role = UserRole.MinistryViewer, Password = "weak",
        })));
        Assert.Contains("密码至少10位", weak.Message);
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(u => u.CreateAsync(new UserInput
        {
            UserName = "inspector.nx", DisplayName = "x", Role = UserRole.MinistryViewer, Password = "Good#Pass1",
        })));
        Assert.Contains("已存在", duplicate.Message);
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked_and_a_reset_password_works()
    {
        var ningxia = (await portal.Db().Provinces.SingleAsync(p => p.Code == "64")).Id;
        var id = await AsAdminAsync(u => u.CreateAsync(new UserInput
        {
            UserName = "lock.me", DisplayName = "待锁定", Role = UserRole.Leader, ProvinceId = ningxia, Password = "Closed#Door2026",
        }));
        await AsAdminAsync(async u => { await u.SetLockedAsync(id, true); return 0; });
        // A disabled account answers as a name of no one would (SignInPrivacyTests), even to its own password.
        var locked = await Portal.SignInAsync(portal.Anonymous(), "lock.me", "Closed#Door2026");
        Assert.Contains("用户名或密码错误", await locked.Content.ReadAsStringAsync());

        await AsAdminAsync(async u => { await u.SetLockedAsync(id, false); await u.ResetPasswordAsync(id, "New#Pass2026"); return 0; });
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(portal.Anonymous(), "lock.me", "New#Pass2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(portal.Anonymous(), "lock.me", "Closed#Door2026")).StatusCode); // old password: form again
    }

    [Fact]
    public async Task Changing_a_role_invalidates_the_old_sign_in()
    {
        var id = await AsAdminAsync(u => u.CreateAsync(new UserInput
        {
            UserName = "role.change", DisplayName = "角色变更", Role = UserRole.MinistryViewer, Password = "Switch#Job2026",
        }));
        using var scope = portal.ScopeFor(Admin);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var before = await users.GetSecurityStampAsync((await users.FindByIdAsync(id))!);
        var province = (await portal.Db().Provinces.SingleAsync(p => p.Code == "44")).Id;
        await AsAdminAsync(async u => { await u.UpdateAsync(id, new UserInput { UserName = "role.change", DisplayName = "角色变更", Role = UserRole.Inspector, ProvinceId = province }); return 0; });
        await using var db = portal.Db();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        Assert.NotEqual(before, user.SecurityStamp);
        Assert.Equal((UserRole.Inspector, province), (user.Role, user.ProvinceId!.Value));
    }

    [Fact]
    public async Task Only_an_administrator_may_manage_users()
    {
        using var scope = portal.ScopeFor(AccessScope.ForProvince(1, readOnly: false, UserRole.Inspector));
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ListAsync(new PageRequest()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.CreateAsync(new UserInput { UserName = "sneaky", DisplayName = "x", Role = UserRole.SystemAdmin, Password = "Sneaky#2026" }));
    }
}
