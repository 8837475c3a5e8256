using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// Columns an administrator adds in the designer: of any kind, stored under their own key beside the fixed fields, in the
/// downloaded template with their validation, read, checked (errors at sheet, row and column), stored and shown; and what
/// the designer's other texts say about columns, lists and versions.
/// </summary>
public class TemplateDesignerStorageTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);

    private SubmissionService As(AccessScope scope, string actor = "admin") =>
        portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<SubmissionService>();

    /// <summary>LOG-QUARTERLY with a date, a yes/no and a percentage column added to its sheet.</summary>
    private static TemplateDefinition WithAddedColumns(TemplateDefinition t) => t with
    {
        Sheets = t.Sheets.Select(s => s with
        {
            Columns = [.. s.Columns,
                new ColumnDefinition("上次恢复演练日期", "Extra.1", FieldType.Date),
                new ColumnDefinition("是否异地备份", "Extra.2", FieldType.YesNo),
                new ColumnDefinition("抽查覆盖率", "Extra.3", FieldType.Percent, Required: false)],
        }).ToList(),
    };

    private async Task<(SubmissionService Carrier, int Branch)> CarrierAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        return (As(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx"), branch.Id);
    }

    /// <summary>The downloaded template with one system's row filled in, the added columns with the given texts.</summary>
    private static byte[] Filled(byte[] template, string drillDate, string offsite, string? coverage)
    {
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheet("日志留存");
        string[] values = ["CGN/NAT日志系统", "NAT地址转换日志", "200", "2026-01-01", "银川数据中心", "是", drillDate, offsite];
        for (var i = 0; i < values.Length; i++) sheet.Cell(4, i + 1).Value = values[i];
        sheet.Cell(4, 3).Value = 200;
        if (coverage is not null) sheet.Cell(4, 9).Value = decimal.Parse(coverage);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task An_added_date_and_yes_no_column_go_from_the_designer_through_the_template_and_an_upload_to_the_stored_return()
    {
        var admin = As(Admin);
        var id = await admin.SaveTemplateAsync(WithAddedColumns(ReturnBuilder.LogQuarterly));
        await admin.PublishTemplateAsync(id);

        var (carrier, branch) = await CarrierAsync();
        var fill = await carrier.TemplateFillAsync(branch, "LOG-QUARTERLY", "2026-Q3");
        var template = TemplateWorkbook.Build(fill);
        using (var workbook = new XLWorkbook(new MemoryStream(template)))
        {
            var sheet = workbook.Worksheet("日志留存");
            Assert.Equal(["上次恢复演练日期", "是否异地备份", "抽查覆盖率"], new[] { 7, 8, 9 }.Select(c => sheet.Cell(3, c).GetString()));
            var yesNo = sheet.DataValidations.Single(v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == 8));
            Assert.Equal("\"是,否\"", yesNo.Value);
            Assert.Contains(workbook.Worksheet("填报说明").CellsUsed(), c => c.GetString() == "上次恢复演练日期");
        }

        var result = await carrier.UploadAsync(new UploadRequest(branch, "LOG-QUARTERLY", "2026-Q3", "log.xlsx", "web", SubmitNow: false), Filled(template, "2026-06-15", "否", "0.85"));

        Assert.True(result.Accepted, string.Join("; ", result.Errors.Select(e => e.Message)));
        var rows = await admin.RowsAsync(result.Submission!.Id, "日志留存", new PageRequest(0, 10));
        var row = Assert.Single(rows.Rows);
        Assert.Equal(new DateOnly(2026, 6, 15), row.Values[6]);
        Assert.Equal(false, row.Values[7]);
        Assert.Equal(0.85m, row.Values[8]);
        Assert.Equal(["2026-06-15", "否", "85%"], new[] { 6, 7, 8 }.Select(i => SubmissionService.Show(rows.Sheet.Columns[i], row.Values[i])));
        await using var db = portal.Db();
        var stored = await db.LogSystemRows.SingleAsync(r => r.SubmissionId == result.Submission.Id);
        Assert.Equal(200, stored.RetentionDays); // the fixed fields the rankings read are stored as before
        Assert.Equal("{\"Extra.1\":\"2026-06-15\",\"Extra.2\":false,\"Extra.3\":0.85}", stored.ExtraValues);
    }

    [Fact]
    public async Task A_bad_value_in_an_added_column_is_refused_at_its_sheet_row_and_column()
    {
        var admin = As(Admin);
        var draft = WithAddedColumns(ReturnBuilder.LogQuarterly);
        var (carrier, branch) = await CarrierAsync();
        var template = TemplateWorkbook.Build(await admin.PreviewTemplateAsync(draft, branch, "2026-Q3"));

        var issues = await admin.TryTemplateAsync(draft, branch, "2026-Q3", "log.xlsx", Filled(template, "2026-13-45", "也许", "1.5"));

        var errors = issues.Where(i => i.Kind == IssueKind.Error).OrderBy(i => i.Column).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal(("日志留存", 4, "G", "上次恢复演练日期", "CELL_NOT_DATE"), (errors[0].Sheet, errors[0].Row, errors[0].Column, errors[0].Header, errors[0].Code));
        Assert.Equal("“上次恢复演练日期”应为日期（如 2026-05-01），实际为“2026-13-45”", errors[0].Message);
        Assert.Equal(("日志留存", 4, "H", "是否异地备份", "CELL_NOT_YESNO"), (errors[1].Sheet, errors[1].Row, errors[1].Column, errors[1].Header, errors[1].Code));
        Assert.Equal(("I", "CELL_NOT_PERCENT"), (errors[2].Column, errors[2].Code));
        Assert.Equal("G4", errors[0].Cell);
    }

    [Fact]
    public void Any_number_of_columns_of_any_kind_can_be_added_but_a_bad_key_is_refused()
    {
        var t = ReturnBuilder.LogQuarterly;
        var added = t with
        {
            Sheets = t.Sheets.Select(s => s with
            {
                Columns = [.. s.Columns, .. Enum.GetValues<FieldType>().Where(k => k is not FieldType.City)
                    .Select((k, i) => new ColumnDefinition($"新增{i}", ExtraColumns.Prefix + (i + 1), k, List: k == FieldType.Choice ? "LogType" : null))],
            }).ToList(),
        };
        Assert.Empty(added.Validate());

        var bad = t with { Sheets = t.Sheets.Select(s => s with { Columns = [.. s.Columns, new ColumnDefinition("坏列", "Extra.a b", FieldType.Text)] }).ToList() };
        var problem = Assert.Single(TemplateCheck.Locate(bad));
        Assert.Equal("sheet-0-col-6-field", problem.Anchor);
        Assert.Contains("第1个工作表「日志留存」第7列「坏列」：新增列的存储键“Extra.a b”无效", problem.Message);
    }

    [Fact]
    public void Problems_name_storage_fields_and_lists_in_chinese()
    {
        var t = ReturnBuilder.RnMonthly;
        var broken = t with
        {
            Lists = new Dictionary<string, IReadOnlyList<string>>(),
            Sheets = t.Sheets.Select(s => s with { Columns = s.Columns.Select(c => c.Field == "Subscribers" ? c with { Type = FieldType.Date } : c).ToList() }).ToList(),
        };
        var text = string.Join(" ", broken.Validate());
        Assert.Contains("存储字段“在网用户数”存不下“日期”类型的值", text);
        Assert.Contains("下拉列表「渠道类型」不存在", text);
        Assert.Contains("存入“地市代码”和“渠道”的两列及下拉列表「渠道类型」", text);
        Assert.DoesNotContain("Subscribers", text);
        Assert.DoesNotContain("Channel", text);
        Assert.Equal("实名制检查项目", t.ListLabel("RnChecklist"));
    }

    [Fact]
    public void A_renamed_column_is_carried_into_rule_messages_hints_and_instructions_but_not_into_longer_names()
    {
        var t = ReturnBuilder.LogQuarterly;
        var renamed = TemplateChanges.RenameColumn(t, "日志留存", "SampleCheckPassed", "抽查结果");

        Assert.Equal("抽查结果", renamed.Sheets[0].Columns.Single(c => c.Field == "SampleCheckPassed").Header);
        Assert.Contains("最早可查记录日期写作 2026-05-01；抽查结果填“是”或“否”。", renamed.Instructions);
        Assert.DoesNotContain(renamed.Instructions, l => l.Contains("抽查是否成功"));
        Assert.Empty(renamed.Validate());

        Assert.Equal("在网用户数不大于已登记用户", TemplateChanges.CarryRename("在网用户数不大于用户数", "用户数", "已登记用户", ["在网用户数"]));
    }

    [Fact]
    public async Task The_audit_trail_names_a_template_version_and_says_what_its_definition_changed()
    {
        var admin = As(Admin);
        var current = await admin.TemplateAsync("SELF-ANNUAL");
        var renamed = TemplateChanges.RenameColumn(current.Definition, "自查结果", "Narrative", "情况描述");
        var edited = renamed with
        {
            Sheets = renamed.Sheets.Select(s => s with { Columns = [.. s.Columns, new ColumnDefinition("整改完成日期", "Extra.1", FieldType.Date, Required: false)] }).ToList(),
            Rules = renamed.Rules.Where(r => r.Code != "ITEM_MISSING").ToList(),
        };
        var id = await admin.SaveTemplateAsync(edited);
        await admin.PublishTemplateAsync(id);

        var scope = portal.ScopeFor(Admin, "admin");
        var audit = scope.ServiceProvider.GetRequiredService<AuditService>();
        var reading = scope.ServiceProvider.GetRequiredService<AuditReading>();
        var lines = await reading.ReadAsync(await audit.HistoryAsync(nameof(ReturnTemplate), id.ToString()));

        var created = lines.Single(l => l.Entry.Action == AuditActions.Create);
        Assert.Equal($"{current.Name} 第{current.Version + 1}版", created.Object);
        var said = created.Changes.Where(c => c.Field == $"与第{current.Version}版相比").Select(c => c.After).ToList();
        Assert.Contains("工作表「自查结果」新增列「整改完成日期」（日期）", said);
        Assert.Contains("工作表「自查结果」列「情况说明」改名为「情况描述」", said);
        Assert.Contains("删除校验规则「缺少检查项」", said);
        Assert.Contains("校验规则「自查结论为“不符合”的须填写情况说明」：提示文字改为“自查结论为“不符合”的须填写情况描述”", said);
        Assert.Contains("填报要求已修改（4条 → 4条）", said);
        Assert.Contains(created.Changes, c => c is { Field: "报送频次", After: "年报" });
        Assert.Equal(0, created.InternalChanges);
        var published = lines.Single(l => l.Entry.Action == AuditActions.Update);
        Assert.Contains(published.Changes, c => c is { Field: "状态", Before: "草稿", After: "已发布（报送单位按此版本填报）" });
        Assert.Equal($"{current.Name} 第{current.Version + 1}版", published.Object);
    }

    [Fact]
    public void A_threshold_change_is_told_with_its_old_and_new_value()
    {
        var before = ReturnBuilder.LogQuarterly;
        var after = before with { Rules = before.Rules.Select(r => r.Code == "FLAG_SHORT_RETENTION" ? r with { Months = 12 } : r).ToList() };
        Assert.Equal(["关注事项「日志留存不足六个月」：留存月数 6 → 12"], TemplateChanges.Between(before, after));
        Assert.Empty(TemplateChanges.Between(before, before));
    }

    [Fact]
    public async Task The_version_in_use_says_since_when()
    {
        var admin = As(Admin);
        var current = await admin.TemplateAsync("SELF-ANNUAL");
        var id = await admin.SaveTemplateAsync(current.Definition with { DueDay = 27 });
        var before = portal.Clock.GetUtcNow();
        await admin.PublishTemplateAsync(id);

        var version = (await admin.TemplateVersionsAsync()).Single(v => v.Id == id);
        Assert.InRange(version.PublishedAt!.Value, before.AddSeconds(-1), portal.Clock.GetUtcNow());
        Assert.Matches(@"^自\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}起使用$", version.Since); // written as the pages write times
    }

    /// <summary>What a file filled in on the version in use would fail is named before saving; harmless changes are not.</summary>
    [Fact]
    public void Changes_that_old_files_would_fail_are_named_and_harmless_ones_are_not()
    {
        var before = ReturnBuilder.LogQuarterly;
        var sheet = before.Sheets[0];
        var first = sheet.Columns[0];
        var optional = sheet.Columns.First(c => c.Type == FieldType.Count);
        var harmless = before with
        {
            Sheets = [sheet with { Columns = [.. sheet.Columns.Select(c => c == first ? c with { Header = c.Header + "（新）" } : c), new ColumnDefinition("备注", "Note", FieldType.Text, Required: false)] }],
        };
        Assert.Empty(TemplateChanges.Breaking(before, harmless));

        var breaking = before with
        {
            Sheets = [sheet with { Columns = [.. sheet.Columns.Where(c => c != first).Select(c => c == optional ? c with { Max = 10 } : c), new ColumnDefinition("负责人", "Owner", FieldType.Text)] }],
        };
        var said = TemplateChanges.Breaking(before, breaking);
        Assert.Contains($"删除了“{sheet.Name}”的列“{first.Header}”", said);
        Assert.Contains($"“{sheet.Name}”新增必填列“负责人”", said);
        Assert.Contains(said, s => s.Contains($"“{optional.Header}”最大值降低到10", StringComparison.Ordinal));
    }
}
