using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

/// <summary>
/// Naming an agent on the 违规代理商 list is itself a sanction (通报批评, 行政处罚法第九条第（一）项): before it is published the
/// agent is told the facts, the reasons and the basis and its right to state its case within a period (第四十四条), and what it
/// states is reviewed (第四十五条). The list's entry records the notice, its service and the statement with its review.
/// </summary>
public partial class Announcement
{
    /// <summary>The day the agent was served the notice (告知) of the intended entry.</summary>
    public DateOnly? AgentNoticeServedOn { get; private set; }
    /// <summary>How it was served (one of <see cref="ServiceMethods.All"/>, not electronically: no consent is on record).</summary>
    public string? AgentNoticeMethod { get; private set; }
    /// <summary>What the notice told the agent: the facts, the basis, the right to state its case and the period, as served.</summary>
    public string? AgentNoticeText { get; private set; }
    /// <summary>Last day of the agent's period to state its case (working days from service, the province's statement period).</summary>
    public DateOnly? AgentStatementDeadline { get; private set; }
    public DateOnly? AgentStatementOn { get; private set; }
    public string? AgentStatement { get; private set; }
    /// <summary>The review of the statement (复核): whether its facts, reasons or evidence hold, and why.</summary>
    public bool? AgentStatementFounded { get; private set; }
    public string? AgentStatementReview { get; private set; }
    public DateOnly? AgentStatementReviewedOn { get; private set; }
    public string? AgentStatementReviewedBy { get; private set; }

    /// <summary>Records the notice served on the agent: the period to state its case runs from the day of service.</summary>
    public void RecordAgentNotice(DateOnly servedOn, string method, EnforcementSettings settings, WorkingDayCalendar calendar, string by, DateTimeOffset now)
    {
        RequireAgentDraft("登记告知");
        if (AgentNoticeServedOn is { } served) throw new DomainException("agent.notice_served", $"已于{ChineseDate.Format(served)}向当事人送达告知。");
        if (servedOn > BeijingTime.Today(now)) throw new DomainException("agent.date_in_future", "送达日期不能晚于今天。");
        if (string.IsNullOrWhiteSpace(method) || !ServiceMethods.All.Any(m => method.Trim().StartsWith(m, StringComparison.Ordinal)))
            throw new DomainException("agent.notice_method", $"请选择送达方式：{string.Join("、", ServiceMethods.All)}。");
        if (ServiceMethods.IsElectronic(method))
            throw new DomainException("agent.notice_electronic", "电子送达须经当事人同意并签订确认书（行政处罚法第六十一条第二款），本条目未登记代理商的送达地址确认书，请采用直接送达、邮寄送达等方式。");
        if (string.IsNullOrWhiteSpace(Facts)) throw new DomainException("agent.notice_facts", "请先写明违规事实：告知书须写明拟公示的事实、理由和依据。");
        var deadline = calendar.AddWorkingDays(servedOn, settings.StatementWorkingDays);
        (AgentNoticeServedOn, AgentNoticeMethod, AgentStatementDeadline) = (servedOn, method.Trim(), deadline);
        // As the notice states what will be published, the facts are cleaned as the public text is (no ID or phone numbers).
        AgentNoticeText = $"拟将你单位列入违规代理商名单并在公示网站通报。事实：{PublicText.Clean(Facts).TrimEnd('。')}。依据：{LegalBasis}。"
                          + $"你单位有权陈述和申辩，请于{ChineseDate.Format(deadline)}前提出；逾期未提出的，视为放弃。";
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>The agent's statement, received within its period.</summary>
    public void RecordAgentStatement(DateOnly receivedOn, string text, DateTimeOffset now)
    {
        RequireAgentDraft("登记陈述申辩");
        if (AgentNoticeServedOn is null) throw NoNotice();
        if (AgentStatementOn is not null) throw new DomainException("agent.statement_recorded", "已登记当事人的陈述申辩。");
        if (receivedOn > BeijingTime.Today(now)) throw new DomainException("agent.date_in_future", "收到日期不能晚于今天。");
        if (receivedOn < AgentNoticeServedOn) throw new DomainException("agent.statement_before_notice", "收到陈述申辩的日期不能早于告知送达日期。");
        if (receivedOn > AgentStatementDeadline)
            throw new DomainException("agent.statement_late", $"陈述申辩期限已于{ChineseDate.Format(AgentStatementDeadline!.Value)}届满。");
        (AgentStatementOn, AgentStatement) = (receivedOn, Required(text, "当事人陈述申辩的内容"));
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>复核 of the statement (第四十五条): where its facts, reasons or evidence hold, they are adopted and the entry is not published.</summary>
    public void ReviewAgentStatement(bool founded, string opinion, string by, DateTimeOffset now)
    {
        RequireAgentDraft("复核陈述申辩");
        if (AgentStatement is null) throw new DomainException("agent.no_statement", "当事人未提出陈述申辩，无需复核。");
        if (AgentStatementReviewedOn is not null) throw new DomainException("agent.statement_reviewed", "已复核当事人的陈述申辩。");
        (AgentStatementFounded, AgentStatementReview, AgentStatementReviewedOn, AgentStatementReviewedBy) =
            (founded, Required(opinion, "复核意见"), BeijingTime.Today(now), by);
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// Why the entry cannot be published on <paramref name="on"/> yet (null: it can): the agent was not told, its period to state its
    /// case still runs, its statement is not reviewed, or the review found it founded.
    /// </summary>
    public DomainException? AgentHearingRefusal(DateOnly on)
    {
        if (Kind != AnnouncementKind.ViolatingAgent) return null;
        if (AgentNoticeServedOn is null) return NoNotice();
        if (AgentStatement is null)
            return on <= AgentStatementDeadline
                ? new("agent.statement_period_running",
                    $"当事人陈述申辩期限至{ChineseDate.Format(AgentStatementDeadline!.Value)}届满，届满前（或对其陈述申辩复核后）不得公示（行政处罚法第四十四条、第四十五条）。")
                : null;
        if (AgentStatementReviewedOn is null)
            return new("agent.statement_not_reviewed", "当事人已提出陈述申辩，须对其提出的事实、理由和证据进行复核后方可公示（行政处罚法第四十五条）。");
        return AgentStatementFounded == true
            ? new("agent.statement_founded", "复核认为当事人提出的事实、理由或者证据成立，应当采纳（行政处罚法第四十五条），不得公示；请登记不予公示。")
            : null;
    }

    /// <summary>The steps of hearing the agent an officer may take on a draft entry today.</summary>
    private IEnumerable<AvailableAction> AgentHearingActions(DateOnly today)
    {
        if (Kind != AnnouncementKind.ViolatingAgent || Status != AnnouncementStatus.Draft) yield break;
        if (AgentNoticeServedOn is null) yield return new(AnnouncementActions.AgentNotice, "登记告知送达", Primary: true);
        else if (AgentStatement is null && today <= AgentStatementDeadline) yield return new(AnnouncementActions.AgentStatement, "登记陈述申辩");
        else if (AgentStatement is not null && AgentStatementReviewedOn is null) yield return new(AnnouncementActions.AgentReview, "复核陈述申辩", Primary: true);
    }

    private static DomainException NoNotice() => new("agent.not_notified",
        "违规代理商公示属于通报批评，公示前须告知当事人拟公示的事实、理由、依据及其陈述、申辩的权利（行政处罚法第四十四条）：请先登记告知书的送达。");

    private void RequireAgentDraft(string what)
    {
        if (Kind != AnnouncementKind.ViolatingAgent) throw new DomainException("agent.not_agent", $"只有违规代理商公示需要{what}。");
        if (Status != AnnouncementStatus.Draft) throw new DomainException("announcement.not_draft", $"该公示已是“{AnnouncementLabels.Status(Status)}”状态。");
    }
}
