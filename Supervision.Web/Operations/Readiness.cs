using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Supervision.Domain.Data;

namespace Supervision.Web.Operations;

/// <summary>
/// /healthz says the process serves; /readyz says it can do its work: the database answers and its schema is the one
/// this build expects (no migration pending). A load balancer sends traffic only to a ready instance.
/// </summary>
public sealed class DatabaseReadiness(IDbContextFactory<SupervisionDbContext> factory) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (!await db.Database.CanConnectAsync(ct))
                return HealthCheckResult.Unhealthy("数据库无法连接。");
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("数据库可用，结构为最新。")
                : HealthCheckResult.Unhealthy($"数据库有{pending.Count}个迁移尚未应用（{string.Join("、", pending)}）。");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reason goes to the log, not to anonymous callers: it may name paths or hosts.
            return HealthCheckResult.Unhealthy("数据库无法访问。", ex);
        }
    }

    public static IEndpointConventionBuilder MapReadiness(IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
                }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }));
            },
        }).AllowAnonymous();
}
