using Microsoft.Data.Sqlite;
using Supervision.Web.Api;

namespace Supervision.Web.Operations;

/// <summary>
/// SQLite lets one writer in at a time; a request that waited longer than the busy timeout (connection string
/// "Default Timeout", 10 s by default) for another writer fails. Its transaction has rolled back and nothing was stored,
/// so it is answered as what it is — 503 with Retry-After, a stable code and a message saying to try again — not as a 500.
/// </summary>
public static class DatabaseBusy
{
    public const string Code = "database.busy";
    public const string Message = "数据库正忙（另一项写入操作占用时间过长），本次操作未保存任何内容，请稍后重试。";
    private const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseDatabaseBusyAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsBusy(ex) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseBusy).FullName!)
                .LogWarning("Database busy past the timeout on {Method} {Path}; answered 503", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await ApiErrors.Write(context.Response, StatusCodes.Status503ServiceUnavailable, Code, Message);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>系统繁忙</title></head><body><h1>系统繁忙</h1><p>{Message}</p></body></html>");
        }
    });

    /// <summary>SQLITE_BUSY (5) or SQLITE_LOCKED (6) anywhere in the chain (EF Core wraps it in DbUpdateException and others).</summary>
    public static bool IsBusy(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
        return false;
    }
}
