using System.Text;
using Bunit;
using Bunit.Extensions.WaitForHelpers;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Domain.Access;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions.Io;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Pages.Admin;
using Supervision.Web.Components.Pages.Admin.TemplateDesigner;

namespace Supervision.Tests.Web.Admin;

/// <summary>The template designer with the portal's own services, as the administrator: what is edited in the form is what is saved.</summary>
public class TemplateDesignerTests(Portal portal) : MudTestContext, IClassFixture<Portal>
{
    private static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);

    private async Task<(IRenderedComponent<TemplateDesigner> Page, ReturnTemplate Opened)> OpenAsync(string code)
    {
        ReturnTemplate opened;
        await using (var db = portal.Db())
            opened = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == code && t.IsActive).OrderByDescending(t => t.Version).FirstAsync();
        var scope = portal.ScopeFor(Admin, "admin");
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SubmissionService>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SpreadsheetLimits>());
        Services.AddSingleton<TimeProvider>(portal.Clock);
        Render<MudPopoverProvider>();
        var page = Render<TemplateDesigner>(p => p.Add(x => x.Id, opened.Id));
        page.WaitForElement("#design-name", TimeSpan.FromSeconds(10));
        return (page, opened);
    }

    /// <summary>
    /// Opens a tab and waits for what it shows. MudTabs finishes setting itself up after the page's data have arrived, which
    /// on PostgreSQL (truly asynchronous I/O) can be after the first click, undoing it: the click is repeated until the panel shows.
    /// </summary>
    private static void OpenTab(IRenderedComponent<TemplateDesigner> page, string title, string shows)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Found and clicked on the renderer's dispatcher, so no render can come between and retire the tab's handler.
            page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains(title, StringComparison.Ordinal)).Click()).GetAwaiter().GetResult();
            try
            {
                page.WaitForElement(shows, TimeSpan.FromSeconds(2));
                return;
            }
            catch (WaitForFailedException) when (attempt < 5)
            {
            }
        }
    }

    private async Task<List<ReturnTemplate>> VersionsAsync(string code)
    {
        await using var db = portal.Db();
        return await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == code).OrderBy(t => t.Version).ToListAsync();
    }

    /// <summary>
    /// How many versions a template has, read synchronously: bUnit runs a wait's check on the renderer's dispatcher, where
    /// blocking on an asynchronous query deadlocks on PostgreSQL (its continuation waits for the blocked dispatcher).
    /// </summary>
    private int VersionCount(string code)
    {
        using var db = portal.Db();
        return db.ReturnTemplates.Count(t => t.Code == code);
    }

    /// <summary>
    /// Name, a column's header, unit and upper bound edited through the form are saved as a new draft version whose JSON is
    /// the opened definition with exactly those changes.
    /// </summary>
    [Fact]
    public async Task What_is_edited_in_the_form_is_saved_as_a_new_draft_version()
    {
        var (page, opened) = await OpenAsync("RN-MONTHLY");
        var before = await VersionsAsync("RN-MONTHLY");

        page.Find("input#design-name").Change("实名制落实情况月报（2027版）");
        OpenTab(page, "工作表与列", ".sheet-editor");
        var firstSheet = page.FindAll(".sheet-editor")[0];
        Assert.Equal(13, firstSheet.QuerySelectorAll(".column-row").Length);
        page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-header input")[2].Change("在网用户总数");
        page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-unit input")[2].Change("户");
        page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-max input")[2].Change("5000000");
        page.Find("#design-save").Click();

        page.WaitForAssertion(() => Assert.Equal(before.Count + 1, VersionCount("RN-MONTHLY")), TimeSpan.FromSeconds(10));
        var saved = (await VersionsAsync("RN-MONTHLY")).Last();
        Assert.True(saved.IsDraft);
        var expected = opened.Definition with
        {
            Version = saved.Version,
            Name = "实名制落实情况月报（2027版）",
            Sheets = opened.Definition.Sheets.Select((s, i) => i != 0 ? s : s with
            {
                Columns = s.Columns.Select((c, j) => j != 2 ? c : c with { Header = "在网用户总数", Unit = "户", Max = 5_000_000 }).ToList(),
            }).ToList(),
        };
        Assert.Equal(expected.ToJson(), saved.DefinitionJson);
        Assert.Equal(opened.Id, (await VersionsAsync("RN-MONTHLY")).Where(t => t.IsActive).MaxBy(t => t.Version)!.Id);
    }

    [Fact]
    public async Task An_untouched_form_gives_back_the_definition_it_was_opened_from()
    {
        foreach (var code in new[] { "RN-MONTHLY", "LOG-QUARTERLY", "SELF-ANNUAL" })
        {
            await using var db = portal.Db();
            var template = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == code).OrderByDescending(t => t.Version).FirstAsync();
            Assert.Equal(template.Definition.ToJson(), TemplateForm.From(template.Definition).ToDefinition().ToJson());
        }
    }

    [Fact]
    public async Task A_bad_value_gets_a_located_chinese_message_and_nothing_is_saved()
    {
        var (page, _) = await OpenAsync("LOG-QUARTERLY");
        var before = await VersionsAsync("LOG-QUARTERLY");

        page.Find("input#design-due-day").Change("40");
        OpenTab(page, "工作表与列", ".sheet-editor");
        var sheet = page.FindAll(".sheet-editor")[0];
        var retention = sheet.QuerySelectorAll(".column-row").Select((r, i) => (r, i)).First(x => x.r.QuerySelector(".column-header input")!.GetAttribute("value") == "留存天数").i;
        page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-min input")[retention].Change("180");
        page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-max input")[retention].Change("90");
        page.Find("#design-save").Click();

        var errors = page.WaitForElement("#design-errors").TextContent;
        Assert.Contains("截止日应在1至31之间。", errors);
        Assert.Contains($"第1个工作表「{before[^1].Definition.Sheets[0].Name}」第{retention + 1}列「留存天数」：最小值大于最大值。", errors);
        Assert.DoesNotContain("TemplateDefinition", errors);
        Assert.Equal(before.Count, (await VersionsAsync("LOG-QUARTERLY")).Count);
    }

    private IRenderedComponent<Templates> RenderList()
    {
        Services.AddSingleton(portal.ScopeFor(Admin, "admin").ServiceProvider.GetRequiredService<SubmissionService>());
        Render<MudPopoverProvider>();
        var list = Render<Templates>();
        list.WaitForElement("#template-versions", TimeSpan.FromSeconds(10));
        return list;
    }

    [Fact]
    public async Task Imported_json_with_a_syntax_error_says_where_and_imports_nothing()
    {
        var list = RenderList();
        var before = await VersionsAsync("RN-MONTHLY");
        var json = before[^1].Definition.ToIndentedJson().Replace("\"dueDay\": 10,", "\"dueDay\": 10");

        list.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "月报模板.json"));

        var message = list.WaitForElement("#import-errors", TimeSpan.FromSeconds(10)).TextContent;
        Assert.Contains("“月报模板.json”未导入", message);
        Assert.Matches(@"JSON格式错误：第\d+行第\d+个字符处不是有效的JSON（请检查括号、引号和逗号）。", message);
        Assert.Equal(before.Count, (await VersionsAsync("RN-MONTHLY")).Count);
    }

    [Fact]
    public async Task Imported_json_becomes_a_new_draft_of_its_template()
    {
        var list = RenderList();
        var before = await VersionsAsync("SELF-ANNUAL");
        var edited = before[^1].Definition with { DueDay = 28 };

        list.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(edited.ToIndentedJson(), "自查模板.json"));

        list.WaitForAssertion(() => Assert.Equal(before.Count + 1, VersionCount("SELF-ANNUAL")), TimeSpan.FromSeconds(10));
        var saved = (await VersionsAsync("SELF-ANNUAL")).Last();
        Assert.True(saved.IsDraft);
        Assert.Equal((edited with { Version = saved.Version }).ToJson(), saved.DefinitionJson);
    }
}
