using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>
/// Work that must commit together with a review decision (accepted or returned), such as the rankings'
/// summary. Called with the reviewing context inside its transaction, after the decision is saved.
/// </summary>
public interface ISubmissionReviewHook
{
    Task OnReviewedAsync(SupervisionDbContext db, Submission submission, CancellationToken ct);
}
