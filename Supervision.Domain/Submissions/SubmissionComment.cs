using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>
/// One message of the exchange between the reviewer and the carrier about a return: the reason it was sent back, the
/// carrier's answer, the reviewer's reply. The thread belongs to the return of a branch for a period (not to one version),
/// so it stays with every version the carrier files after. Both sides see it: it is what was said to the party.
/// </summary>
public class SubmissionComment : IBranchScoped
{
    public const int MaxLength = 2000;

    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public string TemplateCode { get; private set; } = "";
    public string Period { get; private set; } = "";
    /// <summary>The version the message was written on.</summary>
    public long SubmissionId { get; private set; }
    public int Version { get; private set; }
    public string AuthorId { get; private set; } = "";
    /// <summary>The author's display name (never the login name).</summary>
    public string AuthorName { get; private set; } = "";
    /// <summary>Written on the regulator's side (the reviewer), else by the carrier.</summary>
    public bool FromRegulator { get; private set; }
    /// <summary>Written when the return was sent back (its reason), not as a reply.</summary>
    public bool IsReturnReason { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    private SubmissionComment() { }

    public static SubmissionComment On(Submission version, string authorId, string authorName, bool fromRegulator, string text, DateTimeOffset now,
        bool returnReason = false)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length < 2) throw new DomainException("comment.text_required", "请填写意见内容（至少2个字）。");
        if (trimmed.Length > MaxLength) throw new DomainException("comment.too_long", $"意见不能超过{MaxLength}字（现有{trimmed.Length}字）。");
        return new SubmissionComment
        {
            ProvinceId = version.ProvinceId, BranchId = version.BranchId, TemplateCode = version.TemplateCode, Period = version.Period,
            SubmissionId = version.Id, Version = version.Version, AuthorId = authorId, AuthorName = authorName, FromRegulator = fromRegulator,
            IsReturnReason = returnReason, Text = trimmed, At = now,
        };
    }
}
