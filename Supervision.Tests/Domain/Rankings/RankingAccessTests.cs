using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>Who sees which ranking: each role against the service, with a little data in 宁夏.</summary>
public class RankingAccessTests(Portal portal) : IClassFixture<Portal>, IAsyncLifetime
{
    private int _ningxia, _guangdong;

    public async Task InitializeAsync()
    {
        await using (var db = portal.Db())
        {
            _ningxia = await db.Provinces.Where(p => p.Code == "64").Select(p => p.Id).SingleAsync();
            _guangdong = await db.Provinces.Where(p => p.Code == "44").Select(p => p.Id).SingleAsync();
            if (await db.Submissions.AnyAsync()) return;
        }
        await FileAndAcceptAsync(portal, "CMCC-64", "2026-08", new RnRow(1000, 960, 40));
        await FileAndAcceptAsync(portal, "CUCC-64", "2026-08", new RnRow(1000, 990, 10));
        await FileAndAcceptAsync(portal, "CMCC-64", "2026-09", new RnRow(1000, 995, 5));
        await FileAndAcceptAsync(portal, "CUCC-64", "2026-09", new RnRow(1000, 985, 15));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private RankingService As(AccessScope scope) => Service<RankingService>(portal, scope);

    [Fact]
    public async Task Inspectors_and_leaders_see_their_own_province_only()
    {
        foreach (var scope in new[] { Inspector(_ningxia), AccessScope.ForProvince(_ningxia, true, UserRole.Leader) })
        {
            var dashboard = await As(scope).ProvinceAsync(null, "2026-09");
            Assert.Equal(_ningxia, dashboard.ProvinceId);
            var top = dashboard.Carriers.Rows[0];
            Assert.Equal(("宁夏移动", 1, 1), (top.Name, top.Rank, top.Change));       // second in August, first in September
            Assert.Equal("↑1", top.ChangeLabel);
            Assert.Equal(8, dashboard.Carriers.Rows.Count(r => r.Outcome == RankingOutcome.NotReported));
            Assert.All(dashboard.Carriers.Rows.Skip(2), r => Assert.Equal("本期实名制月报逾期未报", r.Reason));
            await Assert.ThrowsAsync<NotFoundException>(() => As(scope).ProvinceAsync(_guangdong, "2026-09"));
            await Assert.ThrowsAsync<AccessDeniedException>(() => As(scope).MinistryAsync("2026-09"));
            await Assert.ThrowsAsync<AccessDeniedException>(() => As(scope).OwnPositionAsync("2026-09"));
        }
        var nx = await BranchAsync(portal, "CMCC-64");
        await Assert.ThrowsAsync<NotFoundException>(() => As(Inspector(_guangdong)).EntityAsync(nx.Id, "2026-09"));
    }

    /// <summary>
    /// Without a month asked for, a ranking opens on the latest month whose 实名制月报 deadline has passed (the 10th of the next
    /// month, moved by the reporting calendar), never on a month still being filed; an invalid month is not taken either.
    /// </summary>
    [Fact]
    public async Task A_ranking_opens_on_the_latest_month_whose_filing_deadline_has_passed()
    {
        var ministry = new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer);
        var nx = await BranchAsync(portal, "CMCC-64");
        try
        {
            portal.Today(new DateOnly(2026, 10, 9));   // September has ended, its returns are due on the 10th (after the National Day holiday)
            Assert.Equal("2026-08", (await As(ministry).MinistryAsync()).Period);
            Assert.Equal("2026-08", (await As(AccessScope.ForProvince(_ningxia, true, UserRole.Leader)).EntityAsync(nx.Id)).Period);
            Assert.Equal("2026-08", (await As(ministry).MinistryAsync("2026-13")).Period);
            Assert.False(RankingService.IsValidPeriod("2026-13"));

            portal.Today(new DateOnly(2026, 10, 20));  // September's deadline has passed
            Assert.Equal("2026-09", (await As(ministry).MinistryAsync()).Period);
            Assert.Equal("2026-09", (await As(AccessScope.ForProvince(_ningxia, true, UserRole.Leader)).EntityAsync(nx.Id)).Period);
            Assert.Equal("2026-08", (await As(ministry).MinistryAsync("2026-08")).Period); // a month asked for is taken as asked
        }
        finally
        {
            portal.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_ministry_ranks_the_provinces_and_may_open_any_province()
    {
        var ministry = new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer);
        var national = await As(ministry).MinistryAsync("2026-09");
        Assert.Equal(31, national.Provinces.Rows.Count);
        var first = national.Provinces.Rows[0];
        Assert.Equal(("宁夏", 1, "2/10"), (first.Name, first.Rank, first.Group));
        Assert.Equal(99.0, first.Of("RN-RATE")!.Reading!.Value!.Value, 6);
        Assert.All(national.Provinces.Rows.Skip(1), r => Assert.Equal(RankingOutcome.NoData, r.Outcome));
        Assert.Equal("暂无报送数据", national.Provinces.Rows[1].Reason);
        Assert.Equal(_guangdong, (await As(ministry).ProvinceAsync(_guangdong, "2026-09")).ProvinceId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(ministry).OwnPositionAsync());
    }

    [Fact]
    public async Task A_carrier_sees_its_own_position_and_the_province_average_but_nobody_elses_details()
    {
        var (_, _, carrier) = await BranchAsync(portal, "CUCC-64");
        var own = await As(carrier).OwnPositionAsync("2026-09");
        Assert.All(own.Entries, e => Assert.Contains(e.BranchId, carrier.BranchIds));
        var company = own.Entries.Single(e => e.Level == RankingLevel.Carrier);
        Assert.Equal(("宁夏联通", 2, 2, 10, -1), (company.Name, company.Standing.Rank, company.Standing.Ranked, company.Standing.Total, company.Change));
        Assert.Equal(("第2名 / 共2家", "2家参与评分（共10家）"), (company.Standing.RankText, company.Standing.Participation));
        Assert.NotNull(company.AverageScore);
        Assert.Equal(99.0, company.ProvinceValues["RN-RATE"]!.Value, 6);     // (995 + 985) × 30 ÷ 60,000
        Assert.Equal(5, own.Entries.Count(e => e.Level == RankingLevel.City));
        var json = JsonSerializer.Serialize(own);
        Assert.DoesNotContain("移动", json);
        Assert.DoesNotContain("电信", json);

        await Assert.ThrowsAsync<AccessDeniedException>(() => As(carrier).ProvinceAsync(null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(carrier).EntityAsync(carrier.BranchIds[0]));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(carrier).MinistryAsync());
    }

    [Fact]
    public async Task Only_an_administrator_changes_a_weight_the_change_is_audited_and_counts_at_once()
    {
        var leader = AccessScope.ForProvince(_ningxia, true, UserRole.Leader);
        var rate = (await As(leader).IndicatorsAsync()).Single(i => i.Code == "RN-RATE");
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(leader).SaveIndicatorAsync(rate.Id, 50, rate.Normalization, rate.Target, rate.Pass, rate.Zero));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(Inspector(_ningxia)).SaveIndicatorAsync(rate.Id, 50, rate.Normalization, rate.Target, rate.Pass, rate.Zero));
        var invalid = await Assert.ThrowsAsync<DomainException>(() => As(AccessScope.System with { Role = UserRole.SystemAdmin }).SaveIndicatorAsync(rate.Id, 30, rate.Normalization, 100, 95, 101));
        Assert.Contains("零分值应低于目标值", invalid.Message);

        var before = (await As(leader).ProvinceAsync(null, "2026-09")).Carriers.Rows[0].Score;
        await As(AccessScope.System with { Role = UserRole.SystemAdmin }).SaveIndicatorAsync(rate.Id, 90, rate.Normalization, rate.Target, rate.Pass, rate.Zero);
        var after = (await As(leader).ProvinceAsync(null, "2026-09")).Carriers.Rows[0].Score;
        Assert.NotEqual(before, after);
        await using var db = portal.Db();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "RankingIndicator" && a.EntityId == rate.Id.ToString()).ToListAsync();
        Assert.Contains(audit, a => a.Changes.Contains("Weight") && a.Changes.Contains("90"));
        await As(AccessScope.System with { Role = UserRole.SystemAdmin }).SaveIndicatorAsync(rate.Id, rate.Weight, rate.Normalization, rate.Target, rate.Pass, rate.Zero);
    }
}
