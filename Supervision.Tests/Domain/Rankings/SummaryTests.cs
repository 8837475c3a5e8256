using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>The summary table from hand-made returns: what each indicator counts, and when it changes.</summary>
public class SummaryTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task Accepting_a_return_writes_its_figures_for_the_company_its_city_companies_and_the_province()
    {
        var filed = await FileAsync(portal, "CMCC-64", "RN-MONTHLY", "2026-05",
            Rn("2026-05", "CMCC-64", new RnRow(1000, 990, 10, 2, 3, 40, 38, 2, 1), city => city == "640100" ? new RnRow(1000, 950, 50, 10, 10, 40, 40, 0, 2) : new RnRow(1000, 990, 10, 2, 3, 40, 38, 2, 1)));
        Assert.Empty(await ValuesAsync(portal, "CMCC-64", "2026-05"));   // filed, not yet accepted

        await AcceptAsync(portal, filed);

        var v = await ValuesAsync(portal, "CMCC-64", "2026-05");
        Assert.Equal((29_460.0, 30_000.0), (v["RN-RATE"].Numerator, v["RN-RATE"].Denominator));
        Assert.Equal(98.2, v["RN-RATE"].Value!.Value, 6);
        Assert.Equal(540, v["RN-LEGACY"].Value);
        Assert.Equal(240.0 / 540 * 100, v["RN-SUSPENSION"].Value!.Value, 6);
        Assert.Equal(96, v["RN-READER"].Value!.Value, 6);
        Assert.Equal(48.0 / 1200 * 10_000, v["RN-MANUAL"].Value!.Value, 6);
        Assert.Equal(36.0 / 30_000 * 100_000, v["RN-OVERLIMIT"].Value!.Value, 6);
        Assert.All(v.Values.Where(x => x.Code.StartsWith("RN-")), x => Assert.True(x.Rollup));

        var city = await ValuesAsync(portal, "CMCC-640100", "2026-05");
        Assert.Equal((5_700.0, 6_000.0, 95.0), (city["RN-RATE"].Numerator, city["RN-RATE"].Denominator, city["RN-RATE"].Value!.Value));
        Assert.Equal(100, city["RN-READER"].Value);
        Assert.Equal(200, city["RN-OVERLIMIT"].Value!.Value, 6);
        Assert.False(city["RN-RATE"].Rollup);
        Assert.False(city.ContainsKey("FILING-ONTIME"));        // city companies file nothing themselves

        // A company that owed the return and has none is there, as not reported — not missing.
        var unicom = await ValuesAsync(portal, "CUCC-64", "2026-05");
        Assert.Equal(IndicatorStatus.NotReported, unicom["RN-RATE"].Status);
        Assert.Null(unicom["RN-RATE"].Value);
        Assert.Equal(IndicatorStatus.NotReported, (await ValuesAsync(portal, "CUCC-640100", "2026-05"))["RN-RATE"].Status);

        var province = await ProvinceValuesAsync(portal, "64", "2026-05");
        Assert.Equal((1, 10), (province["RN-RATE"].Reporting, province["RN-RATE"].Expected));
        Assert.Equal(98.2, province["RN-RATE"].Value!.Value, 6);
    }

    [Fact]
    public async Task Nothing_to_divide_by_is_not_applicable_never_zero()
    {
        await FileAndAcceptAsync(portal, "CTCC-64", "2026-04", new RnRow(Subscribers: 500, Registered: 500, Legacy: 0, OneWay: 0, TwoWay: 0, New: 0, Reader: 0, Manual: 0, OverLimit: 0));

        var v = await ValuesAsync(portal, "CTCC-64", "2026-04");
        Assert.Equal(100, v["RN-RATE"].Value);
        Assert.Equal((IndicatorStatus.Reported, 0.0), (v["RN-LEGACY"].Status, v["RN-LEGACY"].Value!.Value));
        foreach (var code in new[] { "RN-SUSPENSION", "RN-READER", "RN-MANUAL" })
        {
            Assert.Equal(IndicatorStatus.NotApplicable, v[code].Status);
            Assert.Null(v[code].Value);
            Assert.Equal(0, v[code].Denominator);
        }
        Assert.Equal(IndicatorStatus.Reported, v["RN-OVERLIMIT"].Status);
        Assert.Equal(0, v["RN-OVERLIMIT"].Value);
    }

    [Fact]
    public async Task Log_figures_come_from_the_last_quarter_that_ended_before_the_month()
    {
        var log = await FileAsync(portal, "CBN-64", "LOG-QUARTERLY", "2026-Q1", Log("2026-Q1", "CBN-64", (365, true), (200, true), (150, true), (400, false)));
        await AcceptAsync(portal, log);

        foreach (var month in new[] { "2026-04", "2026-05", "2026-06" })   // each after 2026-Q1 ended, before 2026-Q2 did
        {
            var v = await ValuesAsync(portal, "CBN-64", month);
            Assert.Equal((3.0, 4.0, 75.0), (v["LOG-RETENTION"].Numerator, v["LOG-RETENTION"].Denominator, v["LOG-RETENTION"].Value!.Value));
            Assert.Equal(75, v["LOG-SAMPLE"].Value);
        }
        Assert.Equal(IndicatorStatus.NotReported, (await ValuesAsync(portal, "CBN-64", "2026-07"))["LOG-RETENTION"].Status);   // 2026-Q2 not filed
        Assert.False((await ValuesAsync(portal, "CBN-64", "2026-03")).ContainsKey("LOG-RETENTION"));                          // before the first quarter filed
        Assert.False((await ValuesAsync(portal, "JDCOM-64", "2026-05")).ContainsKey("LOG-RETENTION"));                        // resellers keep no network logs
    }

    [Fact]
    public async Task Filing_on_time_and_first_time_acceptance_count_twelve_months_of_returns()
    {
        // JDCOM-64: January on time and accepted; February returned, refiled and accepted; March never filed.
        var january = await FileAsync(portal, "JDCOM-64", "RN-MONTHLY", "2026-01", Rn("2026-01", "JDCOM-64", new RnRow()));
        await using (var db = portal.Db())
            await db.Submissions.Where(s => s.Id == january.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Late, false));   // as if filed before its due date
        await AcceptAsync(portal, january);
        var february = await FileAsync(portal, "JDCOM-64", "RN-MONTHLY", "2026-02", Rn("2026-02", "JDCOM-64", new RnRow()));
        await ReturnAsync(portal, february);
        Assert.Equal((1.0, 2.0), await FirstPassAsync("2026-02"));           // January first time; February returned
        var second = await FileAsync(portal, "JDCOM-64", "RN-MONTHLY", "2026-02", Rn("2026-02", "JDCOM-64", new RnRow()));
        await AcceptAsync(portal, second);

        var march = await ValuesAsync(portal, "JDCOM-64", "2026-03");
        Assert.Equal((1.0, 3.0), (march["FILING-ONTIME"].Numerator, march["FILING-ONTIME"].Denominator));   // Jan on time; Feb late; Mar overdue
        Assert.Equal(100.0 / 3, march["FILING-ONTIME"].Value!.Value, 6);
        Assert.Equal((1.0, 2.0), (march["FILING-FIRSTPASS"].Numerator, march["FILING-FIRSTPASS"].Denominator));
        Assert.Equal(IndicatorStatus.NotReported, march["RN-RATE"].Status);

        var january2 = await ValuesAsync(portal, "JDCOM-64", "2026-01");
        Assert.Equal((1.0, 1.0), (january2["FILING-ONTIME"].Numerator, january2["FILING-ONTIME"].Denominator));
    }

    private async Task<(double, double)> FirstPassAsync(string month)
    {
        var v = await ValuesAsync(portal, "JDCOM-64", month);
        return (v["FILING-FIRSTPASS"].Numerator, v["FILING-FIRSTPASS"].Denominator);
    }

    [Fact]
    public async Task The_nightly_rebuild_reproduces_the_incremental_figures_and_a_second_run_changes_nothing()
    {
        await FileAndAcceptAsync(portal, "CUCC-64", "2026-06", new RnRow(1000, 970, 30, 10, 5, 50, 49, 1, 3));
        var incremental = await SnapshotAsync();

        using var scope = portal.ScopeFor(AccessScope.System, "job");
        var updater = scope.ServiceProvider.GetRequiredService<RankingUpdater>();
        var first = await updater.RunAsync(DateTimeOffset.UtcNow);
        var once = await SnapshotAsync();
        var second = await updater.RunAsync(DateTimeOffset.UtcNow);
        var twice = await SnapshotAsync();

        Assert.Equal(once, twice);
        Assert.Equal((first.Values, first.ProvinceValues), (second.Values, second.ProvinceValues));
        Assert.Equal(once.Count, first.Values);
        // Everything the accept path wrote is what the rebuild writes for those rows.
        Assert.All(incremental.Where(r => r.StartsWith("CUCC-64|2026-06", StringComparison.Ordinal)), r => Assert.Contains(r, once));
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = portal.Db();
        var codes = await db.Branches.ToDictionaryAsync(b => b.Id, b => b.Code);
        return (await db.IndicatorValues.AsNoTracking().ToListAsync())
            .Select(v => $"{codes[v.BranchId]}|{v.Period}|{v.Code}|{v.Status}|{v.Numerator}|{v.Denominator}|{v.Value}|{v.Rollup}").Order(StringComparer.Ordinal).ToList();
    }
}
