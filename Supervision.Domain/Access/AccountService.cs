using Microsoft.AspNetCore.Identity;
using Supervision.Domain.Audit;
using Supervision.Domain.Common;

namespace Supervision.Domain.Access;

/// <param name="Key">The shared secret (Base32) for typing into the app by hand.</param>
/// <param name="Uri">The otpauth:// address the QR code carries.</param>
public sealed record AuthenticatorSetup(string Key, string Uri);

public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>
/// A user's own account security: password, authenticator app and recovery codes. Every change ends the user's other
/// sessions (a new security stamp); the web page signs the current browser in again.
/// </summary>
public sealed class AccountService(UserManager<AppUser> users, IUserStore<AppUser> store, UserSessions sessions, SignInService signIns, AuditService audit, AccessContext access)
{
    /// <summary>The name an authenticator app shows above the code.</summary>
    public const string Issuer = "电信监管平台";
    public const int RecoveryCodeCount = 10;

    public async Task<TwoFactorStatus> StatusAsync(AppUser user) =>
        new(await users.GetTwoFactorEnabledAsync(user), await signIns.TwoFactorRequiredAsync(user), await users.CountRecoveryCodesAsync(user));

    /// <summary>The key to enrol an app with; made on first use and kept until enrolment succeeds or is reset.</summary>
    public async Task<AuthenticatorSetup> AuthenticatorSetupAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: a first key changes nothing yet, and its new security stamp would end the
            // very session that opened the page.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            Check(await users.UpdateAsync(user));
        }
        var label = Uri.EscapeDataString($"{Issuer}:{user.UserName}");
        return new AuthenticatorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
    }

    /// <summary>Enables two-factor sign-in once the app shows a right code; returns the new recovery codes (shown once).</summary>
    public async Task<IReadOnlyList<string>> EnableAuthenticatorAsync(AppUser user, string code, string? remoteAddress)
    {
        ActAs(user);
        var compact = new string(code.Where(char.IsAsciiDigit).ToArray());
        if (compact.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, compact))
            throw new DomainException("account.code_invalid", "验证码不正确：请输入身份验证器应用中当前显示的6位数字（手机时间须准确）。");
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
            ?? throw new DomainException("user.invalid", "无法生成恢复码，请重试。");
        await sessions.EndAllAsync(users, user);
        await audit.RecordAccountEventAsync(AuditActions.TwoFactorEnabled, user.UserName!, remoteAddress);
        return codes;
    }

    public async Task<IReadOnlyList<string>> RenewRecoveryCodesAsync(AppUser user, string? remoteAddress)
    {
        ActAs(user);
        if (!await users.GetTwoFactorEnabledAsync(user))
            throw new DomainException("account.two_factor_off", "尚未启用双因素认证。");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
            ?? throw new DomainException("user.invalid", "无法生成恢复码，请重试。");
        await sessions.EndAllAsync(users, user);
        await audit.RecordAccountEventAsync(AuditActions.RecoveryCodesRenewed, user.UserName!, remoteAddress);
        return codes;
    }

    public async Task DisableAuthenticatorAsync(AppUser user, string? remoteAddress)
    {
        ActAs(user);
        if (await signIns.TwoFactorRequiredAsync(user))
            throw new DomainException("account.two_factor_required", $"{Roles.Label(user.Role)}必须使用双因素认证，不能停用；更换手机请重新绑定身份验证器。");
        await TurnOffAsync(users, user);
        await sessions.EndAllAsync(users, user);
        await audit.RecordAccountEventAsync(AuditActions.TwoFactorDisabled, user.UserName!, remoteAddress);
    }

    /// <summary>Replaces the app's key: the old app stops working at once; sign-in needs the new one (enrolled next).</summary>
    public async Task ResetAuthenticatorAsync(AppUser user, string? remoteAddress)
    {
        ActAs(user);
        await TurnOffAsync(users, user);
        await sessions.EndAllAsync(users, user);
        await audit.RecordAccountEventAsync(AuditActions.TwoFactorDisabled, user.UserName!, remoteAddress, "重新绑定");
    }

    public async Task ChangePasswordAsync(AppUser user, string currentPassword, string newPassword)
    {
        ActAs(user);
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
        await sessions.EndAllAsync(users, user);
    }

    /// <summary>Two-factor off, the app's key replaced and the recovery codes gone (also used by administrators for a lost phone).</summary>
    internal static async Task TurnOffAsync(UserManager<AppUser> users, AppUser user)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user)); // the old app's codes stop working; the new key waits for enrolment
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    // Enrolment at sign-in happens before the cookie exists: the user who proved the password is the one acting.
    private void ActAs(AppUser user)
    {
        if (access.UserId is null)
            access.Set(access.Scope, user.UserName!, user.Id);
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException("user.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
