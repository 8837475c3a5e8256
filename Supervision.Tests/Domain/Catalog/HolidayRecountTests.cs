using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Catalog;

/// <summary>
/// A year's holiday arrangement entered after deadlines were counted on weekends only: open working-day deadlines are counted again,
/// each change audited and the officer notified; a deadline already served on the party never moves earlier (it stands and is listed
/// for review), a later count moves it in the party's favour.
/// </summary>
public class HolidayRecountTests : IAsyncLifetime
{
    private readonly ClockedPortal portal = new();

    public Task InitializeAsync() => portal.InitializeAsync();

    public Task DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task Entering_2027s_holidays_moves_a_served_order_deadline_later_and_lists_an_earlier_count_for_review()
    {
        // Monday 28 December 2026: 2027 has no arrangement yet, so five working days from service end on Monday 4 January (1 January
        // counted as a plain Friday).
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 28, 9, 0, 0, BeijingTime.Offset));
        var id = await DraftOrderAsync(portal, "CMCC-640100");
        await IssueAsync(portal, id);
        Assert.Equal(new DateOnly(2027, 1, 4), (await OrderAsync(portal, id)).Deadline);

        using var admin = await portal.AsUserAsync("admin");
        var catalog = admin.Get<CatalogService>();
        await catalog.SaveHolidayYearAsync(2027, "国务院办公厅关于2027年部分节假日安排的通知（测试数据）");
        // 元旦 is a holiday: the count ends a working day later, on Tuesday 5 January — in the party's favour, so it moves.
        var later = Assert.Single(await catalog.AddCalendarDayAsync(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "元旦"));
        Assert.True(later.Moved && later.Served);
        Assert.Equal((new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 5)), (later.Old, later.New));
        var order = await OrderAsync(portal, id);
        Assert.Equal(new DateOnly(2027, 1, 5), order.Deadline);
        Assert.Equal(new DateOnly(2027, 1, 5), order.OriginalDeadline);

        await using var db = portal.Db();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "CorrectiveOrder" && e.EntityId == key && e.Actor == "admin").ToListAsync();
        Assert.Contains(audit, e => e.Changes.Contains("Deadline") && e.Changes.Contains("2027-01-05"));
        var responsible = await db.Users.Where(u => u.UserName == "inspector.nx").Select(u => u.Id).SingleAsync();
        var told = await db.Notifications.IgnoreQueryFilters().SingleAsync(n => n.UserId == responsible && n.DedupKey == $"order-due:{id}:recount-20270105");
        Assert.Contains("由2027年1月4日顺延至2027年1月5日", told.Body);

        // A make-up workday on Saturday 2 January would end the count on Monday 4 January, earlier than the served 5 January: the
        // served deadline stands and the change is listed for review, not made.
        var earlier = Assert.Single(await catalog.AddCalendarDayAsync(new DateOnly(2027, 1, 2), CalendarDayKind.Workday, "元旦调休上班"));
        Assert.False(earlier.Moved);
        Assert.Equal(new DateOnly(2027, 1, 4), earlier.New);
        Assert.Equal(new DateOnly(2027, 1, 5), (await OrderAsync(portal, id)).Deadline);
        var review = await db.Notifications.IgnoreQueryFilters().SingleAsync(n => n.UserId == responsible && n.DedupKey == $"order-due:{id}:recount-20270104");
        Assert.Contains("已送达的期限不变（有利于当事人），请复核", review.Body);

        // Entering a day that changes no count changes nothing.
        Assert.Empty(await catalog.AddCalendarDayAsync(new DateOnly(2027, 2, 11), CalendarDayKind.Holiday, "春节"));
    }

    [Fact]
    public void A_served_prior_notices_periods_move_only_later_each_move_a_step_and_an_earlier_count_is_listed()
    {
        // Served Thursday 30 April 2026 (1–5 May off, Saturday 9 May worked): three working days end on Friday 8 May.
        var c = Noticed();
        Assert.Equal(D("2026-05-08"), c.StatementDeadline);
        var steps = c.Steps.Count;

        // An extra holiday on Thursday 7 May: the count runs to Saturday 9 May (a make-up workday) — later, so it moves.
        var moreOff = Arrangement(["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-07"]);
        var moved = Assert.Single(c.Recount(Calendar, moreOff, "admin", Now));
        Assert.True(moved.Moved);
        Assert.Equal(D("2026-05-09"), c.StatementDeadline);
        Assert.Equal(steps + 1, c.Steps.Count);
        Assert.Contains("由2026年5月8日顺延至2026年5月9日", c.Steps[^1].Detail);

        // Without the 4–5 May holidays the count would end on 6 May, before the date the party was told: it stands, listed for review.
        var lessOff = Arrangement(["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-07"]);
        var listed = Assert.Single(c.Recount(moreOff, lessOff, "admin", Now));
        Assert.False(listed.Moved);
        Assert.Equal(D("2026-05-09"), c.StatementDeadline);
        Assert.Equal(steps + 1, c.Steps.Count);
        Assert.Contains("已送达的期限不变", listed.Describe());

        // A case past its prior notice's periods (decided) is not counted again.
        Assert.Empty(Decided().Recount(Calendar, moreOff, "admin", Now));
    }

    /// <summary>2026 with the given holidays and Saturday 9 May worked.</summary>
    private static WorkingDayCalendar Arrangement(string[] holidays) =>
        new(holidays.Select(d => new CalendarDay { Date = D(d), Kind = CalendarDayKind.Holiday })
            .Append(new CalendarDay { Date = D("2026-05-09"), Kind = CalendarDayKind.Workday }), [2026]);
}
