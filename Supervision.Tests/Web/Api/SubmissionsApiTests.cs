using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Api;

public class SubmissionsApiTests(Portal portal) : IClassFixture<Portal>
{
    private const string CmccKey = "spk_demoCMCC64_NingxiaMobile_2026";
    private const string CuccKey = "spk_demoCUCC64_NingxiaUnicom_2026";
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    private HttpClient Client(string? key)
    {
        var client = portal.Anonymous();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static MultipartFormDataContent Form(byte[]? file, string? template = "RN-MONTHLY", string? period = "2026-09", bool attested = true)
    {
        var form = new MultipartFormDataContent();
        if (file is not null) form.Add(new ByteArrayContent(file), "file", "月报.xlsx");
        if (template is not null) form.Add(new StringContent(template), "template");
        if (period is not null) form.Add(new StringContent(period), "period");
        if (attested) form.Add(new StringContent("true"), "attestation");
        return form;
    }

    private static byte[] Valid(string period, string branch = "CMCC-64", int seed = 1) =>
        ReturnFileGenerator.RnMonthly(new GeneratedReturn(branch, period, Ningxia, seed));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_valid_upload_is_created_with_its_receipt()
    {
        var response = await Client(CmccKey).PostAsync("/api/v1/submissions", Form(Valid("2026-09")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        // The API gives the one receipt number: the code printed on the receipt PDF (ABCD-EFGH-JKMN), not a key built from codes.
        Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$", body.GetProperty("receiptNo").GetString());
        Assert.Equal(120, body.GetProperty("rows").GetInt32());
        Assert.Equal(64, body.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("Submitted", body.GetProperty("status").GetString());

        var status = await Client(CmccKey).GetAsync($"/api/v1/submissions/{body.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Submitted", (await JsonAsync(status)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_invalid_upload_answers_422_with_every_error_located()
    {
        var file = Valid("2026-08");
        var response = await Client(CmccKey).PostAsync("/api/v1/submissions", Form(file, period: "2026-07"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        var period = Assert.Single(errors, e => e.GetProperty("code").GetString() == "PERIOD_MISMATCH" && e.GetProperty("sheet").GetString() == "汇总");
        Assert.Equal((2, "D"), (period.GetProperty("row").GetInt32(), period.GetProperty("column").GetString()));
        Assert.Contains("2026-08", period.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_upload_for_a_filed_period_or_one_not_yet_ended_answers_409_with_its_code_before_the_file_is_read()
    {
        Assert.Equal(HttpStatusCode.Created, (await Client(CuccKey).PostAsync("/api/v1/submissions", Form(Valid("2026-03", "CUCC-64"), period: "2026-03"))).StatusCode);
        var again = await Client(CuccKey).PostAsync("/api/v1/submissions", Form("not a workbook"u8.ToArray(), period: "2026-03"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("submission.locked", (await JsonAsync(again)).GetProperty("errors")[0].GetProperty("code").GetString());

        var month = Supervision.Domain.Common.BeijingTime.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var early = await Client(CuccKey).PostAsync("/api/v1/submissions", Form("not a workbook"u8.ToArray(), period: month));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var error = (await JsonAsync(early)).GetProperty("errors")[0];
        Assert.Equal("submission.period_open", error.GetProperty("code").GetString());
        Assert.Contains("尚未结束", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null, "RN-MONTHLY", "2026-09", "request.missing_field")]
    [InlineData("file", null, "2026-09", "request.missing_field")]
    [InlineData("file", "RN-MONTHLY", "2026-9-9", "period.invalid")]
    public async Task Malformed_requests_answer_400(string? file, string? template, string? period, string code)
    {
        var response = await Client(CmccKey).PostAsync("/api/v1/submissions", Form(file is null ? null : Valid("2026-09"), template, period));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("code").GetString());
        var notMultipart = await Client(CmccKey).PostAsync("/api/v1/submissions", JsonContent.Create(new { template = "RN-MONTHLY" }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        Assert.Equal("request.not_multipart", (await JsonAsync(notMultipart)).GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_template_is_404_and_one_the_branch_does_not_file_is_403()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client(CmccKey).PostAsync("/api/v1/submissions", Form(Valid("2026-09"), "NO-SUCH"))).StatusCode);
        var reseller = "spk_demoJDCOM64_JDMobile_2026"; // resellers do not file the log-retention return
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(reseller).GetAsync("/api/v1/templates/LOG-QUARTERLY?period=2026-Q3")).StatusCode);
    }

    [Fact]
    public async Task Missing_wrong_and_revoked_keys_answer_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(null).GetAsync("/api/v1/templates/RN-MONTHLY")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client("spk_demoCMCC64_WRONG_SECRET_0000").GetAsync("/api/v1/templates/RN-MONTHLY")).StatusCode);
        var cookie = await portal.AsAsync("carrier.cmcc.nx"); // a signed-in browser session is not an API key
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/templates/RN-MONTHLY")).StatusCode);

        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        var signatory = await db.Users.Where(u => u.UserName == "carrier.cucc.nx").Select(u => u.Id).SingleAsync();
        string key;
        using (var scope = portal.ScopeFor(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin"))
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            key = await keys.IssueAsync(branch.Id, "测试", signatory, null);
            Assert.Equal(HttpStatusCode.OK, (await Client(key).GetAsync("/api/v1/templates/RN-MONTHLY?period=2026-09")).StatusCode);
            await keys.RevokeAsync((await keys.ListAsync(branch.Id)).Single(k => k.Name == "测试").Id);
        }
        var revoked = await Client(key).GetAsync("/api/v1/templates/RN-MONTHLY?period=2026-09");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("auth.invalid_key", (await JsonAsync(revoked)).GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unattested_upload_is_refused_with_422_and_stores_nothing()
    {
        await using var before = portal.Db();
        var count = await before.Submissions.CountAsync();
        var response = await Client(CmccKey).PostAsync("/api/v1/submissions", Form(Valid("2026-06", seed: 7), period: "2026-06", attested: false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("submission.attestation_required", error.GetProperty("code").GetString());
        Assert.Contains("本单位对所报数据的真实性、准确性负责", error.GetProperty("message").GetString());
        await using var after = portal.Db();
        Assert.Equal(count, await after.Submissions.CountAsync());
    }

    [Fact]
    public async Task A_key_files_for_its_signatory_and_is_refused_once_the_signatory_loses_the_duty()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        string key, userId;
        using (var admin = await portal.AsUserAsync("admin"))
        {
            userId = await admin.Get<UserAdministration>().CreateAsync(new UserInput
            {
                UserName = "erp.signatory", DisplayName = "钱进（宁夏移动报送系统签报人）", Role = UserRole.CarrierUser, BranchId = branch.Id, Signatory = true, Password = "Qz#7mLp2026xv",
            });
            key = await admin.Get<ApiKeyService>().IssueAsync(branch.Id, "报送系统", userId, null);
            var notSignatory = await Assert.ThrowsAsync<DomainException>(() => admin.Get<ApiKeyService>().IssueAsync(branch.Id, "x",
                db.Users.Where(u => u.UserName == "preparer.cmcc.nx").Select(u => u.Id).Single(), null));
            Assert.Equal("apikey.signatory_required", notSignatory.Code);
        }
        var created = await Client(key).PostAsync("/api/v1/submissions", Form(Valid("2026-05", seed: 9), period: "2026-05"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();
        await using (var check = portal.Db())
            Assert.Equal("erp.signatory", await check.Submissions.Where(s => s.Id == id).Select(s => s.AttestedBy).SingleAsync());

        using (var cmccAdmin = await portal.AsUserAsync("carrier.cmcc.nx")) // the carrier's own 企业管理员 withdraws the duty
            await cmccAdmin.Get<UserAdministration>().UpdateAsync(userId, new UserInput { DisplayName = "宁夏移动报送系统", Role = UserRole.CarrierUser, BranchId = branch.Id, Preparer = true });
        var refused = await Client(key).PostAsync("/api/v1/submissions", Form(Valid("2026-04", seed: 9), period: "2026-04"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("submission.not_signatory", (await JsonAsync(refused)).GetProperty("errors")[0].GetProperty("code").GetString());
        await using var after = portal.Db();
        Assert.False(await after.Submissions.AnyAsync(s => s.BranchId == branch.Id && s.Period == "2026-04"));
    }

    [Fact]
    public async Task Another_branchs_submission_is_not_found_for_its_key()
    {
        var created = await JsonAsync(await Client(CmccKey).PostAsync("/api/v1/submissions", Form(Valid("2026-01", seed: 5), period: "2026-01")));
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await Client(CuccKey).GetAsync($"/api/v1/submissions/{id}")).StatusCode);
        // And a key cannot file for another branch by naming its code in the file.
        var forged = await Client(CuccKey).PostAsync("/api/v1/submissions", Form(Valid("2026-01", "CMCC-64"), period: "2026-01"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Contains("BRANCH_MISMATCH", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_first_result_and_creates_nothing()
    {
        var file = Valid("2025-12", seed: 9); // the same bytes twice (a workbook written twice may differ in its timestamps)
        HttpRequestMessage Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = Form(file, period: "2025-12") };
            request.Headers.Add("Idempotency-Key", "erp-batch-20251210-001");
            return request;
        }
        var first = await JsonAsync(await Client(CmccKey).SendAsync(Post()));
        var second = await Client(CmccKey).SendAsync(Post());
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.GetProperty("id").GetInt64(), (await JsonAsync(second)).GetProperty("id").GetInt64());
        await using var db = portal.Db();
        Assert.Equal(1, await db.Submissions.CountAsync(s => s.Period == "2025-12" && s.Branch!.Code == "CMCC-64"));
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_request_is_422_and_creates_nothing()
    {
        const string key = "erp-batch-20251110-007";
        async Task<HttpResponseMessage> PostAsync(byte[] file, string template, string period, (byte[] Bytes, string Name)? pdf = null)
        {
            var form = Form(file, template, period);
            if (pdf is { } p) form.Add(new ByteArrayContent(p.Bytes), "pdf", p.Name);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = form };
            request.Headers.Add("Idempotency-Key", key);
            return await Client(CmccKey).SendAsync(request);
        }
        var original = Valid("2025-11", seed: 21);
        var first = await PostAsync(original, "RN-MONTHLY", "2025-11");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await JsonAsync(first)).GetProperty("id").GetInt64();
        await using var db = portal.Db();
        var before = await db.Submissions.CountAsync();

        var others = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("another file", () => PostAsync(Valid("2025-11", seed: 22), "RN-MONTHLY", "2025-11")),
            ("another period", () => PostAsync(Valid("2025-10", seed: 21), "RN-MONTHLY", "2025-10")),
            ("another template", () => PostAsync(ReturnFileGenerator.LogQuarterly(new GeneratedReturn("CMCC-64", "2025-Q3", Ningxia, 21)), "LOG-QUARTERLY", "2025-Q3")),
            ("the same file with a PDF added", () => PostAsync(original, "RN-MONTHLY", "2025-11", ("%PDF-1.7\n%%EOF\n"u8.ToArray(), "附件.pdf"))),
        };
        foreach (var (what, send) in others)
        {
            var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var error = (await JsonAsync(response)).GetProperty("errors")[0];
            Assert.Equal("idempotency.mismatch", error.GetProperty("code").GetString());
            Assert.Contains(key, error.GetProperty("message").GetString());
        }
        Assert.Equal(before, await db.Submissions.CountAsync());

        // The request itself, sent again, still gets its first result.
        var again = await PostAsync(original, "RN-MONTHLY", "2025-11");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(id, (await JsonAsync(again)).GetProperty("id").GetInt64());
        Assert.Equal(before, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_answers_413()
    {
        var big = new byte[31 * 1024 * 1024];
        var response = await Client(CmccKey).PostAsync("/api/v1/submissions", Form(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_template_download_is_a_workbook_for_the_callers_branch()
    {
        var response = await Client(CmccKey).GetAsync("/api/v1/templates/RN-MONTHLY?period=2026-10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new ClosedXML.Excel.XLWorkbook(await response.Content.ReadAsStreamAsync());
        var summary = book.Worksheet("汇总");
        Assert.Equal(("CMCC-64", "2026-10", "城市代码"), (summary.Cell("B2").GetString(), summary.Cell("D2").GetString(), summary.Cell("A3").GetString()));
        Assert.Equal(("640100", "自有营业厅"), (summary.Cell("A4").GetString(), summary.Cell("B4").GetString()));
        Assert.Equal(5 * 6, summary.RowsUsed().Count() - 3);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        var doc = JsonDocument.Parse(await Client(null).GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/templates/{code}", out _));
        var upload = paths.GetProperty("/api/v1/submissions").GetProperty("post");
        // The body as the handler reads it, the key header, and every status the upload answers with, each in the error shape.
        var schema = doc.GetProperty("components").GetProperty("schemas").GetProperty("SubmissionUpload");
        Assert.Equal(["attestation", "explanations", "file", "pdf", "period", "template"], schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["attestation", "file", "period", "template"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Contains(upload.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        var responses = upload.GetProperty("responses");
        foreach (var status in new[] { "400", "401", "403", "404", "409", "413", "415", "422", "503" })
            Assert.Equal("#/components/schemas/ApiErrors", responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Contains("idempotency.mismatch", upload.GetProperty("description").GetString());
    }
}
