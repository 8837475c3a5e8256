using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Demo;

/// <summary>
/// The demo's deadlines are counted as real use counts them: on the working-day calendar of the holiday catalog, so none falls on a
/// rest day or a public holiday (the demo's corrective orders in cases and after inspections).
/// </summary>
public class DemoDeadlineTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task Every_corrective_deadline_the_demo_sets_is_a_working_day_of_the_holiday_catalog()
    {
        await using var db = portal.Db();
        var days = await db.CalendarDays.AsNoTracking().ToListAsync();
        var calendar = new WorkingDayCalendar(days, await db.HolidayYears.Select(y => y.Year).ToListAsync());
        var cases = await db.EnforcementCases.AsNoTracking().Include(c => c.Sanctions).Include(c => c.Branch).ToListAsync();
        var deadlines = cases.SelectMany(c => c.Sanctions.Where(s => s.Kind == SanctionKind.CorrectiveOrder && s.CorrectionDeadline is not null)
                .Select(s => ($"{c.Branch!.Code} {c.Title}：责令改正期限", s.CorrectionDeadline!.Value)))
            .Concat(await db.CorrectiveOrders.AsNoTracking().Where(o => o.Deadline != null).Select(o => new { o.NoticeNumber, o.Deadline }).ToListAsync()
                .ContinueWith(t => t.Result.Select(o => ($"整改通知{o.NoticeNumber}：整改期限", o.Deadline!.Value))))
            .ToList();
        // The demo has its three cases with a corrective order and its issued inspection order.
        Assert.True(deadlines.Count >= 4, $"the demo set {deadlines.Count} corrective deadlines");
        Assert.All(deadlines, d => Assert.True(calendar.IsWorkingDay(d.Item2), $"{d.Item1} {ChineseDate.Format(d.Item2)} is a rest day or holiday"));
    }
}
