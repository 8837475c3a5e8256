using System.Globalization;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;

namespace Supervision.Domain.Enforcement;

/// <param name="HeadTitle">法定代表人 for a company, 负责人 for a branch (分公司, 运营中心…), which has no legal representative of its own.</param>
public sealed record PartyInfo(string Name, string? CreditCode, string? Address, string? LegalRepresentative, string HeadTitle = "法定代表人")
{
    /// <summary>Whether <paramref name="name"/> is a branch (分支机构) rather than a company: its head is a 负责人.</summary>
    public static string HeadTitleOf(string name) =>
        name.EndsWith("分公司", StringComparison.Ordinal) || name.EndsWith("中心", StringComparison.Ordinal) || name.EndsWith("办事处", StringComparison.Ordinal)
        || name.EndsWith("营业部", StringComparison.Ordinal) ? "负责人" : "法定代表人";
}

/// <summary>Where and how fines are paid (the administration's data): 收款银行, 户名, 账号, and the 缴款码 instructions.</summary>
public sealed record PayeeInfo(string? Bank, string? AccountName, string? AccountNumber, string? Instructions);

/// <summary>The administration as a party writes to it: postal address, postcode and telephone (基础数据 › 省级管理局).</summary>
public sealed record AuthorityContact(string? Address, string? PostalCode, string? Phone);

/// <summary>
/// How a document was served, as its 送达回证 states it: method, date of service, who signed for the party (name, post), the servers;
/// by post the posting date and 邮件号 (the receipt is dated by the date of receipt); through the portal the first opening.
/// </summary>
public sealed record ServiceLine(string Method, DateOnly ServedOn, string? RecipientName, string? RecipientPost, IReadOnlyList<string> Servers,
    DateOnly? PostedOn = null, string? TrackingNumber = null, DateOnly? SentOn = null, DateTimeOffset? OpenedAt = null, string? OpenedBy = null, string? Record = null)
{
    public static ServiceLine Of(CaseServiceRecord r) => new(r.Method, r.ServedOn, r.RecipientName, r.RecipientPost,
        r.Servers.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), r.PostedOn, r.TrackingNumber, r.SentOn, r.OpenedAt, r.OpenedBy, r.Record);
}

/// <param name="Basis">The sanction's own legal basis (statute and penalty article), when the case records one.</param>
/// <param name="Amount">A fine's amount (the hearing threshold is measured against it).</param>
public sealed record SanctionLine(SanctionKind Kind, string Text, string? Basis = null, decimal? Amount = null);

/// <summary>
/// Everything a case document states, taken from the case when the document is issued and kept with it, so the
/// document can be rendered again to the same text. One record serves every kind; each uses what it needs.
/// </summary>
public sealed record CaseDocumentData : DocumentData
{
    public required DocumentKind Kind { get; init; }
    public required string Authority { get; init; }
    /// <summary>立案号 (the filing approval's 文号).</summary>
    public string? CaseNumber { get; init; }
    public required PartyInfo Party { get; init; }
    public required string Title { get; init; }
    public required string Facts { get; init; }
    public required IReadOnlyList<string> Evidence { get; init; }
    public required string Statute { get; init; }
    public required string DutyArticle { get; init; }
    public required string PenaltyArticle { get; init; }
    public required IReadOnlyList<SanctionLine> Sanctions { get; init; }
    public required DateOnly FiledOn { get; init; }
    public required DateOnly IssueDate { get; init; }
    public required IReadOnlyList<string> Investigators { get; init; }
    public DateOnly? ViolationDate { get; init; }
    /// <summary>案件来源, as the filing approval names it.</summary>
    public string? Source { get; init; }
    public DateOnly? NoticeServedOn { get; init; }
    /// <summary>The prior notice's 文号, which the decision cites.</summary>
    public string? NoticeNumber { get; init; }
    public DateOnly? StatementDeadline { get; init; }
    public bool HearingOffered { get; init; }
    public DateOnly? HearingRequestDeadline { get; init; }
    public DateOnly? HearingRequestedOn { get; init; }
    public DateOnly? HearingDate { get; init; }
    /// <summary>The hour the hearing begins (听证通知书: "定于…上午9时30分在…举行听证"); null in data issued before it was recorded.</summary>
    public TimeOnly? HearingTime { get; init; }
    public string? HearingPlace { get; init; }
    /// <summary>Who conducts the hearing (Art. 64 (四)): the chair, members and clerk.</summary>
    public string? HearingChair { get; init; }
    public string? HearingMembers { get; init; }
    public string? HearingClerk { get; init; }
    /// <summary>Why the hearing is not public (国家秘密 / 商业秘密 / 个人隐私, Art. 64 (三)); null: it is held in public.</summary>
    public string? HearingClosedGround { get; init; }
    /// <summary>Why no penalty is imposed (不予行政处罚决定书): the facts and reasons.</summary>
    public string? NoPenaltyReason { get; init; }
    /// <summary>The ground in law (e.g. 违法行为轻微并及时改正，没有造成危害后果) and the articles it rests on.</summary>
    public string? NoPenaltyGround { get; init; }
    public string? NoPenaltyArticle { get; init; }
    /// <summary>False where the ground is that the unlawful act is not established (第五十七条第一款第（三）项).</summary>
    public bool NoPenaltyActEstablished { get; init; } = true;
    /// <summary>How the party used its rights, as the decision recites it.</summary>
    public string? Proceedings { get; init; }
    public string? PaymentInstructions { get; init; }
    /// <summary>Payee bank, account name and number (the province's enforcement settings); null in data issued before they existed.</summary>
    public PayeeInfo? Payee { get; init; }
    /// <summary>The court an 行政诉讼 is filed with (the province's enforcement settings, once an administrator verified it), e.g. 银川市兴庆区人民法院; null: 有管辖权的人民法院.</summary>
    public string? Court { get; init; }
    /// <summary>The administration's postal address and telephone, for written statements, defences and hearing requests.</summary>
    public AuthorityContact? AuthorityContact { get; init; }
    /// <summary>Working days to state and defend (from service of the prior notice) and to request a hearing (Art. 64 (一), Art. 85).</summary>
    public int StatementWorkingDays { get; init; } = 3;
    public int HearingRequestWorkingDays { get; init; } = 5;
    /// <summary>The hearing threshold (较大数额罚款) the notice cites when it offers a hearing for the fine.</summary>
    public decimal? HearingThreshold { get; init; }
    /// <summary>Days to pay after service (Art. 67 para 3).</summary>
    public int PaymentDays { get; init; } = 15;
    /// <summary>Why the fine is this amount within the range (裁量理由), as recorded at the decision.</summary>
    public string? DiscretionReason { get; init; }
    /// <summary>The range of the fine its basis allows (¥10,000.00至¥30,000.00), which the 裁量 paragraph states; null in data issued before it was kept.</summary>
    public string? FineRange { get; init; }
    public decimal SurchargeRatePerDay { get; init; } = 0.03m;
    public string? ReviewBody { get; init; }
    /// <summary>What a 送达回证 serves: the decision's title and 文号.</summary>
    public string? ServedDocument { get; init; }
    public DateOnly? ServedOn { get; init; }
    public string? ServiceMethod { get; init; }
    /// <summary>Electronic service through the portal: the date of the party's 送达地址确认书, the day sent, when the party first opened it.</summary>
    public DateOnly? ElectronicConsentOn { get; init; }
    public DateOnly? ElectronicSentOn { get; init; }
    public DateTimeOffset? ElectronicOpenedAt { get; init; }
    /// <summary>The service the 送达回证 proves, as recorded (null in receipts issued before services were recorded one by one).</summary>
    public ServiceLine? Service { get; init; }
    /// <summary>The responsible person's approval the form records (立案审批表, 行政处罚决定审批表): who, the opinion, when.</summary>
    public ApprovalLine? Approval { get; init; }
    /// <summary>法制审核 on the decision approval form: reviewer, opinion and text.</summary>
    public string? LegalReview { get; init; }
    /// <summary>Why the decision needed no 法制审核 (审批表), citing the threshold's source; null where a review is recorded or in data issued before.</summary>
    public string? LegalReviewExemption { get; init; }
    /// <summary>Whether the party had a hearing right and why (the fine against the province's 较大数额 setting and its source), as the 审批表 states it.</summary>
    public string? HearingRight { get; init; }
    /// <summary>集体讨论 on the decision approval form: date, participants, conclusion.</summary>
    public string? Discussion { get; init; }
    /// <summary>Which version of the law the decision applies and why (行政处罚法第三十七条 从旧兼从轻), where another was in force.</summary>
    public string? AppliedLaw { get; init; }
    /// <summary>The handling office and its contact (承办机构、联系人、电话、地址), from the province's enforcement settings.</summary>
    public string? Contact { get; init; }

    /// <summary>Reads the case as it stands after the transition the document records.</summary>
    public static CaseDocumentData From(EnforcementCase c, DocumentKind kind, DateOnly issueDate, EnforcementSettings settings,
        string? noticeNumber = null, string? servedDocument = null, CaseServiceRecord? service = null)
    {
        var b = c.Branch!;
        var basis = c.LegalBasis!;
        return new CaseDocumentData
        {
            Kind = kind, Authority = b.Province!.AuthorityName, CaseNumber = c.CaseNumber,
            Party = new PartyInfo(b.Name, b.CreditCode, b.Address, b.LegalRepresentative, PartyInfo.HeadTitleOf(b.Name)),
            Title = c.Title, Facts = c.Facts, Evidence = c.Evidence.OrderBy(e => e.Id).Select(e => e.Description).ToList(),
            Statute = basis.Statute, DutyArticle = basis.DutyArticle, PenaltyArticle = basis.PenaltyArticle,
            Sanctions = c.Sanctions.Where(s => kind is DocumentKind.PenaltyDecision or DocumentKind.ServiceReceipt or DocumentKind.DecisionApproval
                    ? s.Status is SanctionStatus.Pending or SanctionStatus.Executed
                    : s.Status == SanctionStatus.Proposed)
                .OrderBy(s => s.Kind).Select(s => new SanctionLine(s.Kind, SanctionText(s),
                    s.LegalBasis is { } own ? own.Statute + own.PenaltyArticle : basis.Statute + basis.PenaltyArticle, s.Amount)).ToList(),
            FiledOn = c.FiledOn, IssueDate = issueDate, Investigators = c.Investigators.Select(i => PersonName.Short(i.Name)).ToList(),
            ViolationDate = c.ViolationDate, Source = SourceText(c.Source),
            NoticeServedOn = c.PriorNoticeServedOn, NoticeNumber = noticeNumber, StatementDeadline = c.StatementDeadline,
            HearingOffered = c.HearingOffered, HearingRequestDeadline = c.HearingRequestDeadline, HearingRequestedOn = c.HearingRequestedOn,
            HearingDate = c.HearingDate, HearingTime = c.HearingTime, HearingPlace = c.HearingPlace, Proceedings = ProceedingsOf(c),
            HearingChair = c.HearingChairName, HearingMembers = c.HearingMembers, HearingClerk = c.HearingClerk,
            HearingClosedGround = c.HearingClosedGround is { } closed ? HearingPrivacyGrounds.Label(closed) : null,
            NoPenaltyReason = kind == DocumentKind.NoPenaltyDecision ? c.ExitReason : null,
            NoPenaltyGround = kind == DocumentKind.NoPenaltyDecision ? c.NoPenaltyGround : null,
            NoPenaltyArticle = kind == DocumentKind.NoPenaltyDecision ? c.NoPenaltyArticle : null,
            NoPenaltyActEstablished = c.NoPenaltyActEstablished ?? true,
            Contact = settings.ContactLine(),
            AppliedLaw = kind is DocumentKind.PenaltyDecision ? c.AppliedLawNote : null,
            PaymentInstructions = settings.PaymentInstructions,
            Payee = new PayeeInfo(settings.PayeeBank, settings.PayeeAccountName, settings.PayeeAccountNumber, settings.PaymentInstructions),
            Court = settings.CourtForDocuments,
            AuthorityContact = new AuthorityContact(b.Province.PostalAddress, b.Province.PostalCode, b.Province.Phone),
            StatementWorkingDays = settings.StatementWorkingDays, HearingRequestWorkingDays = settings.HearingRequestWorkingDays,
            HearingThreshold = settings.HearingThreshold, PaymentDays = settings.PaymentDays, DiscretionReason = c.DiscretionReason,
            FineRange = c.Fine is { } fine && (fine.LegalBasis ?? basis) is { FineMax: not null } fineBasis ? fineBasis.FineRangeText : null,
            SurchargeRatePerDay = settings.SurchargeRatePerDay, ReviewBody = settings.ReviewBody,
            ServedDocument = servedDocument, ServedOn = service?.ServedOn ?? c.ServedOn, ServiceMethod = service?.Method ?? c.ServiceMethod,
            Service = service is null ? null : ServiceLine.Of(service),
            // A receipt states the service it proves; one issued before services were recorded, the decision's electronic service.
            ElectronicConsentOn = (service is null ? c.ElectronicallyOpenedAt : service.OpenedAt) is null ? null : c.ServiceAddressConfirmedOn,
            ElectronicSentOn = service is null ? c.ElectronicallyOpenedAt is null ? null : c.ElectronicallySentOn : service.SentOn,
            ElectronicOpenedAt = service is null ? c.ElectronicallyOpenedAt : service.OpenedAt,
            Approval = ApprovalLine.Of(kind switch
            {
                DocumentKind.CaseFilingApproval => c.UsedApproval(ApprovalStep.Filing),
                DocumentKind.DecisionApproval => c.UsedApproval(ApprovalStep.Decision),
                _ => null,
            }),
            LegalReview = kind == DocumentKind.DecisionApproval && c.CurrentLegalReview is { } r
                ? $"{LegalReviewOpinions.Label(r.Opinion)}。{r.Text}\n法制审核人员：{PersonName.Short(r.ReviewerName)}　　{ChineseDate.Format(r.ReviewedOn)}" : null,
            LegalReviewExemption = kind == DocumentKind.DecisionApproval && c.CurrentLegalReview is null && c.LegalReviewGrounds().Count == 0 ? LegalReviewExemptionOf(c, settings) : null,
            HearingRight = kind == DocumentKind.DecisionApproval ? c.HearingRightText(settings) : null,
            Discussion = kind == DocumentKind.DecisionApproval && c.Discussions.OrderBy(x => x.HeldOn).LastOrDefault() is { } d
                ? $"{ChineseDate.Format(d.HeldOn)}集体讨论，参加：{d.Participants}。结论：{d.Conclusion}" : null,
        };
    }

    /// <summary>警告 / 罚款人民币贰万元整（¥20,000.00） / 责令于2026年6月30日前改正：… / 向社会公告.</summary>
    public static string SanctionText(CaseSanction s) => s.Kind switch
    {
        SanctionKind.Fine => $"罚款{ChineseMoney.ToCapital(s.Amount!.Value)}（{ChineseMoney.Yuan(s.Amount.Value)}）",
        SanctionKind.CorrectiveOrder => $"责令于{ChineseDate.Format(s.CorrectionDeadline!.Value)}（含）前改正违法行为" + (string.IsNullOrWhiteSpace(s.Description) ? "" : $"：{s.Description}"),
        SanctionKind.Warning => "警告",
        SanctionKind.PublicAnnouncement => "向社会公告",
        _ => SanctionLabels.Label(s.Kind) + (string.IsNullOrWhiteSpace(s.Description) ? "" : $"：{s.Description}"),
    };

    /// <summary>
    /// 依法无需法制审核 and why: none of the cases of 行政处罚法第五十八条第一款 (no hearing, not marked major or complex) and the fine below
    /// the bureau's own threshold, whose source the form cites (the amount is the bureau's rule, not the statute's).
    /// </summary>
    private static string LegalReviewExemptionOf(EnforcementCase c, EnforcementSettings settings)
    {
        // The skip rests on the bureau's amount: unverified, it is no ground (the decision is refused until reviewed) and the
        // form — a preview until then — says the review is still due, never citing an unchecked source.
        if (!settings.LegalReviewThresholdVerified)
            return "尚未进行法制审核：本局法制审核金额标准的依据尚未经核对，本案须经法制审核后方可作出决定（《中华人民共和国行政处罚法》第五十八条）。";
        var fine = c.Fine?.Amount is { } amount ? $"罚款{ChineseMoney.Yuan(amount)}未达到本机关法制审核金额标准" : "不处罚款";
        return $"依法无需法制审核：本案未经听证程序，未认定为重大违法行为或者情节复杂案件，{fine}"
               + $"（{settings.LegalReviewThresholdCitation}），不属于《中华人民共和国行政处罚法》第五十八条第一款规定应当进行法制审核的情形。";
    }

    private static string SourceText(CaseSource source) => source switch
    {
        CaseSource.Finding => "监督检查发现",
        CaseSource.CorrectiveOrder => "逾期未改正",
        _ => "依职权发现",
    };

    private static string? ProceedingsOf(EnforcementCase c)
    {
        if (c.PriorNoticeServedOn is null) return null;
        // Whether the statement was adopted and why (Art. 45); before the review is recorded (a preview) only that it is reviewed.
        var review = c.StatementReviewText ?? "本机关对你单位提出的事实、理由和证据进行了复核。";
        if (c.HearingHeldOn is { } held)
            return $"你单位要求举行听证，本机关于{ChineseDate.Format(held)}依法举行了听证。" + (c.HasStatements ? $"你单位提出了陈述、申辩意见。{review}" : "");
        if (c.StatementWaived && !c.HasStatements) return "你单位书面表示放弃陈述、申辩和听证的权利。";
        return c.HasStatements ? $"你单位在规定期限内提出了陈述、申辩意见。{review}" : "你单位在规定期限内未提出陈述、申辩意见。";
    }
}

/// <summary>An approval as a form prints it: the requester's proposal, the approver (display name), the opinion and the day.</summary>
/// <param name="RequestedOn">When the 承办人 asked (their opinion's date on the form).</param>
/// <param name="Proposal">The 承办人's own opinion as written in the request (else <paramref name="Content"/> stands for it).</param>
public sealed record ApprovalLine(string RequestedBy, string Content, string ApproverName, string Opinion, DateOnly ApprovedOn, DateOnly? RequestedOn = null, string? Proposal = null)
{
    public static ApprovalLine? Of(ApprovalRequest? a) => a is { ApproverName: { } name, Opinion: { } opinion, DecidedAt: { } at }
        ? new ApprovalLine(PersonName.Short(a.RequestedByName), a.Content, PersonName.Short(name), opinion, BeijingTime.Today(at), BeijingTime.Today(a.RequestedAt),
            string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim())
        : null;
}
