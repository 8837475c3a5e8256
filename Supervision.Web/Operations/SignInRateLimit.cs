using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Supervision.Web.Operations;

/// <summary>
/// Limits sign-in posts — the password step and the second step (authenticator or recovery code, enrolment) — per client
/// address and per user (fixed windows, no queue), in front of the lockout (<see cref="Supervision.Domain.Access.SignInThrottle"/>):
/// the lockout stops guessing one account's password; this stops spraying many accounts from one address and keeps a
/// locked-out name from being hammered. The address is the client's, also behind a configured reverse proxy
/// (<see cref="ForwardedClient"/>). A refused post answers 429 with a page saying when to try again.
/// </summary>
public static class SignInRateLimit
{
    public const string LoginPath = "/account/login";
    public const string UserNameField = "Input.UserName";
    private static readonly object UserNameKey = new();

    /// <param name="PerAddress">Posts one client address may make per window.</param>
    /// <param name="PerUser">Posts naming one user (any address) per window; second-step posts count per user they continue.</param>
    public sealed record Limits(int PerAddress = 30, int PerUser = 10, int WindowSeconds = 60);

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var limits = config.GetSection("SignIn:RateLimit").Get<Limits>() ?? new Limits();
            var window = TimeSpan.FromSeconds(limits.WindowSeconds);
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsSignInPost(ctx)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "-"), _ => Window(limits.PerAddress, window))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsSignInPost(ctx) && ctx.Items[UserNameKey] is string { Length: > 0 } user
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + user, _ => Window(limits.PerUser, window))
                    : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => RefuseAsync(context.HttpContext, context.Lease, window, ct);
        });
        return services;
    }

    /// <summary>
    /// Reads the posted user name before the limiter runs (the form is buffered; the page binds the same copy), or for the
    /// second step the user the in-between cookie carries.
    /// </summary>
    public static IApplicationBuilder UseSignInRateLimit(this IApplicationBuilder app)
    {
        app.Use(async (ctx, next) =>
        {
            if (IsSignInPost(ctx) && !ctx.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase))
            {
                var pending = await ctx.AuthenticateAsync(Microsoft.AspNetCore.Identity.IdentityConstants.TwoFactorUserIdScheme);
                ctx.Items[UserNameKey] = pending.Principal?.Identity?.Name is { } id ? "id:" + id : null;
            }
            else if (IsSignInPost(ctx) && ctx.Request.HasFormContentType)
            {
                try
                {
                    var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
                    ctx.Items[UserNameKey] = form[UserNameField].ToString().Trim().ToLowerInvariant();
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
                {
                    // An unreadable form is limited by address only; the page refuses it.
                }
            }
            await next(ctx);
        });
        return app.UseRateLimiter();
    }

    private static bool IsSignInPost(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static ValueTask RefuseAsync(HttpContext ctx, RateLimitLease lease, TimeSpan window, CancellationToken ct) =>
        RateLimitRefusal.WriteAsync(ctx, lease, window, seconds => $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>登录过于频繁 - 监管平台</title><link rel="stylesheet" href="/app.css" /></head>
            <body><section class="login-card" aria-labelledby="login-heading"><h1 id="login-heading">用户登录</h1>
            <div class="login-error" role="alert" id="login-error">{WebUtility.HtmlEncode(Message(seconds))}</div>
            <p><a href="{LoginPath}">返回登录页</a></p></section></body></html>
            """, ct);

    public static string Message(int seconds) =>
        $"登录尝试过于频繁，请{RateLimitRefusal.Wait(seconds)}后再试。如忘记密码，请联系本单位系统管理员重置。";
}
