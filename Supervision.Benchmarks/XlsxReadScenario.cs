using System.Diagnostics;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Benchmarks;

/// <summary>
/// The streaming spreadsheet I/O of carrier returns: write a 100,000 × 8 outlet sheet, read it back (first read,
/// then the median of four more), and annotate 3,000 issues on it (median of three). Peak memory is the process's
/// peak RSS during each phase (reset between phases on Linux).
/// </summary>
public sealed class XlsxReadScenario : IScenario
{
    public string Name => "xlsx-read";

    public Task RunAsync(BenchContext context)
    {
        const int rows = 100_000;
        var path = Path.Combine(context.WorkDir, "outlets-100k.xlsx");
        var annotated = Path.Combine(context.WorkDir, "outlets-100k-annotated.xlsx");

        // Warm up the code paths on a small file so that the figures are not start-up JIT.
        using (var warm = new MemoryStream())
        {
            XlsxWriter.Write(warm, [new XlsxSheet("网点明细", Outlets(2000))]);
            using var book = SpreadsheetReader.Open(warm, new SpreadsheetLimits());
            foreach (var _ in book.ReadRows("网点明细")) { }
            warm.Position = 0;
            WorkbookAnnotator.Annotate(warm, [new CellIssue("网点明细", 5, 1, "预热")], Stream.Null);
        }

        var write = Measure(() =>
        {
            using var file = File.Create(path);
            XlsxWriter.Write(file, [new XlsxSheet("网点明细", Outlets(rows))]);
        });
        context.Report("write_seconds", write.Seconds);
        context.Report("file_mb", new FileInfo(path).Length / 1024.0 / 1024);

        // The first read of the process (code still tiering up) and the median of the next ones.
        var reads = new List<(double Seconds, double PeakMb)>();
        for (var run = 0; run < 5; run++)
        {
            long cells = 0;
            reads.Add(Measure(() =>
            {
                using var file = File.OpenRead(path);
                using var book = SpreadsheetReader.Open(file, new SpreadsheetLimits());
                foreach (var row in book.ReadRows("网点明细")) cells += row.Cells.Count;
            }));
            if (cells != (rows + 1) * 8L) throw new InvalidOperationException($"read {cells} cells");
        }
        context.Report("rows100k_first_seconds", reads[0].Seconds);
        context.Report("rows100k_seconds", BenchContext.Median(reads.Skip(1).Select(r => r.Seconds).ToList()));
        context.Report("peak_mb", reads.Max(r => r.PeakMb));

        // The same sheet as a CSV file (UTF-8, RFC 4180; the names quoted, so both kinds of field are read).
        var csv = Path.Combine(context.WorkDir, "outlets-100k.csv");
        using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false)))
            foreach (var row in Outlets(rows))
                writer.Write(string.Join(',', row.Select((v, column) => CsvField(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "", quote: column == 1))) + "\r\n");
        var csvReads = new List<(double Seconds, double PeakMb)>();
        for (var run = 0; run < 5; run++)
        {
            long cells = 0;
            csvReads.Add(Measure(() =>
            {
                using var file = File.OpenRead(csv);
                using var book = SpreadsheetReader.Open(file, new SpreadsheetLimits(), "网点明细");
                foreach (var row in book.ReadRows("网点明细")) cells += row.Cells.Count;
            }));
            if (cells != (rows + 1) * 8L) throw new InvalidOperationException($"read {cells} CSV cells");
        }
        context.Report("csv100k_seconds", BenchContext.Median(csvReads.Skip(1).Select(r => r.Seconds).ToList()));
        context.Report("csv_peak_mb", csvReads.Max(r => r.PeakMb));
        if (context.OutDir is null) File.Delete(csv);

        var issues = Enumerable.Range(0, 3000)
            .Select(i => new CellIssue("网点明细", 2 + i * 33, i % 10, $"第{2 + i * 33}行的数据不符合要求（示例{i}）"))
            .ToList();
        var annotations = new List<(double Seconds, double PeakMb)>();
        for (var run = 0; run < 3; run++)
        {
            annotations.Add(Measure(() =>
            {
                using var input = File.OpenRead(path);
                using var output = File.Create(annotated);
                WorkbookAnnotator.Annotate(input, issues, output);
            }));
        }
        context.Report("annotate3k_seconds", BenchContext.Median(annotations.Select(a => a.Seconds).ToList()));
        context.Report("annotate_peak_mb", annotations.Max(a => a.PeakMb));
        if (context.OutDir is null)
        {
            File.Delete(path);
            File.Delete(annotated);
        }
        return Task.CompletedTask;
    }

    private static (double Seconds, double PeakMb) Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeakRss();
        var watch = Stopwatch.StartNew();
        action();
        var seconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return (seconds, self.PeakWorkingSet64 / 1024.0 / 1024);
    }

    /// <summary>Linux: writing 5 to clear_refs resets VmHWM (peak RSS), so each phase gets its own peak.</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux or not allowed: the peak then covers the whole process.
        }
    }

    private static string CsvField(string value, bool quote) =>
        quote || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static IEnumerable<IReadOnlyList<object?>> Outlets(int rows)
    {
        yield return ["网点编码", "网点名称", "所属地市", "地址", "经度", "纬度", "从业人员数", "开业日期"];
        for (var i = 1; i <= rows; i++)
            yield return [$"WD{i:D7}", $"中国移动银川第{i}营业厅", i % 3 == 0 ? "银川市" : "石嘴山市", $"兴庆区解放西街{i % 500}号", 106.2 + i % 1000 / 10000.0, 38.4 + i % 777 / 10000.0, i % 17, new DateOnly(2020, 1, 1).AddDays(i % 1500)];
    }
}
