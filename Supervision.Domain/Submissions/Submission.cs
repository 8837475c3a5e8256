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
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public Branch? Branch { get; set; }
    public int TemplateId { get; private set; }
    public ReturnTemplate? Template { get; set; }
    public string TemplateCode { get; private set; } = "";
    public string Period { get; private set; } = "";
    public int Version { get; private set; }
    public SubmissionStatus Status { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedBy { get; private set; } = "";
    /// <summary>web or api.</summary>
    public string Channel { get; private set; } = "web";
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public bool Late { get; private set; }
    /// <summary>The 签报人 (user name) who attested to the return when it was filed (<see cref="Attestation.Text"/>), and when.</summary>
    public string? AttestedBy { get; private set; }
    public DateTimeOffset? AttestedAt { get; private set; }
    /// <summary>
    /// The receipt's number (回执编号): the verification code of the receipt issued when the return was filed, shown as
    /// ABCD-EFGH-JKMN — the one number on the page, the PDF, the ledger and the API, and the one the public page finds it by.
    /// </summary>
    public string? ReceiptNo { get; private set; }
    public long FileId { get; private set; }
    public StoredFile? File { get; private set; }
    public string Sha256 { get; private set; } = "";
    public long? AttachmentFileId { get; private set; }
    public StoredFile? AttachmentFile { get; private set; }
    public int RowCount { get; private set; }
    public int FlagCount { get; private set; }
    /// <summary>How many figures the plausibility checks flagged and the carrier explained when filing.</summary>
    public int ExplainedCount { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewNote { get; private set; }
    /// <summary>Set by API clients: the same key with the same request returns the first result and creates nothing.</summary>
    public string? IdempotencyKey { get; private set; }
    /// <summary>Changes on every transition, so two reviewers cannot both act on the same version.</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
    public List<SubmissionFlag> Flags { get; set; } = [];

    public bool IsFiled => Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted or SubmissionStatus.Returned;

    /// <summary>
    /// A new version of a return as uploaded: a draft numbered after <paramref name="latest"/> (the newest version so far,
    /// if any), holding the stored file and the flags found in it; a draft it follows is superseded. Refused while the latest
    /// version is under review or accepted.
    /// </summary>
    public static Submission NewVersion(Branch branch, int templateId, string templateCode, string period, Submission? latest, DateOnly dueDate,
        StoredFile file, StoredFile? attachment, int rowCount, IEnumerable<SubmissionFlag> flags, string channel, string? idempotencyKey,
        string by, DateTimeOffset at)
    {
        if (CannotUploadAfter(latest?.Status) is { } refusal)
            throw new DomainException("submission.locked", refusal);
        var submission = new Submission
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, TemplateId = templateId, TemplateCode = templateCode, Period = period,
            Version = (latest?.Version ?? 0) + 1, DueDate = dueDate, UploadedAt = at, UploadedBy = by, Channel = channel,
            File = file, FileId = file.Id, Sha256 = file.Sha256, AttachmentFile = attachment, AttachmentFileId = attachment?.Id, RowCount = rowCount,
            IdempotencyKey = idempotencyKey,
        };
        submission.Flags.AddRange(flags);
        submission.FlagCount = submission.Flags.Count;
        // The new upload replaces a draft that was never filed; filed versions stay as they are.
        latest?.SupersedeIfDraft();
        return submission;
    }

    /// <summary>What was read from the version's file once it was stored row by row: how many rows, and the flags the checks raised.</summary>
    public void Read(int rowCount, IEnumerable<SubmissionFlag> flags)
    {
        RowCount = rowCount;
        Flags.AddRange(flags);
        FlagCount = Flags.Count;
    }

    /// <summary>
    /// What <paramref name="actor"/> may do with this version: the carrier files its draft and uploads a new version when
    /// the return is open to one (<paramref name="latest"/> is the status of the return's newest version); the regulator
    /// accepts or returns a filed version and turns its flags into findings. Steps foreseen but not possible yet carry the
    /// reason their rule gives; filing, the reason the acting user cannot file (<paramref name="cannotFile"/>: not a 签报人).
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, SubmissionStatus latest, string? cannotFile = null)
    {
        var actions = new List<AvailableAction>();
        if (actor == Acting.Party)
        {
            if (Status == SubmissionStatus.Draft)
                actions.Add(new(SubmissionActions.Submit, "提交报送", Primary: true, NotYet: cannotFile));
            actions.Add(new(SubmissionActions.Upload, Status == SubmissionStatus.Returned ? "修改后重新上传" : "上传新版本", NotYet: CannotUploadAfter(latest)));
        }
        else if (actor == Acting.Officer)
        {
            if (Status is SubmissionStatus.Draft or SubmissionStatus.Submitted)
            {
                var notYet = NotSubmitted()?.Message;
                actions.Add(new(SubmissionActions.Accept, "受理", Primary: true, NotYet: notYet));
                actions.Add(new(SubmissionActions.Return, "退回", NotYet: notYet));
            }
            if (Status != SubmissionStatus.Superseded)
                actions.Add(new(SubmissionActions.FlagToFinding, "转为检查发现", NotYet: CannotMakeFindings()?.Message));
        }
        return actions;
    }

    /// <summary>A flag becomes a finding only once the return is filed: a draft is not yet the carrier's statement.</summary>
    public DomainException? CannotMakeFindings() => IsFiled ? null
        : new DomainException("finding.flag_draft", "草稿中的关注事项不能转为检查发现，请待企业正式报送后再处理。");

    /// <summary>
    /// Files the draft under the signatory's attestation, late if filed after the due date; its receipt number comes with the
    /// receipt issued in the same transaction (<see cref="Receipted"/>).
    /// <paramref name="by"/> is who sent it (a user, or an API key), <paramref name="signatory"/> the 签报人 who answers for it.
    /// </summary>
    public void Submit(string by, string signatory, DateTimeOffset now, DateOnly today)
    {
        if (Status != SubmissionStatus.Draft)
            throw new DomainException("submission.not_draft", $"只有草稿可以报送，当前状态为“{StatusLabel(Status)}”。");
        if (string.IsNullOrWhiteSpace(signatory))
            throw new DomainException(Attestation.RequiredCode, Attestation.RequiredMessage);
        Status = SubmissionStatus.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        (AttestedBy, AttestedAt) = (signatory, now);
        Late = today > DueDate;
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>The number of the receipt issued for the filing: its verification code as people read it (ABCD-EFGH-JKMN).</summary>
    public void Receipted(string verificationCode)
    {
        if (!IsFiled)
            throw new DomainException("receipt.not_filed", "报表尚未报送，没有回执。");
        ReceiptNo = Documents.VerificationCodes.Display(verificationCode);
    }

    public void Accept(string by, DateTimeOffset now, string? note)
    {
        RequireSubmitted();
        Status = SubmissionStatus.Accepted;
        (ReviewedBy, ReviewedAt, ReviewNote) = (by, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// Accepts the return as one of several ticked on the overview: only a filed return without 关注事项 — those the
    /// reviewer reads on the return's own page before accepting.
    /// </summary>
    public void AcceptInBulk(string by, DateTimeOffset now, string? note)
    {
        if (FlagCount > 0)
            throw new DomainException("submission.flags_need_review", $"有{FlagCount}项关注事项，请打开该报表逐项查看后再受理。");
        // An explained figure is still an unusual one: the reviewer reads the carrier's explanation before accepting.
        if (ExplainedCount > 0)
            throw new DomainException("submission.explanations_need_review", $"有{ExplainedCount}项异常数据说明，请打开该报表阅读说明后再受理。");
        Accept(by, now, note);
    }

    /// <summary>The carrier explained these flagged figures with this version.</summary>
    public void Explained(int figures) => ExplainedCount = figures;

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
        if (NotSubmitted() is { } refusal) throw refusal;
    }

    private DomainException? NotSubmitted() => Status == SubmissionStatus.Submitted ? null
        : new DomainException("submission.not_submitted", $"只能审核“已报送”的报表，当前状态为“{StatusLabel(Status)}”。");

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

    /// <summary>Whether a new upload may follow the latest version (its status; null when none), and why not.</summary>
    public static string? CannotUploadAfter(SubmissionStatus? latest) => latest switch
    {
        SubmissionStatus.Submitted => "本期报表已报送、正在审核，不能再上传。如需更正，请联系监管人员将报表退回后重新报送。",
        SubmissionStatus.Accepted => "本期报表已受理，不能再上传。如需更正，请联系监管人员。",
        _ => null,
    };

    /// <summary>
    /// Whether a branch may upload the return for <paramref name="period"/> today, asked before any file is read: the period
    /// must have ended, and its latest version (status, null when none) must be neither under review nor accepted.
    /// </summary>
    public static DomainException? CannotUploadFor(ReportingPeriod period, SubmissionStatus? latest, DateOnly today) =>
        period.End >= today
            ? new DomainException("submission.period_open", $"{period.Label}尚未结束（{ChineseDate.Format(period.End)}结束），期满后方可报送。")
            : CannotUploadAfter(latest) is { } locked ? new DomainException("submission.locked", locked) : null;

    /// <summary>
    /// The carrier's view of one return (its versions of a template and period): what it uploaded and filed, the receipts, and
    /// the regulator's answer with the note written for it. Never who reviewed it or anything internal.
    /// </summary>
    /// <summary>How a version came in, as people say it: 接口 (API), 在线填报 (the web form), 网页 (a file uploaded on the page).</summary>
    public static string ChannelLabel(string channel) => channel switch { "api" => "接口", "form" => "在线填报", _ => "网页" };

    public static IReadOnlyList<PartyEvent> PartyTimeline(IEnumerable<Submission> versions)
    {
        var timeline = new PartyTimeline();
        foreach (var v in versions.OrderBy(v => v.Version))
        {
            timeline.Add(v.UploadedAt, $"上传第{v.Version}版（{ChannelLabel(v.Channel)}）");
            if (v.SubmittedAt is { } submitted)
                timeline.Add(submitted, $"报送第{v.Version}版，回执编号{v.ReceiptNo}" + (v.Late ? "（逾期报送）" : ""));
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

/// <summary>Stable names of what can be done with a version of a return (<see cref="Submission.ActionsFor"/>).</summary>
public static class SubmissionActions
{
    public const string Submit = "submit";
    public const string Upload = "upload";
    public const string Accept = "accept";
    public const string Return = "return";
    public const string FlagToFinding = "flag-to-finding";
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
