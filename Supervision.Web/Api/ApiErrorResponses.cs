using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;
using Supervision.Web.Operations;

namespace Supervision.Web.Api;

/// <summary>
/// Under /api every failure is the documented JSON <c>{errors:[{code,message}]}</c>, also those no handler answered:
/// an unknown route (404), a method the route does not take (405), a body type an endpoint does not accept (415, from
/// routing), an empty 401/403 from a scheme, and an unhandled exception (500, logged with its trace id). Without this the
/// site's status-code page would re-run the HTML "not found" page for them — with the request's method and body, which is
/// where a JSON or form body met Blazor's "incorrect Content-type" and antiforgery texts. A HEAD request gets the
/// headers its GET would, without the body.
/// </summary>
public static class ApiErrorResponses
{
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        if (HttpMethods.IsHead(context.Request.Method)) context.Response.Body = Stream.Null; // the headers of a GET, no body
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !DatabaseBusy.IsBusy(ex) && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrorResponses).FullName!)
                .LogError(ex, "Unhandled exception on {Method} {Path}; answered 500", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiErrors.Write(context.Response, StatusCodes.Status500InternalServerError, "server.error",
                $"服务器内部错误，本次请求未保存任何内容，请稍后重试；如仍失败，请联系管理员并提供跟踪号 {context.TraceIdentifier}。");
            return;
        }
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
            return;
        var (code, message) = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("api.not_found", $"接口地址不存在：{context.Request.Method} {context.Request.Path.ToUriComponent()}。可用的接口见 /openapi/v1.json。"),
            StatusCodes.Status405MethodNotAllowed =>
                ("request.method_not_allowed", $"该接口不支持 {context.Request.Method} 方法（可用：{response.Headers[HeaderNames.Allow]}）。"),
            StatusCodes.Status415UnsupportedMediaType => (UploadForm.NotMultipartCode, UploadForm.NotMultipartMessage),
            StatusCodes.Status401Unauthorized => ("auth.invalid_key", "缺少或无效的接口密钥（Authorization: Bearer spk_…），或密钥已吊销、已过期。"),
            StatusCodes.Status403Forbidden => ("auth.forbidden", "该密钥无权执行此操作。"),
            StatusCodes.Status413PayloadTooLarge => ("file.too_large", "请求过大。"),
            _ => ("request.failed", $"请求未能处理（HTTP {response.StatusCode}）。"),
        };
        await ApiErrors.Write(response, response.StatusCode, code, message);
    });
}
