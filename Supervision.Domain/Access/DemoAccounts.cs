using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Access;

/// <summary>
/// The demo users of seed-data/demo-users.json, created only in the Development environment,
/// all with the one documented password.
/// </summary>
public sealed class DemoAccounts(UserManager<AppUser> users, IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, ApiKeyService apiKeys)
{
    public const string Password = "Demo#2026";

    /// <summary>Fixed, documented API keys of the demo carriers (Development only), so the README's curl examples work.</summary>
    public static readonly IReadOnlyDictionary<string, string> ApiKeys = new Dictionary<string, string>
    {
        ["CMCC-64"] = "spk_demoCMCC64_NingxiaMobile_2026",
        ["CUCC-64"] = "spk_demoCUCC64_NingxiaUnicom_2026",
        ["JDCOM-64"] = "spk_demoJDCOM64_JDMobile_2026",
    };

    public sealed record DemoUser(string UserName, string DisplayName, UserRole Role, string? Province, string? Branch, bool LegalReviewer = false,
        string? EnforcementCertificate = null, bool CarrierAdmin = false, bool Preparer = false, bool Signatory = false);

    public static IReadOnlyList<DemoUser> Read(string seedDirectory) => SeedFiles.Read<DemoUser>(seedDirectory, "demo-users.json");

    public async Task<IReadOnlyList<DemoUser>> EnsureAsync(string seedDirectory, CancellationToken ct = default)
    {
        access.AsSystem("system:demo");
        var demo = Read(seedDirectory);
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var d in demo)
        {
            if (await users.FindByNameAsync(d.UserName) is not null)
                continue;
            var user = new AppUser { UserName = d.UserName, DisplayName = d.DisplayName, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
            var province = d.Province is null ? null : await db.Provinces.FirstAsync(p => p.Code == d.Province, ct);
            var branch = d.Branch is null ? null : await db.Branches.AsNoTracking().FirstAsync(b => b.Code == d.Branch, ct);
            user.AssignRole(d.Role, province?.Id, branch);
            user.DesignateLegalReviewer(d.LegalReviewer);
            user.SetEnforcementCertificate(d.EnforcementCertificate);
            user.AssignDuties(new CarrierDuties(d.CarrierAdmin, d.Preparer, d.Signatory));
            // The one documented demo password is shorter and better known than the policy allows anyone else (Development only).
            user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
                throw new DomainException("demo.user", $"无法创建演示用户 {d.UserName}：{string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        foreach (var (code, secret) in ApiKeys)
        {
            if (await db.ApiKeys.AnyAsync(k => k.Prefix == ApiKey.PrefixOf(secret), ct)) continue;
            var branch = await db.Branches.FirstAsync(b => b.Code == code, ct);
            // Each demo key files for the branch's first demo 签报人.
            var signatory = await db.Users.Where(u => u.BranchId == branch.Id && u.Signatory).OrderBy(u => u.UserName).Select(u => u.Id).FirstAsync(ct);
            await apiKeys.StoreAsync(branch.Id, "演示密钥", signatory, null, secret, ct);
        }
        return demo;
    }
}
