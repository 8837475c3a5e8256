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
    private async Task<IRenderedComponent<Upload>> RenderAsCarrierAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var scope = portal.ScopeFor(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
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
}
