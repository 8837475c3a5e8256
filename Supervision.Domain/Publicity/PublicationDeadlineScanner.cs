using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Publicity;

public sealed record PublicationRun(int Drafts, int Withdrawals, int Warnings, int Alerts);

/// <summary>
/// The daily watch over publication: a draft due today or tomorrow warns the province's inspectors, a late one alerts
/// them; so does a changed decision whose announcement is still up. Idempotent (one notification per announcement,
/// deadline and kind).
/// </summary>
public sealed class PublicationDeadlineScanner(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, NotificationService notifications)
{
    public async Task<PublicationRun> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        access.AsSystem("job:publication-deadlines");
        var today = BeijingTime.Today(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        var drafts = await db.Announcements.AsNoTracking().Where(a => a.Status == AnnouncementStatus.Draft && a.DueBy <= today.AddDays(1))
            .Select(a => new { a.Id, a.ProvinceId, a.Title, Due = a.DueBy }).ToListAsync(ct);
        var withdrawals = await db.Announcements.AsNoTracking().Where(a => a.Status == AnnouncementStatus.Published && a.WithdrawalDueBy != null && a.WithdrawalDueBy <= today.AddDays(1))
            .Select(a => new { a.Id, a.ProvinceId, a.Title, Due = a.WithdrawalDueBy!.Value }).ToListAsync(ct);
        int warnings = 0, alerts = 0;
        async Task NotifyAsync(long id, int province, string what, string title, DateOnly due)
        {
            var who = await notifications.InspectorsOfAsync(province, ct);
            var late = today > due;
            var sent = await notifications.PublishAsync(new NotificationDraft($"announcement:{id}:{what}:{due:yyyyMMdd}:{(late ? "overdue" : "warn")}",
                late ? NotificationLevel.Alert : NotificationLevel.Warning,
                $"{(late ? "已逾期" : "即将到期")}：{what}", $"“{title}”应于{ChineseDate.Format(due)}前{what}。", $"/publicity/{id}"), who, ct);
            if (late) alerts += sent; else warnings += sent;
        }
        foreach (var d in drafts) await NotifyAsync(d.Id, d.ProvinceId, "发布公示", d.Title, d.Due);
        foreach (var w in withdrawals) await NotifyAsync(w.Id, w.ProvinceId, "撤回公示", w.Title, w.Due);
        return new(drafts.Count, withdrawals.Count, warnings, alerts);
    }
}
