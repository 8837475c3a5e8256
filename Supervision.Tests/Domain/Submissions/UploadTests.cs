using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supervision.Domain.Documents;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Reports.Submissions.Io;

namespace Supervision.Tests.Domain.Submissions;

public class UploadTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    private async Task<(SubmissionService Importer, int Branch)> AsCarrierAsync(string code = "CMCC-64")
    {
        await using var db = portal.Db();
        var b = await db.Branches.SingleAsync(x => x.Code == code);
        var children = await db.Branches.Where(x => x.ParentBranchId == b.Id).Select(x => x.Id).ToListAsync();
        var scope = portal.ScopeFor(AccessScope.ForBranches(b.ProvinceId, b.CarrierId, [b.Id, .. children]), await portal.SignatoryAsync(code));
        return (scope.ServiceProvider.GetRequiredService<SubmissionService>(), b.Id);
    }

    private async Task<(int Submissions, int Rows, int Files)> CountsAsync()
    {
        await using var db = portal.Db();
        return (await db.Submissions.CountAsync(), await db.RnSummaryRows.CountAsync() + await db.OutletRows.CountAsync() + await db.LogSystemRows.CountAsync(), await db.StoredFiles.CountAsync());
    }

    private static UploadRequest Request(int branch, string period, string template = "RN-MONTHLY", string file = "upload.xlsx") =>
        new(branch, template, period, file, "web", SubmitNow: true, Attested: true);

    private sealed class FailingRenderer : IDocumentRenderer
    {
        public byte[] Render(DocumentData data, byte[]? seal = null, bool preview = false, IReadOnlyList<DocumentFace>? faces = null) => throw new InvalidOperationException("the receipt could not be rendered");
    }

    /// <summary>
    /// The upload and its receipt are one transaction: when the receipt cannot be rendered, no version, row or file of the
    /// return is stored (a draft, which needs no receipt, still is), and filing that draft stays undone as well.
    /// </summary>
    [Fact]
    public async Task A_return_whose_receipt_cannot_be_rendered_is_not_stored()
    {
        await using var failing = portal.Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<IDocumentRenderer, FailingRenderer>())));
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(x => x.Code == "CTCC-64");
        var children = await db.Branches.Where(x => x.ParentBranchId == branch.Id).Select(x => x.Id).ToListAsync();
        using var scope = failing.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().Set(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id, .. children]), await portal.SignatoryAsync("CTCC-64"));
        var submissions = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CTCC-64", "2026-08", Ningxia, Seed: 11));
        var before = await CountsAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => submissions.UploadAsync(Request(branch.Id, "2026-08"), file));
        Assert.Equal("the receipt could not be rendered", refused.Message);
        Assert.Equal(before, await CountsAsync());

        var draft = await submissions.UploadAsync(Request(branch.Id, "2026-08") with { SubmitNow = false }, file);
        Assert.Equal(SubmissionStatus.Draft, draft.Submission!.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => submissions.SubmitAsync(draft.Submission.Id, attested: true));
        var stored = await portal.Db().Submissions.AsNoTracking().SingleAsync(x => x.Id == draft.Submission.Id);
        Assert.Equal((SubmissionStatus.Draft, null), (stored.Status, stored.ReceiptNo));
        Assert.Equal(0, await portal.Db().IssuedDocuments.CountAsync(d => d.OwnerType == SubmissionService.ReceiptOwnerType && d.OwnerId == stored.Id.ToString()));
    }

    [Fact]
    public async Task A_generated_monthly_return_is_read_validated_and_stored()
    {
        var (importer, branch) = await AsCarrierAsync();
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-07", Ningxia, Seed: 7));
        var result = await importer.UploadAsync(Request(branch, "2026-07"), file);
        Assert.True(result.Accepted, string.Join("\n", result.Errors.Select(e => $"{e.Sheet}!{e.Cell} {e.Message}")));
        Assert.Equal(30 + 90, result.Submission!.RowCount);
        // The generator's carrier registers 98.5 % and has a few over-limit IDs: those are the only things noted.
        Assert.All(result.Issues, i => Assert.Contains(i.Code, new[] { "FLAG_REALNAME_BELOW_TARGET", "FLAG_OVER_LIMIT_IDS" }));
        Assert.Contains(result.Issues, i => i.Code == "FLAG_REALNAME_BELOW_TARGET");
        await using var db = portal.Db();
        Assert.Equal(90, await db.OutletRows.CountAsync(r => r.SubmissionId == result.Submission.Id));
    }

    [Fact]
    public async Task Manual_entries_and_a_weak_real_name_rate_arrive_as_flags()
    {
        var (importer, branch) = await AsCarrierAsync();
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-06", Ningxia, Seed: 3, RealNameRate: 0.94, ManualShare: 0.2));
        var result = await importer.UploadAsync(Request(branch, "2026-06"), file);
        Assert.True(result.Accepted);
        Assert.Contains(result.Submission!.Flags, f => f.Code == "FLAG_MANUAL_ENTRY");
        Assert.Contains(result.Submission.Flags, f => f.Code == "FLAG_LOW_REALNAME_RATE");
    }

    [Fact]
    public async Task Each_cell_error_is_reported_at_its_cell_and_nothing_is_stored()
    {
        var (importer, branch) = await AsCarrierAsync();
        var before = await CountsAsync();
        var summary = Layout("2026-05", ["城市代码", "渠道类型", "在网用户数", "已实名用户数", "未实名老用户数", "本月单停数", "本月双停数", "本月新入网数", "其中读卡器+联网核验数", "其中人工录入数", "一证超限证件数", "补登记完成数", "涉诈关停号码数"],
            [["640100", "自有营业厅", "负五", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], ["110100", "营业厅", 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
        var outlets = Layout("2026-05", ["网点编码", "网点名称", "城市代码", "渠道类型", "本月新入网数", "读卡器+联网核验数", "人工录入数"], []);
        var file = Write(("汇总", summary), ("网点明细", outlets));

        var result = await importer.UploadAsync(Request(branch, "2026-05"), file);

        Assert.False(result.Accepted);
        var errors = result.Errors.ToList();
        Assert.Contains(errors, e => e is { Sheet: "汇总", Cell: "C4", Code: "CELL_NOT_COUNT" } && e.Message.Contains("负五"));
        Assert.Contains(errors, e => e is { Sheet: "汇总", Cell: "A5", Code: "CELL_UNKNOWN_CITY" });
        Assert.Contains(errors, e => e is { Sheet: "汇总", Cell: "B5", Code: "CELL_NOT_IN_LIST" });
        Assert.Contains(errors, e => e is { Sheet: "网点明细", Row: 3, Code: "COLUMN_MISSING", Header: "暗访违规次数" });
        Assert.Contains(errors, e => e.Code == "SUMMARY_CITY_MISSING");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_annotated_workbook_marks_the_offending_cells_with_notes()
    {
        var (importer, branch) = await AsCarrierAsync();
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-04", Ningxia, Seed: 11));
        using (var book = new XLWorkbook(new MemoryStream(file)))
        {
            book.Worksheet("汇总").Cell("D4").Value = 99_999_999; // registered above subscribers
            using var edited = new MemoryStream();
            book.SaveAs(edited);
            file = edited.ToArray();
        }
        var result = await importer.UploadAsync(Request(branch, "2026-04"), file);
        var issues = result.Errors.Select(e => new CellIssue(e.Sheet, e.Row, e.ColumnIndex, e.Message)).ToList();
        using var annotated = new MemoryStream();
        WorkbookAnnotator.Annotate(new MemoryStream(file), issues, annotated);

        using var check = new XLWorkbook(new MemoryStream(annotated.ToArray()));
        var cell = check.Worksheet("汇总").Cell("D4");
        Assert.True(cell.HasComment);
        Assert.Contains("已实名用户数不能大于在网用户数", cell.Comment.Text);
        Assert.Equal(99_999_999, cell.GetDouble());
        Assert.True(check.Worksheets.Contains(WorkbookAnnotator.IssueSheetName));
    }

    public static TheoryData<string, string> HostileFiles => new()
    {
        { "renamed-png", "file.not_spreadsheet" },
        { "truncated", "file.corrupt" },
        { "zip-bomb", "file.zip_bomb" },
        { "xxe", "file.corrupt" },
        { "huge-cell", "file.cell_too_long" },
        { "legacy-xls", "file.legacy_xls" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Hostile_files_are_refused_cleanly_and_change_nothing_but_the_attempt_log(string kind, string code)
    {
        var (importer, branch) = await AsCarrierAsync();
        var before = await CountsAsync();
        var result = await importer.UploadAsync(Request(branch, "2026-03"), Hostile(kind));
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(before, await CountsAsync());
        await using var db = portal.Db();
        Assert.True(await db.SubmissionAttempts.AnyAsync(a => a.FirstErrors.Contains(code)));
    }

    [Fact]
    public async Task A_formula_in_a_count_cell_is_refused_at_that_cell()
    {
        var (importer, branch) = await AsCarrierAsync();
        var sheet = Rows(("A1", "日志留存情况季报"), ("A2", "报送单位"), ("B2", "CMCC-64"), ("C2", "报送期间"), ("D2", "2026-Q3"))
                    + Row(3, "系统名称", "日志类型", "留存天数", "最早可查记录日期", "存储位置", "抽查是否成功")
                    + "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>NAT</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>NAT地址转换日志</t></is></c>"
                    + "<c r=\"C4\"><f>100+100</f><v>200</v></c><c r=\"D4\" t=\"inlineStr\"><is><t>2026-01-01</t></is></c><c r=\"E4\" t=\"inlineStr\"><is><t>机房</t></is></c><c r=\"F4\" t=\"inlineStr\"><is><t>是</t></is></c></row>";
        var result = await importer.UploadAsync(Request(branch, "2026-Q3", "LOG-QUARTERLY"), TestFiles.OneSheet(sheet, name: "日志留存"));
        Assert.Contains(result.Errors, e => e is { Cell: "C4", Code: "CELL_FORMULA" });
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("gbk")]
    public async Task A_csv_log_return_in_utf8_or_gbk_is_accepted_and_csv_injection_text_is_refused_at_its_cell(string encoding)
    {
        var (importer, branch) = await AsCarrierAsync(encoding == "gbk" ? "CTCC-64" : "CUCC-64");
        var code = encoding == "gbk" ? "CTCC-64" : "CUCC-64";
        string Csv(string location) => $"日志留存情况季报\r\n报送单位,{code},报送期间,2025-Q4\r\n系统名称,日志类型,留存天数,最早可查记录日期,存储位置,抽查是否成功\r\n"
                  + $"\"CGN/NAT\",NAT地址转换日志,400,2024-11-01,{location},是\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var enc = Encoding.GetEncoding(encoding == "gbk" ? 936 : 65001);
        // Formula text is refused where it stands (a spreadsheet opening the figures again would run it).
        var injected = await importer.UploadAsync(Request(branch, "2025-Q4", "LOG-QUARTERLY", "log.csv"), enc.GetBytes(Csv("\"=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"")));
        var error = Assert.Single(injected.Errors);
        Assert.Equal(("CELL_FORMULA_TEXT", "E4"), (error.Code, error.Cell));
        Assert.Contains("以“=”开头", error.Message);
        // The same return with plain text is accepted, and its text read exactly in either encoding.
        var result = await importer.UploadAsync(Request(branch, "2025-Q4", "LOG-QUARTERLY", "log.csv"), enc.GetBytes(Csv("省公司-数据中心（银川）")));
        Assert.True(result.Accepted, string.Join("; ", result.Errors.Select(e => e.Message)));
        await using var db = portal.Db();
        var row = await db.LogSystemRows.SingleAsync(r => r.SubmissionId == result.Submission!.Id);
        Assert.Equal("省公司-数据中心（银川）", row.StorageLocation);
    }

    /// <summary>
    /// A control character in a text cell (a raw byte in CSV, Excel's _x0000_ escape in a workbook) is refused at its cell,
    /// before anything is stored. (A CSV with a NUL byte is refused earlier, as a binary file.)
    /// </summary>
    [Theory]
    [InlineData("csv", "机房\u0007A", 0x0007)]
    [InlineData("xlsx", "机房_x0000_A", 0x0000)]
    [InlineData("xlsx", "_x001B_[2J机房", 0x001B)]
    public async Task A_control_character_in_a_text_cell_is_refused_at_its_cell(string format, string location, int character)
    {
        var (importer, branch) = await AsCarrierAsync("CUCC-64");
        var before = await CountsAsync();
        const string head = "日志留存情况季报";
        var file = format == "csv"
            ? Encoding.UTF8.GetBytes($"{head}\r\n报送单位,CUCC-64,报送期间,2025-Q3\r\n系统名称,日志类型,留存天数,最早可查记录日期,存储位置,抽查是否成功\r\n"
                + $"\"CGN/NAT\",NAT地址转换日志,400,2024-11-01,{location},是\r\n")
            : TestFiles.OneSheet(Rows(("A1", head), ("A2", "报送单位"), ("B2", "CUCC-64"), ("C2", "报送期间"), ("D2", "2025-Q3"))
                + Row(3, "系统名称", "日志类型", "留存天数", "最早可查记录日期", "存储位置", "抽查是否成功")
                + Row(4, "CGN/NAT", "NAT地址转换日志", "400", "2024-11-01", location, "是"), name: "日志留存");
        var result = await importer.UploadAsync(Request(branch, "2025-Q3", "LOG-QUARTERLY", $"log.{format}"), file);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("CELL_CONTROL_CHAR", "E4"), (error.Code, error.Cell));
        Assert.Contains($"U+{character:X4}", error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    private static byte[] Hostile(string kind) => kind switch
    {
        "renamed-png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
        "truncated" => ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-03", Ningxia, 1))[..2000],
        "zip-bomb" => TestFiles.ZipBytes(TestFiles.Workbook([("汇总", "sheet1.xml", "")]).Select(p => new KeyValuePair<string, byte[]>(p.Key, Encoding.UTF8.GetBytes(p.Value)))
            .Append(new("xl/worksheets/sheet2.xml", new byte[50 * 1024 * 1024]))),
        "xxe" => TestFiles.OneSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
            "<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><si><t>&xxe;</t></si>", "汇总"),
        "huge-cell" => TestFiles.OneSheet($"<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>{new string('长', 40_000)}</t></is></c></row>", name: "汇总"),
        "legacy-xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static IEnumerable<IReadOnlyList<object?>> Layout(string period, string[] headers, IEnumerable<object?[]> rows) =>
        new IReadOnlyList<object?>[] { ["标题"], ["报送单位", "CMCC-64", "报送期间", period], headers }.Concat(rows);

    private static byte[] Write(params (string Name, IEnumerable<IReadOnlyList<object?>> Rows)[] sheets)
    {
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, sheets.Select(s => new XlsxSheet(s.Name, s.Rows)).ToList());
        return ms.ToArray();
    }

    private static string Rows(params (string Cell, string Text)[] cells) =>
        string.Concat(cells.GroupBy(c => c.Cell[1..]).Select(g => $"<row r=\"{g.Key}\">" + string.Concat(g.Select(c => $"<c r=\"{c.Cell}\" t=\"inlineStr\"><is><t>{c.Text}</t></is></c>")) + "</row>"));

    private static string Row(int number, params string[] values) =>
        $"<row r=\"{number}\">" + string.Concat(values.Select((v, i) => $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{v}</t></is></c>")) + "</row>";
}
