using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Access;

/// <summary>How the users of one role sign in: whether they must confirm with an authenticator app (two-factor sign-in).</summary>
public class RolePolicy : ICatalogEntity
{
    public UserRole Role { get; set; }
    public bool RequireTwoFactor { get; set; }
}

internal static class RolePolicySeed
{
    private sealed record Row(UserRole Role, bool RequireTwoFactor);

    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        if (await db.RolePolicies.AnyAsync(ct)) return;
        foreach (var r in SeedFiles.Read<Row>(dir, "role-policies.json"))
            db.RolePolicies.Add(new RolePolicy { Role = r.Role, RequireTwoFactor = r.RequireTwoFactor });
        await db.SaveChangesAsync(ct);
    }
}
