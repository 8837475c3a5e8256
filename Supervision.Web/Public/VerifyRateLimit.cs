using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Supervision.Web.Operations;

namespace Supervision.Web.Public;

/// <summary>
/// Limits the public verify page (<c>/public/verify</c>) per client address, in fixed windows without a queue: look-ups of a
/// code and PDF uploads (each hashed in full) are counted apart, uploads more tightly. The page needs no sign-in, so this
/// is what keeps anyone from trying codes in bulk or loading the server with uploads. The address is the client's, also
/// behind a configured reverse proxy (<see cref="ForwardedClient"/>). Limits: <c>PublicVerify:RateLimit</c>.
/// </summary>
public static class VerifyRateLimit
{
    /// <summary>The policy the page names with <c>[EnableRateLimiting]</c>.</summary>
    public const string Policy = "public-verify";

    public const string Section = "PublicVerify:RateLimit";

    /// <param name="Lookups">Look-ups (GET) one client address may make per window.</param>
    /// <param name="Uploads">PDF comparisons (POST) one client address may make per window.</param>
    public sealed record Limits(int Lookups = 60, int Uploads = 10, int WindowSeconds = 60);

    public static IServiceCollection AddVerifyRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
            o.AddPolicy(Policy, new PerClient(config.GetSection(Section).Get<Limits>() ?? new Limits())));
        return services;
    }

    private sealed class PerClient(Limits limits) : IRateLimiterPolicy<string>
    {
        private readonly TimeSpan _window = TimeSpan.FromSeconds(limits.WindowSeconds);

        public RateLimitPartition<string> GetPartition(HttpContext ctx)
        {
            var upload = HttpMethods.IsPost(ctx.Request.Method);
            var address = ctx.Connection.RemoteIpAddress?.ToString() ?? "-";
            return RateLimitPartition.GetFixedWindowLimiter((upload ? "upload:" : "lookup:") + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = upload ? limits.Uploads : limits.Lookups, Window = _window, QueueLimit = 0, AutoReplenishment = true,
            });
        }

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, ct) =>
            RateLimitRefusal.WriteAsync(context.HttpContext, context.Lease, _window, seconds => $"""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <title>核验过于频繁 - 行政执法信息公示</title><link rel="stylesheet" href="/public.css" /></head>
                <body><main id="main" class="pub-main"><h1 class="pub-h1">文书核验</h1>
                <div class="pub-error" role="alert" id="verify-limited"><p>{WebUtility.HtmlEncode(Message(seconds))}</p></div>
                <p><a href="/public/verify">返回文书核验</a></p></main></body></html>
                """, ct);
    }

    public static string Message(int seconds) =>
        $"核验请求过于频繁，请{RateLimitRefusal.Wait(seconds)}后再试。每个网络地址在一定时间内可核验和比对的次数有限。";
}
