using System.Text.Json;
using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>The steps that may need the approval of the administration's responsible person (行政机关负责人); which do is set per province.</summary>
public enum ApprovalStep
{
    /// <summary>立案 (行政处罚法第五十四条).</summary>
    Filing,
    /// <summary>作出行政处罚决定 (第五十七条).</summary>
    Decision,
    /// <summary>不予行政处罚 (第五十七条).</summary>
    NoPenalty,
    /// <summary>延长作出决定的期限 (第六十条).</summary>
    DecisionExtension,
    /// <summary>暂缓缴纳罚款 (第六十六条).</summary>
    Deferral,
    /// <summary>分期缴纳罚款 (第六十六条).</summary>
    Instalments,
    /// <summary>发布行政处罚决定公示 (第四十八条; approval by the administration's own rule).</summary>
    Publication,
}

public enum ApprovalStatus
{
    /// <summary>待审批.</summary>
    Pending,
    /// <summary>同意: the step may go on with exactly the content approved.</summary>
    Approved,
    /// <summary>不同意: the step stays blocked; the requester may revise and ask again.</summary>
    Refused,
    /// <summary>The step was taken on this approval: it approved that step once.</summary>
    Used,
    /// <summary>What it approved changed before the step was taken (new sanctions proposed): it no longer counts.</summary>
    Superseded,
}

/// <summary>What the requester proposes, as the step will take it (the form starts from it once approved).</summary>
public sealed record ApprovalProposal(DateOnly? NewDate = null, string? Reason = null, string? Schedule = null, IReadOnlyList<SanctionInput>? Sanctions = null,
    PublicationProposal? Publication = null)
{
    public string ToJson() => JsonSerializer.Serialize(this);
    public static ApprovalProposal FromJson(string? json) => string.IsNullOrEmpty(json) ? new() : JsonSerializer.Deserialize<ApprovalProposal>(json) ?? new();
}

/// <summary>
/// A publication as proposed for approval: the announcement, its category and period as chosen, and <see cref="Terms"/>,
/// the words the approval approves (title, 文号, category, period) — publishing with other terms needs a new approval.
/// </summary>
public sealed record PublicationProposal(long AnnouncementId, int CategoryId, int Months, string Terms);

public static class ApprovalSteps
{
    public static string Label(ApprovalStep s) => s switch
    {
        ApprovalStep.Filing => "立案",
        ApprovalStep.Decision => "作出行政处罚决定",
        ApprovalStep.NoPenalty => "不予行政处罚",
        ApprovalStep.DecisionExtension => "延长作出决定期限",
        ApprovalStep.Deferral => "暂缓缴纳罚款",
        ApprovalStep.Instalments => "分期缴纳罚款",
        ApprovalStep.Publication => "发布行政处罚决定公示",
        _ => s.ToString(),
    };

    /// <summary>The article that requires the responsible person's approval, as refusals cite it.</summary>
    public static string Article(ApprovalStep s) => s switch
    {
        ApprovalStep.Filing => "行政处罚法第五十四条",
        ApprovalStep.Decision or ApprovalStep.NoPenalty => "行政处罚法第五十七条",
        ApprovalStep.DecisionExtension => "行政处罚法第六十条",
        ApprovalStep.Publication => "行政处罚法第四十八条及本局公开审批规定",
        _ => "行政处罚法第六十六条",
    };

    /// <summary>
    /// Steps the law puts on the administration's responsible person (行政机关负责人): filing, the decision or no penalty
    /// (Art. 57) and extending the decision period (Art. 60). A province cannot free them, and only its 局领导 approve them,
    /// not a designated deputy.
    /// </summary>
    public static bool ByLaw(ApprovalStep s) => s is ApprovalStep.Filing or ApprovalStep.Decision or ApprovalStep.NoPenalty or ApprovalStep.DecisionExtension;

    /// <summary>A province's list with the steps the law requires added.</summary>
    public static string WithLawful(string? list) => Format(Parse(list).Concat(Enum.GetValues<ApprovalStep>().Where(ByLaw)));

    public static string Status(ApprovalStatus s) => s switch
    {
        ApprovalStatus.Pending => "待审批",
        ApprovalStatus.Approved => "已批准",
        ApprovalStatus.Refused => "不予批准",
        ApprovalStatus.Used => "已批准（已办理）",
        _ => "已失效",
    };

    /// <summary>Parses a stored list such as "Filing,Decision" (unknown names are ignored).</summary>
    public static IReadOnlySet<ApprovalStep> Parse(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => Enum.TryParse<ApprovalStep>(n, out var s) ? (ApprovalStep?)s : null).OfType<ApprovalStep>().ToHashSet();

    public static string Format(IEnumerable<ApprovalStep> steps) => string.Join(",", steps.Distinct().OrderBy(s => s));
}

/// <summary>A person who may decide approval requests of a province: its 局领导 (<paramref name="Leader"/>) or the deputy an administrator designated.</summary>
public sealed record Approver(string UserId, string Name, bool Leader = true);

/// <summary>
/// A request for the responsible person's approval of one step of a case: what is proposed, in words
/// (<see cref="Content"/>, the very text the approver sees and the step is compared with), who asked and when, and the
/// approver's decision with a written opinion. An approval approves exactly what was requested, once.
/// </summary>
public class ApprovalRequest : IApproverWritable
{
    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public long CaseId { get; private set; }
    public ApprovalStep Step { get; private set; }
    /// <summary>What the record is, for the inbox (e.g. the case number and title).</summary>
    public string Subject { get; private set; } = "";
    /// <summary>The proposed content, in words: approved exactly as it reads.</summary>
    public string Content { get; private set; } = "";
    /// <summary>The same content as the step's form takes it (<see cref="ApprovalProposal"/> as JSON).</summary>
    public string? Proposal { get; private set; }
    /// <summary>The requester's explanation (承办人意见).</summary>
    public string Note { get; private set; } = "";
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public ApprovalStatus Status { get; private set; }
    public string? ApproverId { get; private set; }
    /// <summary>The approver's display name (never the login name).</summary>
    public string? ApproverName { get; private set; }
    public string? Opinion { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    private ApprovalRequest() { }

    public static ApprovalRequest For(int provinceId, long caseId, ApprovalStep step, string subject, string content, ApprovalProposal? proposal,
        string note, Approver requester, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(content)) throw new DomainException("approval.content_required", "请写明报请审批的内容。");
        return new ApprovalRequest
        {
            ProvinceId = provinceId, CaseId = caseId, Step = step, Subject = subject.Trim(), Content = content.Trim(),
            Proposal = proposal?.ToJson(), Note = (note ?? "").Trim(), RequestedById = requester.UserId, RequestedByName = requester.Name, RequestedAt = now,
            Status = ApprovalStatus.Pending,
        };
    }

    public ApprovalProposal ProposalValue => ApprovalProposal.FromJson(Proposal);

    /// <summary>Whether this approval lets the step go on with <paramref name="content"/>: approved, not used, and for exactly that content.</summary>
    public bool Covers(ApprovalStep step, string content) => Step == step && Status == ApprovalStatus.Approved && Content == content.Trim();

    /// <summary>The approver approves or refuses with a written opinion; never the requester, and only once.</summary>
    public void Decide(Approver approver, bool approve, string opinion, DateTimeOffset now)
    {
        if (Status != ApprovalStatus.Pending)
            throw new DomainException("approval.decided", $"该审批事项已{ApprovalSteps.Status(Status)}，不能再次审批。");
        if (approver.UserId == RequestedById)
            throw new DomainException("approval.own_request", "不能审批本人报请的事项，请由局领导或其他指定审批人审批。");
        if (!approver.Leader && ApprovalSteps.ByLaw(Step))
            throw new DomainException("approval.responsible_person", $"{ApprovalSteps.Label(Step)}须由行政机关负责人（局领导）批准（{ApprovalSteps.Article(Step)}），指定审批人不能审批。");
        // The approval form prints the approver's name beside the opinion.
        PersonName.Require(approver.Name, "审批");
        if (string.IsNullOrWhiteSpace(opinion) || opinion.Trim().Length < 2)
            throw new DomainException("approval.opinion_required", approve ? "请填写审批意见（如“同意”）。" : "请写明不予批准的意见，承办人将据此修改后重新报请。");
        (Status, ApproverId, ApproverName, Opinion, DecidedAt) = (approve ? ApprovalStatus.Approved : ApprovalStatus.Refused, approver.UserId, approver.Name, opinion.Trim(), now);
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>The record got its number (the filing was issued): the inbox and history name it by that number from now on.</summary>
    internal void Retitle(string subject) => Subject = subject.Trim();

    /// <summary>The step was taken on this approval.</summary>
    public void MarkUsed(DateTimeOffset now) => (Status, UsedAt, ConcurrencyToken) = (ApprovalStatus.Used, now, Guid.NewGuid());

    /// <summary>What it approved (or asks to approve) changed: it no longer counts.</summary>
    public void Supersede()
    {
        if (Status is ApprovalStatus.Pending or ApprovalStatus.Approved) (Status, ConcurrencyToken) = (ApprovalStatus.Superseded, Guid.NewGuid());
    }

    /// <summary>审批人意见 as the forms print it: 同意。王志强 2026年5月11日.</summary>
    public string? Signed => DecidedAt is { } at ? $"{Opinion}（{ApproverName}，{ChineseDate.Format(BeijingTime.Today(at))}）" : null;
}
