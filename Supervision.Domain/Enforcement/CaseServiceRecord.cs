using Supervision.Domain.Common;
using Supervision.Domain.Documents;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// How one case document was served on the party (行政处罚法第六十一条, served under the 民事诉讼法): the method, the date of service
/// the periods run from, who received it (name and post) and the two servers; by post, the day it was posted, the 邮件号 and the
/// date of receipt the tracking record shows; through the portal, when it was sent and first opened. Every document that starts
/// a period for the party — the 事先告知书, the 听证通知书, the decision — has one, and its 送达回证 prints it.
/// </summary>
public class CaseServiceRecord
{
    public long Id { get; private set; }
    public long CaseId { get; private set; }
    /// <summary>The document served.</summary>
    public DocumentKind Document { get; private set; }
    /// <summary>One of <see cref="ServiceMethods.All"/> (possibly with the channel, e.g. 电子送达（平台及电子邮件）).</summary>
    public string Method { get; private set; } = "";
    /// <summary>The date of service, from which the periods the document starts run: by post the date of receipt, by announcement thirty days on.</summary>
    public DateOnly ServedOn { get; private set; }
    /// <summary>签收人 and 职务, where someone signed for the party.</summary>
    public string? RecipientName { get; private set; }
    public string? RecipientPost { get; private set; }
    /// <summary>The two officers who served (送达人), separated by 、.</summary>
    public string Servers { get; private set; } = "";
    /// <summary>By post: the day it was posted (交邮日期) and the postal tracking number (邮件号).</summary>
    public DateOnly? PostedOn { get; private set; }
    public string? TrackingNumber { get; private set; }
    /// <summary>Through the portal: the day sent, and when and by whom the party first opened it (the receipt).</summary>
    public DateOnly? SentOn { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public string? OpenedBy { get; private set; }
    /// <summary>The service as the case's record states it (交邮、公告、电子送达的情况).</summary>
    public string? Record { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    private CaseServiceRecord() { }

    internal static CaseServiceRecord Of(DocumentKind document, string method, DateOnly servedOn, string? record, IReadOnlyList<string> servers, ServiceDetails? details,
        string by, DateTimeOffset now) => new()
    {
        Document = document, Method = method.Trim(), ServedOn = servedOn, Record = record, Servers = string.Join("、", servers),
        RecipientName = Trimmed(details?.RecipientName), RecipientPost = Trimmed(details?.RecipientPost),
        PostedOn = ServiceMethods.IsPost(method) ? details?.PostedOn : null, TrackingNumber = ServiceMethods.IsPost(method) ? Trimmed(details?.TrackingNumber) : null,
        SentOn = details?.OpenedAt is null ? null : details.SentOn, OpenedAt = details?.OpenedAt, OpenedBy = details?.OpenedAt is null ? null : Trimmed(details.OpenedBy),
        RecordedBy = by, RecordedAt = now,
    };

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>签收人 with the post, e.g. 王伟（综合部经理）; null where nobody signed.</summary>
    public string? Recipient => RecipientName is null ? null : RecipientName + (RecipientPost is null ? "" : $"（{RecipientPost}）");
}
