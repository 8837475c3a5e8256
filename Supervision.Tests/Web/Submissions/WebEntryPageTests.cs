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
        cut.WaitForElement("#entry-save", TimeSpan.FromSeconds(10));
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

    /// <summary>A return with an outlet sheet: the summary is typed in the browser, the outlet sheet is left to a file and cannot be filed from here.</summary>
    [Fact]
    public async Task A_sheet_kept_to_files_is_not_offered()
    {
        var cut = await RenderAsync("carrier.cmcc.nx", "RN-MONTHLY", "2026-04");
        Assert.Contains("“网点明细”行数较多", cut.Find("#entry-file-sheets").TextContent);
        var tabs = cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["汇总"], tabs);
        Assert.Equal(30, cut.FindAll("#entry-0 tbody tr").Count);
        Assert.Empty(cut.FindAll("#entry-check"));
        Assert.Empty(cut.FindAll("#entry-submit"));
    }
}
