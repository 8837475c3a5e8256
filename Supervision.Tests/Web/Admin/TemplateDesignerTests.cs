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
using FieldType = Supervision.Domain.Submissions.FieldType;

namespace Supervision.Tests.Web.Admin;

/// <summary>The template designer with the portal's own services, as the administrator: what is edited in the form is what is saved.</summary>
public class TemplateDesignerTests(Portal portal) : MudTestContext, IClassFixture<Portal>
{
    private static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private async Task<(IRenderedComponent<TemplateDesigner> Page, ReturnTemplate Opened)> OpenAsync(string code, int? version = null)
    {
        ReturnTemplate opened;
        await using (var db = portal.Db())
            opened = version is { } v
                ? await db.ReturnTemplates.AsNoTracking().SingleAsync(t => t.Code == code && t.Version == v)
                : await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == code && t.IsActive).OrderByDescending(t => t.Version).FirstAsync();
        var scope = portal.ScopeFor(Admin, "admin");
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SubmissionService>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SpreadsheetLimits>());
        Services.AddSingleton<TimeProvider>(portal.Clock);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
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
        Cell(page, 0, 2, ".column-header input").Change("在网用户总数");
        Cell(page, 0, 2, ".column-unit input").Change("户");
        Cell(page, 0, 2, ".column-max input").Change("5000000");
        page.Find("#design-save").Click();

        page.WaitForAssertion(() => Assert.Equal(before.Count + 1, VersionCount("RN-MONTHLY")), TimeSpan.FromSeconds(10));
        var saved = (await VersionsAsync("RN-MONTHLY")).Last();
        Assert.True(saved.IsDraft);
        // The new name is carried into the texts that used the old one (rules, instructions).
        var renamed = TemplateChanges.RenameColumn(opened.Definition, opened.Definition.Sheets[0].Name, "Subscribers", "在网用户总数");
        var expected = renamed with
        {
            Version = saved.Version,
            Name = "实名制落实情况月报（2027版）",
            Sheets = renamed.Sheets.Select((s, i) => i != 0 ? s : s with
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
        Cell(page, 0, retention, ".column-min input").Change("180");
        Cell(page, 0, retention, ".column-max input").Change("90");
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

    /// <summary>One field of one column (its card) of one sheet, found afresh (a render replaces the elements).</summary>
    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<TemplateDesigner> page, int sheet, int column, string selector) =>
        page.FindAll(".sheet-editor")[sheet].QuerySelectorAll(".column-row")[column].QuerySelector(selector)
        ?? throw new InvalidOperationException($"No {selector} in column {column + 1}.");

    private static int ColumnNamed(IRenderedComponent<TemplateDesigner> page, string header) =>
        page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row").Select((r, i) => (r, i)).First(x => x.r.QuerySelector(".column-header input")!.GetAttribute("value") == header).i;

    /// <summary>
    /// Saves and returns the version the save made: one numbered above every version there was before, not merely another
    /// than the one opened (an earlier test of the class may have saved a draft above it already).
    /// </summary>
    private ReturnTemplate SaveAndWait(IRenderedComponent<TemplateDesigner> page, string code)
    {
        var before = Latest(code).Version;
        page.Find("#design-save").Click();
        page.WaitForAssertion(() => Assert.True(Latest(code).Version > before), TimeSpan.FromSeconds(10));
        return Latest(code);
    }

    private ReturnTemplate Latest(string code)
    {
        using var db = portal.Db();
        return db.ReturnTemplates.AsNoTracking().Where(t => t.Code == code).OrderByDescending(t => t.Version).First();
    }

    /// <summary>
    /// A column is added to a sheet of which every fixed storage field is taken, made a date column, renamed and saved: it is
    /// stored under its own key (no fixed field needed), of its type, after the columns that were there.
    /// </summary>
    [Fact]
    public async Task A_new_column_of_any_type_can_be_added_to_a_sheet_whose_fixed_fields_are_all_taken()
    {
        var (page, opened) = await OpenAsync("LOG-QUARTERLY");
        OpenTab(page, "工作表与列", ".sheet-editor");
        Assert.Empty(RowMapper.Fields(RowTarget.LogSystem, FieldType.Date).Except(opened.Definition.Sheets[0].Columns.Select(c => c.Field)));

        page.Find(".add-column").Click();
        page.Find(".add-column").Click();
        page.WaitForAssertion(() => Assert.Equal(8, page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row").Length));
        Cell(page, 0, 6, ".column-header input").Change("上次恢复演练日期");
        Cell(page, 0, 7, ".column-header input").Change("是否异地备份");
        var types = page.FindComponents<MudSelect<FieldType>>();
        await page.InvokeAsync(() => types[6].Instance.ValueChanged.InvokeAsync(FieldType.Date));
        await page.InvokeAsync(() => types[7].Instance.ValueChanged.InvokeAsync(FieldType.YesNo));
        page.WaitForAssertion(() => Assert.Equal("新增列（按列单独存储）", Cell(page, 0, 7, ".column-field input").GetAttribute("value")));
        var columns = SaveAndWait(page, "LOG-QUARTERLY").Definition.Sheets[0].Columns;
        Assert.Equal(opened.Definition.Sheets[0].Columns, columns.Take(6));
        Assert.Equal(new ColumnDefinition("上次恢复演练日期", "Extra.1", FieldType.Date, Required: false), columns[6]);
        Assert.Equal(new ColumnDefinition("是否异地备份", "Extra.2", FieldType.YesNo, Required: false), columns[7]);
    }

    [Fact]
    public async Task Storage_fields_and_lists_are_shown_by_their_chinese_names()
    {
        var (page, _) = await OpenAsync("RN-MONTHLY");
        OpenTab(page, "工作表与列", ".sheet-editor");
        Assert.Equal("在网用户数", Cell(page, 0, 2, ".column-field input").GetAttribute("value"));
        Assert.Equal("渠道类型", Cell(page, 0, 1, ".column-list input").GetAttribute("value"));
        foreach (var key in new[] { "Subscribers", "CityCode", "Channel", "RnChecklist", "<code>" })
            Assert.DoesNotContain(key, page.Markup);

        OpenTab(page, "下拉列表", ".list-editor");
        Assert.Equal("渠道类型", page.Find(".list-label input").GetAttribute("value"));
        Assert.Contains("实名制检查项目", page.Markup);
        Assert.DoesNotContain("RnChecklist", page.Markup);
        Assert.DoesNotContain("Channel", page.Markup);
    }

    /// <summary>Renaming 系统名称 and 抽查是否成功 changes the rule that names the first and the instruction that names the second.</summary>
    [Fact]
    public async Task A_renamed_column_is_carried_into_rule_messages_and_the_instructions()
    {
        var (page, _) = await OpenAsync("LOG-QUARTERLY");
        OpenTab(page, "工作表与列", ".sheet-editor");
        Cell(page, 0, ColumnNamed(page, "系统名称"), ".column-header input").Change("日志系统名称");
        Cell(page, 0, ColumnNamed(page, "抽查是否成功"), ".column-header input").Change("抽查结果");
        var saved = SaveAndWait(page, "LOG-QUARTERLY").Definition;
        Assert.Equal("日志系统名称重复", saved.Rules.Single(r => r.Code == "SYSTEM_DUPLICATE").Message);
        Assert.Contains("最早可查记录日期写作 2026-05-01；抽查结果填“是”或“否”。", saved.Instructions);
        Assert.DoesNotContain(saved.Instructions, l => l.Contains("抽查是否成功"));
    }

    /// <summary>Each column is a card with only its type's settings, so nothing is cut off on a wide or a narrow screen.</summary>
    [Fact]
    public async Task Each_column_is_a_wrapping_card_with_only_the_settings_of_its_type()
    {
        var (page, opened) = await OpenAsync("LOG-QUARTERLY");
        OpenTab(page, "工作表与列", ".sheet-editor");
        Assert.Empty(page.FindAll("table.columns-table"));
        var columns = opened.Definition.Sheets[0].Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            Assert.NotNull(Cell(page, 0, j, ".column-header input"));
            Assert.NotNull(Cell(page, 0, j, ".column-field"));
            Assert.Equal(columns[j].Type == FieldType.Count, page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row")[j].QuerySelector(".column-max") is not null);
            Assert.Equal(columns[j].Type == FieldType.Choice, page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row")[j].QuerySelector(".column-list") is not null);
        }
    }

    [Fact]
    public async Task A_field_in_error_is_marked_and_its_column_opened()
    {
        var (page, _) = await OpenAsync("LOG-QUARTERLY");
        OpenTab(page, "工作表与列", ".sheet-editor");
        var retention = ColumnNamed(page, "留存天数");
        Cell(page, 0, retention, ".column-min input").Change("180");
        Cell(page, 0, retention, ".column-max input").Change("90");
        OpenTab(page, "基本信息", "#design-name");
        page.Find("#design-save").Click();

        page.WaitForElement("#design-errors");
        // The sheets tab is opened again at the problem: its column and its field are marked.
        page.WaitForAssertion(() => Assert.Contains("design-error", page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row")[retention].ClassName));
        Assert.Contains("mud-input-error", page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row")[retention].QuerySelector(".column-max")!.InnerHtml);
        Assert.Contains("最小值大于最大值", page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row")[retention].TextContent);
        Assert.DoesNotContain("design-error", page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row")[0].ClassName);
    }

    [Fact]
    public async Task Removing_a_column_that_rules_use_asks_first_naming_the_rules_and_the_draft_cannot_be_saved()
    {
        var (page, _) = await OpenAsync("LOG-QUARTERLY");
        var count = VersionCount("LOG-QUARTERLY");
        OpenTab(page, "工作表与列", ".sheet-editor");
        var column = ColumnNamed(page, "最早可查记录日期");
        Cell(page, 0, column, ".column-remove").Click();

        var box = _dialogs!.WaitForElement(".mud-dialog");
        Assert.Contains("列“最早可查记录日期”被以下1条规则使用：关注事项「日志留存不足六个月」", box.TextContent);
        Assert.Equal(6, page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row").Length); // nothing removed before the answer
        _dialogs!.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "删除").Click();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll(".sheet-editor")[0].QuerySelectorAll(".column-row").Length));
        var errors = page.WaitForElement("#design-errors").TextContent;
        Assert.Contains("第1个关注事项「日志留存不足六个月」：最早记录日期列（存储字段“最早可查记录日期”）在工作表「日志留存」中没有对应的列", errors);
        page.Find("#design-save").Click();
        page.WaitForAssertion(() => Assert.Contains("未保存", page.Find("#design-errors").TextContent));
        Assert.Equal(count, VersionCount("LOG-QUARTERLY"));
    }

    [Fact]
    public async Task Validating_says_whether_the_draft_is_valid_and_that_it_does_not_save()
    {
        var (page, _) = await OpenAsync("SELF-ANNUAL");
        var count = VersionCount("SELF-ANNUAL");
        page.Find("#design-check").Click();
        Assert.Contains("校验通过", page.WaitForElement("#design-valid").TextContent);
        Assert.Contains("校验不会保存", page.Find("#design-valid").TextContent);

        page.Find("input#design-due-day").Change("40");
        page.Find("#design-check").Click();
        var errors = page.WaitForElement("#design-errors").TextContent;
        Assert.Contains("校验未通过：当前内容有1处问题（校验只检查，不保存", errors);
        Assert.DoesNotContain("未保存", errors);
        Assert.Equal(count, VersionCount("SELF-ANNUAL"));
    }

    /// <summary>An older version says which version is in use and since when, and saving from it asks first, saying what will be replaced.</summary>
    [Fact]
    public async Task Editing_an_older_version_warns_that_publishing_would_replace_the_version_in_use()
    {
        var admin = portal.ScopeFor(Admin, "admin").ServiceProvider.GetRequiredService<SubmissionService>();
        var first = await admin.TemplateAsync("LOG-QUARTERLY");
        var newer = await admin.SaveTemplateAsync(first.Definition with { DueDay = 20 });
        await admin.PublishTemplateAsync(newer);
        var inUse = (await admin.TemplateVersionsAsync()).Single(v => v.Id == newer);
        var count = VersionCount("LOG-QUARTERLY");

        var (page, _) = await OpenAsync("LOG-QUARTERLY", first.Version);

        var warning = page.WaitForElement("#design-version-warning").TextContent;
        Assert.Contains($"这是历史版本第{first.Version}版；报送单位正在使用的是第{inUse.Version}版（{inUse.Since}）", warning);
        Assert.Contains($"第{count + 1}版发布后将取代正在使用的第{inUse.Version}版", warning);
        Assert.Equal($"以第{first.Version}版为基础另存为新草稿", page.Find("#design-save").TextContent.Trim());
        page.Find("#design-save").Click();
        var box = _dialogs!.WaitForElement(".mud-dialog");
        Assert.Contains($"发布后将取代第{inUse.Version}版", box.TextContent);
        _dialogs!.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "取消").Click();
        Assert.Equal(count, VersionCount("LOG-QUARTERLY"));
    }
}
