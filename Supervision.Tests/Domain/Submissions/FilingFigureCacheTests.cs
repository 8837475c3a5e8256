using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// The overview and the submissions list's counts are kept a few seconds per scope (<see cref="FilingFigureCache"/>):
/// never answered from another scope's entry (another province, a carrier, another carrier), and dropped as soon as a
/// return of the province is saved.
/// </summary>
public class FilingFigureCacheTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly byte[] File = "PK fake workbook bytes"u8.ToArray();

    private async Task<(int Branch, AccessScope Carrier, AccessScope Inspector)> BranchAsync(string code)
    {
        await using var db = portal.Db();
        var b = await db.Branches.SingleAsync(x => x.Code == code);
        var children = await db.Branches.Where(x => x.ParentBranchId == b.Id).Select(x => x.Id).ToListAsync();
        return (b.Id, AccessScope.ForBranches(b.ProvinceId, b.CarrierId, [b.Id, .. children]), AccessScope.ForProvince(b.ProvinceId, false, UserRole.Inspector));
    }

    private SubmissionService Service(AccessScope scope, string actor = "test") =>
        portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<SubmissionService>();

    private async Task FileAsync(string code, string period)
    {
        var (branch, carrier, _) = await BranchAsync(code);
        await Service(carrier, code == "CMCC-64" ? "carrier.cmcc.nx" : "carrier.cucc.nx").StoreAsync(new StoreCommand(branch, "RN-MONTHLY", period, "月报.xlsx", "web", SubmitNow: true, Attested: true),
            ValidRnMonthly(period, code), File, null);
    }

    [Fact]
    public async Task Each_province_and_each_carrier_gets_its_own_figures_never_another_scopes()
    {
        await FileAsync("CMCC-64", "2026-04");
        await FileAsync("CUCC-64", "2026-04");
        var (_, cmcc, ningxia) = await BranchAsync("CMCC-64");
        var (_, cucc, _) = await BranchAsync("CUCC-64");
        var (_, _, guangdong) = await BranchAsync("CMCC-44");

        // The same question asked in the same seconds by readers of different scopes.
        var ningxiaRows = await Service(ningxia).OverviewAsync("RN-MONTHLY", "2026-04");
        var guangdongRows = await Service(guangdong).OverviewAsync("RN-MONTHLY", "2026-04");
        Assert.Same(ningxiaRows, await Service(ningxia).OverviewAsync("RN-MONTHLY", "2026-04")); // kept for the province
        Assert.NotEmpty(guangdongRows);
        Assert.All(ningxiaRows, r => Assert.EndsWith("-64", r.BranchCode));
        Assert.All(guangdongRows, r => Assert.EndsWith("-44", r.BranchCode));
        Assert.DoesNotContain(guangdongRows, r => r.State == FilingState.Submitted);

        var query = new SubmissionQuery(Period: "2026-04");
        Assert.Equal(2, (await Service(ningxia).ListAsync(query, new PageRequest())).Total);
        Assert.Equal(0, (await Service(guangdong).ListAsync(query, new PageRequest())).Total);
        var asCmcc = await Service(cmcc).ListAsync(query, new PageRequest());
        var asCucc = await Service(cucc).ListAsync(query, new PageRequest());
        Assert.Equal(1, asCmcc.Total);
        Assert.Equal(1, asCucc.Total);
        Assert.NotEqual(asCmcc.Items.Single().BranchId, asCucc.Items.Single().BranchId);
        Assert.Equal(2, (await Service(ningxia).ListAsync(query, new PageRequest())).Total);
    }

    [Fact]
    public async Task A_return_filed_shows_in_the_next_overview_and_count_at_once_and_leaves_other_provinces_kept()
    {
        var (_, _, ningxia) = await BranchAsync("CMCC-64");
        var (_, _, guangdong) = await BranchAsync("CMCC-44");
        var query = new SubmissionQuery(Period: "2026-05");
        var before = await Service(ningxia).OverviewAsync("RN-MONTHLY", "2026-05");
        var elsewhere = await Service(guangdong).OverviewAsync("RN-MONTHLY", "2026-05");
        Assert.NotEqual(FilingState.Submitted, before.Single(r => r.BranchCode == "CUCC-64").State);
        Assert.Equal(0, (await Service(ningxia).ListAsync(query, new PageRequest())).Total);

        await FileAsync("CUCC-64", "2026-05");

        Assert.Equal(FilingState.Submitted, (await Service(ningxia).OverviewAsync("RN-MONTHLY", "2026-05")).Single(r => r.BranchCode == "CUCC-64").State);
        Assert.Equal(1, (await Service(ningxia).ListAsync(query, new PageRequest())).Total);
        Assert.Same(elsewhere, await Service(guangdong).OverviewAsync("RN-MONTHLY", "2026-05"));
    }

    [Fact]
    public async Task Evicting_a_province_drops_its_figures_and_the_all_provinces_ones_only()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new FilingFigureCache(memory);
        var loads = 0;
        Task<string> Load(string what) { loads++; return Task.FromResult(what); }
        var one = AccessScope.ForProvince(1, false, UserRole.Inspector);
        var two = AccessScope.ForProvince(2, true, UserRole.Leader);
        var all = AccessScope.System;
        var carrier = AccessScope.ForBranches(1, 7, [11]);
        var otherCarrier = AccessScope.ForBranches(1, 8, [12]);

        foreach (var (scope, name) in new[] { (one, "one"), (two, "two"), (all, "all"), (carrier, "carrier"), (otherCarrier, "other") })
            Assert.Equal(name, await cache.GetOrLoadAsync(scope, "q", () => Load(name)));
        Assert.Equal(5, loads);
        Assert.Equal("carrier", await cache.GetOrLoadAsync(carrier, "q", () => Load("again")));
        Assert.Equal(5, loads);

        cache.Evict(1);
        Assert.Equal("two", await cache.GetOrLoadAsync(two, "q", () => Load("again")));
        Assert.Equal(5, loads);
        Assert.Equal("one'", await cache.GetOrLoadAsync(one, "q", () => Load("one'")));
        Assert.Equal("all'", await cache.GetOrLoadAsync(all, "q", () => Load("all'")));
        Assert.Equal("carrier'", await cache.GetOrLoadAsync(carrier, "q", () => Load("carrier'")));
        Assert.Equal(8, loads);
    }
}
