using Supervision.Domain.Common;
using Supervision.Domain.Files;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Submissions;

public enum SubmissionStatus
{
    /// <summary>草稿: stored and valid, not yet filed.</summary>
    Draft,
    /// <summary>已报送: filed, awaiting review.</summary>
    Submitted,
    /// <summary>已受理.</summary>
    Accepted,
    /// <summary>已退回: the inspector returned it with a reason; the carrier files version n+1.</summary>
    Returned,
    /// <summary>已作废: a draft replaced by a newer upload before it was filed.</summary>
    Superseded,
}

/// <summary>
/// One version of one return (template × period) of one branch. The original file and everything parsed
/// from it are stored with it; versions are never overwritten.
/// </summary>
public class Submission : IBranchScoped
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public Branch? Branch { get; set; }
    public int TemplateId { get; set; }
    public ReturnTemplate? Template { get; set; }
    public string TemplateCode { get; set; } = "";
    public string Period { get; set; } = "";
    public int Version { get; set; }
    public SubmissionStatus Status { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    /// <summary>web or api.</summary>
    public string Channel { get; set; } = "web";
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public bool Late { get; set; }
    public string? ReceiptNo { get; set; }
    public long FileId { get; set; }
    public StoredFile? File { get; set; }
    public string Sha256 { get; set; } = "";
    public long? AttachmentFileId { get; set; }
    public StoredFile? AttachmentFile { get; set; }
    public int RowCount { get; set; }
    public int FlagCount { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
    /// <summary>Set by API clients: the same key with the same request returns the first result and creates nothing.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>Changes on every transition, so two reviewers cannot both act on the same version.</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
    public List<SubmissionFlag> Flags { get; set; } = [];

    public bool IsFiled => Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted or SubmissionStatus.Returned;

    /// <summary>Files the draft: it gets its receipt number, and is late if filed after the due date.</summary>
    public void Submit(string by, DateTimeOffset now, DateOnly today, string branchCode)
    {
        if (Status != SubmissionStatus.Draft)
            throw new DomainException("submission.not_draft", $"只有草稿可以报送，当前状态为“{StatusLabel(Status)}”。");
        Status = SubmissionStatus.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        Late = today > DueDate;
        ReceiptNo = $"{TemplateCode}-{Period}-{branchCode}-V{Version}";
        ConcurrencyToken = Guid.NewGuid();
    }

    public void Accept(string by, DateTimeOffset now, string? note)
    {
        RequireSubmitted();
        Status = SubmissionStatus.Accepted;
        (ReviewedBy, ReviewedAt, ReviewNote) = (by, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Sends the return back; the reason is shown to the carrier, who files a new version.</summary>
    public void Return(string by, DateTimeOffset now, string reason)
    {
        RequireSubmitted();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("submission.reason_required", "退回须写明原因（至少5个字），企业将据此修改后重新报送。");
        Status = SubmissionStatus.Returned;
        (ReviewedBy, ReviewedAt, ReviewNote) = (by, now, reason.Trim());
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>A new upload replaces a draft that was never filed; filed versions stay as they are.</summary>
    public void SupersedeIfDraft()
    {
        if (Status != SubmissionStatus.Draft) return;
        Status = SubmissionStatus.Superseded;
        ConcurrencyToken = Guid.NewGuid();
    }

    private void RequireSubmitted()
    {
        if (Status != SubmissionStatus.Submitted)
            throw new DomainException("submission.not_submitted", $"只能审核“已报送”的报表，当前状态为“{StatusLabel(Status)}”。");
    }

    /// <summary>What the request that created this version sent: the idempotency key stands for exactly this.</summary>
    public UploadFingerprint Fingerprint => new(TemplateCode, Period, Sha256, AttachmentFile?.Sha256);

    /// <summary>
    /// Answers a request sent again under this version's idempotency key with this version (needs <see cref="AttachmentFile"/>
    /// loaded). The same key with another return, period or file is a client error, never a silent "first result".
    /// </summary>
    public Submission Repeat(UploadFingerprint request)
    {
        if (request != Fingerprint)
            throw new DomainException(IdempotencyMismatchCode,
                $"Idempotency-Key“{IdempotencyKey}”已用于另一次上传（第{Version}版，{TemplateCode}，{Period}），本次请求的报表、期间或文件与之不同。新的上传请使用新的 Idempotency-Key。");
        return this;
    }

    public const string IdempotencyMismatchCode = "idempotency.mismatch";

    /// <summary>Whether a new upload may follow the latest version, and why not.</summary>
    public static string? CannotUploadAfter(Submission? latest) => latest?.Status switch
    {
        SubmissionStatus.Submitted => "本期报表已报送、正在审核，审核退回后方可重新报送。",
        SubmissionStatus.Accepted => "本期报表已受理。如需更正，请联系监管人员。",
        _ => null,
    };

    /// <summary>
    /// The carrier's view of one return (its versions of a template and period): what it uploaded and filed, the receipts, and
    /// the regulator's answer with the note written for it. Never who reviewed it or anything internal.
    /// </summary>
    public static IReadOnlyList<PartyEvent> PartyTimeline(IEnumerable<Submission> versions)
    {
        var timeline = new PartyTimeline();
        foreach (var v in versions.OrderBy(v => v.Version))
        {
            timeline.Add(v.UploadedAt, $"上传第{v.Version}版（{(v.Channel == "api" ? "接口" : "网页")}）");
            if (v.SubmittedAt is { } submitted)
                timeline.Add(submitted, $"报送第{v.Version}版，回执号{v.ReceiptNo}" + (v.Late ? "（逾期报送）" : ""));
            if (v.ReviewedAt is not { } reviewed) continue;
            timeline.Add(reviewed, v.Status switch
            {
                SubmissionStatus.Returned => $"第{v.Version}版被退回：{v.ReviewNote}",
                _ => $"第{v.Version}版已受理" + (v.ReviewNote is { } note ? $"：{note}" : ""),
            });
        }
        return timeline.ToList();
    }

    public static string StatusLabel(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => "草稿",
        SubmissionStatus.Submitted => "已报送",
        SubmissionStatus.Accepted => "已受理",
        SubmissionStatus.Returned => "已退回",
        SubmissionStatus.Superseded => "已作废",
        _ => status.ToString(),
    };
}

/// <summary>An upload as the idempotency key remembers it: the return, the period and the SHA-256 of the file and of the PDF sent with it.</summary>
public sealed record UploadFingerprint(string TemplateCode, string Period, string FileSha256, string? PdfSha256);

/// <summary>A legal-but-alarming finding kept with the return; it feeds inspections and rankings.</summary>
public class SubmissionFlag : IBranchScoped
{
    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public string Code { get; set; } = "";
    public string Sheet { get; set; } = "";
    public int Row { get; set; }
    public string? Column { get; set; }
    public string Message { get; set; } = "";
}

/// <summary>An upload refused by validation: who, when, which file (hash) and how many errors. It creates no version.</summary>
public class SubmissionAttempt : IBranchScoped
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public string TemplateCode { get; set; } = "";
    public string Period { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string Channel { get; set; } = "web";
    public string FileName { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public int ErrorCount { get; set; }
    /// <summary>The first errors, as JSON, so a helpdesk can answer "why was my file refused".</summary>
    public string FirstErrors { get; set; } = "[]";
}
