using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Submissions;

/// <summary>A return the reviewer ticked on the overview, with the version of it the reviewer looked at.</summary>
public sealed record ReviewPick(long SubmissionId, Guid Token, string Branch);

/// <summary>What a bulk acceptance did: the returns accepted, and those left for review one by one with the reason.</summary>
public sealed record BulkAcceptResult(IReadOnlyList<ReviewPick> Accepted, IReadOnlyList<(ReviewPick Pick, string Reason)> Refused);

public sealed partial class SubmissionService
{
    /// <summary>
    /// Accepts several filed returns at once. Each is accepted as on its own page — its own transaction, audit entry, ranking
    /// update and message to the carrier — so one that changed since the overview was read, or that carries 关注事项 the
    /// reviewer has to look at, is left for review one by one and the others go on.
    /// </summary>
    public async Task<BulkAcceptResult> AcceptManyAsync(IReadOnlyList<ReviewPick> picks, string? note, CancellationToken ct = default)
    {
        RequireReviewer();
        var (accepted, refused) = (new List<ReviewPick>(), new List<(ReviewPick, string)>());
        foreach (var pick in picks.DistinctBy(p => p.SubmissionId))
        {
            try
            {
                await ReviewAsync(pick.SubmissionId, pick.Token, s => s.AcceptInBulk(access.Actor, clock.GetUtcNow(), note), ct);
                accepted.Add(pick);
            }
            catch (Exception ex) when (ex is DomainException or NotFoundException)
            {
                refused.Add((pick, ex.Message));
            }
        }
        return new(accepted, refused);
    }

    /// <summary>The exchange about a return (every version of it for the branch and period), oldest first.</summary>
    public async Task<IReadOnlyList<SubmissionComment>> ThreadAsync(long submissionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == submissionId, ct) ?? throw new NotFoundException("报表");
        return await db.SubmissionComments.AsNoTracking()
            .Where(c => c.BranchId == s.BranchId && c.TemplateCode == s.TemplateCode && c.Period == s.Period)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Adds a message to the exchange about a return: the carrier answers the reviewer, the reviewer replies; the other
    /// side is told. Read-only roles only read.
    /// </summary>
    public async Task<SubmissionComment> CommentAsync(long submissionId, string text, CancellationToken ct = default)
    {
        var fromRegulator = Acting switch
        {
            Acting.Officer => true,
            Acting.Party => false,
            _ => throw new AccessDeniedException("当前角色只能查看往来意见。"),
        };
        SubmissionComment comment;
        Submission s;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            s = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == submissionId, ct) ?? throw new NotFoundException("报表");
            comment = SubmissionComment.On(s, access.UserId ?? access.Actor, await AuthorNameAsync(db, ct), fromRegulator, text, clock.GetUtcNow());
            db.SubmissionComments.Add(comment);
            await db.SaveChangesAsync(ct);
        }
        var recipients = fromRegulator ? await notifications.CarrierUsersOfAsync(s.BranchId, ct) : await notifications.InspectorsOfAsync(s.ProvinceId, ct);
        var excerpt = comment.Text.Length > 80 ? comment.Text[..80] + "…" : comment.Text;
        await notifications.PublishAsync(new NotificationDraft($"submission-comment:{comment.Id}", NotificationLevel.Info,
            fromRegulator ? "报表审核人员回复了意见" : "企业对报表审核意见作了答复", $"{comment.AuthorName}：{excerpt}", $"/submissions/{s.Id}#comments"), recipients, ct);
        return comment;
    }

    /// <summary>The signed-in user's display name, as the exchange shows the author.</summary>
    private async Task<string> AuthorNameAsync(SupervisionDbContext db, CancellationToken ct)
    {
        var (id, login) = (access.UserId, access.Actor);
        return await db.Users.AsNoTracking().Where(u => id != null ? u.Id == id : u.UserName == login).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name
            ? name
            : login;
    }

    private void RequireReviewer()
    {
        if (Acting != Acting.Officer)
            throw new AccessDeniedException(Acting == Acting.Party ? "审核由监管人员进行。" : "当前角色只能查看，审核由监管人员进行。");
    }
}
