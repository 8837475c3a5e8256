using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Supervision.Domain.Access;

namespace Supervision.Web.Access;

/// <summary>
/// The sign-in cookie's life: checked against the database on every request (so signing out, a lock, or a password,
/// role or two-factor change ends it on every node at its next request), and the short-lived cookie that carries a
/// user between the password and the second step.
/// </summary>
public static class SignInCookies
{
    /// <summary>The cookie's security stamp must still be the user's: one primary-key lookup per request (static files excepted).</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || IsStaticFile(context.HttpContext))
            return;
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var current = await services.GetRequiredService<UserSessions>().IsCurrentAsync(
            principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.FindFirstValue(stampClaim), context.HttpContext.RequestAborted);
        if (current)
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    // Fingerprinted scripts and styles are public and need no session; skipping them keeps a page load to one or two lookups.
    private static bool IsStaticFile(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    /// <summary>
    /// A cookie issued on the sign-in page would send the browser to ?ReturnUrl=… as it stands (a 500 for "/。x", and to
    /// the wrong place between the two steps); the sign-in pages redirect themselves, to <see cref="ReturnUrls.Safe"/>.
    /// </summary>
    public static Task NoReturnRedirect(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;

    /// <summary>The password was right; the user still owes the second step (or must enrol an authenticator first).</summary>
    public static Task StartSecondStepAsync(HttpContext context, AppUser user) =>
        context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>The user between the two steps (the cookie lasts five minutes), or null.</summary>
    public static async Task<AppUser?> SecondStepUserAsync(HttpContext context, UserManager<AppUser> users)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return result.Principal?.Identity?.Name is { } id ? await users.FindByIdAsync(id) : null;
    }

    /// <summary>Both steps done: the session cookie replaces the in-between one.</summary>
    public static async Task CompleteAsync(HttpContext context, SignInManager<AppUser> signIn, SignInService signIns, AppUser user, string? method = null)
    {
        await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInAsync(user, isPersistent: false, method);
        await signIns.SignedInAsync(user, context.Connection.RemoteIpAddress?.ToString());
    }
}
