using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;

namespace Supervision.Web.Access;

/// <summary>Single sign-on against the administration's identity provider (configuration section <c>Oidc</c>); off unless enabled.</summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";
    public bool Enabled { get; set; }
    /// <summary>The identity provider's issuer (its discovery document is at /.well-known/openid-configuration).</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The claim whose value is matched to a portal user's 统一身份认证账号 (<see cref="AppUser.ExternalId"/>), e.g. preferred_username or employee_id.</summary>
    public string Claim { get; set; } = "preferred_username";
    /// <summary>Carrier users may sign in this way too (by default only the administration's staff).</summary>
    public bool AllowCarriers { get; set; }
    /// <summary>Off only for a provider on plain HTTP in a test network.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>
/// Single sign-on: the identity provider says who the person is; the portal's own user record — matched by the configured
/// claim — says what they may do (role and scope), whether they may sign in at all, and the session follows the same rules
/// as a password sign-in (security stamp, single session, audit).
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string Path = "/account/sso";
    public const string RefusedPath = "/account/sso/refused";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        services.AddSingleton(options);
        if (!options.Enabled) return services;
        if (string.IsNullOrWhiteSpace(options.Authority) || string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.Claim))
            throw new InvalidOperationException("Oidc 配置有误：启用统一身份认证（Oidc:Enabled=true）时须填写 Oidc:Authority、Oidc:ClientId 和 Oidc:Claim。");
        services.AddAuthentication().AddOpenIdConnect(Scheme, "统一身份认证", o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.MapInboundClaims = false; // the claim is matched by the name the provider gives it
            o.GetClaimsFromUserInfoEndpoint = true;
            o.SaveTokens = false;
            o.Scope.Add("profile");
            o.Events.OnRemoteFailure = ctx =>
            {
                ctx.Response.Redirect($"{RefusedPath}?reason=failed");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public static void MapSingleSignOn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? returnUrl, OidcOptions options) => options.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = $"{Path}/complete?returnUrl={Uri.EscapeDataString(ReturnUrls.Safe(returnUrl))}" }, [Scheme])
            : Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet($"{Path}/complete", CompleteAsync).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Back from the identity provider: the portal user the identity belongs to is signed in, or the person is told why not.</summary>
    private static async Task<IResult> CompleteAsync(HttpContext ctx, string? returnUrl, OidcOptions options, UserManager<AppUser> users,
        SignInManager<AppUser> signIn, SignInService signIns, AuditService audit, TimeProvider clock, TwoFactorExemptions exemptions)
    {
        if (!options.Enabled) return Results.NotFound();
        var external = await ctx.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await ctx.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded) return Results.Redirect($"{RefusedPath}?reason=failed");
        var identity = external.Principal?.FindFirstValue(options.Claim)?.Trim();
        var user = string.IsNullOrEmpty(identity) ? null : await users.Users.FirstOrDefaultAsync(u => u.ExternalId == identity, ctx.RequestAborted);
        var address = ctx.Connection.RemoteIpAddress?.ToString();
        var reason = user is null ? "unknown"
            : user.IsLocked(clock.GetUtcNow()) ? "disabled"
            : user.Role == UserRole.CarrierUser && !options.AllowCarriers ? "carrier"
            : null;
        if (reason is not null)
        {
            await audit.RecordAccountEventAsync(AuditActions.SignInFailed, user?.UserName ?? $"统一身份认证:{identity ?? "（无账号）"}", address, $"统一身份认证登录被拒绝（{reason}）");
            return Results.Redirect($"{RefusedPath}?reason={reason}");
        }
        var target = ReturnUrls.Safe(returnUrl);
        // The portal's own second step stays as after a password: a user with an authenticator, or whose role requires one, gives it.
        if (user!.TwoFactorEnabled || (await signIns.TwoFactorRequiredAsync(user) && !exemptions.Contains(user.UserName)))
        {
            await SignInCookies.StartSecondStepAsync(ctx, user);
            var next = user.TwoFactorEnabled ? Components.Account.LoginTwoFactor.Path : Components.Account.EnrolAuthenticator.Path;
            return Results.Redirect($"{next}?ReturnUrl={Uri.EscapeDataString(target)}");
        }
        await SignInCookies.CompleteAsync(ctx, signIn, signIns, user, Scheme);
        return Results.Redirect(target);
    }
}
