using Microsoft.EntityFrameworkCore;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Web.Submissions;

/// <summary>Over HTTP: a return's page offers the carrier its filing and uploads, and the regulator its review — never the other's.</summary>
public class SubmissionActionsPageTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task The_carrier_files_and_uploads_the_inspector_reviews_and_each_sees_only_its_own_steps()
    {
        var draft = await FileAsync(portal, "CMCC-64", "RN-MONTHLY", "2026-09", Rn("2026-09", "CMCC-64", new RnRow()), submit: false);
        var carrier = await portal.AsAsync("carrier.cmcc.nx");
        var inspector = await portal.AsAsync("inspector.nx");
        Assert.Equal("submit upload", (await RenderedActions.OfAsync(carrier, $"/submissions/{draft.Id}")).Keys);
        var review = await RenderedActions.OfAsync(inspector, $"/submissions/{draft.Id}");
        Assert.Equal("(accept) (return)", review.Keys);
        Assert.Equal("“受理”、“退回”：只能审核“已报送”的报表，当前状态为“草稿”。", review.Reason("accept"));
        Assert.Equal(review.Reason("accept"), review.Reason("return")); // one reason, one line

        var filed = await FileAsync(portal, "CMCC-64", "RN-MONTHLY", "2026-09", Rn("2026-09", "CMCC-64", new RnRow()));
        var carrierPage = await RenderedActions.OfAsync(carrier, $"/submissions/{filed.Id}");
        Assert.Equal("(upload)", carrierPage.Keys);
        Assert.Equal("“上传新版本”：本期报表已报送、正在审核，不能再上传。如需更正，请联系监管人员将报表退回后重新报送。", carrierPage.Reason("upload"));
        // The superseded draft: nothing to file, and the return is under review.
        Assert.Equal("(upload)", (await RenderedActions.OfAsync(carrier, $"/submissions/{draft.Id}")).Keys);
        Assert.Equal("accept return", (await RenderedActions.OfAsync(inspector, $"/submissions/{filed.Id}")).Keys);
        Assert.Equal("", (await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), $"/submissions/{filed.Id}")).Keys);

        await ReturnAsync(portal, filed);
        Assert.Equal("upload", (await RenderedActions.OfAsync(carrier, $"/submissions/{filed.Id}")).Keys);
        Assert.Equal("", (await RenderedActions.OfAsync(inspector, $"/submissions/{filed.Id}")).Keys);
    }

    [Fact]
    public async Task A_file_name_stored_before_names_were_checked_is_shown_without_its_direction_override()
    {
        var filed = await FileAsync(portal, "CMCC-64", "RN-MONTHLY", "2026-08", Rn("2026-08", "CMCC-64", new RnRow()));
        await using (var db = portal.Db())
        {
            var fileId = await db.Submissions.Where(x => x.Id == filed.Id).Select(x => x.FileId).SingleAsync();
            await db.StoredFiles.Where(f => f.Id == fileId).ExecuteUpdateAsync(u => u.SetProperty(f => f.FileName, "rn\u202Exslx.exe"));
        }
        var page = await RenderedActions.OfAsync(await portal.AsAsync("carrier.cmcc.nx"), $"/submissions/{filed.Id}");
        var text = page.Page.Body!.TextContent;
        var at = text.IndexOf('\u202E');
        Assert.True(at < 0, at < 0 ? "" : text[Math.Max(0, at - 80)..Math.Min(text.Length, at + 40)]);
        Assert.Contains("rnxslx.exe", page.Page.Body!.TextContent);
    }
}
