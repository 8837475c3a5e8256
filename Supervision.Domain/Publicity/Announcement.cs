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

/// <summary>
/// A record for the public site. Queued as a draft when its source requires publication (a decision with a 向社会公告
/// sanction, a published draw, an agent reported by the administration) with the day by which it must be published;
/// an officer reviews and publishes it for the province's publication period; a changed or revoked decision is
/// withdrawn, with the reason shown publicly, within the withdrawal period.
/// </summary>
public class Announcement : IProvinceScoped
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
    /// What <paramref name="actor"/> may do with the announcement: an officer reviews and publishes a draft, records that the
    /// source of a published one (a penalty decision, an agent report) was changed or revoked, and withdraws it; anyone on
    /// the regulator's side opens its public page once published.
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor)
    {
        var actions = new List<AvailableAction>();
        if (actor == Acting.Officer && Status == AnnouncementStatus.Draft)
        {
            actions.Add(new(AnnouncementActions.Edit, "保存修改"));
            actions.Add(new(AnnouncementActions.Publish, "发布", Primary: true));
        }
        if (actor == Acting.Officer && Status == AnnouncementStatus.Published)
        {
            if (CannotMarkSourceChanged() is null)
                actions.Add(new(AnnouncementActions.MarkSourceChanged, Kind == AnnouncementKind.PenaltyDecision ? "登记决定变更或撤销" : "登记变更或撤销"));
            actions.Add(new(AnnouncementActions.Withdraw, "撤回公示", Primary: SourceChangedOn is not null, Danger: true));
        }
        if (actor != Acting.Party && Status != AnnouncementStatus.Draft)
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

    /// <summary>On the public site that day: published (or withdrawn, with its reason) and within the publication period.</summary>
    public bool IsPublicOn(DateOnly day) => Status != AnnouncementStatus.Draft && PublishedOn <= day && day <= PublicUntil;

    /// <summary>A new draft from its source's content (cleaned and masked per the province's settings).</summary>
    public static Announcement Draft(int provinceId, int branchId, AnnouncementKind kind, string sourceType, string sourceId, string authority, AnnouncementContent content,
        DateOnly dueBy, EnforcementSettings settings, DateTimeOffset now)
    {
        var a = new Announcement
        {
            ProvinceId = provinceId, BranchId = branchId, Kind = kind, SourceType = sourceType, SourceId = sourceId, Authority = authority,
            Status = AnnouncementStatus.Draft, DueBy = dueBy, CreatedAt = now,
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

    public void Publish(DateOnly on, EnforcementSettings settings, string by, DateTimeOffset now)
    {
        if (Status != AnnouncementStatus.Draft) throw new DomainException("announcement.not_draft", $"该公示已是“{AnnouncementLabels.Status(Status)}”状态。");
        if (on > BeijingTime.Today(now)) throw new DomainException("announcement.date_in_future", "发布日期不能晚于今天。");
        if (Kind == AnnouncementKind.PenaltyDecision && (DecisionDate is null || on < DecisionDate))
            throw new DomainException("announcement.before_decision", "发布日期不能早于处罚决定日期。");
        CleanPublicTexts(); // with the rules of today, whatever they were when the draft was saved
        foreach (var (value, label) in new[] { (Title, "标题"), (PartyName, "当事人名称"), (Facts, "主要事实"), (PenaltyContent, Kind == AnnouncementKind.PenaltyDecision ? "处罚内容" : "处理结果") })
            if (string.IsNullOrWhiteSpace(value)) throw new DomainException("announcement.incomplete", $"请填写{label}后再发布。");
        (Status, PublishedOn, PublishedAt, PublishedBy) = (AnnouncementStatus.Published, on, now, by);
        PublicUntil = on.AddMonths(settings.PublicationMonths).AddDays(-1);
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
            ? new DomainException("announcement.source_changed", $"已登记决定于{on:yyyy-MM-dd}变更或撤销，请在{WithdrawalDueBy:yyyy-MM-dd}前撤回公示。")
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
    public const string MarkSourceChanged = "mark-changed";
    public const string Withdraw = "withdraw";
    public const string ViewPublic = "view-public";
}
