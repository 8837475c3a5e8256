using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions.Io;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Pages.Submissions;

namespace Supervision.Tests.Web.Submissions;

/// <summary>The 在线填报 form with the portal's own services, as the carrier users it serves.</summary>
public class WebEntryPageTests(Portal portal) : MudTestContext, IClassFixture<Portal>
{
    private async Task<IRenderedComponent<WebEntry>> RenderAsync(string user, string template, string period)
    {
        var scope = await portal.AsUserAsync(user);
        Services.AddSingleton(scope.Get<ReturnEntryService>());
        Services.AddSingleton(scope.Get<SubmissionService>());
        Services.AddSingleton(scope.Get<SpreadsheetLimits>());
        Services.AddSingleton<TimeProvider>(portal.Clock);
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/submissions/entry?template={template}&period={period}");
        var cut = Render<WebEntry>();
        cut.WaitForElement("#entry-save, #entry-closed", TimeSpan.FromSeconds(10));
        return cut;
    }

    private async Task<string> NameOfAsync(string user)
    {
        await using var db = portal.Db();
        return await db.Users.Where(u => u.UserName == user).Select(u => u.DisplayName).SingleAsync();
    }

    /// <summary>
    /// A row typed into the form and checked: each error of the workbook it is filed as appears under the input of the
    /// cell it names (C4 is 留存天数 of the first row); saved, the page names who saved it, and the draft is stored.
    /// </summary>
    [Fact]
    public async Task Errors_of_the_check_appear_beside_their_inputs_and_the_draft_is_saved()
    {
        var cut = await RenderAsync("carrier.cmcc.nx", "LOG-QUARTERLY", "2025-Q2");
        Assert.Contains("尚未保存草稿", cut.Find("#entry-saved").TextContent);
        Assert.Empty(cut.FindAll("#entry-0 tbody tr"));
        cut.Find(".entry-add").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#entry-0 tbody tr")));

        cut.Find("td[data-cell='A4'] input").Change("宽带AAA认证系统");
        cut.Find("td[data-cell='B4'] select").Change("宽带AAA认证日志");
        cut.Find("td[data-cell='C4'] input").Change("三百");
        cut.Find("td[data-cell='E4'] input").Change("省公司数据中心");
        cut.Find("td[data-cell='F4'] select").Change("是");
        cut.Find("#entry-check").Click();

        cut.WaitForAssertion(() => Assert.Contains("处错误", cut.Find("#entry-check-failed").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("entry-error", cut.Find("td[data-cell='C4']").ClassName);
        Assert.Contains("应为非负整数", cut.Find("td[data-cell='C4'] .entry-message").TextContent);
        Assert.Contains("不能为空", cut.Find("td[data-cell='D4'] .entry-message").TextContent);
        Assert.Empty(cut.FindAll("td[data-cell='A4'] .entry-message"));
        Assert.Contains("2处错误", cut.Find(".mud-tab").TextContent);

        cut.Find("#entry-save").Click();
        var name = await NameOfAsync("carrier.cmcc.nx");
        cut.WaitForAssertion(() => Assert.Contains($"草稿由{name}于", cut.Find("#entry-saved").TextContent), TimeSpan.FromSeconds(10));
        await using var db = portal.Db();
        var draft = await db.ReturnDrafts.AsNoTracking().SingleAsync(d => d.TemplateCode == "LOG-QUARTERLY" && d.Period == "2025-Q2");
        var template = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == "LOG-QUARTERLY").OrderByDescending(t => t.Version).FirstAsync();
        Assert.Equal(["宽带AAA认证系统", "宽带AAA认证日志", "三百", null, "省公司数据中心", "是"], draft.ValuesFor(template.Definition, template.Version).Values.Rows("日志留存")[0]);
    }

    /// <summary>A 填报人 saves and checks but cannot file; the page names the branch's 签报人 instead of a submit button.</summary>
    [Fact]
    public async Task A_preparer_sees_no_submit_button()
    {
        var cut = await RenderAsync("preparer.cmcc.nx", "LOG-QUARTERLY", "2025-Q1");
        Assert.Empty(cut.FindAll("#entry-submit"));
        Assert.NotEmpty(cut.FindAll("#entry-check"));
        Assert.Contains("本单位签报人", cut.Find("#entry-not-signatory").TextContent);
    }

    /// <summary>
    /// A return with an outlet sheet: the summary is typed in the browser (cities by name), the outlet sheet is chosen as a
    /// file; "检查" without it checks the summary and names the outlet rules as waiting; filing waits for the file.
    /// </summary>
    [Fact]
    public async Task A_sheet_kept_to_files_is_chosen_as_a_file_and_the_summary_is_checked_alone_meanwhile()
    {
        var cut = await RenderAsync("carrier.cmcc.nx", "RN-MONTHLY", "2026-04");
        Assert.Contains("“网点明细”行数较多", cut.Find("#entry-file-sheets").TextContent);
        var tabs = cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["汇总"], tabs);
        Assert.Equal(30, cut.FindAll("#entry-0 tbody tr").Count);
        // The city column reads 银川市; the value the workbook carries stays the code.
        var city = cut.Find("td[data-cell='A4'] select");
        Assert.Contains(city.QuerySelectorAll("option"), o => o.GetAttribute("value") == "640100" && o.TextContent == "银川市");
        Assert.DoesNotContain(city.QuerySelectorAll("option"), o => o.TextContent == "640100");
        Assert.NotEmpty(cut.FindAll("#entry-sheets-file"));
        cut.Find("#entry-attestation input[type=checkbox], input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.True(cut.Find("#entry-submit").HasAttribute("disabled")), TimeSpan.FromSeconds(10));

        cut.Find("#entry-check").Click();
        cut.WaitForElement("#entry-check-pending", TimeSpan.FromSeconds(30));
        var pending = cut.Find("#entry-check-pending").TextContent;
        Assert.Contains("需上传网点明细后校验", pending);
        Assert.Contains("网点明细合计与汇总表不一致", pending);
        Assert.DoesNotContain("OUTLET_", pending);
    }

    /// <summary>A period already filed opens as what it is — filed, its receipt number, what to do to correct it — not as an empty locked grid.</summary>
    [Fact]
    public async Task A_filed_period_says_why_it_is_closed_and_what_to_do()
    {
        long id;
        string? receipt;
        using (var carrier = await portal.AsUserAsync("carrier.cmcc.nx"))
        {
            await using var db = portal.Db();
            var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            var file = Supervision.Reports.Submissions.ReturnFileGenerator.LogQuarterly(new Supervision.Reports.Submissions.GeneratedReturn("CMCC-64", "2025-Q3", [], Seed: 5));
            var result = await carrier.Get<SubmissionService>().UploadAsync(new UploadRequest(branch.Id, "LOG-QUARTERLY", "2025-Q3", "日志.xlsx", "web", true, Attested: true), file);
            Assert.True(result.Accepted);
            (id, receipt) = (result.Submission!.Id, result.Submission.ReceiptNo);
        }
        var cut = await RenderAsync("carrier.cmcc.nx", "LOG-QUARTERLY", "2025-Q3");
        var closed = cut.Find("#entry-closed").TextContent;
        Assert.Contains("已报送，不能再填报", closed);
        Assert.Contains($"回执编号 {receipt}", closed);
        Assert.Contains("联系监管人员将报表退回", closed);
        Assert.Equal($"/submissions/{id}", cut.Find("#entry-closed-open").GetAttribute("href"));
        Assert.Empty(cut.FindAll("#entry-0"));
        Assert.Empty(cut.FindAll("#entry-refused"));
        // The period picker names the period in words with where it stands.
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("#entry-period option"), o => o.GetAttribute("value") == "2025-Q3" && o.TextContent.Contains("2025年第三季度（已报送")),
            TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Two people on one draft: the second save is refused as stale, and what its author typed stays on screen with the
    /// choice to download it or to load the other's draft with their own changes put back — nothing typed is lost.
    /// </summary>
    [Fact]
    public async Task A_stale_save_keeps_what_was_typed_and_puts_it_back_onto_the_other_draft()
    {
        var cut = await RenderAsync("carrier.cmcc.nx", "LOG-QUARTERLY", "2024-Q4");
        cut.Find(".entry-add").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#entry-0 tbody tr")));
        cut.Find("td[data-cell='A4'] input").Change("我的系统");

        using (var preparer = await portal.AsUserAsync("preparer.cmcc.nx"))
            await preparer.Get<ReturnEntryService>().SaveAsync("LOG-QUARTERLY", "2024-Q4",
                new EntryValues(new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>> { ["日志留存"] = [[null, null, null, null, "对方的存储位置", null]] }), null);

        cut.Find("#entry-save").Click();
        cut.WaitForElement("#entry-stale", TimeSpan.FromSeconds(10));
        Assert.Equal("我的系统", cut.Find("td[data-cell='A4'] input").GetAttribute("value"));
        Assert.Contains("您的修改尚未保存", cut.Find("#entry-stale").TextContent);
        Assert.NotEmpty(cut.FindAll("#entry-stale-download"));

        cut.Find("#entry-stale-reapply").Click();
        cut.WaitForElement("#entry-reapplied", TimeSpan.FromSeconds(10));
        Assert.Contains("套用了您修改的1个格子", cut.Find("#entry-reapplied").TextContent);
        Assert.Equal("我的系统", cut.Find("td[data-cell='A4'] input").GetAttribute("value"));
        Assert.Equal("对方的存储位置", cut.Find("td[data-cell='E4'] input").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#entry-stale"));

        // The line already says 草稿由 (the other's save): wait for this person's own save to be named there.
        string me;
        await using (var users = portal.Db())
            me = await users.Users.Where(u => u.UserName == "carrier.cmcc.nx").Select(u => u.DisplayName).SingleAsync();
        cut.Find("#entry-save").Click();
        cut.WaitForAssertion(() => Assert.Contains($"草稿由{me}于", cut.Find("#entry-saved").TextContent), TimeSpan.FromSeconds(10));
        await using var db = portal.Db();
        var template = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == "LOG-QUARTERLY").OrderByDescending(t => t.Version).FirstAsync();
        var draft = await db.ReturnDrafts.AsNoTracking().SingleAsync(d => d.TemplateCode == "LOG-QUARTERLY" && d.Period == "2024-Q4");
        var row = draft.ValuesFor(template.Definition, template.Version).Values.Rows("日志留存")[0];
        Assert.Equal(("我的系统", "对方的存储位置"), (row[0], row[4]));
    }
}
