using System.Globalization;
using Supervision.Domain.Publicity;

namespace Supervision.Web.Public;

/// <summary>One published field: a stable key (JSON), its Chinese label (page, CSV, RSS) and its text.</summary>
public sealed record PublicField(string Key, string Label, string? Value);

/// <summary>
/// The fields the public reads, in one order, for the detail page, the feeds and the export alike: the 双公示 fields
/// for a penalty decision, the matching subset for draw results and agents.
/// </summary>
public static class PublicFields
{
    /// <summary>What an announcement's public page lists under its title (the staff's preview before publishing shows the same).</summary>
    public static IEnumerable<PublicField> OnPage(PublicAnnouncement a) =>
        Of(a).Where(f => f.Key is not ("id" or "title" or "withdrawnOn" or "withdrawReason") && !string.IsNullOrEmpty(f.Value));

    public static IReadOnlyList<PublicField> Of(PublicAnnouncement a)
    {
        var penalty = a.Kind == AnnouncementKind.PenaltyDecision;
        var fields = new List<PublicField>
        {
            new("id", "编号", a.Id.ToString(CultureInfo.InvariantCulture)),
            new("kind", "类别", AnnouncementLabels.Kind(a.Kind)),
            new("title", "标题", a.Title),
            new("partyName", a.Kind == AnnouncementKind.DrawResult ? "抽查对象" : "当事人名称", a.PartyName),
            new("partyType", "当事人类型", AnnouncementLabels.Party(a.PartyType)),
            new("creditCode", "统一社会信用代码", a.CreditCode),
            new("legalRepresentative", a.PartyType == PartyType.Organisation ? "法定代表人" : "经营者", a.LegalRepresentative),
            new("documentNumber", penalty ? "行政处罚决定书文号" : "文号", a.DocumentNumber),
            new("facts", penalty ? "违法行为类型及主要事实" : "主要事实", a.Facts),
            new("penaltyTypes", penalty ? "处罚类别" : "类型", a.PenaltyTypes),
            new("legalBasis", penalty ? "处罚依据" : "依据", a.LegalBasis),
            new("penaltyContent", penalty ? "处罚内容" : "处理结果", a.PenaltyContent),
            new("decisionDate", penalty ? "处罚决定日期" : "日期", Date(a.DecisionDate)),
            new("authority", penalty ? "处罚机关" : "发布机关", a.Authority),
            new("body", "详细内容", a.Body),
            new("publishedOn", "公示日期", Date(a.PublishedOn)),
            new("publicUntil", "公示截止日期", Date(a.PublicUntil)),
            new("category", "公示类别", a.CategoryName),
            new("status", "公示状态", AnnouncementLabels.Status(a.Status)),
            new("withdrawnOn", "撤回日期", Date(a.WithdrawnOn)),
            new("withdrawReason", "撤回理由", a.WithdrawReason),
        };
        return fields;
    }

    /// <summary>Every key in order, for the export's header (the same columns for every kind).</summary>
    public static IReadOnlyList<(string Key, string Label)> Columns { get; } =
    [
        ("id", "编号"), ("kind", "类别"), ("title", "标题"), ("partyName", "当事人名称"), ("partyType", "当事人类型"), ("creditCode", "统一社会信用代码"),
        ("legalRepresentative", "法定代表人（经营者）"), ("documentNumber", "决定书文号"), ("facts", "违法行为类型及主要事实"), ("penaltyTypes", "处罚类别"),
        ("legalBasis", "处罚依据"), ("penaltyContent", "处罚内容（处理结果）"), ("decisionDate", "处罚决定日期"), ("authority", "处罚机关"), ("body", "详细内容"),
        ("publishedOn", "公示日期"), ("publicUntil", "公示截止日期"), ("category", "公示类别"), ("status", "公示状态"), ("withdrawnOn", "撤回日期"), ("withdrawReason", "撤回理由"),
    ];

    public static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
