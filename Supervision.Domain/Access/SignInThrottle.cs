using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

/// <summary>
/// Failed sign-ins under one name, whether or not a user of that name exists: the lock answers the same for both.
/// The name is kept as a hash only (people type passwords into the name field).
/// </summary>
[NotAudited]
public class FailedSignIn
{
    public string NameHash { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
}

/// <summary>
/// Locks a sign-in name after <see cref="LockoutOptions.MaxFailedAccessAttempts"/> consecutive failures (password or
/// second factor) for <see cref="LockoutOptions.DefaultLockoutTimeSpan"/>. It replaces Identity's per-user counter so that
/// names of no user lock exactly as users do, and in the database, so every web node counts the same failures.
/// </summary>
public sealed class SignInThrottle(IDbContextFactory<SupervisionDbContext> factory, TimeProvider clock, IOptions<IdentityOptions> identity, ILookupNormalizer normalizer)
{
    /// <summary>Failures older than this with no lock running are forgotten.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    private LockoutOptions Lockout => identity.Value.Lockout;

    public async Task<bool> IsLockedAsync(string userName, CancellationToken ct = default)
    {
        var key = Key(userName);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.FailedSignIns.AnyAsync(f => f.NameHash == key && f.LockedUntil > now, ct);
    }

    /// <summary>Counts one failure under the name; true when this failure locks it.</summary>
    public async Task<bool> FailAsync(string userName, CancellationToken ct = default)
    {
        var key = Key(userName);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        // One statement each, so two nodes failing the same name at once both count.
        for (var attempt = 0; ; attempt++)
        {
            var counted = await db.FailedSignIns.Where(f => f.NameHash == key)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1).SetProperty(f => f.LastFailureAt, now), ct);
            if (counted > 0) break;
            await db.FailedSignIns.Where(f => f.LastFailureAt < now - Memory && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync(ct);
            db.FailedSignIns.Add(new FailedSignIn { NameHash = key, Failures = 1, LastFailureAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear(); // another request inserted the name first: count on its row
            }
        }
        return await db.FailedSignIns.Where(f => f.NameHash == key && f.Failures >= Lockout.MaxFailedAccessAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, 0).SetProperty(f => f.LockedUntil, now + Lockout.DefaultLockoutTimeSpan), ct) > 0;
    }

    /// <summary>A complete sign-in, or an administrator's unlock, clears the name's failures and lock.</summary>
    public async Task ResetAsync(string userName, CancellationToken ct = default)
    {
        var key = Key(userName);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.FailedSignIns.Where(f => f.NameHash == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>Which of these user names are locked now (for the user list).</summary>
    public async Task<IReadOnlySet<string>> LockedAsync(IEnumerable<string> userNames, CancellationToken ct = default)
    {
        var keys = userNames.Distinct().ToDictionary(Key, n => n);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var locked = await db.FailedSignIns.Where(f => keys.Keys.Contains(f.NameHash) && f.LockedUntil > now).Select(f => f.NameHash).ToListAsync(ct);
        return locked.Select(k => keys[k]).ToHashSet();
    }

    private string Key(string userName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeName(userName.Trim()) ?? ""))).ToLowerInvariant();
}
