using Supervision.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Submissions;

public sealed record ReminderRun(int DueSoon, int Drafts, int Overdue);

/// <summary>
/// The daily look at every return due: a warning before the due date, a reminder for drafts saved but never
/// filed (so a draft is not mistaken for a filing), an alert to carrier and inspectors once overdue.
/// Idempotent: each notification has a key, so running twice sends nothing twice.
/// </summary>
public sealed class SubmissionReminders(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, SubmissionService submissions,
    CatalogService catalog, NotificationService notifications)
{
    public const int WarnWorkingDaysBefore = 3;

    public async Task<ReminderRun> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (!access.Scope.SeesAll || access.Scope.Role is not null)
            access.AsSystem("job:submission-reminders");
        var today = BeijingTime.Today(now);
        var calendar = await catalog.GetCalendarAsync(ct);
        int dueSoon = 0, drafts = 0, overdue = 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var template in await submissions.TemplatesAsync(ct))
        {
            var period = ReportingPeriod.LatestEnded(template.Frequency, today);
            var due = period.DueDate(template.Definition.DueDay, template.Definition.DueMonthsAfter, calendar);
            foreach (var row in await submissions.OverviewAsync(template.Code, period.ToString(), ct))
            {
                var link = $"/submissions/upload?template={template.Code}&period={period}";
                var filed = row.State is FilingState.Submitted or FilingState.Accepted;
                if (filed) continue;
                var carrierUsers = await notifications.CarrierUsersOfAsync(row.BranchId, ct);
                if (today > due)
                {
                    var draft = new NotificationDraft($"overdue:{template.Code}:{period}:{row.BranchId}", NotificationLevel.Alert,
                        $"{template.Name}（{period}）逾期未报", $"{row.Branch}的{template.Name}（{period.Label}）截止日期为{due:yyyy-MM-dd}，至今未报送。", link);
                    var province = await db.Branches.Where(b => b.Id == row.BranchId).Select(b => b.ProvinceId).SingleAsync(ct);
                    overdue += await notifications.PublishAsync(draft, carrierUsers, ct);
                    overdue += await notifications.PublishAsync(draft with { Link = $"/submissions/overview" }, await notifications.InspectorsOfAsync(province, ct), ct);
                }
                else if (calendar.WorkingDaysBetween(today, due) <= WarnWorkingDaysBefore)
                {
                    dueSoon += await notifications.PublishAsync(new NotificationDraft($"due-soon:{template.Code}:{period}:{row.BranchId}", NotificationLevel.Warning,
                        $"{template.Name}（{period}）即将到期", $"{row.Branch}的{template.Name}（{period.Label}）须于{due:yyyy-MM-dd}前报送，当前状态：{SubmissionService.StateLabel(row.State)}。", link), carrierUsers, ct);
                }
                if (row.State == FilingState.Draft || (row.State == FilingState.Overdue && row.SubmissionId is not null))
                {
                    var draftId = row.SubmissionId!.Value;
                    var uploadedAt = await db.Submissions.Where(s => s.Id == draftId).Select(s => s.UploadedAt).SingleAsync(ct);
                    if (now - uploadedAt >= TimeSpan.FromDays(1))
                        drafts += await notifications.PublishAsync(new NotificationDraft($"draft:{draftId}", NotificationLevel.Warning,
                            $"{template.Name}（{period}）草稿尚未报送", $"第{row.Version}版已于{BeijingTime.Local(uploadedAt):yyyy-MM-dd HH:mm}保存为草稿，但尚未提交报送；草稿不视为已报送。",
                            $"/submissions/{draftId}"), carrierUsers, ct);
                }
            }
        }
        return new ReminderRun(dueSoon, drafts, overdue);
    }
}
