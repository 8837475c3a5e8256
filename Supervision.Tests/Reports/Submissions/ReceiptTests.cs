using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Reports.Submissions;

public class ReceiptTests(Portal portal) : IClassFixture<Portal>
{
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    [Fact]
    public async Task Filing_issues_a_receipt_that_names_the_file_and_renders_again_to_the_same_text()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var scope = AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]);
        using var services = portal.ScopeFor(scope, "carrier.cmcc.nx");
        var importer = services.ServiceProvider.GetRequiredService<SubmissionService>();
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-02", ["640100", "640200", "640300", "640400", "640500"], 8, ManualShare: 0.2));
        var result = await importer.UploadAsync(new UploadRequest(branch.Id, "RN-MONTHLY", "2026-02", "二月月报.xlsx", "web", SubmitNow: true, Attested: true), file);
        var s = result.Submission!;

        var registry = services.ServiceProvider.GetRequiredService<DocumentRegistry>();
        var receipt = Assert.Single(await registry.ForOwnerAsync(SubmissionService.ReceiptOwnerType, s.Id.ToString()));
        Assert.Equal((DocumentKind.SubmissionReceipt, null), (receipt.Kind, receipt.Number));
        var (_, pdf) = await registry.DownloadAsync(receipt.Id);
        var text = Text(pdf);
        // One receipt number: the verification code the PDF prints is the number the page, the ledger and the API give.
        Assert.Equal(VerificationCodes.Display(receipt.VerificationCode), s.ReceiptNo);
        foreach (var expected in new[] { "报送回执", VerificationCodes.Display(receipt.VerificationCode), s.Sha256, "中国移动通信集团宁夏有限公司", "2026年2月", "宁夏回族自治区通信管理局", "需要关注的事项", "二月月报.xlsx" })
            Assert.Contains(expected, text);
        Assert.Equal(text, Text(ReceiptPdf.Render(DocumentData.FromJson<ReceiptData>(receipt.DataJson))));

        // Filing again is refused and issues no second receipt; another carrier cannot fetch it.
        Assert.Equal("submission.not_draft", (await Assert.ThrowsAsync<DomainException>(() => importer.SubmitAsync(s.Id, attested: true))).Code);
        Assert.Single(await registry.ForOwnerAsync(SubmissionService.ReceiptOwnerType, s.Id.ToString()));
        var cucc = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        using var other = portal.ScopeFor(AccessScope.ForBranches(cucc.ProvinceId, cucc.CarrierId, [cucc.Id]), "carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.ServiceProvider.GetRequiredService<DocumentRegistry>().DownloadAsync(receipt.Id));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "receipt-sample.pdf"), pdf);
    }

    [Fact]
    public void Consecutive_cells_of_a_column_are_written_as_a_range_and_none_is_left_out() =>
        Assert.Equal(["K4", "K6至K8", "K10", "K11", "D3至D5", "合计"],
            Supervision.Reports.Submissions.ReceiptPdf.Runs(["K4", "K6", "K7", "K8", "K10", "K11", "D3", "D4", "D5", "合计"]).ToList());
}
