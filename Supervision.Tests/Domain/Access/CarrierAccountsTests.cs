using System.Net;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Common;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Access;

/// <summary>A carrier's 企业管理员 runs the accounts of its own branch (and sub-branches) and of no one else.</summary>
public class CarrierAccountsTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<int> BranchIdAsync(string code)
    {
        await using var db = portal.Db();
        return (await db.Branches.SingleAsync(b => b.Code == code)).Id;
    }

    private async Task<AppUser> UserAsync(string userName)
    {
        await using var db = portal.Db();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }

    [Fact]
    public async Task A_carrier_admin_sees_and_touches_only_its_own_branchs_users()
    {
        using var admin = await portal.AsUserAsync("carrier.cmcc.nx");
        var users = admin.Get<UserAdministration>();
        var cucc = await UserAsync("carrier.cucc.nx");

        var listed = (await users.ListAsync(new PageRequest(0, 100))).Items;
        Assert.Contains(listed, u => u.UserName == "preparer.cmcc.nx");
        Assert.DoesNotContain(listed, u => u.UserName is "carrier.cucc.nx" or "inspector.nx" or "admin");
        Assert.All(listed, u => Assert.Equal(UserRole.CarrierUser, u.Role));
        Assert.Empty((await users.ListAsync(new PageRequest(0, 100, Search: "cucc"))).Items);

        // Another branch's user is as if not there: read, change, lock, reset.
        await Assert.ThrowsAsync<NotFoundException>(() => users.GetAsync(cucc.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => users.UpdateAsync(cucc.Id, new UserInput { DisplayName = "x", Role = UserRole.CarrierUser, BranchId = cucc.BranchId }));
        await Assert.ThrowsAsync<NotFoundException>(() => users.SetLockedAsync(cucc.Id, true));
        await Assert.ThrowsAsync<NotFoundException>(() => users.ResetPasswordAsync(cucc.Id, "Another#Pass2026"));
        var inspector = (await UserAsync("inspector.nx")).Id;
        await Assert.ThrowsAsync<NotFoundException>(() => users.GetAsync(inspector));
        // Nor can it create into another branch, or anything but a carrier user.
        var cuccBranch = await BranchIdAsync("CUCC-64");
        await Assert.ThrowsAsync<NotFoundException>(() => users.CreateAsync(new UserInput
        {
            UserName = "intruder.cucc", DisplayName = "x", Role = UserRole.CarrierUser, BranchId = cuccBranch, Password = "Intruder#2026x",
        }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => users.CreateAsync(new UserInput
        {
            UserName = "intruder.inspector", DisplayName = "x", Role = UserRole.Inspector, ProvinceId = cucc.ProvinceId, Password = "Intruder#2026x",
        }));
        var after = await UserAsync("carrier.cucc.nx");
        Assert.Equal((cucc.SecurityStamp, cucc.LockoutEnd, cucc.PasswordHash), (after.SecurityStamp, after.LockoutEnd, after.PasswordHash));
        await using var db = portal.Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName!.StartsWith("intruder")));
        // The database refuses such a write as well, should a service ever forget.
        var own = await db.Users.SingleAsync(u => u.UserName == "carrier.cucc.nx");
        await using var asCarrier = portal.Db(admin.Get<AccessContext>().Scope);
        var tracked = await asCarrier.Users.SingleAsync(u => u.Id == own.Id);
        tracked.DisplayName = "被改名";
        await Assert.ThrowsAsync<AccessDeniedException>(() => asCarrier.SaveChangesAsync());
    }

    [Fact]
    public async Task A_carrier_admin_creates_assigns_duties_locks_and_resets_its_staff_each_change_audited_and_ending_sessions()
    {
        using var admin = await portal.AsUserAsync("carrier.cmcc.nx");
        var users = admin.Get<UserAdministration>();
        var city = await BranchIdAsync("CMCC-640100"); // a sub-branch of 宁夏移动
        var id = await users.CreateAsync(new UserInput
        {
            UserName = "filer.yinchuan", DisplayName = "银川分公司填报员", Role = UserRole.CarrierUser, BranchId = city, Preparer = true,
            Mobile = "13800138000", Password = "Qz#7mLp2026xv",
        });
        var row = (await users.ListAsync(new PageRequest(0, 10, Search: "filer.yinchuan"))).Items.Single();
        Assert.Equal(("填报人", "138****8000"), (row.Duties!.Label, row.Mobile));

        var client = await portal.AsAsync("filer.yinchuan", "Qz#7mLp2026xv");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/submissions")).StatusCode);
        var stamp = (await UserAsync("filer.yinchuan")).SecurityStamp;
        await users.UpdateAsync(id, new UserInput { DisplayName = "银川分公司签报员", Role = UserRole.CarrierUser, BranchId = city, Preparer = true, Signatory = true });
        var signed = await UserAsync("filer.yinchuan");
        Assert.Equal((true, true, false), (signed.Preparer, signed.Signatory, signed.CarrierAdmin));
        Assert.NotEqual(stamp, signed.SecurityStamp);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/submissions")).StatusCode); // the old session ended

        await users.SetLockedAsync(id, true);
        Assert.True((await UserAsync("filer.yinchuan")).IsLocked(portal.Clock.GetUtcNow()));
        await users.SetLockedAsync(id, false);
        var beforeReset = await UserAsync("filer.yinchuan");
        await users.ResetPasswordAsync(id, "Wk#4rTq2026yb");
        var reset = await UserAsync("filer.yinchuan");
        Assert.NotEqual((beforeReset.PasswordHash, beforeReset.SecurityStamp), (reset.PasswordHash, reset.SecurityStamp));

        await using var db = portal.Db();
        var audited = await db.AuditEntries.Where(e => e.EntityType == nameof(AppUser) && e.EntityId == id).Select(e => new { e.Action, e.Actor }).ToListAsync();
        Assert.Contains(audited, e => e.Action == AuditActions.Create && e.Actor == "carrier.cmcc.nx");
        Assert.True(audited.Count(e => e.Actor == "carrier.cmcc.nx") >= 4, string.Join(",", audited.Select(e => e.Action)));

        var me = (await UserAsync("carrier.cmcc.nx")).Id;
        var cmcc = await BranchIdAsync("CMCC-64");
        var self = await Assert.ThrowsAsync<DomainException>(() => users.UpdateAsync(me, new UserInput { DisplayName = "x", Role = UserRole.CarrierUser, BranchId = cmcc, Signatory = true }));
        Assert.Equal("user.admin_self", self.Code);
    }

    [Fact]
    public async Task Only_a_carrier_admin_or_the_system_administrator_manages_users_and_duties_belong_to_carrier_users()
    {
        using (var preparer = await portal.AsUserAsync("preparer.cmcc.nx"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => preparer.Get<UserAdministration>().ListAsync(new PageRequest(0, 10)));
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => inspector.Get<UserAdministration>().ListAsync(new PageRequest(0, 10)));

        // The system administrator designates the first 企业管理员 of a branch.
        using var system = await portal.AsUserAsync("admin");
        var users = system.Get<UserAdministration>();
        var id = await users.CreateAsync(new UserInput
        {
            UserName = "admin.ctcc.nx", DisplayName = "宁夏电信企业管理员", Role = UserRole.CarrierUser, BranchId = await BranchIdAsync("CTCC-64"), CarrierAdmin = true,
            Password = "Qz#7mLp2026xv",
        });
        Assert.True((await UserAsync("admin.ctcc.nx")).CarrierAdmin);
        using (var ctcc = await portal.AsUserAsync("admin.ctcc.nx"))
            Assert.Equal(["admin.ctcc.nx"], (await ctcc.Get<UserAdministration>().ListAsync(new PageRequest(0, 10))).Items.Select(u => u.UserName));
        var province = (await UserAsync("inspector.nx")).ProvinceId;
        var wrong = await Assert.ThrowsAsync<DomainException>(() => users.CreateAsync(new UserInput
        {
            UserName = "inspector.signs", DisplayName = "x", Role = UserRole.Inspector, ProvinceId = province, Signatory = true,
            Password = "Inspector#2026x",
        }));
        Assert.Equal("user.duties_role", wrong.Code);
        Assert.NotNull(id);
    }
}
