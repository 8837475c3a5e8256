using Supervision.Domain.Overview;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Overview;

/// <summary>
/// The seed carries the State Council's arrangements for 2024–2026 only. Deadlines counted in working days run into next
/// year from any day, so the administrator is asked to enter next year's arrangement while it is missing — and not asked
/// once both this and next year are there.
/// </summary>
public class HolidayCoverageHomeTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task The_administrator_is_asked_for_next_years_holidays_while_they_are_not_entered()
    {
        using var admin = await portal.AsUserAsync("admin");
        portal.Today(new DateOnly(2026, 12, 7));
        var missing = (await admin.Get<HomeService>().AdminAsync()).Sections.Single(s => s.Key == "holidays").Items.Single();
        Assert.Equal(("2027年节假日安排尚未录入", "/catalog/holidays", "待录入"), (missing.Title, missing.Href, missing.Status));
        Assert.Contains("只按周末推算", missing.Detail);

        portal.Today(new DateOnly(2025, 6, 2)); // 2025 and 2026 are both in the seed
        Assert.Empty((await admin.Get<HomeService>().AdminAsync()).Sections.Single(s => s.Key == "holidays").Items);
    }
}
