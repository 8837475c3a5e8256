using System.Globalization;
using System.Threading.RateLimiting;

namespace Supervision.Web.Operations;

/// <summary>How every rate limit of the portal answers a refused request: 429, Retry-After, and a Chinese page saying when to try again.</summary>
public static class RateLimitRefusal
{
    /// <summary>The wait the lease names (else the whole window), in whole seconds, at least one.</summary>
    public static int Seconds(RateLimitLease lease, TimeSpan window)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }

    /// <summary>“30秒” or “2分钟”.</summary>
    public static string Wait(int seconds) => seconds >= 60 ? $"{(seconds + 59) / 60}分钟" : $"{seconds}秒";

    /// <summary>Answers 429 with Retry-After and the HTML page <paramref name="page"/> builds from the seconds to wait.</summary>
    public static async ValueTask WriteAsync(HttpContext ctx, RateLimitLease lease, TimeSpan window, Func<int, string> page, CancellationToken ct)
    {
        var seconds = Seconds(lease, window);
        ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(page(seconds), ct);
    }
}
