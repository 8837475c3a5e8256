using Supervision.Domain.Catalog;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Reports.Documents;
using Supervision.Domain.Common;

namespace Supervision.Reports.Enforcement;

/// <summary>The case documents: 立案审批表, 事先告知书, 听证通知书, 行政处罚决定书, 不予行政处罚决定书, 送达回证.</summary>
public static class CasePdf
{
    /// <summary>Renders a case document; <paramref name="seal"/> is the image recorded as <see cref="CaseDocumentData.SealFileId"/> (previews never carry it).</summary>
    public static byte[] Render(CaseDocumentData d, byte[]? seal = null, bool preview = false)
    {
        var doc = Build(d, preview);
        if (seal is not null && !preview) doc.SignedBy(d.Authority, d.IssueDate, seal);
        return OfficialDocumentRenderer.Render(doc, new OfficialDocumentOptions { ShowSealPlaceholder = preview });
    }

    private static OfficialDocument Build(CaseDocumentData d, bool preview)
    {
        var doc = new OfficialDocument(DocumentKinds.Title(d.Kind));
        if (DocumentKinds.NumberCode(d.Kind) is not null)
            doc.Number(d.Number ?? "（签发时编号）");
        return d.Kind switch
        {
            DocumentKind.CaseFilingApproval => FilingApproval(doc, d),
            DocumentKind.PriorNotice => PriorNotice(doc, d),
            DocumentKind.HearingNotice => HearingNotice(doc, d),
            DocumentKind.PenaltyDecision => Decision(doc, d),
            DocumentKind.ServiceReceipt => ServiceReceipt(doc, d),
            DocumentKind.NoPenaltyDecision => NoPenaltyDecision(doc, d),
            DocumentKind.DecisionApproval => DecisionApproval(doc, d),
            _ => throw new ArgumentOutOfRangeException(nameof(d), d.Kind, "not a case document"),
        };
    }

    private static OfficialDocument FilingApproval(OfficialDocument doc, CaseDocumentData d)
    {
        var table = new DocumentTable(new TableColumn("项目", 1.3), new TableColumn("内容", 4.2)) { FontSize = 14 };
        table.AddRow("案由", d.Title)
            .AddRow("案件来源", d.Source ?? "")
            .AddRow("当事人", d.Party.Name)
            .AddRow("统一社会信用代码", d.Party.CreditCode ?? "")
            .AddRow("住所", d.Party.Address ?? "")
            .AddRow("法定代表人（负责人）", d.Party.LegalRepresentative ?? "")
            .AddRow("违法行为发生日", d.ViolationDate is { } v ? ChineseDate.Format(v) : "")
            .AddRow("主要违法事实", d.Facts)
            .AddRow("涉嫌违反的规定", d.Statute + d.DutyArticle)
            .AddRow("拟适用的处罚依据", d.Statute + d.PenaltyArticle)
            .AddRow("承办人", string.Join("、", d.Investigators))
            .AddRow("立案日期", ChineseDate.Format(d.FiledOn))
            .AddRow("承办机构意见", "建议立案调查。")
            .AddRow("负责人审批意见", ApprovalText(d.Approval));
        return doc.Table(table).SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>行政处罚决定审批表: the case, the decision, the legal review and collective discussion it rests on, and the responsible person's approval.</summary>
    private static OfficialDocument DecisionApproval(OfficialDocument doc, CaseDocumentData d)
    {
        var table = new DocumentTable(new TableColumn("项目", 1.3), new TableColumn("内容", 4.2)) { FontSize = 14 };
        table.AddRow("立案号", d.CaseNumber ?? "")
            .AddRow("案由", d.Title)
            .AddRow("当事人", d.Party.Name)
            .AddRow("主要违法事实", d.Facts)
            .AddRow("处罚依据", d.Statute + d.PenaltyArticle)
            .AddRow("陈述申辩及听证", d.Proceedings ?? "")
            .AddRow("处罚决定", string.Join("；", d.Sanctions.Select(s => s.Text)))
            .AddRow("承办人", string.Join("、", d.Investigators))
            .AddRow("法制审核意见", d.LegalReview ?? "依法无需法制审核。")
            .AddRow("集体讨论结论", d.Discussion ?? "依法无需集体讨论。")
            .AddRow("负责人审批意见", ApprovalText(d.Approval))
            .AddRow("决定日期", ChineseDate.Format(d.IssueDate));
        return doc.Table(table).SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>同意。 审批人：王志强 2026年5月11日 (blank for a signature on paper where the province needs no approval in the system).</summary>
    private static string ApprovalText(ApprovalLine? a) =>
        a is null ? "" : $"{a.Opinion}　审批人：{a.ApproverName}　{ChineseDate.Format(a.ApprovedOn)}（{a.RequestedBy}报请）";

    private static OfficialDocument PriorNotice(OfficialDocument doc, CaseDocumentData d)
    {
        doc.Addressee(d.Party.Name + "：")
            .Paragraph($"本机关于{ChineseDate.Format(d.FiledOn)}对你单位{d.Title}一案立案调查。经查：{d.Facts}")
            .Paragraph(Evidence(d))
            .Paragraph($"你单位的上述行为违反了{d.Statute}{d.DutyArticle}的规定。依据{d.Statute}{d.PenaltyArticle}的规定，本机关拟对你单位作出如下行政处罚：");
        Sanctions(doc, d);
        doc.Paragraph($"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。请于{Date(d.StatementDeadline)}前向本机关提出书面陈述、申辩意见（可通过监管平台提交）；逾期未提出的，视为放弃此权利。");
        if (d.HearingOffered)
            doc.Paragraph($"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证。如要求听证，请于{Date(d.HearingRequestDeadline)}前向本机关提出；逾期未提出的，视为放弃听证权利。");
        return doc.Paragraph($"承办人：{string.Join("、", d.Investigators)}。").SignedBy(d.Authority, d.IssueDate);
    }

    private static OfficialDocument HearingNotice(OfficialDocument doc, CaseDocumentData d) =>
        doc.Addressee(d.Party.Name + "：")
            .Paragraph($"你单位{d.Title}一案，你单位于{Date(d.HearingRequestedOn)}要求举行听证。根据《中华人民共和国行政处罚法》第六十四条的规定，本机关定于{Date(d.HearingDate)}在{d.HearingPlace}举行听证，请你单位准时出席。")
            .Paragraph($"本次听证由{d.HearingChair}主持" + (string.IsNullOrWhiteSpace(d.HearingMembers) ? "" : $"，听证员{d.HearingMembers}") + $"，记录员{d.HearingClerk}。")
            .Paragraph("你单位可以亲自参加听证，也可以委托一至二人代理；委托代理人的，应当提交授权委托书。你单位认为主持人与本案有直接利害关系的，有权申请回避。")
            .Paragraph("你单位无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。")
            .SignedBy(d.Authority, d.IssueDate);

    /// <summary>Every element Art. 59 requires: party, facts and evidence, penalty and basis, how and by when to comply, review and suit, authority, date, seal.</summary>
    private static OfficialDocument Decision(OfficialDocument doc, CaseDocumentData d)
    {
        doc.Field("当事人", d.Party.Name)
            .Field("统一社会信用代码", d.Party.CreditCode ?? "")
            .Field("住所", d.Party.Address ?? "");
        if (d.Party.LegalRepresentative is { Length: > 0 } representative) doc.Field("法定代表人（负责人）", representative);
        doc.Paragraph($"本机关于{ChineseDate.Format(d.FiledOn)}对你单位{d.Title}一案立案调查，于{Date(d.NoticeServedOn)}向你单位送达了《行政处罚事先告知书》" +
                       (d.NoticeNumber is null ? "" : $"（{d.NoticeNumber}）") + "，告知了拟作出行政处罚的事实、理由、依据和处罚内容，以及你单位依法享有的陈述、申辩" +
                       (d.HearingOffered ? "和要求听证" : "") + $"的权利。{d.Proceedings}本案现已审查终结。")
            .Heading("违法事实和证据")
            .Paragraph($"经查：{d.Facts}")
            .Paragraph(Evidence(d))
            .Heading("处罚依据和内容")
            .Paragraph($"你单位的上述行为违反了{d.Statute}{d.DutyArticle}的规定。依据{d.Statute}{d.PenaltyArticle}的规定，本机关决定对你单位作出如下行政处罚：");
        Sanctions(doc, d);
        doc.Heading("履行方式和期限");
        if (d.Sanctions.Any(s => s.Kind == SanctionKind.Fine))
        {
            doc.Paragraph(d.PaymentInstructions ?? "请自收到本决定书之日起十五日内缴纳罚款。");
            doc.Paragraph($"逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的{(d.SurchargeRatePerDay * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%加处罚款，加处罚款的数额不得超出罚款的数额。");
        }
        if (d.Sanctions.Any(s => s.Kind == SanctionKind.CorrectiveOrder))
            doc.Paragraph("你单位应当在上述期限内改正违法行为，并将整改情况书面报送本机关，本机关将进行复查。");
        if (d.Sanctions.Any(s => s.Kind == SanctionKind.PublicAnnouncement))
            doc.Paragraph("本机关将依法向社会公告本处罚决定。");
        if (d.Sanctions.All(s => s.Kind is not (SanctionKind.Fine or SanctionKind.CorrectiveOrder or SanctionKind.PublicAnnouncement)))
            doc.Paragraph("本决定自送达之日起执行。");
        return doc.Heading("救济途径和期限")
            .Paragraph($"你单位如不服本处罚决定，可以在收到本决定书之日起六十日内向{d.ReviewBody}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，本处罚决定不停止执行，法律另有规定的除外。")
            .SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>不予行政处罚决定书: the party, the facts, why no penalty is imposed (Art. 33), and how to seek review or sue.</summary>
    private static OfficialDocument NoPenaltyDecision(OfficialDocument doc, CaseDocumentData d)
    {
        doc.Field("当事人", d.Party.Name)
            .Field("统一社会信用代码", d.Party.CreditCode ?? "")
            .Field("住所", d.Party.Address ?? "");
        if (d.Party.LegalRepresentative is { Length: > 0 } representative) doc.Field("法定代表人（负责人）", representative);
        return doc.Paragraph($"本机关于{ChineseDate.Format(d.FiledOn)}对你单位{d.Title}一案立案调查。经查：{d.Facts}")
            .Paragraph(Evidence(d))
            .Paragraph($"你单位的上述行为违反了{d.Statute}{d.DutyArticle}的规定。鉴于{d.NoPenaltyReason?.TrimEnd('。')}，依据《中华人民共和国行政处罚法》第三十三条的规定，本机关决定对你单位不予行政处罚。")
            .Paragraph("你单位应当引以为戒，依法履行相关义务，杜绝此类违法行为再次发生。")
            .Heading("救济途径和期限")
            .Paragraph($"你单位如不服本决定，可以在收到本决定书之日起六十日内向{d.ReviewBody}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。")
            .SignedBy(d.Authority, d.IssueDate);
    }

    private static OfficialDocument ServiceReceipt(OfficialDocument doc, CaseDocumentData d)
    {
        var table = new DocumentTable(new TableColumn("项目", 1.4), new TableColumn("内容", 4.1)) { FontSize = 14 };
        table.AddRow("送达文书名称及文号", d.ServedDocument ?? "")
            .AddRow("受送达人", d.Party.Name)
            .AddRow("送达地点", d.Party.Address ?? "")
            .AddRow("送达方式", d.ServiceMethod ?? "")
            .AddRow("送达日期", Date(d.ServedOn))
            .AddRow("送达人", string.Join("、", d.Investigators))
            .AddRow("受送达人签名或盖章", "")
            .AddRow("备注", "受送达人也可以在监管平台确认签收。");
        return doc.Table(table).SignedBy(d.Authority, d.IssueDate);
    }

    private static string Evidence(CaseDocumentData d) =>
        d.Evidence.Count == 0 ? "" : $"以上事实有{string.Join("、", d.Evidence.Select(e => e.TrimEnd('。', '；', ';')))}等证据证明。";

    private static void Sanctions(OfficialDocument doc, CaseDocumentData d)
    {
        for (var i = 0; i < d.Sanctions.Count; i++)
            doc.Paragraph($"{ChineseNumerals.Heading2(i + 1)}{d.Sanctions[i].Text}{(i == d.Sanctions.Count - 1 ? "。" : "；")}");
    }

    private static string Date(DateOnly? d) => d is { } v ? ChineseDate.Format(v) : "　　年　　月　　日";
}
