using System.Globalization;
using System.Text.Json;
using Supervision.Domain.Catalog;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Submissions;

namespace Supervision.Reports.Enforcement;

public sealed record PartyInfo(string Name, string? CreditCode, string? Address, string? LegalRepresentative);

public sealed record SanctionLine(SanctionKind Kind, string Text);

/// <summary>
/// Everything a case document states, taken from the case when the document is issued and kept with it, so the
/// document can be rendered again to the same text. One record serves every kind; each uses what it needs.
/// </summary>
public sealed record CaseDocumentData(
    DocumentKind Kind, string Authority, string? Number, string? CaseNumber, PartyInfo Party, string Title, string Facts, IReadOnlyList<string> Evidence,
    string Statute, string DutyArticle, string PenaltyArticle, IReadOnlyList<SanctionLine> Sanctions, DateOnly FiledOn, DateOnly IssueDate,
    IReadOnlyList<string> Investigators, DateOnly? ViolationDate = null, string? Source = null,
    DateOnly? NoticeServedOn = null, string? NoticeNumber = null, DateOnly? StatementDeadline = null, bool HearingOffered = false, DateOnly? HearingRequestDeadline = null,
    DateOnly? HearingRequestedOn = null, DateOnly? HearingDate = null, string? HearingPlace = null, string? Proceedings = null,
    string? PaymentInstructions = null, decimal SurchargeRatePerDay = 0.03m, string? ReviewBody = null,
    string? ServedDocument = null, DateOnly? ServedOn = null, string? ServiceMethod = null, long? SealFileId = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, TemplateDefinition.Json);
    public static CaseDocumentData FromJson(string json) => JsonSerializer.Deserialize<CaseDocumentData>(json, TemplateDefinition.Json)!;

    /// <summary>Reads the case as it stands after the transition the document records.</summary>
    public static CaseDocumentData From(EnforcementCase c, DocumentKind kind, DocumentNumber? number, DateOnly issueDate, string authority, EnforcementSettings settings,
        string? noticeNumber = null, string? servedDocument = null)
    {
        var b = c.Branch!;
        var basis = c.LegalBasis!;
        var sanctions = c.Sanctions.Where(s => kind is DocumentKind.PenaltyDecision or DocumentKind.ServiceReceipt
                ? s.Status is SanctionStatus.Pending or SanctionStatus.Executed
                : s.Status == SanctionStatus.Proposed)
            .OrderBy(s => s.Kind).Select(s => new SanctionLine(s.Kind, SanctionText(s))).ToList();
        return new CaseDocumentData(kind, authority, number?.ToString(), c.CaseNumber, new PartyInfo(b.Name, b.CreditCode, b.Address, b.LegalRepresentative),
            c.Title, c.Facts, c.Evidence.OrderBy(e => e.Id).Select(e => e.Description).ToList(), basis.Statute, basis.DutyArticle, basis.PenaltyArticle, sanctions,
            c.FiledOn, issueDate, c.Investigators.Select(i => i.Name).ToList(), c.ViolationDate, SourceText(c.Source),
            c.PriorNoticeServedOn, noticeNumber, c.StatementDeadline, c.HearingOffered, c.HearingRequestDeadline, c.HearingRequestedOn, c.HearingDate, c.HearingPlace,
            ProceedingsOf(c), settings.PaymentInstructions, settings.SurchargeRatePerDay, settings.ReviewBody, servedDocument, c.ServedOn, c.ServiceMethod);
    }

    /// <summary>警告 / 罚款人民币贰万元整（¥20,000.00） / 责令于2026年6月30日前改正：… / 向社会公告.</summary>
    public static string SanctionText(CaseSanction s) => s.Kind switch
    {
        SanctionKind.Fine => $"罚款{ChineseMoney.ToCapital(s.Amount!.Value)}（{s.Amount.Value.ToString("¥#,0.00", CultureInfo.InvariantCulture)}）",
        SanctionKind.CorrectiveOrder => $"责令于{ChineseDate.Format(s.CorrectionDeadline!.Value)}前改正违法行为" + (string.IsNullOrWhiteSpace(s.Description) ? "" : $"：{s.Description}"),
        SanctionKind.Warning => "警告",
        SanctionKind.PublicAnnouncement => "向社会公告",
        _ => SanctionLabels.Label(s.Kind) + (string.IsNullOrWhiteSpace(s.Description) ? "" : $"：{s.Description}"),
    };

    private static string SourceText(CaseSource source) => source switch
    {
        CaseSource.Finding => "监督检查发现",
        CaseSource.CorrectiveOrder => "逾期未改正",
        _ => "依职权发现",
    };

    /// <summary>How the party used its rights, as the decision recites it.</summary>
    private static string? ProceedingsOf(EnforcementCase c)
    {
        if (c.PriorNoticeServedOn is null) return null;
        if (c.HearingHeldOn is { } held) return $"你单位要求举行听证，本机关于{ChineseDate.Format(held)}依法举行了听证。";
        if (c.StatementWaived) return "你单位书面表示放弃陈述、申辩和听证的权利。";
        var statements = c.Statements.Count(s => !s.IsWaiver);
        return statements > 0 ? "你单位在规定期限内提出了陈述、申辩意见，本机关进行了复核。" : "你单位在规定期限内未提出陈述、申辩意见。";
    }
}
