using System.Diagnostics;
using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Reports.Documents;
using Supervision.Domain.Common;

namespace Supervision.Benchmarks;

/// <summary>
/// Official-document PDFs: a two-page 行政处罚决定书 (Song/Hei/Kai subsets, a table across the page break).
/// first_ms: from process start to the first document rendered (fonts read from the assembly, JIT);
/// p50_ms: warm, one document at a time; batch1000_seconds: 1,000 different decisions on all cores;
/// kb_each: their mean size. With --out the directory keeps a decision, its preview and a batch sample.
/// </summary>
public sealed class PdfDecisionScenario : IScenario
{
    public string Name => "pdf-decision";

    public async Task RunAsync(BenchContext context)
    {
        var clock = Stopwatch.StartNew();
        var first = OfficialDocumentRenderer.Render(SampleDecisions.Build(0));
        // From process start, in a process of its own: earlier scenarios of an "all" run must not count.
        context.Report("first_ms", (await BenchContext.RunChildAsync("pdf-first-child"))["first_ms"]);
        context.Report("first_render_ms", clock.Elapsed.TotalMilliseconds);
        context.Report("pages", PageCount(first));

        var warm = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            var document = SampleDecisions.Build(i);
            clock.Restart();
            OfficialDocumentRenderer.Render(document);
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }
        context.Report("p50_ms", BenchContext.Median(warm));
        context.Report("cpu_ms_each", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / warm.Count);
        context.Report("alloc_kb_each", (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / warm.Count);
        context.Report("p95_ms", BenchContext.Percentile(warm, 95));

        const int batch = 1000;
        var sizes = new long[batch];
        clock.Restart();
        Parallel.For(0, batch, i => sizes[i] = OfficialDocumentRenderer.Render(SampleDecisions.Build(i)).LongLength);
        context.Report("batch1000_seconds", clock.Elapsed.TotalSeconds);
        context.Report("kb_each", sizes.Average() / 1024);
        context.Report("kb_max", sizes.Max() / 1024.0);
        context.Report("font_loads", OfficialFonts.Resolver.Loads);

        if (context.OutDir is { } dir)
        {
            File.WriteAllBytes(Path.Combine(dir, "decision.pdf"), first);
            File.WriteAllBytes(Path.Combine(dir, "decision-preview.pdf"),
                OfficialDocumentRenderer.Render(SampleDecisions.Build(0), new OfficialDocumentOptions { ShowSealPlaceholder = true }));
            File.WriteAllBytes(Path.Combine(dir, "decision-517.pdf"), OfficialDocumentRenderer.Render(SampleDecisions.Build(517)));
            await WriteEveryKindAsync(dir);
        }

    }

    /// <summary>The child of first_ms: render one decision right after start and print the time since the process began.</summary>
    public static int FirstDocumentChild()
    {
        OfficialDocumentRenderer.Render(SampleDecisions.Build(0));
        Console.WriteLine($"first_ms={(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>One PDF of every document kind (kinds/NN-Kind.pdf) and a PNG of each of its pages (pdftoppm, 80 dpi), to review the set in one folder.</summary>
    private static async Task WriteEveryKindAsync(string dir)
    {
        var kinds = Directory.CreateDirectory(Path.Combine(dir, "kinds")).FullName;
        var renderer = new DocumentRenderer();
        foreach (var (kind, data) in Supervision.Web.Demo.DocumentSamples.All())
        {
            var name = $"{(int)kind:00}-{kind}";
            var pdf = Path.Combine(kinds, name + ".pdf");
            await File.WriteAllBytesAsync(pdf, renderer.Render(data));
            using var pdftoppm = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "80", pdf, Path.Combine(kinds, name)]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("pdftoppm did not start.");
            await pdftoppm.WaitForExitAsync();
            if (pdftoppm.ExitCode != 0) throw new InvalidOperationException($"pdftoppm failed on {pdf} ({pdftoppm.ExitCode}).");
        }
    }

    private static int PageCount(byte[] pdf)
    {
        // PDFsharp writes the page tree's count as "/Type/Pages/Count N".
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var at = text.IndexOf("/Type/Pages/Count ", StringComparison.Ordinal) + "/Type/Pages/Count ".Length;
        var end = at;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return int.Parse(text.AsSpan(at, end - at), CultureInfo.InvariantCulture);
    }
}

/// <summary>Fictitious decisions that differ in party, number, amount and outlets (benchmark data only).</summary>
internal static class SampleDecisions
{
    private const string Authority = "宁夏回族自治区通信管理局";
    private static readonly string[] Names = ["银川星河移动通信服务有限公司", "宁夏云帆通信技术有限公司", "石嘴山市远航通信服务有限公司", "吴忠市丝路信息通信有限公司"];
    private static readonly string[] Districts = ["兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市"];
    private static readonly string[] Streets = ["解放东街", "万达广场", "怀远路", "杨和镇", "富兴街", "东塔寺路", "新华街", "宝湖路"];
    private static readonly (string Name, string Channel)[] Kinds = [("合作营业厅", "合作营业厅"), ("专营店", "专营店"), ("特约代理点", "特约代理点"), ("便民服务点", "末梢渠道")];

    public static OfficialDocument Build(int seed)
    {
        var random = new Random(seed);
        var fine = 10_000m + random.Next(0, 21) * 1_000m;
        var table = new DocumentTable(
            new TableColumn("序号", 0.7, CellAlignment.Center),
            new TableColumn("营业网点", 3.3),
            new TableColumn("渠道类型", 1.6, CellAlignment.Center),
            new TableColumn("录入户数", 1.6, CellAlignment.Right));
        var households = 0;
        for (var i = 1; i <= 8; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var count = random.Next(30, 240);
            households += count;
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), Districts[random.Next(Districts.Length)] + Streets[random.Next(Streets.Length)] + kind.Name,
                kind.Channel, count.ToString(CultureInfo.InvariantCulture));
        }
        var decided = new DateOnly(2026, 11, 28).AddDays(-random.Next(0, 60));
        return new OfficialDocument(Authority + "\n行政处罚决定书")
            .Number(new DocumentNumber("宁通管", "罚", 2026, seed + 1).ToString())
            .Field("当事人", Names[seed % Names.Length])
            .Field("统一社会信用代码", "91640100MA76T8KX3F")
            .Field("住所", "宁夏回族自治区银川市金凤区北京中路168号")
            .Field("法定代表人", "王建国")
            .Paragraph("本局于2026年9月15日对你单位电话用户实名登记情况进行检查，并于同日立案调查，现已调查终结。")
            .Heading("违法事实和证据")
            .SubHeading("违法事实。", $"2026年7月1日至8月31日，你单位下列营业网点办理移动电话入网时，未使用二代身份证识别设备核验身份，以人工录入方式登记{households:N0}户，其中物联网卡（GGSN/PGW侧开通）ID类号码12户：")
            .Table(table)
            .SubHeading("证据。", "现场检查笔录、入网登记单据、业务支撑系统记录、询问笔录及你单位的情况说明。")
            .Heading("处罚依据和内容")
            .Paragraph("你单位的上述行为违反了《电话用户真实身份信息登记规定》第六条、第九条。本局已告知你单位享有陈述、申辩和听证的权利，你单位未提出异议。依据该规定第十九条，决定：")
            .Paragraph("（一）予以警告；")
            .Paragraph($"（二）罚款{ChineseMoney.ToFigures(fine)}元（{ChineseMoney.ToCapital(fine)}）。")
            .Heading("履行方式和期限")
            .Paragraph("你单位应自收到本决定书之日起15日内到指定银行缴纳罚款。逾期不缴纳的，每日按罚款数额的3%加处罚款。")
            .Heading("救济途径和期限")
            .Paragraph("如不服本决定，可在收到本决定书之日起60日内向工业和信息化部申请行政复议，或者在6个月内提起行政诉讼。")
            .SignedBy(Authority, decided);
    }
}
