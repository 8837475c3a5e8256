using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

/// <summary>
/// This node's open Blazor circuits listen here for users whose sessions ended (sign-out, lock, password, role or
/// two-factor change), so they close at once; circuits on other nodes notice at their next revalidation.
/// </summary>
public sealed class SessionSignals
{
    public event Action<string>? Ended;

    public void Raise(string userId) => Ended?.Invoke(userId);
}

/// <summary>
/// A sign-in session is current while the security stamp it was issued with is still the user's stamp in the database.
/// Every node checks that on every request, so ending a user's sessions is one write: a new stamp.
/// </summary>
public sealed class UserSessions(IDbContextFactory<SupervisionDbContext> factory, SessionSignals signals)
{
    // One primary-key lookup per request; compiled, so no LINQ translation on the hot path.
    private static readonly Func<SupervisionDbContext, string, string, CancellationToken, Task<bool>> Current =
        EF.CompileAsyncQuery((SupervisionDbContext db, string id, string stamp, CancellationToken _) =>
            db.Users.Any(u => u.Id == id && u.SecurityStamp == stamp));

    public async Task<bool> IsCurrentAsync(string? userId, string? securityStamp, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(securityStamp))
            return false;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Current(db, userId, securityStamp, ct);
    }

    /// <summary>Ends every session of the user, on every node: a cookie or circuit issued before this call is refused from now on.</summary>
    public async Task EndAllAsync(UserManager<AppUser> users, AppUser user)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
            throw new DomainException("user.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));
        signals.Raise(user.Id);
    }
}
