using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Files;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Tests.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>A ranking figure traced back to the cells of the accepted return it was counted from.</summary>
public class TraceTests(Portal portal) : IClassFixture<Portal>
{
    private const string Period = "2026-03";

    private static byte[] Generated() => ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", Period, ReturnBuilder.NingxiaCities, 21, OutletsPerCityAndChannel: 1));

    /// <summary>The workbook with one 汇总 cell corrected: <paramref name="delta"/> fewer registered users in <paramref name="address"/>, as many more unregistered ones beside it.</summary>
    private static (byte[] File, long Registered) Corrected(byte[] original, int row, long delta)
    {
        using var book = new XLWorkbook(new MemoryStream(original));
        var sheet = book.Worksheet("汇总");
        var registered = sheet.Cell(row, 4).GetValue<long>() - delta;
        sheet.Cell(row, 4).Value = registered;
        sheet.Cell(row, 5).Value = sheet.Cell(row, 5).GetValue<long>() + delta;
        using var output = new MemoryStream();
        book.SaveAs(output);
        return (output.ToArray(), registered);
    }

    [Fact]
    public async Task A_figure_leads_to_the_cells_it_used_and_a_corrected_cell_moves_the_figure_and_the_trace()
    {
        var (provincial, provinceId, carrier) = await BranchAsync(portal, "CMCC-64");
        var uploader = Service<SubmissionService>(portal, carrier, "carrier.cmcc.nx");
        var original = Generated();
        var first = await uploader.UploadAsync(new UploadRequest(provincial, "RN-MONTHLY", Period, "三月月报.xlsx", "web", SubmitNow: true, Attested: true), original);
        Assert.True(first.Accepted, string.Join("\n", first.Errors.Select(e => e.Message)));
        await ReturnAsync(portal, first.Submission!);

        // The carrier corrects the first 银川 row's 已实名用户数 (D4) and files again; the inspector accepts version 2.
        await using (var db = portal.Db())
            Assert.Equal("640100", (await db.RnSummaryRows.Where(r => r.SubmissionId == first.Submission!.Id).OrderBy(r => r.RowNumber).FirstAsync()).CityCode);
        var (corrected, registered) = Corrected(original, 4, 100);
        var second = await uploader.UploadAsync(new UploadRequest(provincial, "RN-MONTHLY", Period, "三月月报（更正）.xlsx", "web", SubmitNow: true, Attested: true), corrected);
        Assert.True(second.Accepted, string.Join("\n", second.Errors.Select(e => e.Message)));
        await AcceptAsync(portal, second.Submission!);

        await using var check = portal.Db();
        var city = await check.Branches.SingleAsync(b => b.Code == "CMCC-640100");
        var traces = Service<RankingTraceService>(portal, Inspector(provinceId), "inspector.nx");
        var trace = await traces.TraceAsync(city.Id, Period, ReturnIndicators.RealNameRate);
        var figure = (await ValuesAsync(portal, "CMCC-640100", Period))[ReturnIndicators.RealNameRate];

        // Formula → numerator and denominator → the accepted version → its cells.
        Assert.Equal((figure.Numerator, figure.Denominator, figure.Value), (trace.Numerator, trace.Denominator, trace.Value));
        Assert.Equal(2, trace.Source!.Version);
        Assert.Equal(StoredFile.Hash(corrected), trace.Source.Sha256);
        Assert.Equal([1, 2], trace.Versions.Select(v => v.Version));
        Assert.Equal(SubmissionStatus.Returned, trace.Versions[0].Status);
        Assert.Equal(6, trace.Cells.Count(c => c.Part == RankingTraceService.Numerator));   // 银川's six channel rows
        Assert.Equal(figure.Numerator, trace.SumOf(RankingTraceService.Numerator));
        Assert.Equal(figure.Denominator, trace.SumOf(RankingTraceService.Denominator));
        var cell = trace.Cells.Single(c => c.Address == "D4");
        Assert.Equal(("汇总", "已实名用户数", RankingTraceService.Numerator, registered), (cell.Sheet, cell.Header, cell.Part, cell.Value));
        Assert.Equal("C4", trace.Cells.Single(c => c.Row == 4 && c.Part == RankingTraceService.Denominator).Address);
        // Rows read as the pages write them: the city by name, never its code.
        Assert.All(trace.Cells, c => Assert.StartsWith("银川市 ", c.RowLabel));

        // The corrected cell is what the figure now counts: 100 fewer than in version 1.
        var before = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", Period, ReturnBuilder.NingxiaCities, 21, OutletsPerCityAndChannel: 1));
        using (var v1 = new XLWorkbook(new MemoryStream(before)))
            Assert.Equal(registered + 100, v1.Worksheet("汇总").Cell(4, 4).GetValue<long>());

        // The downloaded original is the stored file with those cells marked.
        var (name, marked) = await traces.MarkedOriginalAsync(city.Id, Period, ReturnIndicators.RealNameRate);
        Assert.EndsWith(".xlsx", name);
        using (var book = new XLWorkbook(new MemoryStream(marked)))
        {
            var red = XLColor.FromArgb(unchecked((int)0xFFFF9999));
            var d4 = book.Worksheet("汇总").Cell("D4");
            Assert.Equal(registered, d4.GetValue<long>());
            Assert.Equal(red, d4.Style.Fill.BackgroundColor);
            Assert.Contains("分子：已实名用户数", d4.Comment.Text);
            Assert.True(book.TryGetWorksheet("追溯单元格", out _));
            Assert.NotEqual(red, book.Worksheet("汇总").Cell("D10").Style.Fill.BackgroundColor);   // 640200's row: not counted for 银川
        }

        // Every real-name figure of the provincial company adds up from its traced cells.
        var all = await ValuesAsync(portal, "CMCC-64", Period);
        foreach (var code in ReturnIndicators.RealName)
        {
            var t = await traces.TraceAsync(provincial, Period, code);
            Assert.Equal(all[code].Numerator, t.SumOf(RankingTraceService.Numerator));
            if (t.DenominatorText is not null) Assert.Equal(all[code].Denominator, t.SumOf(RankingTraceService.Denominator));
            Assert.All(t.Cells, c => Assert.Matches("^[A-Z]+[0-9]+$", c.Address));
        }
        // A figure not counted from cells says so instead of inventing some.
        Assert.NotNull((await traces.TraceAsync(provincial, Period, ReturnIndicators.OnTime)).NotTraced);
    }

    [Fact]
    public async Task A_carrier_traces_only_its_own_figures()
    {
        var (provincial, _, carrier) = await BranchAsync(portal, "CMCC-64");
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-04", ReturnBuilder.NingxiaCities, 4, OutletsPerCityAndChannel: 1));
        var filed = await Service<SubmissionService>(portal, carrier, "carrier.cmcc.nx").UploadAsync(new UploadRequest(provincial, "RN-MONTHLY", "2026-04", "四月.xlsx", "web", SubmitNow: true, Attested: true), file);
        await AcceptAsync(portal, filed.Submission!);

        var own = await Service<RankingTraceService>(portal, carrier).TraceAsync(provincial, "2026-04", ReturnIndicators.RealNameRate);
        Assert.NotEmpty(own.Cells);
        var (_, _, other) = await BranchAsync(portal, "CUCC-64");
        await Assert.ThrowsAsync<NotFoundException>(() => Service<RankingTraceService>(portal, other).TraceAsync(provincial, "2026-04", ReturnIndicators.RealNameRate));
        await Assert.ThrowsAsync<NotFoundException>(() => Service<RankingTraceService>(portal, other).MarkedOriginalAsync(provincial, "2026-04", ReturnIndicators.RealNameRate));
        var ministry = await Service<RankingTraceService>(portal, new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer)).TraceAsync(provincial, "2026-04", ReturnIndicators.RealNameRate);
        Assert.Equal(own.Cells.Count, ministry.Cells.Count);
    }
}
