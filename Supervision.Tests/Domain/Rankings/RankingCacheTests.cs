using Supervision.Domain.Access;
using Supervision.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>
/// The province dashboard is kept for a few seconds between requests (<see cref="RankingCache"/>); a change to the
/// summary on this node must show in the very next dashboard, and a rebuild too.
/// </summary>
public class RankingCacheTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task An_accepted_return_and_a_rebuild_show_in_the_next_dashboard_at_once()
    {
        var ningxia = (await BranchAsync(portal, "CMCC-64")).ProvinceId;
        var leader = AccessScope.ForProvince(ningxia, true, UserRole.Leader);
        await FileAndAcceptAsync(portal, "CMCC-64", "2026-09", new RnRow(1000, 990, 10));

        RankingRow Unicom(ProvinceDashboard d) => d.Carriers.Rows.Single(r => r.Name == "宁夏联通");
        var before = await Service<RankingService>(portal, leader).ProvinceAsync(null, "2026-09");
        Assert.Equal(RankingOutcome.NotReported, Unicom(before).Outcome);
        Assert.Same(before, await Service<RankingService>(portal, leader).ProvinceAsync(null, "2026-09")); // kept between requests

        await FileAndAcceptAsync(portal, "CUCC-64", "2026-09", new RnRow(1000, 999, 1));
        var accepted = await Service<RankingService>(portal, leader).ProvinceAsync(null, "2026-09");
        Assert.Equal(RankingOutcome.Scored, Unicom(accepted).Outcome);
        Assert.Equal(1, Unicom(accepted).Rank);

        await Service<RankingUpdater>(portal, AccessScope.System).RunAsync(DateTimeOffset.UtcNow);
        Assert.NotSame(accepted, await Service<RankingService>(portal, leader).ProvinceAsync(null, "2026-09"));
    }
}
