using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Documents;
using Supervision.Domain.Publicity;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;

namespace Supervision.Tests.Web.Publicity;

/// <summary>
/// Every issued document carries a verification code and a QR code in its bottom margin; /public/verify/{code} answers
/// anyone, without sign-in and without the party or the content, and compares an uploaded PDF with the one issued.
/// </summary>
public class DocumentVerificationTests(Portal portal) : IClassFixture<Portal>
{
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    /// <summary>Files a return of 宁夏移动, which issues a 报送回执; returns the receipt with its PDF and the submitter's display name.</summary>
    private async Task<(IssuedDocument Receipt, byte[] Pdf, string Submitter)> FreshReceiptAsync(string period)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        using var services = portal.ScopeFor(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", period, ["640100", "640200", "640300", "640400", "640500"], 8));
        var result = await services.ServiceProvider.GetRequiredService<SubmissionService>()
            .UploadAsync(new UploadRequest(branch.Id, "RN-MONTHLY", period, "月报.xlsx", "web", SubmitNow: true, Attested: true), file);
        var registry = services.ServiceProvider.GetRequiredService<DocumentRegistry>();
        var receipt = Assert.Single(await registry.ForOwnerAsync(SubmissionService.ReceiptOwnerType, result.Submission!.Id.ToString()));
        var submitter = await db.Users.Where(u => u.UserName == "carrier.cmcc.nx").Select(u => u.DisplayName).SingleAsync();
        return (receipt, (await registry.DownloadAsync(receipt.Id)).Pdf, submitter);
    }

    private static async Task<string> UploadAsync(HttpClient client, string code, byte[] pdf)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("verify-file"), "_handler" },
            { new ByteArrayContent(pdf) { Headers = { ContentType = new("application/pdf") } }, "pdf", "文书.pdf" },
        };
        var response = await client.PostAsync($"/public/verify/{code}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_fresh_receipt_carries_its_code_and_the_verify_page_answers_anyone_without_personal_data()
    {
        var (receipt, pdf, submitter) = await FreshReceiptAsync("2026-03");
        Assert.NotNull(VerificationCodes.Normalize(receipt.VerificationCode));
        Assert.Equal(receipt.VerificationCode, VerificationCodes.Normalize(VerificationCodes.Display(receipt.VerificationCode).ToLowerInvariant()));
        Assert.Contains(VerificationCodes.Display(receipt.VerificationCode), Text(pdf));
        // The code is in the PDF that was hashed: the stored hash is the hash of the file with the code.
        Assert.Equal(receipt.Sha256, DocumentVerification.Hash(pdf));

        var anonymous = portal.Anonymous();
        var response = await anonymous.GetAsync($"/public/verify/{VerificationCodes.Display(receipt.VerificationCode).ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        // A receipt shows its number (the code), when the return was filed and the filed file's SHA-256 besides the receipt's own.
        var filed = DocumentData.FromJson<ReceiptData>(receipt.DataJson);
        foreach (var expected in new[] { "报送回执", "宁夏回族自治区通信管理局", receipt.Sha256, "有效", "回执编号", VerificationCodes.Display(receipt.VerificationCode),
                     "报送时间", "所报文件SHA-256", filed.Sha256 })
            Assert.Contains(expected, page);
        // A receipt is the platform's own: no seal is expected on it.
        Assert.DoesNotContain("电子印章", page);
        var data = DocumentData.FromJson<ReceiptData>(receipt.DataJson);
        foreach (var hidden in new[] { submitter, data.Branch, data.FileName })
            Assert.DoesNotContain(hidden, page);

        Assert.Contains("比对一致", await UploadAsync(anonymous, receipt.VerificationCode, pdf));
        var changed = (byte[])pdf.Clone();
        changed[changed.Length / 2] ^= 0x01;
        var refused = await UploadAsync(anonymous, receipt.VerificationCode, changed);
        Assert.Contains("比对不一致", refused);
        Assert.Contains(DocumentVerification.Hash(changed), refused);

        var unknown = await anonymous.GetAsync("/public/verify/ABCDEFGHJKMN");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode); // a search that found nothing: the page says so
        Assert.Contains("未找到核验码", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_verify_page_says_withdrawn_once_the_announcement_is_withdrawn()
    {
        await AgentListSetup.SetAsync(portal.Factory);
        await using var db = portal.Db();
        var province = await db.Provinces.SingleAsync(p => p.Code == "64");
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "CMCC");
        var inspector = AccessScope.ForProvince(province.Id, false, UserRole.Inspector);
        portal.Today(new DateOnly(2026, 6, 1));
        var publicity = portal.ScopeFor(inspector, "inspector.nx").ServiceProvider.GetRequiredService<PublicityService>();
        var id = await publicity.ReportAgentAsync(new("银川某某通讯店", PartyType.IndividualBusiness, null, "王某", "银川市兴庆区解放西街1号", carrier.Id,
            "未核验证件为用户办理入网。", "已责令终止代理协议。", new DateOnly(2026, 6, 1)));
        await AgentListSetup.NotifiedAsync(publicity, id, new DateOnly(2026, 6, 1));
        // Stored a day after the date it bears: the page gives the document's own date, and the archiving time apart.
        portal.Today(new DateOnly(2026, 6, 2));
        var issued = await publicity.PublishAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 6, 1));
        var code = issued.VerificationCode;
        var a = await publicity.GetAsync(id);

        var anonymous = portal.Anonymous();
        var before = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public/verify/{code}"));
        Assert.Contains("现行有效", before);
        Assert.Contains("成文日期</th><td id=\"verify-date\">2026年6月1日", before);
        Assert.Contains("平台存档时间</th><td id=\"verify-archived\">2026年6月2日", before);
        // No seal uploaded in the test province: the page says the stamped paper copy is the original.
        Assert.Contains("未加盖电子印章", before);
        Assert.DoesNotContain("银川某某通讯店", before);
        Assert.DoesNotContain("王某", before);

        portal.Today(new DateOnly(2026, 6, 3));
        a = await publicity.MarkSourceChangedAsync(id, a.ConcurrencyToken, new DateOnly(2026, 6, 3), "经复核，该网点违规事实认定有误");
        await publicity.WithdrawAsync(id, a.ConcurrencyToken, "经复核，原通报事实认定有误，予以撤回");
        var after = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public/verify/{code}"));
        Assert.Contains("已撤回（2026年6月3日）", after);
        Assert.DoesNotContain("现行有效", after);
    }

    [Fact]
    public void The_QR_code_sits_in_the_bottom_margin_of_every_page_and_decodes_to_the_verify_address()
    {
        const string url = "https://gxt.nx.example.gov.cn/public/verify/ABCDEFGHJKMN";
        var document = new OfficialDocument("宁夏回族自治区通信管理局\n测试文书");
        for (var i = 0; i < 40; i++) document.Paragraph($"第{i + 1}段正文，用于把文书排到第二页以上，检查每一页的二维码。");
        document.SignedBy("宁夏回族自治区通信管理局", new DateOnly(2026, 6, 1));
        var pages = OfficialDocumentRenderer.Layout(document, new OfficialDocumentOptions { Verification = new("ABCDEFGHJKMN", url) });
        Assert.True(pages.Count >= 2);
        foreach (var page in pages)
        {
            var modules = page.Ops.OfType<FillOp>().ToList();
            Assert.NotEmpty(modules);
            Assert.All(modules, m => Assert.True(m.Y >= Gbt9704.BlockBottom, "a QR module inside the text block"));
            Assert.Equal(url, Decode(modules));
            Assert.Contains(page.Ops.OfType<TextOp>(), t => t.Text == "ABCD-EFGH-JKMN" && t.Baseline > Gbt9704.BlockBottom);
        }
        // Without a mark (a preview) nothing is drawn there.
        Assert.All(OfficialDocumentRenderer.Layout(document, OfficialDocumentOptions.Default), p => Assert.Empty(p.Ops.OfType<FillOp>()));
    }

    /// <summary>Paints the filled rectangles at 4 pixels a point, with a white border, and reads the QR code as a camera would.</summary>
    private static string Decode(IReadOnlyList<FillOp> modules)
    {
        const int scale = 4, border = 40;
        var (left, top) = (modules.Min(m => m.X), modules.Min(m => m.Y));
        var width = (int)Math.Ceiling((modules.Max(m => m.X + m.Width) - left) * scale) + 2 * border;
        var height = (int)Math.Ceiling((modules.Max(m => m.Y + m.Height) - top) * scale) + 2 * border;
        var pixels = Enumerable.Repeat((byte)255, width * height).ToArray();
        foreach (var m in modules)
            for (var y = (int)Math.Round((m.Y - top) * scale) + border; y < (int)Math.Round((m.Y + m.Height - top) * scale) + border; y++)
                for (var x = (int)Math.Round((m.X - left) * scale) + border; x < (int)Math.Round((m.X + m.Width - left) * scale) + border; x++)
                    pixels[y * width + x] = 0;
        var source = new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        return new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)))?.Text
               ?? throw new InvalidOperationException("the QR code does not decode");
    }
}
