using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;
using Supervision.Web.Access;
using Supervision.Web.Components.Shared;

namespace Supervision.Web.Api;

public sealed record ApiError(string Code, string Message, string? Sheet = null, int? Row = null, string? Column = null);
public sealed record ApiErrors(IReadOnlyList<ApiError> Errors)
{
    public static Task Write(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new ApiErrors([new ApiError(code, message)]));
    }

    public static IResult Of(int status, string code, string message) => Results.Json(new ApiErrors([new ApiError(code, message)]), statusCode: status);
}

public sealed record ApiFlag(string Code, string Sheet, string Cell, string Message);

/// <summary>A figure the plausibility checks flagged: where, which check, the value and what was expected (explain it under the key <c>sheet!cell</c>).</summary>
public sealed record ApiFinding(string Sheet, string Cell, string Check, decimal Value, string Expected, string Figure, string Row);

/// <summary>422 plausibility.unconfirmed: the flagged figures still lacking an explanation.</summary>
public sealed record ApiUnconfirmed(IReadOnlyList<ApiError> Errors, IReadOnlyList<ApiFinding> Unconfirmed);
public sealed record SubmissionCreated(long Id, string Template, string Period, int Version, string Status, string? ReceiptNo, string Sha256, int Rows, IReadOnlyList<ApiFlag> Flags);
public sealed record SubmissionState(long Id, string Template, string Period, int Version, string Status, string? ReceiptNo, DateTimeOffset? SubmittedAt, bool Late,
    DateOnly DueDate, IReadOnlyList<ApiFlag> Flags, ReviewOutcome? Review);
public sealed record ReviewOutcome(string Outcome, string? Note, DateTimeOffset? At);

/// <summary>The HTTP API for carriers' own systems: templates, uploads and status, authorized by branch API keys.</summary>
public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiKeyAuthentication.SchemeName, Roles = Roles.CarrierUser })
            .WithTags("报送接口");

        api.MapGetAndHead("/templates/{code}", TemplateAsync).WithSummary("下载本单位的报表模板").WithName("GetTemplate")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .Produces<ApiErrors>(StatusCodes.Status400BadRequest).Produces<ApiErrors>(StatusCodes.Status401Unauthorized)
            .Produces<ApiErrors>(StatusCodes.Status403Forbidden).Produces<ApiErrors>(StatusCodes.Status404NotFound);

        api.MapPost("/submissions", UploadAsync)
            .WithSummary("上传并报送报表（multipart：file、template、period、attestation=true，可选 pdf、explanations；可选请求头 Idempotency-Key）")
            .WithDescription("同一 Idempotency-Key 再次发送同一请求（报表、期间、文件和PDF均相同）返回首次的结果（201，不重复创建），同时发送的两个请求也都得到首次的结果；" +
                             "同一 Idempotency-Key 用于不同的请求返回 422 idempotency.mismatch。校验不通过的请求不占用 Idempotency-Key。" +
                             "报送即由密钥所绑定的签报人确认“" + Attestation.Text + "”：须带字段 attestation=true，否则返回 422 submission.attestation_required；" +
                             "签报人已不再是签报人或已被锁定时返回 403 submission.not_signatory。" +
                             "数据未通过合理性检查（与上期、本单位近12期或全省同类单位相比异常）时返回 422 plausibility.unconfirmed，unconfirmed 列出各项 {sheet, cell, check, value, expected}；" +
                             "逐项说明后再次上传，带字段 explanations（JSON 对象，如 {\"汇总!D5\": \"本月撤并营业厅\"}），缺少或为空的说明仍返回 422。")
            .WithName("CreateSubmission").DisableAntiforgery()
            .Accepts<SubmissionUpload>("multipart/form-data")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = "Idempotency-Key", In = Microsoft.OpenApi.ParameterLocation.Header, Required = false,
                    Description = "客户端为每次上传生成的唯一键（不超过100个字符：英文字母、数字和 . _ - :），重试时原样发送。",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 100, Pattern = "^[A-Za-z0-9._:-]{1,100}$" },
                });
                return Task.CompletedTask;
            })
            .Produces<SubmissionCreated>(StatusCodes.Status201Created).Produces<ApiErrors>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrors>(StatusCodes.Status401Unauthorized).Produces<ApiErrors>(StatusCodes.Status403Forbidden)
            .Produces<ApiErrors>(StatusCodes.Status404NotFound).Produces<ApiErrors>(StatusCodes.Status409Conflict)
            .Produces<ApiErrors>(StatusCodes.Status413PayloadTooLarge).Produces<ApiErrors>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ApiErrors>(StatusCodes.Status422UnprocessableEntity).Produces<ApiErrors>(StatusCodes.Status503ServiceUnavailable);

        api.MapGetAndHead("/submissions/{id:long}", StatusAsync).WithSummary("查询本单位报表的状态与审核结果").WithName("GetSubmission")
            .Produces<SubmissionState>().Produces<ApiErrors>(StatusCodes.Status401Unauthorized).Produces<ApiErrors>(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>
    /// GET, and HEAD answering the same without a body (RFC 9110 §9.3.2; <see cref="ApiErrorResponses"/> drops the body),
    /// left out of the OpenAPI document.
    /// </summary>
    private static RouteHandlerBuilder MapGetAndHead(this RouteGroupBuilder api, string pattern, Delegate handler)
    {
        api.MapMethods(pattern, [HttpMethods.Head], handler).ExcludeFromDescription();
        return api.MapGet(pattern, handler);
    }

    private static async Task<IResult> TemplateAsync(string code, string? period, SubmissionService submissions, AccessContext access, CancellationToken ct)
    {
        try
        {
            var template = await submissions.TemplateAsync(code, ct);
            period ??= ReportingPeriod.LatestEnded(template.Frequency, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).ToString();
            var fill = await submissions.TemplateFillAsync(access.Scope.BranchIds[0], code, period, ct);
            return Results.File(TemplateWorkbook.Build(fill), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fmt.TemplateFileName(fill, "xlsx"));
        }
        catch (DomainException ex)
        {
            return ErrorOf(ex);
        }
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, SubmissionService submissions, SpreadsheetLimits limits, AccessContext access, CancellationToken ct)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 100 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
            return ApiErrors.Of(400, "request.idempotency_key", "Idempotency-Key 不超过100个字符，只能包含英文字母、数字和 . _ - :。");
        var (form, error) = await UploadForm.ReadAsync(request, limits.MaxFileBytes, ct);
        if (error is not null) return error;
        var file = form!.Files.GetValueOrDefault("file");
        var template = form.Field("template");
        var period = form.Field("period");
        var missing = new[] { file is null ? "file" : null, template.Length == 0 ? "template" : null, period.Length == 0 ? "period" : null }.OfType<string>().ToList();
        if (missing.Count > 0)
            return ApiErrors.Of(400, "request.missing_field", $"缺少字段：{string.Join("、", missing)}。");
        var pdf = form.Files.GetValueOrDefault("pdf") is { } part ? new Attachment(part.FileName, part.Bytes) : null;
        var attested = string.Equals(form.Field("attestation"), "true", StringComparison.OrdinalIgnoreCase);
        var (explanations, badExplanations) = Explanations(form.Field(UploadForm.ExplanationsField));
        if (badExplanations is not null) return badExplanations;
        try
        {
            var result = await submissions.UploadAsync(new UploadRequest(access.Scope.BranchIds[0], template, period, file!.FileName, "api", SubmitNow: true,
                key.Length == 0 ? null : key, pdf, attested, explanations), file.Bytes, ct: ct);
            if (result.Unconfirmed)
                return Results.Json(Unconfirmed(new PlausibilityUnconfirmedException(result.Findings!, result.Unexplained!)), statusCode: 422);
            if (!result.Accepted)
                return Results.Json(new ApiErrors(result.Errors.Select(e => new ApiError(e.Code, e.Message, e.Sheet, e.Row > 0 ? e.Row : null, e.Column)).ToList()), statusCode: 422);
            var s = result.Submission!;
            var body = new SubmissionCreated(s.Id, s.TemplateCode, s.Period, s.Version, s.Status.ToString(), s.ReceiptNo, s.Sha256, s.RowCount, Flags(s));
            return Results.Json(body, statusCode: 201);
        }
        catch (ImportBusyException ex)
        {
            request.HttpContext.Response.Headers.RetryAfter = ImportBusyException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Of(503, ex.Code, ex.Message);
        }
        catch (DomainException ex)
        {
            return ErrorOf(ex);
        }
    }

    private static async Task<IResult> StatusAsync(long id, SubmissionService submissions, CancellationToken ct)
    {
        try
        {
            var s = (await submissions.GetAsync(id, ct)).Submission;
            var review = s.ReviewedAt is null ? null : new ReviewOutcome(s.Status.ToString(), s.ReviewNote, s.ReviewedAt);
            return Results.Ok(new SubmissionState(s.Id, s.TemplateCode, s.Period, s.Version, s.Status.ToString(), s.ReceiptNo, s.SubmittedAt, s.Late, s.DueDate, Flags(s), review));
        }
        catch (DomainException ex)
        {
            return ErrorOf(ex);
        }
    }

    private static List<ApiFlag> Flags(Submission s) =>
        s.Flags.Select(f => new ApiFlag(f.Code, f.Sheet, f.Row <= 0 ? "—" : $"{f.Column}{f.Row}", f.Message)).ToList();

    /// <summary>The explanations field: a JSON object of texts keyed by cell (<c>{"汇总!D5": "…"}</c>); absent is none.</summary>
    private static (IReadOnlyDictionary<string, string>? Explanations, IResult? Error) Explanations(string field)
    {
        if (field.Length == 0) return (null, null);
        try
        {
            var parsed = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(field);
            return (parsed?.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!), null);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, ApiErrors.Of(400, "request.explanations_invalid", "字段 explanations 应为 JSON 对象，键为“工作表!单元格”，值为说明文字，如 {\"汇总!D5\": \"本月撤并营业厅\"}。"));
        }
    }

    private static ApiUnconfirmed Unconfirmed(PlausibilityUnconfirmedException ex) =>
        new([new ApiError(ex.Code, ex.Message)], ex.Unexplained.Select(f => new ApiFinding(f.Sheet, f.Cell, f.Check, f.Value, f.Expected, f.Figure, f.Row)).ToList());

    private static IResult ErrorOf(DomainException ex) => ex switch
    {
        PlausibilityUnconfirmedException unconfirmed => Results.Json(Unconfirmed(unconfirmed), statusCode: 422),
        NotFoundException => ApiErrors.Of(404, ex.Code, ex.Message),
        AccessDeniedException => ApiErrors.Of(403, ex.Code, ex.Message),
        _ when ex.Code == Attestation.RequiredCode => ApiErrors.Of(422, ex.Code, ex.Message),
        _ when ex.Code is "submission.locked" or "submission.period_open" => ApiErrors.Of(409, ex.Code, ex.Message),
        _ when ex.Code == Submission.IdempotencyMismatchCode => ApiErrors.Of(422, ex.Code, ex.Message),
        _ when ex.Code == "template.unknown" => ApiErrors.Of(404, ex.Code, ex.Message),
        _ => ApiErrors.Of(400, ex.Code, ex.Message),
    };
}
