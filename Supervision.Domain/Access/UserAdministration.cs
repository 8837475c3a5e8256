using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

/// <param name="Locked">Locked by an administrator (until unlocked).</param>
/// <param name="LockedByFailures">Locked for a while after repeated failed sign-ins.</param>
/// <param name="Email">Masked (z***@example.com), as every list shows contact details.</param>
/// <param name="Mobile">Masked (138****8000).</param>
public sealed record UserRow(string Id, string UserName, string DisplayName, UserRole Role, string? Province, string? Branch, bool Locked, DateTimeOffset CreatedAt,
    bool LockedByFailures = false, bool TwoFactor = false, string Email = "", string Mobile = "", CarrierDuties? Duties = null);

public sealed class UserInput
{
    [Required(ErrorMessage = "请填写用户名。")]
    [RegularExpression(@"^[a-zA-Z0-9._-]{3,40}$", ErrorMessage = "用户名为3至40位字母、数字、点、下划线或连字符。")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "请填写姓名或显示名。")]
    [StringLength(100, ErrorMessage = "显示名不超过100个字符。")]
    public string DisplayName { get; set; } = "";

    public UserRole Role { get; set; } = UserRole.Inspector;
    public int? ProvinceId { get; set; }
    public int? BranchId { get; set; }
    /// <summary>Designated as 法制审核人员 of the province (inspectors only).</summary>
    public bool LegalReviewer { get; set; }
    /// <summary>行政执法证号 (officers only).</summary>
    public string? EnforcementCertificate { get; set; }
    /// <summary>统一身份认证账号: what single sign-on matches (set by the system administrator only).</summary>
    public string? ExternalId { get; set; }

    /// <summary>A carrier user's duties: 企业管理员, 填报人, 签报人.</summary>
    public bool CarrierAdmin { get; set; }
    public bool Preparer { get; set; }
    public bool Signatory { get; set; }

    public string? Email { get; set; }
    public string? Mobile { get; set; }

    /// <summary>Only when creating a user or resetting a password.</summary>
    public string? Password { get; set; }
}

/// <summary>
/// Creating users, assigning role and scope, locking, resetting passwords and two-factor sign-in, and the per-role
/// sign-in policy. The system administrator manages everyone; a carrier's 企业管理员 the carrier users of the branches in
/// its scope (its branch and sub-branches) — anyone else is to it as if not there. Every change is audited (the user
/// rows are), and every change to who a user is or how they sign in ends their sessions.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock,
    UserSessions sessions, SignInThrottle throttle, Audit.AuditService audit)
{
    public async Task<PagedResult<UserRow>> ListAsync(PageRequest page, UserRole? role = null, int? provinceId = null, CancellationToken ct = default)
    {
        var branches = await ManagerAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking().AsQueryable();
        if (branches?.ToArray() is { } ids) q = q.Where(u => u.Role == UserRole.CarrierUser && u.BranchId != null && ids.Contains(u.BranchId.Value));
        if (role is { } r) q = q.Where(u => u.Role == r);
        if (provinceId is { } p) q = q.Where(u => u.ProvinceId == p);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(u => u.UserName!.Contains(page.Search) || u.DisplayName.Contains(page.Search));
        var total = await q.CountAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await q.OrderBy(u => u.UserName).Skip(page.Skip).Take(page.Take)
            .Select(u => new { u, Province = u.Province!.ShortName, Branch = u.Branch!.ShortName })
            .ToListAsync(ct);
        var throttled = await throttle.LockedAsync(rows.Select(x => x.u.UserName!), ct);
        return new(rows.Select(x => new UserRow(x.u.Id, x.u.UserName!, x.u.DisplayName, x.u.Role, x.Province, x.Branch, x.u.IsLocked(now), x.u.CreatedAt,
            throttled.Contains(x.u.UserName!), x.u.TwoFactorEnabled, Notifications.Contact.MaskEmail(x.u.Email), Notifications.Contact.MaskMobile(x.u.PhoneNumber), x.u.Duties)).ToList(), total);
    }

    public async Task<UserInput> GetAsync(string id)
    {
        var user = await FindAsync(id, await ManagerAsync());
        return new UserInput { UserName = user.UserName!, DisplayName = user.DisplayName, Role = user.Role, ProvinceId = user.ProvinceId, BranchId = user.BranchId, LegalReviewer = user.LegalReviewer,
            EnforcementCertificate = user.EnforcementCertificate, ExternalId = user.ExternalId, CarrierAdmin = user.CarrierAdmin, Preparer = user.Preparer, Signatory = user.Signatory,
            Email = user.Email, Mobile = user.PhoneNumber };
    }

    public async Task<string> CreateAsync(UserInput input, CancellationToken ct = default)
    {
        var branches = await ManagerAsync(ct);
        if (string.IsNullOrEmpty(input.Password))
            throw new DomainException("user.password_required", "请为新用户设置初始密码。");
        var user = new AppUser { UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
        user.AssignRole(input.Role, input.ProvinceId, await FindBranchAsync(input.BranchId, ct));
        RequireWithin(branches, user);
        user.DesignateLegalReviewer(input.LegalReviewer);
        user.SetEnforcementCertificate(input.Role is UserRole.Inspector or UserRole.Leader ? input.EnforcementCertificate : null);
        user.AssignDuties(Duties(input));
        user.SetContact(Notifications.Contact.Email(input.Email), Notifications.Contact.Mobile(input.Mobile));
        if (branches is null) await SetExternalIdAsync(user, input.ExternalId, ct);
        Check(await users.CreateAsync(user, input.Password));
        return user.Id;
    }

    public async Task UpdateAsync(string id, UserInput input, CancellationToken ct = default)
    {
        var branches = await ManagerAsync(ct);
        var user = await FindAsync(id, branches);
        var before = (user.Role, user.ProvinceId, user.BranchId, user.Duties);
        user.DisplayName = input.DisplayName.Trim();
        user.AssignRole(input.Role, input.ProvinceId, await FindBranchAsync(input.BranchId, ct));
        RequireWithin(branches, user);
        user.DesignateLegalReviewer(input.LegalReviewer);
        user.SetEnforcementCertificate(input.Role is UserRole.Inspector or UserRole.Leader ? input.EnforcementCertificate : null);
        if (branches is not null && user.Id == access.UserId && !input.CarrierAdmin)
            throw new DomainException("user.admin_self", "不能取消自己的企业管理员职责，请由本单位其他企业管理员或系统管理员办理。");
        user.AssignDuties(Duties(input));
        user.SetContact(Notifications.Contact.Email(input.Email), Notifications.Contact.Mobile(input.Mobile));
        if (branches is null) await SetExternalIdAsync(user, input.ExternalId, ct); // a 企业管理员 leaves it as it is
        // A changed role, scope or duty must end sessions signed in under the old one (their cookies and pages carry it).
        if (before != (user.Role, user.ProvinceId, user.BranchId, user.Duties))
            await sessions.EndAllAsync(users, user);
        else
            Check(await users.UpdateAsync(user));
    }

    public async Task SetLockedAsync(string id, bool locked)
    {
        var user = await FindAsync(id, await ManagerAsync());
        if (locked && user.Id == access.UserId)
            throw new DomainException("user.lock_self", "不能锁定自己的账户。");
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        // Unlocking also lifts a lock after failed sign-ins.
        if (!locked) await throttle.ResetAsync(user.UserName!);
        await sessions.EndAllAsync(users, user);
    }

    public async Task ResetPasswordAsync(string id, string newPassword)
    {
        var user = await FindAsync(id, await ManagerAsync());
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        await sessions.EndAllAsync(users, user);
    }

    /// <summary>For a lost phone: two-factor off and the old app and recovery codes void; the user enrols again at next sign-in if the role requires it.</summary>
    public async Task ResetTwoFactorAsync(string id)
    {
        var user = await FindAsync(id, await ManagerAsync());
        await AccountService.TurnOffAsync(users, user);
        await sessions.EndAllAsync(users, user);
        await audit.RecordAccountEventAsync(Audit.AuditActions.TwoFactorDisabled, user.UserName!, null, "管理员重置", actor: access.Actor);
    }

    /// <summary>Every role and whether it must sign in with an authenticator app.</summary>
    public async Task<IReadOnlyList<RolePolicy>> RolePoliciesAsync(CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.RolePolicies.AsNoTracking().ToDictionaryAsync(p => p.Role, ct);
        return Enum.GetValues<UserRole>().Select(r => stored.GetValueOrDefault(r) ?? new RolePolicy { Role = r }).ToList();
    }

    /// <summary>Users of the role without an authenticator are sent to enrol at their next sign-in.</summary>
    public async Task SetTwoFactorRequiredAsync(UserRole role, bool required, CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var policy = await db.RolePolicies.SingleOrDefaultAsync(p => p.Role == role, ct);
        if (policy is null) db.RolePolicies.Add(policy = new RolePolicy { Role = role });
        policy.RequireTwoFactor = required;
        await db.SaveChangesAsync(ct);
    }

    private async Task<Organizations.Branch?> FindBranchAsync(int? branchId, CancellationToken ct)
    {
        if (branchId is null) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Branches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == branchId, ct) ?? throw new NotFoundException("企业分支机构");
    }

    private static void Check(IdentityResult result) => AccountService.Check(result);

    /// <summary>One portal user per identity at the identity provider: single sign-on must find exactly one.</summary>
    private async Task SetExternalIdAsync(AppUser user, string? externalId, CancellationToken ct)
    {
        user.SetExternalId(externalId);
        if (user.ExternalId is { } id && await users.Users.AnyAsync(u => u.ExternalId == id && u.Id != user.Id, ct))
            throw new DomainException("user.external_id_taken", $"统一身份认证账号“{id}”已关联其他用户。");
    }

    private static CarrierDuties Duties(UserInput input) => new(input.CarrierAdmin, input.Preparer, input.Signatory);

    /// <summary>
    /// Who manages users here: null for the system administrator (everyone), else the branches whose carrier users the acting
    /// 企业管理员 manages (the branches of its scope). Anyone else is refused.
    /// </summary>
    private async Task<IReadOnlyList<int>?> ManagerAsync(CancellationToken ct = default)
    {
        if (access.Scope.IsAdministrator) return null;
        if (access.Scope.IsCarrier && access.UserId is { } me)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var self = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.Role, u.CarrierAdmin, u.LockoutEnd }).FirstOrDefaultAsync(ct);
            if (self is { Role: UserRole.CarrierUser, CarrierAdmin: true } && (self.LockoutEnd is not { } end || end <= now))
                return access.Scope.BranchIds;
        }
        throw new AccessDeniedException("只有系统管理员和本单位企业管理员可以管理用户。");
    }

    /// <summary>A user the manager may see; for a 企业管理员 another branch's or the regulator's users look as if not there.</summary>
    private async Task<AppUser> FindAsync(string id, IReadOnlyList<int>? branches)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || (branches is not null && !(user.Role == UserRole.CarrierUser && user.BranchId is { } b && branches.Contains(b))))
            throw new NotFoundException("用户");
        return user;
    }

    private static void RequireWithin(IReadOnlyList<int>? branches, AppUser user)
    {
        if (branches is not null && !(user.Role == UserRole.CarrierUser && user.BranchId is { } b && branches.Contains(b)))
            throw new AccessDeniedException("企业管理员只能管理本单位（含下属分支机构）的企业用户。");
    }

    private void Demand()
    {
        if (!access.Scope.IsAdministrator)
            throw new AccessDeniedException("只有系统管理员可以管理用户。");
    }
}
