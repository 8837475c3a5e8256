using System.Linq.Expressions;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

public enum AnnouncementKind
{
    /// <summary>行政处罚决定 (双公示).</summary>
    PenaltyDecision,
    /// <summary>双随机抽查结果.</summary>
    DrawResult,
    /// <summary>违规代理商（销售网点）.</summary>
    ViolatingAgent,
}

public enum AnnouncementStatus
{
    /// <summary>Queued by its source; an officer reviews and publishes it.</summary>
    Draft,
    Published,
    /// <summary>Taken down because the decision was changed or revoked; the reason stays public.</summary>
    Withdrawn,
    /// <summary>Not published, with the legal reason recorded (e.g. 商业秘密, 政府信息公开条例第十五条): the queue item is closed.</summary>
    NotPublished,
    /// <summary>Taken off the public site before its period ended because the party's credit was repaired (信用修复).</summary>
    Repaired,
}

/// <summary>Who the party is: it decides which names are a natural person's and masked on the public site.</summary>
public enum PartyType
{
    /// <summary>A company or other organisation: its name and 法定代表人 are registry data and published.</summary>
    Organisation,
    /// <summary>个体工商户: the trade name is published, the operator's name is a person's.</summary>
    IndividualBusiness,
    /// <summary>A natural person: the name itself is a person's.</summary>
    Person,
}

public static class AnnouncementLabels
{
    public static string Party(PartyType t) => t switch
    {
        PartyType.Organisation => "法人或其他组织",
        PartyType.IndividualBusiness => "个体工商户",
        PartyType.Person => "自然人",
        _ => t.ToString(),
    };

    public static string Kind(AnnouncementKind k) => k switch
    {
        AnnouncementKind.PenaltyDecision => "行政处罚决定",
        AnnouncementKind.DrawResult => "双随机抽查结果",
        AnnouncementKind.ViolatingAgent => "违规代理商",
        _ => k.ToString(),
    };

    public static string Status(AnnouncementStatus s) => s switch
    {
        AnnouncementStatus.Draft => "待发布",
        AnnouncementStatus.Published => "公示中",
        AnnouncementStatus.Withdrawn => "已撤回",
        AnnouncementStatus.NotPublished => "不予公示",
        AnnouncementStatus.Repaired => "信用修复停止公示",
        _ => s.ToString(),
    };
}

/// <summary>
/// What the public site states (the 双公示 fields), written once from the source and reviewed by an officer. Every
/// text is cleaned on the way in (<see cref="PublicText"/>): no markup, no ID or phone numbers, individuals' names
/// masked when the province says so.
/// </summary>
public sealed record AnnouncementContent(
    string Title, string PartyName, PartyType PartyType, string? CreditCode, string? LegalRepresentative, string? DocumentNumber,
    string Facts, string PenaltyTypes, string LegalBasis, string PenaltyContent, DateOnly? DecisionDate, string? Body = null);

/// <summary>What the officer chooses when publishing, and what the province allows: the category of a penalty decision
/// (its period counted from the decision date, the longest when <see cref="Months"/> is not chosen), and the basis of the
/// 违规代理商 list (null while the list is disabled).</summary>
public sealed record PublicationTerms(EnforcementSettings Settings, PublicationCategory? Category = null, int? Months = null, LegalBasis? AgentListBasis = null);

/// <summary>
/// A record for the public site. Queued as a draft with the day by which it must be published: every penalty decision
/// against an organisation (双公示), a published draw, an agent reported by the administration. An officer reviews and
/// publishes it — a decision for the period of its category counted from the decision date — or records the legal reason
/// not to; a changed or revoked decision is withdrawn, with the reason shown publicly, within the withdrawal period;
/// credit repair ends the period early.
/// </summary>
public partial class Announcement : IProvinceScoped
{
    /// <summary>Owner type of the issued 公告 in the document registry.</summary>
    public const string OwnerType = "Announcement";

    public long Id { get; set; }
    public int ProvinceId { get; private set; }
    /// <summary>The branch concerned: the penalised party, or the provincial company an agent sells for (its 公告 is filed under it).</summary>
    public int BranchId { get; private set; }
    public AnnouncementKind Kind { get; private set; }
    public string SourceType { get; private set; } = "";
    public string SourceId { get; private set; } = "";
    public string Authority { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string PartyName { get; private set; } = "";
    public PartyType PartyType { get; private set; }
    public string? CreditCode { get; private set; }
    public string? LegalRepresentative { get; private set; }
    /// <summary>The decision's 文号 (for a penalty) or the source's reference.</summary>
    public string? DocumentNumber { get; private set; }
    public string Facts { get; private set; } = "";
    /// <summary>处罚类别, e.g. 警告；罚款.</summary>
    public string PenaltyTypes { get; private set; } = "";
    public string LegalBasis { get; private set; } = "";
    /// <summary>处罚内容 (or 处理结果 for an agent, 检查结果 for a draw).</summary>
    public string PenaltyContent { get; private set; } = "";
    public DateOnly? DecisionDate { get; private set; }
    /// <summary>Further text some kinds carry (the list of drawn entities, the agent's carrier).</summary>
    public string? Body { get; private set; }

    public AnnouncementStatus Status { get; private set; }
    /// <summary>Published at the latest on this day (working days after the decision, per the province's settings).</summary>
    public DateOnly DueBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    /// <summary>Last day of the publication period; the next day it leaves the public list (the record stays).</summary>
    public DateOnly? PublicUntil { get; private set; }
    /// <summary>The decision's 向社会公告 sanction orders this publication: it cannot be left unpublished.</summary>
    public bool PublicationOrdered { get; private set; }
    /// <summary>The category chosen at publication (a penalty decision) and its period in months from the decision date.</summary>
    public string? CategoryName { get; private set; }
    public int? PeriodMonths { get; private set; }
    /// <summary>First day credit repair may end the publication (the category's shortest period has passed).</summary>
    public DateOnly? RepairableFrom { get; private set; }
    /// <summary>The legal basis an agent entry cites: the 违规代理商 list's basis when it was published.</summary>
    public int? LegalBasisId { get; private set; }

    public DateOnly? NotPublishedOn { get; private set; }
    public string? NotPublishedBy { get; private set; }
    /// <summary>The legal reason for not publishing (internal record).</summary>
    public string? NotPublishedReason { get; private set; }

    public DateOnly? RepairedOn { get; private set; }
    public string? RepairedBy { get; private set; }
    public string? RepairReason { get; private set; }

    /// <summary>The day the source decision was changed or revoked, which starts the withdrawal period.</summary>
    public DateOnly? SourceChangedOn { get; private set; }
    public string? SourceChangeReason { get; private set; }
    public DateOnly? WithdrawalDueBy { get; private set; }
    public DateOnly? WithdrawnOn { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    /// <summary>Shown publicly with the withdrawn announcement.</summary>
    public string? WithdrawReason { get; private set; }
    /// <summary>The <see cref="PublicText.Version"/> of the rules its public texts were last cleaned with (0: stored before versions were recorded).</summary>
    public int PublicTextVersion { get; private set; }
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public bool PublishedLate => PublishedOn > DueBy;

    /// <summary>
    /// A published penalty decision's terms in words — title, 文号, category and period — as the responsible person approves
    /// them (<see cref="Enforcement.EnforcementCase.PublicationContent"/>).
    /// </summary>
    public string ApprovalTerms() => $"{Title}（{DocumentNumber ?? "无文号"}）；公示类别：{CategoryName}；公示期{PeriodMonths}个月，"
        + $"自{ChineseDate.Format(DecisionDate!.Value)}至{ChineseDate.Format(PublicUntil!.Value)}";

    /// <summary>
    /// What <paramref name="actor"/> may do with the announcement: an officer reviews and publishes a draft, records that the
    /// source of a published one (a penalty decision, an agent report) was changed or revoked, and withdraws it; anyone on
    /// the regulator's side opens its public page once published.
    /// </summary>
    /// <param name="today">The day the steps are offered on (an agent's period to state its case); default: <see cref="CreatedAt"/>'s day.</param>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, PublicationApproval? approval = null, DateOnly? today = null)
    {
        var actions = new List<AvailableAction>();
        if (actor == Acting.Officer && Status == AnnouncementStatus.Draft)
        {
            var day = today ?? BeijingTime.Today(CreatedAt);
            actions.Add(new(AnnouncementActions.Edit, "保存修改"));
            actions.AddRange(AgentHearingActions(day));
            if (approval is { Required: true, Pending: false })
                actions.Add(new(AnnouncementActions.RequestApproval, "报请审批发布", Primary: approval.Refusal is not null));
            var notYet = approval?.Refusal ?? AgentHearingRefusal(day)?.Message;
            actions.Add(new(AnnouncementActions.Publish, "发布", Primary: notYet is null, NotYet: notYet));
            actions.Add(new(AnnouncementActions.Decline, "不予公示", Danger: true,
                NotYet: PublicationOrdered ? "处罚决定包含“向社会公告”，须依决定公示" : null));
        }
        if (actor == Acting.Officer && Status == AnnouncementStatus.Published)
        {
            if (CannotMarkSourceChanged() is null)
                actions.Add(new(AnnouncementActions.MarkSourceChanged, Kind == AnnouncementKind.PenaltyDecision ? "登记决定变更或撤销" : "登记变更或撤销"));
            actions.Add(new(AnnouncementActions.Withdraw, "撤回公示", Primary: SourceChangedOn is not null, Danger: true));
            if (RepairableFrom is not null)
                actions.Add(new(AnnouncementActions.EndAfterRepair, "信用修复停止公示"));
        }
        if (actor != Acting.Party && Status is AnnouncementStatus.Published or AnnouncementStatus.Withdrawn)
            actions.Add(new(AnnouncementActions.ViewPublic, "公示页面"));
        return actions;
    }

    /// <summary>Late that day: a draft past its due date, a published one past its withdrawal date, or either done late.</summary>
    public bool IsLateOn(DateOnly today) => Status switch
    {
        AnnouncementStatus.Draft => today > DueBy,
        AnnouncementStatus.Published => PublishedLate || today > WithdrawalDueBy,
        _ => PublishedLate || WithdrawnLate,
    };
    public bool WithdrawnLate => WithdrawnOn > WithdrawalDueBy;

    /// <summary>
    /// On the public site that day: published (or withdrawn, with its reason), within the publication period, and — for an
    /// agent — citing the list's legal basis. The one rule the public site's queries use.
    /// </summary>
    public static Expression<Func<Announcement, bool>> PublicOn(DateOnly day) => a =>
        (a.Status == AnnouncementStatus.Published || a.Status == AnnouncementStatus.Withdrawn) && a.PublishedOn <= day && a.PublicUntil >= day
        && (a.Kind != AnnouncementKind.ViolatingAgent || a.LegalBasisId != null);

    public bool IsPublicOn(DateOnly day) => PublicOn(day).Compile()(this);

    /// <summary>A new draft from its source's content (cleaned and masked per the province's settings).</summary>
    public static Announcement Draft(int provinceId, int branchId, AnnouncementKind kind, string sourceType, string sourceId, string authority, AnnouncementContent content,
        DateOnly dueBy, EnforcementSettings settings, DateTimeOffset now, bool ordered = false)
    {
        var a = new Announcement
        {
            ProvinceId = provinceId, BranchId = branchId, Kind = kind, SourceType = sourceType, SourceId = sourceId, Authority = authority,
            Status = AnnouncementStatus.Draft, DueBy = dueBy, CreatedAt = now, PublicationOrdered = ordered,
        };
        a.Apply(content, settings);
        return a;
    }

    /// <summary>The officer's review of a draft: the wording the public will read.</summary>
    public void Edit(AnnouncementContent content, EnforcementSettings settings)
    {
        if (Status != AnnouncementStatus.Draft) throw new DomainException("announcement.not_draft", "已发布的公示不能修改；如决定被变更或撤销，请撤回后重新发布。");
        Apply(content, settings);
    }

    /// <summary>
    /// Publishes a reviewed draft. A penalty decision is published for the period of the chosen category counted from the
    /// decision date (refused once that period is over); an agent only while the province's list is enabled, citing its
    /// basis; a draw for the province's publication period from today.
    /// </summary>
    public void Publish(DateOnly on, PublicationTerms terms, string by, DateTimeOffset now)
    {
        if (Status != AnnouncementStatus.Draft) throw new DomainException("announcement.not_draft", $"该公示已是“{AnnouncementLabels.Status(Status)}”状态。");
        if (on > BeijingTime.Today(now)) throw new DomainException("announcement.date_in_future", "发布日期不能晚于今天。");
        if (Kind == AnnouncementKind.PenaltyDecision && (DecisionDate is null || on < DecisionDate))
            throw new DomainException("announcement.before_decision", "发布日期不能早于处罚决定日期。");
        CleanPublicTexts(); // with the rules of today, whatever they were when the draft was saved
        foreach (var (value, label) in new[] { (Title, "标题"), (PartyName, "当事人名称"), (Facts, "主要事实"), (PenaltyContent, Kind == AnnouncementKind.PenaltyDecision ? "处罚内容" : "处理结果") })
            if (string.IsNullOrWhiteSpace(value)) throw new DomainException("announcement.incomplete", $"请填写{label}后再发布。");
        switch (Kind)
        {
            case AnnouncementKind.PenaltyDecision:
                var category = terms.Category ?? throw new DomainException("announcement.category_required",
                    "请选择公示类别（轻微、一般或严重失信行为）：公示期按类别自处罚决定日期起计算。");
                var months = category.CheckMonths(terms.Months);
                var until = PublicationCategory.PeriodEnd(DecisionDate!.Value, months);
                if (until < on)
                    throw new DomainException("announcement.period_over",
                        $"按{category.Name}公示期{months}个月自处罚决定日期起算，已于{ChineseDate.Format(until)}届满，不再公示；如不予公示，请登记理由。");
                (CategoryName, PeriodMonths, PublicUntil, RepairableFrom) = (category.Name, months, until, DecisionDate.Value.AddMonths(category.MinMonths));
                break;
            case AnnouncementKind.ViolatingAgent:
                var basis = terms.AgentListBasis ?? throw AgentListDisabled();
                if (AgentHearingRefusal(on) is { } unheard) throw unheard;
                (LegalBasisId, LegalBasis) = (basis.Id, PublicText.Clean(basis.Citation));
                PublicUntil = on.AddMonths(terms.Settings.PublicationMonths).AddDays(-1);
                break;
            default:
                PublicUntil = on.AddMonths(terms.Settings.PublicationMonths).AddDays(-1);
                break;
        }
        (Status, PublishedOn, PublishedAt, PublishedBy) = (AnnouncementStatus.Published, on, now, by);
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Refusal of an agent entry while the province's 违规代理商 list is disabled.</summary>
    public static DomainException AgentListDisabled() => new("agent_list.disabled",
        "本省未开启违规代理商公示：公开点名通报代理商本身是一种处罚（通报批评），须由系统管理员在执法参数中选定法律依据开启后，方可上报和发布。");

    /// <summary>
    /// The officer decides not to publish and records the legal reason (e.g. 涉及商业秘密或个人隐私，政府信息公开条例第十五条):
    /// the queue item closes. Refused when the decision itself orders the announcement (向社会公告).
    /// </summary>
    public void DeclinePublication(string reason, string by, DateTimeOffset now)
    {
        if (Status != AnnouncementStatus.Draft) throw new DomainException("announcement.not_draft", $"该公示已是“{AnnouncementLabels.Status(Status)}”状态。");
        if (PublicationOrdered)
            throw new DomainException("announcement.publication_ordered", "处罚决定包含“向社会公告”：公告是处罚内容本身，须依决定公示，不能不予公示。");
        (Status, NotPublishedOn, NotPublishedBy, NotPublishedReason) =
            (AnnouncementStatus.NotPublished, BeijingTime.Today(now), by, Required(reason, "不予公示的法定理由"));
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>The decision a draft would publish was revoked before publication: the draft closes unpublished, with that reason.</summary>
    public void SourceRevokedBeforePublication(DateOnly on, string reason, string by)
    {
        if (Status != AnnouncementStatus.Draft) throw new DomainException("announcement.not_draft", $"该公示已是“{AnnouncementLabels.Status(Status)}”状态。");
        (Status, NotPublishedOn, NotPublishedBy, NotPublishedReason) = (AnnouncementStatus.NotPublished, on, by, Required(reason, "撤销的情况"));
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// Credit repair ends the publication early: recorded with its date and reason, the public site stops showing it.
    /// Only once the category's shortest period has passed.
    /// </summary>
    public void EndAfterRepair(DateOnly on, string reason, string by, DateTimeOffset now)
    {
        if (Status != AnnouncementStatus.Published) throw new DomainException("announcement.not_published", "只有公示中的公告可以因信用修复停止公示。");
        if (RepairableFrom is not { } from) throw new DomainException("announcement.no_category", "该公示没有公示类别，不适用信用修复。");
        if (on > BeijingTime.Today(now)) throw new DomainException("announcement.date_in_future", "信用修复日期不能晚于今天。");
        if (on < PublishedOn) throw new DomainException("announcement.before_publication", "信用修复日期不能早于发布日期。");
        if (on < from)
            throw new DomainException("announcement.repair_too_early",
                $"{CategoryName}的最短公示期至{ChineseDate.Format(from.AddDays(-1))}届满，届满后方可因信用修复停止公示。");
        (Status, RepairedOn, RepairedBy, RepairReason) = (AnnouncementStatus.Repaired, on, by, Required(reason, "信用修复情况（修复决定或证明）"));
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Records that the decision was changed or revoked (by review, suit or the authority itself): the withdrawal period starts.</summary>
    public void MarkSourceChanged(DateOnly on, string reason, EnforcementSettings settings, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (CannotMarkSourceChanged() is { } refusal) throw refusal;
        if (on > BeijingTime.Today(now)) throw new DomainException("announcement.date_in_future", "变更或撤销日期不能晚于今天。");
        if (on < PublishedOn) throw new DomainException("announcement.before_publication", "变更或撤销日期不能早于发布日期。");
        (SourceChangedOn, SourceChangeReason) = (on, Required(reason, "变更或撤销的情况"));
        WithdrawalDueBy = calendar.AddWorkingDays(on, settings.WithdrawalWorkingDays);
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Withdraws a published announcement; the public reason stays visible for the rest of the period.</summary>
    public void Withdraw(string publicReason, string by, DateTimeOffset now)
    {
        if (Status != AnnouncementStatus.Published) throw new DomainException("announcement.not_published", "只有公示中的公告可以撤回。");
        (Status, WithdrawnOn, WithdrawnAt, WithdrawnBy, WithdrawReason) =
            (AnnouncementStatus.Withdrawn, BeijingTime.Today(now), now, by, PublicText.Clean(Required(publicReason, "撤回理由（将公开显示）")));
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// Cleans every public text with the current <see cref="PublicText"/> rules and records their version (names were
    /// masked on the way in and stay so); returns whether anything changed. On the way in, when publishing, and for
    /// announcements stored with older rules (<see cref="AnnouncementRecleaning"/>).
    /// </summary>
    public bool CleanPublicTexts()
    {
        var before = (Authority, Title, PartyName, CreditCode, LegalRepresentative, DocumentNumber, Facts, PenaltyTypes, LegalBasis, PenaltyContent, Body, WithdrawReason);
        (Authority, Title, PartyName, CreditCode, LegalRepresentative, DocumentNumber) =
            (PublicText.Clean(Authority), PublicText.Clean(Title), PublicText.Clean(PartyName), PublicText.CleanOrNull(CreditCode),
                PublicText.CleanOrNull(LegalRepresentative), PublicText.CleanOrNull(DocumentNumber));
        (Facts, PenaltyTypes, LegalBasis, PenaltyContent, Body, WithdrawReason) =
            (PublicText.Clean(Facts), PublicText.Clean(PenaltyTypes), PublicText.Clean(LegalBasis), PublicText.Clean(PenaltyContent),
                PublicText.CleanOrNull(Body), PublicText.CleanOrNull(WithdrawReason));
        PublicTextVersion = PublicText.Version;
        var changed = before != (Authority, Title, PartyName, CreditCode, LegalRepresentative, DocumentNumber, Facts, PenaltyTypes, LegalBasis, PenaltyContent, Body, WithdrawReason);
        if (changed) ConcurrencyToken = Guid.NewGuid();
        return changed;
    }

    private void Apply(AnnouncementContent c, EnforcementSettings settings)
    {
        string Name(string name, bool person) => person && settings.MaskIndividualNames ? PublicText.MaskName(name) : name;
        (Title, PartyType, PartyName) = (c.Title, c.PartyType, Name(c.PartyName, c.PartyType == PartyType.Person));
        CreditCode = c.PartyType == PartyType.Person ? null : c.CreditCode;
        LegalRepresentative = c.LegalRepresentative is null ? null : Name(c.LegalRepresentative, c.PartyType != PartyType.Organisation);
        (DocumentNumber, Facts, PenaltyTypes, LegalBasis, PenaltyContent, DecisionDate, Body) =
            (c.DocumentNumber, c.Facts, c.PenaltyTypes, c.LegalBasis, c.PenaltyContent, c.DecisionDate, c.Body);
        CleanPublicTexts();
        if (Title.Length > 200) throw new DomainException("announcement.title_length", "标题不能超过200字。");
        if (PartyName.Length > 200) throw new DomainException("announcement.party_length", "当事人名称不能超过200字。");
        if (Facts.Length > 4000 || PenaltyContent.Length > 2000 || (Body?.Length ?? 0) > 20_000)
            throw new DomainException("announcement.text_length", "公示内容过长：主要事实不超过4000字，处罚内容不超过2000字。");
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>A change or revocation of the source is recorded while published, once: it starts the withdrawal period.</summary>
    private DomainException? CannotMarkSourceChanged()
    {
        if (Status != AnnouncementStatus.Published) return new DomainException("announcement.not_published", "只有公示中的公告需要撤回。");
        return SourceChangedOn is { } on
            ? new DomainException("announcement.source_changed", $"已登记决定于{ChineseDate.Format(on)}变更或撤销，请在{ChineseDate.Format(WithdrawalDueBy)}前撤回公示。")
            : null;
    }

    private static string Required(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) || text.Trim().Length < 4 ? throw new DomainException("announcement.reason_required", $"请写明{what}（至少4个字）。") : text.Trim();
}

/// <summary>Stable names of what can be done with an announcement (<see cref="Announcement.ActionsFor"/>).</summary>
public static class AnnouncementActions
{
    public const string Edit = "edit";
    public const string Publish = "publish";
    public const string RequestApproval = "request-approval";
    public const string MarkSourceChanged = "mark-changed";
    public const string Withdraw = "withdraw";
    public const string Decline = "decline";
    public const string EndAfterRepair = "end-after-repair";
    public const string ViewPublic = "view-public";
    public const string AgentNotice = "agent-notice";
    public const string AgentStatement = "agent-statement";
    public const string AgentReview = "agent-review";
}
