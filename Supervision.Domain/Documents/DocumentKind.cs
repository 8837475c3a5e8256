namespace Supervision.Domain.Documents;

/// <summary>The documents supervision produces; each kind numbered in its own sequence per province and year.</summary>
public enum DocumentKind
{
    InspectionRecord,
    CorrectiveNotice,
    ReinspectionOpinion,
    CaseFilingApproval,
    PriorNotice,
    HearingNotice,
    PenaltyDecision,
    ServiceReceipt,
    SubmissionReceipt,
    PublicAnnouncement,
    /// <summary>不予行政处罚决定书 (行政处罚法第三十三条): served on the party, who may seek review of it.</summary>
    NoPenaltyDecision,
    /// <summary>行政处罚决定审批表: internal; the legal review, collective discussion and the responsible person's approval of the decision.</summary>
    DecisionApproval,
    /// <summary>送达地址确认书 (行政处罚法第六十一条第二款): the party's own confirmation of its service address and consent to electronic service.</summary>
    ServiceAddressConfirmation,
}

public static class DocumentKinds
{
    public static string Title(DocumentKind kind) => kind switch
    {
        DocumentKind.InspectionRecord => "现场检查记录",
        DocumentKind.CorrectiveNotice => "责令限期改正通知书",
        DocumentKind.ReinspectionOpinion => "整改复查意见书",
        DocumentKind.CaseFilingApproval => "行政处罚立案审批表",
        DocumentKind.PriorNotice => "行政处罚事先告知书",
        DocumentKind.HearingNotice => "听证通知书",
        DocumentKind.PenaltyDecision => "行政处罚决定书",
        DocumentKind.ServiceReceipt => "送达回证",
        DocumentKind.SubmissionReceipt => "报送回执",
        DocumentKind.PublicAnnouncement => "公告",
        DocumentKind.NoPenaltyDecision => "不予行政处罚决定书",
        DocumentKind.DecisionApproval => "行政处罚决定审批表",
        DocumentKind.ServiceAddressConfirmation => "送达地址确认书",
        _ => kind.ToString(),
    };

    /// <summary>
    /// Documents sent out in the administration's name carry its seal (once it uploaded one) — a 责令限期改正通知书 and a
    /// 整改复查意见书 as much as a decision: the party may challenge them; internal forms, inspection records and the
    /// platform's own receipts do not.
    /// </summary>
    public static bool Sealed(DocumentKind kind) => kind is DocumentKind.PriorNotice or DocumentKind.HearingNotice or DocumentKind.PenaltyDecision
        or DocumentKind.ServiceReceipt or DocumentKind.PublicAnnouncement or DocumentKind.NoPenaltyDecision
        or DocumentKind.CorrectiveNotice or DocumentKind.ReinspectionOpinion;

    /// <summary>Forms that stay inside the administration (审批表): they record a decision of its own, not one made towards a party.</summary>
    public static bool Internal(DocumentKind kind) => kind is DocumentKind.CaseFilingApproval or DocumentKind.DecisionApproval;

    /// <summary>
    /// The character after the authority's prefix in the 文号 (宁通管罚〔2026〕3号); null for kinds that carry
    /// no 文号 of their own (a 送达回证 cites the served document's number, a receipt has a receipt number).
    /// </summary>
    public static string? NumberCode(DocumentKind kind) => kind switch
    {
        DocumentKind.InspectionRecord => "检",
        DocumentKind.CorrectiveNotice => "改",
        DocumentKind.ReinspectionOpinion => "复",
        DocumentKind.CaseFilingApproval => "立",
        DocumentKind.PriorNotice => "告",
        DocumentKind.HearingNotice => "听",
        DocumentKind.PenaltyDecision => "罚",
        DocumentKind.PublicAnnouncement => "公",
        DocumentKind.NoPenaltyDecision => "不罚",
        _ => null,
    };
}

/// <summary>A 文号 (GB/T 9704-2012 7.2.4): authority prefix + kind + 〔year〕 + serial + 号, no leading zeros, e.g. 宁通管罚〔2026〕3号.</summary>
public sealed record DocumentNumber
{
    public DocumentNumber(string prefix, string code, int year, int sequence)
    {
        if (string.IsNullOrWhiteSpace(prefix + code))
            throw new ArgumentException("The authority code of a document number cannot be empty.", nameof(prefix));
        if (year is < 1000 or > 9999)
            throw new ArgumentException($"The year of a document number must have four digits, not {year}.", nameof(year));
        if (sequence < 1)
            throw new ArgumentException($"The serial of a document number must be positive, not {sequence}.", nameof(sequence));
        (Prefix, Code, Year, Sequence) = (prefix.Trim(), code.Trim(), year, sequence);
    }

    public string Prefix { get; }
    public string Code { get; }
    public int Year { get; }
    public int Sequence { get; }

    public override string ToString() => $"{Prefix}{Code}〔{Year}〕{Sequence}号";
}
