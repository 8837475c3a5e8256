using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Catalog;

/// <param name="What">The deadline in words: 宁通管改〔2026〕3号的整改期限（自送达之日起20个工作日）.</param>
/// <param name="Served">Told to the party already (served notice): never moved earlier.</param>
/// <param name="Moved">Changed to <paramref name="New"/>; false: the served date stands and the earlier count is listed for review.</param>
public sealed record RecountedDeadline(string What, DateOnly Old, DateOnly New, bool Served, bool Moved)
{
    public string Describe() => Moved
        ? $"{What}由{ChineseDate.Format(Old)}{(New > Old ? "顺延" : "调整")}至{ChineseDate.Format(New)}。"
        : $"{What}按新的节假日安排应为{ChineseDate.Format(New)}，早于已送达的{ChineseDate.Format(Old)}：已送达的期限不变（有利于当事人），请复核。";
}

/// <summary>
/// When an administrator enters or corrects a year's holiday arrangement, the open deadlines counted in working days on the calendar
/// as it was (weekends only for a year not yet entered) are counted again: corrective orders' deadlines and the periods of served prior
/// notices. A deadline not yet told to the party follows the new count; a served one moves only later; an earlier count is listed for
/// review. Each change is saved with the calendar's (the audit trail records it) and the staff in charge are notified.
/// </summary>
public sealed class DeadlineRecount(NotificationService notifications)
{
    public async Task<IReadOnlyList<RecountedDeadline>> RecountAsync(SupervisionDbContext db, WorkingDayCalendar before, WorkingDayCalendar after,
        string by, DateTimeOffset now, CancellationToken ct)
    {
        var all = new List<RecountedDeadline>();
        var orders = await db.CorrectiveOrders.Where(o => o.DeadlineMode == Inspections.DeadlineMode.WorkingDays
            && (o.State == Inspections.OrderState.Issued || o.State == Inspections.OrderState.Overdue)).ToListAsync(ct);
        foreach (var order in orders)
        {
            if (order.Recount(before, after) is not { } change) continue;
            all.Add(change);
            await notifications.StageAsync(db, Draft($"order-due:{order.Id}:recount-{change.New:yyyyMMdd}", change,
                Inspections.CorrectiveOrderService.InspectorLink(order.Id)), [order.ResponsibleUserId], ct);
        }
        var cases = await db.EnforcementCases.Include(c => c.Investigators).Include(c => c.Steps)
            .Where(c => c.State == Enforcement.CaseState.PriorNoticeServed).ToListAsync(ct);
        foreach (var c in cases)
        {
            var changes = c.Recount(before, after, by, now);
            if (changes.Count == 0) continue;
            all.AddRange(changes);
            var change = changes[0] with { What = string.Join("", changes.Select(x => x.Describe())) };
            await notifications.StageAsync(db, new NotificationDraft($"case:{c.Id}:recount-{changes.Max(x => x.New):yyyyMMdd}", NotificationLevel.Warning,
                "节假日安排变更：案件期限重新计算", change.What, $"/cases/{c.Id}"), c.Investigators.Select(i => i.UserId).ToList(), ct);
        }
        return all;
    }

    private static NotificationDraft Draft(string key, RecountedDeadline change, string link) =>
        new(key, NotificationLevel.Warning, change.Moved ? "节假日安排变更：期限重新计算" : "节假日安排变更：已送达期限待复核", change.Describe(), link);
}
