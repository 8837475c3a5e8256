using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Inspections;

public sealed record OrderScanRun(int MarkedOverdue, int DueSoonNotices, int OverdueNotices, int InspectionNotices);

/// <summary>
/// The daily look at deadlines: flags corrective orders whose deadline passed without a report as overdue, warns carrier
/// and inspectors before a deadline and alerts them after it, and reminds inspectors of inspections their plan's period
/// is about to leave behind. Idempotent: an order already overdue stays as it is, and every notification has a key that
/// includes the deadline, so a second run sends nothing while a changed deadline is announced again.
/// </summary>
public sealed class CorrectiveOrderScanner(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, CatalogService catalog,
    NotificationService notifications, CorrectiveOrderService orders)
{
    public const int WarnWorkingDaysBefore = 3;

    public async Task<OrderScanRun> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (!access.Scope.SeesAll || access.Scope.Role is not null)
            access.AsSystem("job:corrective-orders");
        var today = BeijingTime.Today(now);
        var calendar = await catalog.GetCalendarAsync(ct);
        int marked = 0, dueSoon = 0, overdue = 0;

        await using var db = await factory.CreateDbContextAsync(ct);
        var open = await db.CorrectiveOrders.Include(o => o.Branch).Where(o => o.State == OrderState.Issued || o.State == OrderState.Overdue).ToListAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var overdueNow = open.Where(o => o.MarkOverdue(today)).ToList();
            marked = overdueNow.Count;
            await db.SaveChangesAsync(ct);
            foreach (var order in overdueNow)
                await orders.ChangedAsync(db, order, ct);
            await tx.CommitAsync(ct);
        }

        foreach (var order in open)
        {
            var deadline = order.Deadline!.Value;
            var key = deadline.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var carrierUsers = await notifications.CarrierUsersOfAsync(order.BranchId, ct);
            var inspectors = await orders.InspectorsOfAsync(order, ct);
            if (order.State == OrderState.Overdue)
            {
                var draft = new NotificationDraft($"order-overdue:{order.Id}:{key}", NotificationLevel.Alert, "整改逾期未报告",
                    $"{order.Branch!.ShortName}：{order.NoticeNumber}的整改期限为{ChineseDate.Format(deadline)}，至今未提交整改报告。", CorrectiveOrderService.CarrierLink(order.Id));
                overdue += await notifications.PublishAsync(draft, carrierUsers, ct);
                overdue += await notifications.PublishAsync(draft with { Body = draft.Body + "可视情移交立案。", Link = CorrectiveOrderService.InspectorLink(order.Id) }, inspectors, ct);
            }
            else if (calendar.WorkingDaysBetween(today, deadline) <= WarnWorkingDaysBefore)
            {
                var draft = new NotificationDraft($"order-due:{order.Id}:{key}", NotificationLevel.Warning, "整改期限临近",
                    $"{order.Branch!.ShortName}：{order.NoticeNumber}须于{ChineseDate.Format(deadline)}前完成整改并提交整改报告。", CorrectiveOrderService.CarrierLink(order.Id));
                dueSoon += await notifications.PublishAsync(draft, carrierUsers, ct);
                dueSoon += await notifications.PublishAsync(draft with { Link = CorrectiveOrderService.InspectorLink(order.Id) }, inspectors, ct);
            }
        }
        return new OrderScanRun(marked, dueSoon, overdue, await InspectionsDueAsync(db, today, calendar, ct));
    }

    /// <summary>Inspections not yet completed when their plan's period is about to end (warning) or has ended (alert).</summary>
    private async Task<int> InspectionsDueAsync(SupervisionDbContext db, DateOnly today, WorkingDayCalendar calendar, CancellationToken ct)
    {
        var pending = await db.Inspections.AsNoTracking().Include(i => i.Inspectors)
            .Where(i => (i.Status == InspectionStatus.Planned || i.Status == InspectionStatus.InProgress) && i.Plan!.Status == PlanStatus.Active)
            .Select(i => new { i.Id, i.EntityName, i.Plan!.Title, i.Plan.PeriodEnd, Users = i.Inspectors.Select(x => x.UserId).ToList() })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var i in pending)
        {
            var end = i.PeriodEnd.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (today > i.PeriodEnd)
                sent += await notifications.PublishAsync(new NotificationDraft($"inspection-overdue:{i.Id}:{end}", NotificationLevel.Alert, "检查任务超出计划期间",
                    $"“{i.Title}”对{i.EntityName}的检查计划于{ChineseDate.Format(i.PeriodEnd)}前完成，尚未完成检查记录。", $"/inspections/{i.Id}"), i.Users, ct);
            else if (calendar.WorkingDaysBetween(today, i.PeriodEnd) <= WarnWorkingDaysBefore)
                sent += await notifications.PublishAsync(new NotificationDraft($"inspection-due:{i.Id}:{end}", NotificationLevel.Warning, "检查任务即将到期",
                    $"“{i.Title}”对{i.EntityName}的检查须于{ChineseDate.Format(i.PeriodEnd)}前完成。", $"/inspections/{i.Id}"), i.Users, ct);
        }
        return sent;
    }
}
