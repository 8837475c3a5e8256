using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Audit;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

public enum SignInOutcome { Failed, LockedOut, Succeeded }

/// <param name="User">The user, when the step succeeded.</param>
public sealed record SignInStep(SignInOutcome Outcome, AppUser? User = null);

/// <summary>
/// The checks of signing in: the password, then the second factor. Whether the name exists, is disabled or is wrong, a
/// failed step costs the same (one password hash, the same database work) and answers the same, so neither the answer nor
/// its timing tells who has an account. The web layer issues the cookies.
/// </summary>
public sealed class SignInService(UserManager<AppUser> users, SignInThrottle throttle, AuditService audit,
    IDbContextFactory<SupervisionDbContext> factory, TimeProvider clock)
{
    private static string? _dummyHash;

    public async Task<SignInStep> CheckPasswordAsync(string userName, string password, string? remoteAddress, CancellationToken ct = default)
    {
        userName = userName.Trim();
        var user = await users.FindByNameAsync(userName);
        var locked = await throttle.IsLockedAsync(userName, ct);
        // A disabled account (locked by an administrator) is answered as a name of no one.
        var candidate = locked || user is null || user.IsLocked(clock.GetUtcNow()) ? null : user;
        var correct = candidate is null ? HashDummy(password) : await users.CheckPasswordAsync(candidate, password);
        if (locked)
            return await FailedAsync(AuditActions.LockedOut, userName, remoteAddress, null, ct);
        if (!correct)
            return await FailAsync(userName, remoteAddress, null, ct);
        return new SignInStep(SignInOutcome.Succeeded, candidate);
    }

    /// <summary>The second step: a code of the user's authenticator app, or one of their recovery codes.</summary>
    public async Task<SignInStep> CheckSecondFactorAsync(AppUser user, string code, string? remoteAddress, CancellationToken ct = default)
    {
        var userName = user.UserName!;
        if (await throttle.IsLockedAsync(userName, ct) || user.IsLocked(clock.GetUtcNow()))
            return await FailedAsync(AuditActions.LockedOut, userName, remoteAddress, "second-factor", ct);
        var compact = new string(code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.Length == 6 && compact.All(char.IsAsciiDigit))
        {
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, compact))
                return new SignInStep(SignInOutcome.Succeeded, user);
        }
        else if (compact.Length > 0 && await RedeemAsync(user, compact))
        {
            var left = await users.CountRecoveryCodesAsync(user);
            await audit.RecordAccountEventAsync(AuditActions.RecoveryCodeUsed, userName, remoteAddress, $"剩余{left}个恢复码", ct: ct);
            return new SignInStep(SignInOutcome.Succeeded, user);
        }
        return await FailAsync(userName, remoteAddress, "second-factor", ct);
    }

    // Recovery codes are accepted in any letter case, as people copy them from paper.
    private async Task<bool> RedeemAsync(AppUser user, string code)
    {
        foreach (var variant in new[] { code, code.ToUpperInvariant(), code.ToLowerInvariant() }.Distinct())
            if ((await users.RedeemTwoFactorRecoveryCodeAsync(user, variant)).Succeeded)
                return true;
        return false;
    }

    /// <summary>The user is signed in: their failures are cleared and the sign-in is audited.</summary>
    public async Task SignedInAsync(AppUser user, string? remoteAddress, CancellationToken ct = default)
    {
        await throttle.ResetAsync(user.UserName!, ct);
        await audit.RecordAccountEventAsync(AuditActions.SignIn, user.UserName!, remoteAddress, ct: ct);
    }

    /// <summary>Whether the user's role requires an authenticator (the administrators' per-role setting).</summary>
    public async Task<bool> TwoFactorRequiredAsync(AppUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RolePolicies.AnyAsync(p => p.Role == user.Role && p.RequireTwoFactor, ct);
    }

    private async Task<SignInStep> FailAsync(string userName, string? remoteAddress, string? step, CancellationToken ct) =>
        await throttle.FailAsync(userName, ct)
            ? await FailedAsync(AuditActions.LockedOut, userName, remoteAddress, step, ct)
            : await FailedAsync(AuditActions.SignInFailed, userName, remoteAddress, step, ct);

    private async Task<SignInStep> FailedAsync(string action, string userName, string? remoteAddress, string? step, CancellationToken ct)
    {
        await audit.RecordAccountEventAsync(action, userName, remoteAddress, step, ct: ct);
        return new SignInStep(action == AuditActions.LockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed);
    }

    /// <summary>Verifies the password against a hash of no one's password, made by the same hasher: the cost of a real check.</summary>
    private bool HashDummy(string password)
    {
        var hash = _dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        users.PasswordHasher.VerifyHashedPassword(new AppUser(), hash, password);
        return false;
    }
}
