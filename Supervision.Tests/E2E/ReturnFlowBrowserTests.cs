using ClosedXML.Excel;
using Microsoft.Playwright;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class ReturnFlowBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_carrier_files_the_downloaded_template_and_an_inspector_accepts_it()
    {
        var carrier = await portal.SignedInAsync("carrier.cmcc.nx");
        await carrier.GotoAsync("/submissions/upload?template=RN-MONTHLY&period=2026-09");
        await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var download = await carrier.RunAndWaitForDownloadAsync(() => carrier.ClickAsync("#download-template"));
        var template = Path.Combine(Path.GetTempPath(), $"template-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(template);

        var filled = Fill(template);
        await carrier.Locator("input[type=file]").First.SetInputFilesAsync(filled);
        await Assertions.Expect(carrier.Locator("#chosen-file")).ToContainTextAsync(Path.GetFileName(filled));
        await carrier.ClickAsync("#upload-attestation");
        await carrier.ClickAsync("#import-submit");
        await Assertions.Expect(carrier.Locator("#upload-accepted")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("回执编号 [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}"), Slow);
        await Assertions.Expect(carrier.Locator("#upload-refused")).ToHaveCountAsync(0);
        var detailLink = await carrier.Locator("#open-submission").GetAttributeAsync("href");
        await carrier.ClickAsync("#open-submission");
        await Assertions.Expect(carrier.Locator("#download-receipt")).ToContainTextAsync("报送回执", Slow);

        var inspector = await portal.SignedInAsync("inspector.nx");
        await inspector.GotoAsync(detailLink!);
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await inspector.ClickAsync("#record-action-accept");
        await inspector.FillAsync("#review-text", "数据完整，予以受理");
        await inspector.ClickAsync("#confirm-review");
        await Assertions.Expect(inspector.Locator(".mud-snackbar")).ToContainTextAsync("已受理", Slow);
        await Assertions.Expect(inspector.Locator(".status-chip").First).ToContainTextAsync("已受理", Slow);
    }

    [Fact]
    public async Task A_returned_report_notifies_its_carrier_with_the_reason_and_a_filed_period_refuses_uploads_on_the_page()
    {
        long id;
        using (var carrierServices = await portal.AsUserAsync("carrier.cmcc.nx"))
        {
            await using var db = portal.Db();
            var branch = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Branches, b => b.Code == "CMCC-64");
            var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-06", ["640100", "640200", "640300", "640400", "640500"], 3));
            var result = await carrierServices.Get<Supervision.Domain.Submissions.SubmissionService>()
                .UploadAsync(new Supervision.Domain.Submissions.UploadRequest(branch.Id, "RN-MONTHLY", "2026-06", "六月月报.xlsx", "web", true, Attested: true), file);
            id = result.Submission!.Id;
        }

        // Filed and under review: the upload page says so before any file is chosen, and offers no upload.
        var carrier = await portal.SignedInAsync("carrier.cmcc.nx");
        await carrier.GotoAsync("/submissions/upload?template=RN-MONTHLY&period=2026-06");
        await Assertions.Expect(carrier.Locator("#upload-refused")).ToContainTextAsync("本期报表已报送、正在审核，不能再上传", Slow);
        await Assertions.Expect(carrier.Locator("#import-submit")).ToBeDisabledAsync();

        // The inspector returns it; a reason too short is refused inside the dialog, which keeps what was typed.
        var inspector = await portal.SignedInAsync("inspector.nx");
        await inspector.GotoAsync($"/submissions/{id}");
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserPortal.OpenDialogAsync(inspector, "#record-action-return");
        await inspector.FillAsync("#review-text", "不对");
        await inspector.ClickAsync("#confirm-review");
        await Assertions.Expect(inspector.Locator(".mud-dialog")).ToContainTextAsync("至少5个字", Slow);
        Assert.Equal("不对", await inspector.InputValueAsync("#review-text"));
        await inspector.FillAsync("#review-text", "人工录入笔数与网点明细合计不符，请核实后重报");
        await inspector.ClickAsync("#confirm-review");
        await Assertions.Expect(inspector.Locator(".mud-snackbar")).ToContainTextAsync("已退回", Slow);

        await carrier.GotoAsync("/notifications");
        await Assertions.Expect(carrier.Locator("body")).ToContainTextAsync("报表被退回", Slow);
        await Assertions.Expect(carrier.Locator("body")).ToContainTextAsync("人工录入笔数与网点明细合计不符，请核实后重报", Slow);
        await carrier.GotoAsync("/submissions/upload?template=RN-MONTHLY&period=2026-06");
        await Assertions.Expect(carrier.Locator("#period-standing")).ToContainTextAsync("已退回", Slow);
        await Assertions.Expect(carrier.Locator("#upload-refused")).ToHaveCountAsync(0);
    }

    /// <summary>In a real browser a file over the limit is refused at once, beside the button, with a Chinese message (it used to vanish).</summary>
    [Fact]
    public async Task A_file_over_the_limit_is_refused_on_the_page_with_a_chinese_message()
    {
        var carrier = await portal.SignedInAsync("carrier.cmcc.nx");
        await carrier.GotoAsync("/submissions/upload?template=RN-MONTHLY&period=2026-09");
        await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // From a file on disk (the browser reads it locally): a 30 MB buffer sent through the browser protocol took minutes on a busy machine.
        var folder = Directory.CreateTempSubdirectory("over-limit");
        var path = Path.Combine(folder.FullName, "十月月报.xlsx");
        await using (var file = File.Create(path)) file.SetLength(30 * 1024 * 1024 + 1);
        await carrier.Locator("input[type=file]").First.SetInputFilesAsync(path);
        await Assertions.Expect(carrier.Locator(".file-refused")).ToContainTextAsync("“十月月报.xlsx”大小为30.0MB，超过30MB的上限，未上传", Slow);
        await Assertions.Expect(carrier.Locator("#chosen-file")).ToHaveTextAsync("未选择文件");
        await Assertions.Expect(carrier.Locator("#import-submit")).ToBeDisabledAsync();
        await BrowserPortal.ShotAsync(carrier, "upload-file-over-the-limit");
        folder.Delete(recursive: true);
    }

    /// <summary>What a compliance officer does with the template: fill every prefilled city × channel row and list the outlets.</summary>
    private static string Fill(string template)
    {
        using var book = new XLWorkbook(template);
        var summary = book.Worksheet("汇总");
        var outlets = book.Worksheet("网点明细");
        var outletRow = 4;
        for (var row = 4; !summary.Cell(row, 1).IsEmpty(); row++)
        {
            long[] values = [1000, 990, 10, 3, 1, 30, 30, 0, 0, 2, 0];
            for (var c = 0; c < values.Length; c++) summary.Cell(row, 3 + c).Value = values[c];
            outlets.Cell(outletRow, 1).Value = $"WD{outletRow:0000}";
            outlets.Cell(outletRow, 2).Value = $"营业网点{outletRow}";
            outlets.Cell(outletRow, 3).Value = summary.Cell(row, 1).GetString();
            outlets.Cell(outletRow, 4).Value = summary.Cell(row, 2).GetString();
            foreach (var (c, v) in new[] { (5, 30), (6, 30), (7, 0), (8, 0) }) outlets.Cell(outletRow, c).Value = v;
            outletRow++;
        }
        var path = Path.Combine(Path.GetTempPath(), $"实名制月报-{Guid.NewGuid():N}.xlsx");
        book.SaveAs(path);
        return path;
    }
}
