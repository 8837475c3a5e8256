using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// 在线填报: what is typed in the browser is filed as the template workbook through the upload's own reader and rules, so
/// the same data gives the same stored rows and the same errors at the same cells as a file; a draft is its branch's own.
/// </summary>
public class WebEntryTests(Portal portal) : IClassFixture<Portal>
{
    private const string Log = "LOG-QUARTERLY";

    /// <summary>The raw text of each data row of a file's sheet, by the template's column order (as a carrier would type them).</summary>
    private static List<IReadOnlyList<string?>> Typed(byte[] file, SheetDefinition sheet)
    {
        using var book = SpreadsheetReader.Open(new MemoryStream(file), new SpreadsheetLimits(), fileName: "file.xlsx");
        var rows = book.ReadRows(sheet.Name).Where(r => r.RowNumber > sheet.HeaderRow).ToList();
        return rows.Select(r => (IReadOnlyList<string?>)sheet.Columns.Select((_, i) => r[i]?.Value).ToList()).ToList();
    }

    private static EntryValues Values(string sheet, IEnumerable<IReadOnlyList<string?>> rows) =>
        new(new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>> { [sheet] = rows.ToList() });

    /// <summary>A file in the template's layout written by the plain XLSX writer (not the template workbook the web form uses).</summary>
    private static byte[] File(string branchCode, string period, string sheet, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var headers = Template().Sheet(sheet).Columns.Select(c => (object?)c.Header).ToList();
        using var output = new MemoryStream();
        IReadOnlyList<object?>[] top = [["日志留存情况季报（日志留存）"], ["报送单位", branchCode, "报送期间", period, "单位名称", branchCode], headers];
        XlsxWriter.Write(output, [new XlsxSheet(sheet, top.Concat(rows))]);
        return output.ToArray();
    }

    private static TemplateDefinition Template() => ReturnBuilder.Template("log-quarterly.json");

    private async Task<IServiceScope> AsAsync(string user) => await portal.AsUserAsync(user);

    private async Task<int> BranchAsync(string code)
    {
        await using var db = portal.Db();
        return (await db.Branches.SingleAsync(b => b.Code == code)).Id;
    }

    [Fact]
    public async Task Web_entry_and_file_upload_store_identical_rows()
    {
        // The same return of two branches: 宁夏联通 uploads the file, 宁夏移动 types the same values into the form.
        var file = ReturnFileGenerator.LogQuarterly(new GeneratedReturn("CUCC-64", "2026-Q1", [], Seed: 5));
        using var cucc = await AsAsync(await portal.SignatoryAsync("CUCC-64"));
        var uploaded = await cucc.Get<SubmissionService>().UploadAsync(new UploadRequest(await BranchAsync("CUCC-64"), Log, "2026-Q1", "日志.xlsx", "web", true, Attested: true), file);
        Assert.True(uploaded.Accepted, string.Join("\n", uploaded.Errors.Select(e => e.Message)));

        using var cmcc = await AsAsync("carrier.cmcc.nx");
        var entries = cmcc.Get<ReturnEntryService>();
        var entry = await entries.OpenAsync(Log, "2026-Q1");
        Assert.Null(entry.Draft.Id);
        var values = Values("日志留存", Typed(file, Template().Sheet("日志留存")));
        var draft = await entries.SaveAsync(Log, "2026-Q1", values, null);
        Assert.Empty((await entries.CheckAsync(Log, "2026-Q1", values)).Issues);
        var filed = await entries.SubmitAsync(Log, "2026-Q1", values, draft.Token, attested: true);
        Assert.True(filed.Accepted, string.Join("\n", filed.Errors.Select(e => e.Message)));

        var web = filed.Submission!;
        Assert.Equal((SubmissionStatus.Submitted, ReturnEntryService.Channel), (web.Status, web.Channel));
        Assert.NotNull(web.ReceiptNo);
        await using var db = portal.Db();
        var rows = await db.LogSystemRows.AsNoTracking().Where(r => r.SubmissionId == uploaded.Submission!.Id || r.SubmissionId == web.Id).OrderBy(r => r.RowNumber)
            .Select(r => new { r.SubmissionId, r.RowNumber, r.SystemName, r.LogType, r.RetentionDays, r.EarliestRecord, r.StorageLocation, r.SampleCheckPassed, r.ExtraValues })
            .ToListAsync();
        var fromFile = rows.Where(r => r.SubmissionId == uploaded.Submission!.Id).Select(r => r with { SubmissionId = 0L }).ToList();
        var fromWeb = rows.Where(r => r.SubmissionId == web.Id).Select(r => r with { SubmissionId = 0L }).ToList();
        Assert.Equal(4, fromFile.Count);
        Assert.Equal(fromFile, fromWeb);
        // The flags the rules raise are the same too, and the original workbook is stored with its hash.
        Assert.Equal(uploaded.Issues.Select(i => (i.Row, i.Column, i.Code)), filed.Issues.Select(i => (i.Row, i.Column, i.Code)));
        var stored = await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == web.FileId);
        Assert.Equal(web.Sha256, stored.Sha256);
        // Filed, the draft is gone.
        Assert.False(await db.ReturnDrafts.AnyAsync(d => d.Id == draft.Id));
    }

    [Fact]
    public async Task Web_entry_and_file_upload_report_identical_errors_at_the_same_cells()
    {
        IReadOnlyList<object?>[] rows =
        [
            ["CGN/NAT地址转换系统", "NAT地址转换日志", 400L, "2025-01-01", "省公司数据中心", "是"],
            ["宽带AAA认证系统", "不存在的类型", "三百", "2025-02-30", "省公司数据中心", "也许"],
            ["CGN/NAT地址转换系统", "移动上网日志", 380L, "2025-03-01", null, "是"],
            ["=cmd|' /C calc'!A0", "WLAN认证日志", -5L, "2025-01-01", "<b>机房</b>", "否"],
        ];
        var file = File("CMCC-64", "2026-Q3", "日志留存", rows);
        var values = Values("日志留存", rows.Select(r => (IReadOnlyList<string?>)r.Select(v => v is long n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : (string?)v).ToList()));
        using var scope = await AsAsync("carrier.cmcc.nx");
        var branch = await BranchAsync("CMCC-64");
        await using var db = portal.Db();
        var before = await db.Submissions.CountAsync(s => s.BranchId == branch && s.Period == "2026-Q3");

        var fromFile = (await scope.Get<SubmissionService>().UploadAsync(new UploadRequest(branch, Log, "2026-Q3", "日志.xlsx", "web", true, Attested: true), file)).Errors
            .Select(i => (i.Sheet, i.Row, i.Column, i.Header, i.Code, i.Message)).ToList();
        var entries = scope.Get<ReturnEntryService>();
        var draft = await entries.SaveAsync(Log, "2026-Q3", values, null);
        var check = (await entries.CheckAsync(Log, "2026-Q3", values)).Issues.Where(i => i.Kind == IssueKind.Error).Select(i => (i.Sheet, i.Row, i.Column, i.Header, i.Code, i.Message)).ToList();
        var submit = await entries.SubmitAsync(Log, "2026-Q3", values, draft.Token, attested: true);

        Assert.Contains(fromFile, e => e is { Row: 5, Column: "B", Code: "CELL_NOT_IN_LIST" });
        Assert.Contains(fromFile, e => e is { Row: 5, Column: "C", Code: "CELL_NOT_COUNT" });
        Assert.Contains(fromFile, e => e is { Row: 5, Column: "D", Code: "CELL_NOT_DATE" });
        Assert.Contains(fromFile, e => e is { Row: 6, Column: "E", Code: "CELL_REQUIRED" });
        Assert.Contains(fromFile, e => e is { Row: 7, Column: "A", Code: "CELL_FORMULA_TEXT" });
        Assert.Contains(fromFile, e => e is { Row: 7, Column: "E", Code: "CELL_MARKUP" });
        Assert.Contains(fromFile, e => e.Code == "SYSTEM_DUPLICATE");
        Assert.Equal(fromFile, check);
        Assert.False(submit.Accepted);
        Assert.Equal(fromFile, submit.Errors.Select(i => (i.Sheet, i.Row, i.Column, i.Header, i.Code, i.Message)).ToList());
        // Refused, nothing is stored and what was typed stays saved.
        Assert.Equal(before, await db.Submissions.CountAsync(s => s.BranchId == branch && s.Period == "2026-Q3"));
        var kept = await entries.OpenAsync(Log, "2026-Q3");
        Assert.Equal(values.Rows("日志留存").Select(r => string.Join("|", r)), kept.Draft.Values.Rows("日志留存").Select(r => string.Join("|", r)));
    }

    [Fact]
    public async Task A_draft_is_seen_only_by_its_branch_and_keeps_who_saved_it()
    {
        using var carrier = await AsAsync("carrier.cmcc.nx");
        var entry = await carrier.Get<ReturnEntryService>().OpenAsync(Log, "2025-Q4");
        var saved = await carrier.Get<ReturnEntryService>().SaveAsync(Log, "2025-Q4", Values("日志留存", [["宽带AAA认证系统", null, null, null, null, null]]), entry.Draft.Token);

        using var preparer = await AsAsync("preparer.cmcc.nx");
        var opened = await preparer.Get<ReturnEntryService>().OpenAsync(saved.Id!.Value);
        Assert.Equal("宽带AAA认证系统", opened.Draft.Values.Rows("日志留存")[0][0]);
        Assert.Equal(saved.SavedByName, opened.Draft.SavedByName);
        Assert.DoesNotContain(".", saved.SavedByName!); // a person's name, never the login
        var again = await preparer.Get<ReturnEntryService>().SaveAsync(Log, "2025-Q4", Values("日志留存", [["宽带AAA认证系统", "宽带AAA认证日志", null, null, null, null]]), opened.Draft.Token);
        Assert.NotEqual(saved.SavedByName, again.SavedByName);
        // The carrier's form still holds the draft as it was: saving over the 填报人's save is refused, saying who saved it.
        var stale = await Assert.ThrowsAsync<DomainException>(() => carrier.Get<ReturnEntryService>().SaveAsync(Log, "2025-Q4", Values("日志留存", []), saved.Token));
        Assert.Equal("entry.changed", stale.Code);
        Assert.Contains(again.SavedByName!, stale.Message);

        using var other = await AsAsync("carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<ReturnEntryService>().OpenAsync(saved.Id!.Value));
        Assert.Null((await other.Get<ReturnEntryService>().OpenAsync(Log, "2025-Q4")).Draft.Id);
        using var inspector = await AsAsync("inspector.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => inspector.Get<ReturnEntryService>().OpenAsync(saved.Id!.Value));
    }

    [Fact]
    public async Task Submitting_needs_a_signatory_who_attests()
    {
        var file = ReturnFileGenerator.LogQuarterly(new GeneratedReturn("CMCC-64", "2025-Q3", [], Seed: 9));
        var values = Values("日志留存", Typed(file, Template().Sheet("日志留存")));
        using var preparer = await AsAsync("preparer.cmcc.nx");
        var draft = await preparer.Get<ReturnEntryService>().SaveAsync(Log, "2025-Q3", values, null);
        var notSignatory = await Assert.ThrowsAsync<AccessDeniedException>(() => preparer.Get<ReturnEntryService>().SubmitAsync(Log, "2025-Q3", values, draft.Token, attested: true));
        Assert.Equal(Attestation.NotSignatoryCode, notSignatory.Code);

        using var carrier = await AsAsync("carrier.cmcc.nx");
        var current = (await carrier.Get<ReturnEntryService>().OpenAsync(Log, "2025-Q3")).Draft;
        var unattested = await Assert.ThrowsAsync<DomainException>(() => carrier.Get<ReturnEntryService>().SubmitAsync(Log, "2025-Q3", values, current.Token, attested: false));
        Assert.Equal(Attestation.RequiredCode, unattested.Code);
        await using var db = portal.Db();
        var branch = await BranchAsync("CMCC-64");
        Assert.False(await db.Submissions.AnyAsync(s => s.BranchId == branch && s.Period == "2025-Q3"));
        Assert.True(await db.ReturnDrafts.AnyAsync(d => d.BranchId == branch && d.Period == "2025-Q3"));
    }

    [Fact]
    public async Task A_sheet_kept_to_files_is_not_offered_in_the_browser_and_its_rules_wait_for_its_file()
    {
        using var carrier = await AsAsync("carrier.cmcc.nx");
        var entries = carrier.Get<ReturnEntryService>();
        var entry = await entries.OpenAsync("RN-MONTHLY", "2026-05");
        Assert.Equal(["汇总"], entry.WebSheets.Select(s => s.Name));
        Assert.Equal(["网点明细"], entry.FileSheets.Select(s => s.Name));
        Assert.False(entry.Fileable);
        // The summary starts as the downloaded template does: every city of the branch × channel.
        Assert.Equal(5 * 6, entry.Draft.Values.Rows("汇总").Count);
        Assert.False(entry.Draft.Values.Sheets.ContainsKey("网点明细"));

        var outlets = new EntryValues(new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>>(entry.Draft.Values.Sheets) { ["网点明细"] = [["X-1", "某网点", "640100", "自有营业厅", "1", "1", "0", "0"]] });
        var saved = await entries.SaveAsync("RN-MONTHLY", "2026-05", outlets, null);
        Assert.False(saved.Values.Sheets.ContainsKey("网点明细"));
        // Without the outlet file the return cannot be filed from the browser: the file is asked for, nothing is stored.
        Assert.Equal("entry.file_sheets_missing", (await Assert.ThrowsAsync<DomainException>(() => entries.SubmitAsync("RN-MONTHLY", "2026-05", outlets, saved.Token, true))).Code);

        // Downloaded, the draft is the template with the summary's rows and an empty outlet sheet to fill in Excel.
        var (name, bytes) = await entries.WorkbookAsync("RN-MONTHLY", "2026-05", outlets);
        Assert.EndsWith(".xlsx", name);
        var summary = entry.Template.Definition.Sheet("汇总");
        Assert.Equal(entry.Draft.Values.Rows("汇总").Select(r => r[0]), Typed(bytes, summary).Select(r => r[0]));
        Assert.Empty(Typed(bytes, entry.Template.Definition.Sheet("网点明细")));
    }

    /// <summary>
    /// RN-MONTHLY from the browser: the summary typed, the outlet sheet chosen as a file. Without the file "检查" checks the
    /// summary by its own rules and names the outlet rules as waiting; with it the whole return is checked and filed, and it
    /// stores what the upload of the same workbook stores.
    /// </summary>
    [Fact]
    public async Task A_summary_typed_with_its_outlet_file_is_checked_sheet_by_sheet_and_filed_as_the_whole_return()
    {
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-03", ReturnBuilder.NingxiaCities, Seed: 11, OutletsPerCityAndChannel: 2));
        var template = ReturnBuilder.Template("rn-monthly.json");
        var typed = Typed(file, template.Sheet("汇总"));
        var values = new EntryValues(new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>> { ["汇总"] = typed });
        var outletFile = new Attachment("网点明细.xlsx", file);
        using var carrier = await AsAsync("carrier.cmcc.nx");
        var entries = carrier.Get<ReturnEntryService>();

        // The summary alone: no error, every rule touching 网点明细 named as waiting for its file.
        var alone = await entries.CheckAsync("RN-MONTHLY", "2026-03", values);
        Assert.DoesNotContain(alone.Issues, i => i.Kind == IssueKind.Error);
        Assert.Equal(["OUTLET_DUPLICATE", "OUTLET_READER_ABOVE_NEW", "OUTLET_MANUAL_ABOVE_NEW", "OUTLET_TOTALS_MISMATCH"], alone.Pending.Select(p => p.Code));
        Assert.All(alone.Pending, p => Assert.Equal("网点明细", p.Sheet));

        // A summary error is found at its cell without the file; the totals against the outlets wait for it, then are checked.
        var wrong = typed.Select(r => r.ToList()).ToList();
        var manual = template.Sheet("汇总").ColumnIndex("ManualEntries");
        var newActivations = template.Sheet("汇总").ColumnIndex("NewActivations");
        wrong[0][manual] = (long.Parse(wrong[0][newActivations]!) + 1).ToString();
        var wrongValues = new EntryValues(new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>> { ["汇总"] = wrong.Select(r => (IReadOnlyList<string?>)r).ToList() });
        var summaryOnly = (await entries.CheckAsync("RN-MONTHLY", "2026-03", wrongValues)).Issues.Where(i => i.Kind == IssueKind.Error).ToList();
        Assert.Equal([("汇总", 4, "MANUAL_ABOVE_NEW")], summaryOnly.Select(i => (i.Sheet, i.Row, i.Code)));
        var whole = await entries.CheckAsync("RN-MONTHLY", "2026-03", wrongValues, fileSheets: outletFile);
        Assert.Empty(whole.Pending);
        Assert.Contains(whole.Issues, i => i.Code == "OUTLET_TOTALS_MISMATCH");

        // Another return's file is refused, naming the sheet and the columns it lacks.
        var logFile = ReturnFileGenerator.LogQuarterly(new GeneratedReturn("CMCC-64", "2026-Q1", [], Seed: 3));
        var missing = await Assert.ThrowsAsync<DomainException>(() => entries.CheckAsync("RN-MONTHLY", "2026-03", values, fileSheets: new Attachment("日志.xlsx", logFile)));
        Assert.Equal("entry.file_sheet_columns", missing.Code);
        Assert.Contains("工作表“网点明细”第3行缺少列“网点编码”", missing.Message);

        // Last year's 网点明细 is refused, naming the sheet, the cell and both periods.
        var lastYear = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2025-03", ReturnBuilder.NingxiaCities, Seed: 11, OutletsPerCityAndChannel: 2));
        var stale = await Assert.ThrowsAsync<DomainException>(() => entries.CheckAsync("RN-MONTHLY", "2026-03", values, fileSheets: new Attachment("去年网点明细.xlsx", lastYear)));
        Assert.Equal("entry.file_sheet_period", stale.Code);
        Assert.Contains("工作表“网点明细”", stale.Message);
        Assert.Contains("“2025-03”", stale.Message);
        Assert.Contains("2026年3月", stale.Message);

        // Filed with its file: the same rows as the upload of the generated workbook would store.
        var result = await entries.SubmitAsync("RN-MONTHLY", "2026-03", values, null, attested: true, fileSheets: outletFile);
        Assert.True(result.Accepted, string.Join("\n", result.Issues.Select(i => i.Message)) + (result.Unconfirmed ? "（待说明）" : ""));
        await using var db = portal.Db();
        var stored = result.Submission!;
        Assert.Equal(ReturnEntryService.Channel, stored.Channel);
        var outlets = await db.OutletRows.AsNoTracking().Where(r => r.SubmissionId == stored.Id).OrderBy(r => r.RowNumber).Select(r => new { r.RowNumber, r.OutletCode, r.NewActivations }).ToListAsync();
        var expected = Typed(file, template.Sheet("网点明细"));
        Assert.Equal(expected.Count, outlets.Count);
        Assert.Equal(expected.Select(r => r[0]), outlets.Select(o => o.OutletCode));
        Assert.False(await db.ReturnDrafts.AnyAsync(d => d.BranchId == stored.BranchId && d.Period == "2026-03" && d.TemplateCode == "RN-MONTHLY"));
    }

    /// <summary>A draft is kept by template version and column key: a new version with a column moved and one removed lays it out by key and names what it lost.</summary>
    [Fact]
    public void A_draft_follows_its_columns_by_key_into_a_new_template_version_and_names_what_it_could_not_carry()
    {
        var v1 = Template();
        var sheet = v1.Sheet("日志留存");
        var row = sheet.Columns.Select((c, i) => (string?)$"值{i}").ToList();
        var json = DraftContent.Write(v1, 1, Values("日志留存", [row]));
        Assert.Contains("\"templateVersion\":1", json);
        Assert.Contains($"\"{sheet.Columns[0].Field}\":\"值0\"", json);

        // Same version: as saved.
        var same = DraftContent.Read(json, v1, 1);
        Assert.Equal(row, same.Values.Rows("日志留存")[0]);
        Assert.Empty(same.NotCarried);
        Assert.Null(same.SavedForVersion);

        // Version 2: the first two columns swapped, the last one removed.
        var columns = sheet.Columns.ToList();
        (columns[0], columns[1]) = (columns[1], columns[0]);
        var removed = columns[^1];
        columns.RemoveAt(columns.Count - 1);
        var v2 = v1 with { Version = 2, Sheets = [sheet with { Columns = columns }] };
        var carried = DraftContent.Read(json, v2, 2);
        Assert.Equal(["值1", "值0"], carried.Values.Rows("日志留存")[0].Take(2));
        Assert.Equal(columns.Count, carried.Values.Rows("日志留存")[0].Count);
        Assert.Equal(1, carried.SavedForVersion);
        Assert.Equal([$"工作表“日志留存”的“{removed.Header}”列已不在模板中，其中已填写的1个值未能带入"], carried.NotCarried);

        // A draft saved before keys were kept still opens, by position.
        Assert.Equal(row, DraftContent.Read(Values("日志留存", [row]).ToJson(), v1, 1).Values.Rows("日志留存")[0]);
    }

    [Fact]
    public async Task The_form_names_cities_and_offers_the_recent_periods_with_where_each_stands()
    {
        using var carrier = await AsAsync("carrier.cmcc.nx");
        var entry = await carrier.Get<ReturnEntryService>().OpenAsync("RN-MONTHLY", "2026-05");
        Assert.Equal("银川市", entry.Fill.CityName("640100"));
        Assert.Equal("999999", entry.Fill.CityName("999999"));

        var choices = await carrier.Get<SubmissionService>().PeriodChoicesAsync(await BranchAsync("CMCC-64"), "RN-MONTHLY");
        Assert.Equal(12, choices.Count);
        var today = BeijingTime.Today(portal.Clock);
        Assert.Equal(ReportingPeriod.LatestEnded(Frequency.Monthly, today).ToString(), choices[0].Period);
        Assert.All(choices, c => Assert.Matches(@"^\d{4}年\d{1,2}月$", c.Label));
    }

    [Fact]
    public void A_sheets_web_entry_limit_is_checked_with_the_template()
    {
        var template = Template();
        var sheet = template.Sheets[0];
        Assert.Empty((template with { Sheets = [sheet with { WebEntryRows = 0 }] }).Validate());
        Assert.Contains((template with { Sheets = [sheet with { WebEntryRows = -1 }] }).Validate(), e => e.Contains("网页填报行数上限"));
        var tooMany = Values(sheet.Name, Enumerable.Repeat<IReadOnlyList<string?>>(["a"], SheetDefinition.DefaultWebEntryRows + 1));
        Assert.Contains(tooMany.Problems(template), p => p.Contains($"最多{SheetDefinition.DefaultWebEntryRows}行"));
    }
}
