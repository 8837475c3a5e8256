using Bunit;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Domain.Submissions;
using Supervision.Domain.Submissions;
using Supervision.Web.Components.Pages.Submissions;

namespace Supervision.Tests.Web.Submissions;

public class UploadStatusTests : MudTestContext
{
    private static Submission Stored(SubmissionStatus status)
    {
        var s = Versions.Second(status, rows: 100_050);
        s.Id = 7;
        if (s.IsFiled) s.Receipted("8K8CTWAMCSBB");
        return s;
    }

    [Fact]
    public void While_the_file_travels_the_bar_shows_how_much_has_arrived()
    {
        var cut = Render<UploadStatus>(p => p.Add(x => x.Busy, true).Add(x => x.Stage, "正在上传文件").Add(x => x.Percent, 40.0));
        Assert.Equal("正在上传文件", cut.Find("#upload-stage").TextContent);
        Assert.Contains("40", cut.Find("#upload-percent").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void While_reading_the_stage_names_the_sheet_and_the_rows_read()
    {
        var cut = Render<UploadStatus>(p => p.Add(x => x.Busy, true).Add(x => x.Stage, "读取“网点明细”：已读取20,000行"));
        Assert.Contains("20,000", cut.Find("#upload-stage").TextContent);
        Assert.Empty(cut.FindAll("#upload-percent"));
        Assert.Empty(cut.FindAll("#upload-accepted"));
    }

    [Fact]
    public void A_refused_file_shows_the_error_count_each_located_error_and_the_annotated_download()
    {
        var clicked = false;
        var result = new StoreResult(null,
        [
            new(IssueKind.Error, "汇总", 5, "D", "已实名用户数", "REGISTERED_ABOVE_SUBSCRIBERS", "已实名用户数不能大于在网用户数"),
            new(IssueKind.Error, "网点明细", 10, "E", "本月新入网数", "CELL_NOT_COUNT", "“本月新入网数”应为非负整数，实际为“十二”"),
        ]);
        var cut = Render<UploadStatus>(p => p.Add(x => x.Result, result).Add(x => x.OnDownloadAnnotated, () => clicked = true));
        Assert.Contains("共2处错误", cut.Find("#upload-rejected").TextContent);
        var rows = cut.FindAll(".issue-table tbody tr");
        Assert.Equal(2, rows.Count);
        // The Chinese message is what the carrier reads; the stable code only in the message's tooltip.
        Assert.Contains(rows, r => r.TextContent.Contains("D5") && r.TextContent.Contains("已实名用户数不能大于在网用户数")
            && !r.TextContent.Contains("REGISTERED_ABOVE_SUBSCRIBERS") && r.QuerySelector("[title=REGISTERED_ABOVE_SUBSCRIBERS]") is not null);
        cut.Find("#download-annotated").Click();
        Assert.True(clicked);
    }

    [Fact]
    public void A_saved_draft_says_it_is_not_yet_filed()
    {
        var cut = Render<UploadStatus>(p => p.Add(x => x.Result, new StoreResult(Stored(SubmissionStatus.Draft), [])));
        Assert.Contains("草稿（尚未报送", cut.Find("#upload-accepted").TextContent);
        Assert.Contains("查看并提交报送", cut.Find("#open-submission").TextContent);
    }

    [Fact]
    public void A_filed_return_shows_its_receipt_number_and_its_flags()
    {
        var flag = new ValidationIssue(IssueKind.Flag, "汇总", 7, "J", "其中人工录入数", "FLAG_MANUAL_ENTRY", "存在人工录入的入网登记（11户）");
        var cut = Render<UploadStatus>(p => p.Add(x => x.Result, new StoreResult(Stored(SubmissionStatus.Submitted), [flag])));
        // The one receipt number (the receipt's code), and what happens next; no warning that the period is closed.
        Assert.Contains("回执编号 8K8C-TWAM-CSBB", cut.Find("#upload-accepted").TextContent);
        Assert.Contains("监管部门审核后", cut.Find("#upload-accepted").TextContent);
        Assert.DoesNotContain("RN-MONTHLY", cut.Find("#upload-accepted").TextContent);
        Assert.Contains("100,050", cut.Find("#upload-accepted").TextContent);
        Assert.Contains("存在人工录入的入网登记（11户）", cut.Find(".issue-table").TextContent);
        Assert.DoesNotContain("FLAG_MANUAL_ENTRY", cut.Find(".issue-table").TextContent);
    }
}
