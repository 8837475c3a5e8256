using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Domain.Access;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Pages.Submissions;

namespace Supervision.Tests.Web.Submissions;

/// <summary>The upload page with the portal's own services, acting as the carrier user it serves.</summary>
public class UploadPageTests(Portal portal) : MudTestContext, IClassFixture<Portal>
{
    private async Task<IRenderedComponent<Upload>> RenderAsCarrierAsync(string user = "carrier.cmcc.nx")
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var scope = portal.ScopeFor(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), user);
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SubmissionService>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SpreadsheetLimits>());
        Services.AddSingleton<TimeProvider>(portal.Clock);
        Render<MudPopoverProvider>();
        var cut = Render<Upload>();
        cut.WaitForElement("#upload-file", TimeSpan.FromSeconds(10));
        return cut;
    }

    /// <summary>
    /// A file over the limit used to be dropped without a word (MudFileUpload's own size check); now the page says which
    /// file, how large and what the limit is, keeps nothing chosen and cannot submit.
    /// </summary>
    [Fact]
    public async Task A_file_over_the_limit_gets_a_chinese_message_and_cannot_be_submitted()
    {
        var cut = await RenderAsCarrierAsync();
        var limit = Services.GetRequiredService<SpreadsheetLimits>().MaxFileBytes;
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[limit + 1], "十月月报.xlsx"));

        cut.WaitForAssertion(() =>
        {
            var message = cut.Find(".file-refused").TextContent;
            Assert.Contains("“十月月报.xlsx”", message);
            Assert.Contains($"超过{limit / 1024 / 1024}MB的上限", message);
            Assert.Contains("未上传", message);
        });
        Assert.Equal("未选择文件", cut.Find("#chosen-file").TextContent);
        Assert.True(cut.Find("#import-submit").HasAttribute("disabled"));
        Assert.True(cut.Find("#save-draft").HasAttribute("disabled"));

        // Choosing a file within the limit clears the message and enables the upload.
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[1024], "十月月报.xlsx"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".file-refused")));
        Assert.Contains("十月月报.xlsx", cut.Find("#chosen-file").TextContent);
        Assert.False(cut.Find("#save-draft").HasAttribute("disabled"));
        // Filing (not a draft) waits for the 签报人's attestation.
        Assert.True(cut.Find("#import-submit").HasAttribute("disabled"));
        cut.Find("input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#import-submit").HasAttribute("disabled")));
    }

    /// <summary>A 填报人 is not offered the 签报人's statement: the page says to save a draft and names who files.</summary>
    [Fact]
    public async Task A_preparer_is_offered_the_draft_and_told_who_files_not_the_signatory_statement()
    {
        var cut = await RenderAsCarrierAsync("preparer.cmcc.nx");
        Assert.Empty(cut.FindAll("#upload-attestation"));
        Assert.Empty(cut.FindAll("#import-submit"));
        Assert.NotEmpty(cut.FindAll("#save-draft"));
        var note = cut.Find("#upload-not-signatory").TextContent;
        Assert.Contains("校验并保存草稿", note);
        Assert.Contains("本单位签报人：", note);
    }

    /// <summary>
    /// A filing whose figures trip a plausibility check is held back: the page lists each flagged cell with its history and
    /// a box, and files only once every box is filled; the explanations are stored with the version.
    /// </summary>
    [Fact]
    public async Task Flagged_figures_are_listed_with_a_box_each_and_filing_waits_until_all_are_explained()
    {
        await Supervision.Tests.Domain.Rankings.RankingData.FileAndAcceptAsync(portal, "CMCC-64", "2025-09", new Supervision.Tests.Domain.Rankings.RnRow());
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2025-10", Supervision.Tests.Domain.Submissions.ReturnBuilder.NingxiaCities, 3));
        var cut = await RenderAsCarrierAsync();
        cut.WaitForElement("#upload-period", TimeSpan.FromSeconds(30)).Change("2025-10"); // the period picker renders once the periods are loaded
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "十月月报.xlsx"));
        cut.WaitForAssertion(() => Assert.Contains("十月月报.xlsx", cut.Find("#chosen-file").TextContent), TimeSpan.FromSeconds(30));
        cut.Find("#upload-attestation input[type=checkbox], input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#import-submit").HasAttribute("disabled")), TimeSpan.FromSeconds(30));

        cut.Find("#import-submit").Click();

        cut.WaitForElement("#plausibility", TimeSpan.FromSeconds(30));
        Assert.Empty(cut.FindAll("#upload-accepted"));
        Assert.Empty(cut.FindAll("#upload-rejected"));
        var rows = cut.FindAll(".plausibility-row");
        Assert.Equal(30, rows.Count);
        Assert.Equal("汇总!C4", rows[0].GetAttribute("data-key"));
        Assert.Contains("上期1,000，变化不超过25%", rows[0].TextContent);
        Assert.NotNull(rows[0].QuerySelector("svg.sparkline polyline"));
        Assert.True(cut.Find("#explain-submit").HasAttribute("disabled"));

        var boxes = cut.FindAll("#plausibility-table textarea");
        Assert.Equal(30, boxes.Count);
        for (var i = 0; i < boxes.Count - 1; i++)
            cut.FindAll("#plausibility-table textarea")[i].Input($"第{i + 1}项：渠道调整");
        Assert.True(cut.Find("#explain-submit").HasAttribute("disabled"));
        cut.FindAll("#plausibility-table textarea")[^1].Input("最后一项：渠道调整");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#explain-submit").HasAttribute("disabled")), TimeSpan.FromSeconds(30));

        cut.Find("#explain-submit").Click();

        cut.WaitForElement("#upload-accepted", TimeSpan.FromSeconds(30));
        Assert.Contains("报送成功", cut.Find("#upload-accepted").TextContent);
        Assert.Empty(cut.FindAll("#upload-refused")); // success says what happened, not that the period is now closed
        Assert.Empty(cut.FindAll("#plausibility"));
        await using var db = portal.Db();
        var filed = await db.Submissions.Where(s => s.Period == "2025-10" && s.Status == SubmissionStatus.Submitted).Select(s => s.Id).SingleAsync();
        Assert.Equal(30, await db.PlausibilityExplanations.CountAsync(e => e.SubmissionId == filed));
        Assert.Equal("最后一项：渠道调整", (await db.PlausibilityExplanations.Where(e => e.SubmissionId == filed).OrderByDescending(e => e.Id).FirstAsync()).Explanation);
    }
}
