using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Supervision.Web.Api;

/// <summary>The multipart body of an upload, as the OpenAPI document describes it.</summary>
public sealed record SubmissionUpload(
    [property: Description("报表文件（.xlsx，单表报表也可为 UTF-8/GBK 编码的 .csv）")] IFormFile File,
    [property: Description("报表编码，如 RN-MONTHLY")] string Template,
    [property: Description("报送期间，如 2026-10、2026-Q3、2026")] string Period,
    [property: Description("签报人确认“本单位对所报数据的真实性、准确性负责”：须为 true，报送即由密钥所绑定的签报人作出此确认")] bool Attestation,
    [property: Description("签章PDF（SELF-ANNUAL 必需）")] IFormFile? Pdf = null,
    [property: Description("合理性检查所标出各项数据的说明：JSON 对象，键为“工作表!单元格”，如 {\"汇总!D5\": \"本月撤并营业厅\"}")] string? Explanations = null);

/// <summary>A file part of an upload.</summary>
public sealed record UploadedPart(string FileName, byte[] Bytes);

/// <summary>
/// Reads an upload's multipart body part by part with the API's own limits, so every way a body can be wrong gets its
/// own code: not multipart at all, malformed, too many parts, a text field too long, a file too large.
/// The framework's form reader would answer some of these with a text message or call 5,000 parts "too large".
/// </summary>
public sealed class UploadForm
{
    /// <summary>file, template, period, attestation, pdf, explanations, and room for a client's extra field; more is not an upload.</summary>
    public const int MaxParts = 8;
    public const int MaxFieldBytes = 1024;
    public const string ExplanationsField = "explanations";
    public const int MaxExplanationsBytes = 256 * 1024;
    public const string NotMultipartCode = "request.not_multipart";
    public const string NotMultipartMessage = "请求须为 multipart/form-data，包含 file、template、period、attestation 字段（年度自查报告另附 pdf）。";

    private UploadForm(Dictionary<string, string> fields, Dictionary<string, UploadedPart> files) => (Fields, Files) = (fields, files);

    public IReadOnlyDictionary<string, string> Fields { get; }
    public IReadOnlyDictionary<string, UploadedPart> Files { get; }

    public string Field(string name) => Fields.GetValueOrDefault(name, "");

    /// <summary>The form, or the error to answer with (nothing has been stored either way).</summary>
    public static async Task<(UploadForm? Form, IResult? Error)> ReadAsync(HttpRequest request, long maxFileBytes, CancellationToken ct)
    {
        var limit = $"{maxFileBytes / 1024 / 1024}MB";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, ApiErrors.Of(StatusCodes.Status415UnsupportedMediaType, NotMultipartCode, NotMultipartMessage));
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
            return (null, Malformed("Content-Type 缺少或带有无效的 boundary 参数"));
        // The body may hold the file and the PDF; a larger one is refused before it is read (Kestrel's own limit is lower than two files).
        var maxBody = maxFileBytes * 2 + 1024 * 1024;
        if (request.ContentLength > maxBody)
            return (null, TooLarge($"请求体{request.ContentLength / 1024 / 1024}MB，文件不超过{limit}"));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = maxBody;

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, UploadedPart>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        try
        {
            var parts = 0;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++parts > MaxParts)
                    return (null, ApiErrors.Of(StatusCodes.Status400BadRequest, "request.too_many_parts", $"请求含有过多的字段（最多{MaxParts}个）；只需 file、template、period 和可选的 pdf。"));
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                    return (null, Malformed("某个部分缺少 Content-Disposition: form-data; name=…"));
                if (fields.ContainsKey(name) || files.ContainsKey(name))
                    return (null, ApiErrors.Of(StatusCodes.Status400BadRequest, "request.duplicate_field", $"字段“{Shown(name)}”出现了不止一次。"));
                if (disposition.IsFileDisposition())
                {
                    var bytes = await ReadUpToAsync(section.Body, maxFileBytes, ct);
                    if (bytes is null) return (null, TooLarge($"字段“{Shown(name)}”的文件超过{limit}的上限"));
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                    files[name] = new UploadedPart(fileName, bytes);
                }
                else
                {
                    // The explanations of flagged figures are one JSON object of texts: room for dozens of them.
                    var max = name == ExplanationsField ? MaxExplanationsBytes : MaxFieldBytes;
                    var bytes = await ReadUpToAsync(section.Body, max, ct);
                    if (bytes is null)
                        return (null, ApiErrors.Of(StatusCodes.Status400BadRequest, "request.field_too_long", $"字段“{Shown(name)}”超过{max}字节；文件请作为文件部分（带 filename）上传。"));
                    fields[name] = Encoding.UTF8.GetString(bytes).Trim();
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge($"文件不超过{limit}"));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Malformed("multipart 内容不完整或格式错误"));
        }
        return (new UploadForm(fields, files), null);
    }

    /// <summary>The part's bytes, or null when it holds more than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadUpToAsync(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static IResult Malformed(string detail) => ApiErrors.Of(StatusCodes.Status400BadRequest, "request.malformed", $"无法解析 multipart 请求：{detail}。");

    private static IResult TooLarge(string detail) => ApiErrors.Of(StatusCodes.Status413PayloadTooLarge, "file.too_large", $"请求过大：{detail}。");

    private static string Shown(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
