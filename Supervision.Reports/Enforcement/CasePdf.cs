using Supervision.Domain.Catalog;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using Supervision.Domain.Common;

namespace Supervision.Reports.Enforcement;

/// <summary>The case documents: 立案审批表, 事先告知书, 听证通知书, 行政处罚决定书, 不予行政处罚决定书, 送达回证.</summary>
public static class CasePdf
{
    /// <summary>Renders a case document; <paramref name="seal"/> is the image recorded as <see cref="CaseDocumentData.SealFileId"/> (previews never carry it).</summary>
    public static byte[] Render(CaseDocumentData d, byte[]? seal = null, bool preview = false)
    {
        var options = DocumentVerificationMark.Options(d, preview);
        var doc = Build(d, preview);
        // An approval form is one page: where a long statement of facts would push the opinions onto a continuation page even with
        // the form set tight, the facts are continued in an annex after the signature (the form keeps their opening).
        if (d.Kind is DocumentKind.CaseFilingApproval or DocumentKind.DecisionApproval && !OfficialDocumentRenderer.FormFitsOnePage(doc, options))
            doc = Build(d, preview, factsInAnnex: true);
        if (seal is not null && !preview) doc.SignedBy(d.Authority, d.IssueDate, seal);
        return OfficialDocumentRenderer.Render(doc, options);
    }

    /// <summary>The annex an approval form continues its facts in (<see cref="Render"/>).</summary>
    internal const string FactsAnnex = "主要违法事实（全文）";

    /// <summary>What an approval form's facts row holds when the full text is in the annex: the opening, cut at a sentence or clause.</summary>
    internal static string FactsOpening(string facts, int length = 80)
    {
        var text = facts.Trim();
        if (text.Length <= length) return text;
        var cut = text.LastIndexOfAny(['。', '；', '，'], length);
        return (cut > length / 2 ? text[..cut] : text[..length]) + "……（全文见附件）";
    }

    internal static OfficialDocument Build(CaseDocumentData d, bool preview, bool factsInAnnex = false)
    {
        // The title names the authority on its own line and the kind on the next (GB/T 9704 7.3.1: 发文机关 + 文种).
        var doc = new OfficialDocument($"{d.Authority}\n{DocumentKinds.Title(d.Kind)}");
        if (DocumentKinds.NumberCode(d.Kind) is not null)
            doc.Number(d.Number ?? "（签发时编号）");
        return d.Kind switch
        {
            DocumentKind.CaseFilingApproval => FilingApproval(doc, d, factsInAnnex),
            DocumentKind.PriorNotice => PriorNotice(doc, d),
            DocumentKind.HearingNotice => HearingNotice(doc, d),
            DocumentKind.PenaltyDecision => Decision(doc, d),
            DocumentKind.ServiceReceipt => ServiceReceipt(doc, d),
            DocumentKind.NoPenaltyDecision => NoPenaltyDecision(doc, d),
            DocumentKind.DecisionApproval => DecisionApproval(doc, d, factsInAnnex),
            _ => throw new ArgumentOutOfRangeException(nameof(d), d.Kind, "not a case document"),
        };
    }

    private static OfficialDocument FilingApproval(OfficialDocument doc, CaseDocumentData d, bool factsInAnnex)
    {
        // At filing the facts are suspected, not established (行政处罚法第五十四条: 符合立案标准的，应当及时立案): the form says so.
        var table = Form();
        Row(table, "案由", SuspectedCause(d.Title));
        Row(table, "案件来源", d.Source);
        Row(table, "当事人", d.Party.Name);
        Row(table, "统一社会信用代码", d.Party.CreditCode);
        Row(table, "住所", d.Party.Address);
        if (d.Party.LegalRepresentative is { Length: > 0 } head) table.AddRow(d.Party.HeadTitle, head);
        Row(table, "涉嫌违法行为发生日", d.ViolationDate is { } v ? ChineseDate.Format(v) : null);
        var suspected = SuspectedFacts(d.Facts);
        Row(table, "涉嫌违法事实", factsInAnnex ? FactsOpening(suspected) : suspected);
        Row(table, "涉嫌违反的规定", d.Statute + d.DutyArticle);
        Row(table, "拟适用的处罚依据", d.Statute + d.PenaltyArticle);
        Handlers(table, d);
        Row(table, "立案日期", ChineseDate.Format(d.FiledOn));
        Opinions(table, d, "建议立案调查。", legalReview: null);
        // An internal form carries no seal: no room is kept for one (the 负责人 signs in the approval box).
        doc.Table(table).SignedBy(d.Authority, d.IssueDate, sealRoom: false);
        return factsInAnnex ? doc.Annex(SuspectedFactsAnnex, suspected) : doc;
    }

    /// <summary>The annex a 立案审批表 continues its (suspected) facts in.</summary>
    internal const string SuspectedFactsAnnex = "涉嫌违法事实（全文）";

    /// <summary>The 案由 of a case at filing: 涉嫌……案 (the act is suspected until the decision establishes it).</summary>
    internal static string SuspectedCause(string title)
    {
        var t = title.Trim().TrimEnd('。');
        if (t.StartsWith("涉嫌", StringComparison.Ordinal)) t = t[2..];
        if (t.EndsWith("一案", StringComparison.Ordinal)) t = t[..^2];
        else if (t.EndsWith('案')) t = t[..^1];
        return $"涉嫌{t}案";
    }

    /// <summary>
    /// The facts as the 立案审批表 states them: what the first check found, of the party (当事人, not 你单位), as suspected —
    /// 经初步核查，当事人涉嫌…… — never as established facts, which only the decision states.
    /// </summary>
    internal static string SuspectedFacts(string facts)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(facts.Trim(), "(你单位|该企业|该公司|该单位)", "当事人");
        foreach (var opening in new[] { "经初步核查，", "经初步核查：", "经查，", "经查：", "经查" })
            if (text.StartsWith(opening, StringComparison.Ordinal)) { text = text[opening.Length..]; break; }
        return text.StartsWith("当事人涉嫌", StringComparison.Ordinal) ? $"经初步核查，{text}" : $"经初步核查，当事人涉嫌存在以下违法行为：{text}";
    }

    /// <summary>行政处罚决定审批表: the case, the decision, the legal review and collective discussion it rests on, and the responsible person's approval.</summary>
    private static OfficialDocument DecisionApproval(OfficialDocument doc, CaseDocumentData d, bool factsInAnnex)
    {
        var table = Form();
        Row(table, "立案号", d.CaseNumber);
        Row(table, "案由", d.Title);
        Row(table, "当事人", d.Party.Name);
        Row(table, "主要违法事实", factsInAnnex ? FactsOpening(d.Facts) : d.Facts);
        Row(table, "处罚依据", string.Join("；", d.Sanctions.Select(s => s.Basis).Where(b => b is not null).Distinct().DefaultIfEmpty(d.Statute + d.PenaltyArticle)));
        // One row for the party's rights and how it used them: the hearing right (whether and why) and the statements, hearing or waiver.
        table.AddRow("陈述申辩及听证", d.HearingRight is { Length: > 0 } hearingRight ? $"{hearingRight}\n{ApprovalProceedings(d)}" : ApprovalProceedings(d));
        // 责令改正 is not an administrative penalty (行政处罚法第九条、第二十八条): its own row, never among the penalties.
        Row(table, "处罚决定", string.Join("；", d.Sanctions.Where(s => s.Kind != SanctionKind.CorrectiveOrder).Select(s => s.Text)));
        foreach (var order in d.Sanctions.Where(s => s.Kind == SanctionKind.CorrectiveOrder))
            table.AddRow("责令改正", order.Text);
        Handlers(table, d);
        Row(table, "集体讨论结论", d.Discussion ?? "依法无需集体讨论。");
        Opinions(table, d, "建议按上述内容作出行政处罚决定。", d.LegalReview ?? d.LegalReviewExemption ?? "依法无需法制审核。");
        Row(table, "决定日期", ChineseDate.Format(d.IssueDate));
        doc.Table(table).SignedBy(d.Authority, d.IssueDate, sealRoom: false);
        return factsInAnnex ? doc.Annex(FactsAnnex, d.Facts) : doc;
    }

    /// <summary>
    /// What the party did with its rights, as an internal form states it (当事人, not 你单位): the recorded statements, hearing
    /// or waiver, else that none were made — and whether a hearing was offered and not requested.
    /// </summary>
    internal static string ApprovalProceedings(CaseDocumentData d)
    {
        var text = d.Proceedings is { Length: > 0 } p ? p.Replace("你单位", "当事人") : "当事人未提出陈述、申辩意见。";
        if (d.HearingOffered && d.HearingRequestedOn is null && !text.Contains("听证")) text += "本机关告知了听证权利，当事人未要求听证。";
        // Whether the case falls within Art. 63 is said once: by the row's first line (HearingRight) where it has one.
        else if (!d.HearingOffered && d.HearingRight is not { Length: > 0 } && !text.Contains("听证")) text += "本案不属于应当告知听证权利的情形。";
        return text;
    }

    /// <summary>A form's two columns, without a header row: the label and what is filled in (or left blank to fill by hand).</summary>
    private static DocumentTable Form() => new(new TableColumn("", 1.6), new TableColumn("", 4.2)) { FontSize = 12 };

    /// <summary>A row of a form; an empty value is stated as 无 (nothing to fill by hand there).</summary>
    private static void Row(DocumentTable table, string label, string? value) =>
        table.AddRow(label, string.IsNullOrWhiteSpace(value) ? "无" : value);

    private const string SignHere = "签名：　　　　　　　　　　　年　　月　　日";

    /// <summary>The 承办人 row: each officer handling the case on a line of their own, with room to sign and date (执法人员不少于两人).</summary>
    private static void Handlers(DocumentTable table, CaseDocumentData d) =>
        Row(table, "承办人", string.Join("\n", d.Investigators.Select(n => $"{PersonName.Short(n)}　　签名：　　　　　　　　年　　月　　日")));

    /// <summary>
    /// The three boxes of an approval form, each with its signature and date: 承办人意见 (the request as recorded, else the
    /// default proposal), 法制审核意见 (recorded review, or blank to sign on paper), 负责人审批意见 (the approval recorded in
    /// the system, or blank where the province approves on paper).
    /// </summary>
    private static void Opinions(DocumentTable table, CaseDocumentData d, string proposal, string? legalReview)
    {
        var a = d.Approval;
        table.AddRow("承办人意见", a is null
            ? $"{proposal}\n{SignHere}"
            : $"{a.Proposal ?? a.Content}\n承办人：{a.RequestedBy}　　{(a.RequestedOn is { } asked ? ChineseDate.Format(asked) : "　　年　　月　　日")}");
        table.AddRow("法制审核意见", legalReview is null ? $"\n{SignHere}" : legalReview);
        table.AddRow("负责人审批意见", a is null ? $"\n{SignHere}" : $"{a.Opinion}\n负责人：{a.ApproverName}　　{ChineseDate.Format(a.ApprovedOn)}");
    }

    private static OfficialDocument PriorNotice(OfficialDocument doc, CaseDocumentData d)
    {
        doc.Addressee(d.Party.Name + "：")
            .Paragraph($"本机关于{ChineseDate.Format(d.FiledOn)}对你单位{d.Title}一案立案调查。{PartyFacts(d)}")
            .Paragraph(Evidence(d))
            .Paragraph($"你单位的上述行为违反了{d.Statute}{d.DutyArticle}的规定。");
        // The reasons of the intended amount (Art. 44: 拟作出的行政处罚内容及事实、理由、依据), in the words the decision will use.
        FineReasons(doc, d, proposed: true);
        Sanctions(doc, d, "拟");
        var postal = PostalContact(d);
        var writeTo = postal is null ? "可以通过监管平台提交，也可以邮寄或者送至本机关" : $"可以通过监管平台提交，也可以邮寄或者送至本机关（{postal}）";
        // Periods run from the day the party receives the notice and count working days (第八十五条). No end date is printed: it
        // would assume service on the day of issue, and a notice served later by post would cut the period short (第六十二条).
        doc.Paragraph($"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。如有陈述、申辩意见，请自收到本告知书之日起{Days(d.StatementWorkingDays)}个工作日内以书面形式提出"
                      + $"，{writeTo}；逾期未提出的，视为放弃此权利。");
        if (d.HearingOffered)
        {
            var fine = d.Sanctions.FirstOrDefault(x => x.Kind == SanctionKind.Fine)?.Amount;
            var why = fine is { } f && d.HearingThreshold is { } threshold && f >= threshold
                ? $"本机关拟作出的罚款数额达到较大数额罚款标准（{ChineseMoney.Yuan(threshold)}以上），"
                : "本机关拟作出的行政处罚属于依法应当告知听证权利的情形，";
            doc.Paragraph($"{why}根据《中华人民共和国行政处罚法》第六十三条、第六十四条第（一）项的规定，你单位有权要求举行听证。如要求听证，请自收到本告知书之日起{Days(d.HearingRequestWorkingDays)}个工作日内向本机关提出"
                          + "；逾期未提出的，视为放弃听证权利。");
        }
        doc.Paragraph($"承办人：{string.Join("、", d.Investigators)}。");
        return Contact(doc, d).SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>
    /// 裁量: why the fine is this amount (行政处罚法第五条 过罚相当) — the range its basis allows and the factors weighed, as the case
    /// records them. The prior notice and the decision state it with this one paragraph.
    /// </summary>
    /// Before the party is heard (<paramref name="proposed"/>) the notice says they are the reasons of an intended penalty, open to
    /// 陈述、申辩 (第四十四条、第四十五条), so no sentence of them reads as an amount already decided.
    private static void FineReasons(OfficialDocument doc, CaseDocumentData d, bool proposed)
    {
        if (d.Sanctions.FirstOrDefault(x => x.Kind == SanctionKind.Fine) is not { } fine || d.DiscretionReason is not { Length: > 0 } discretion) return;
        var range = d.FineRange is { Length: > 0 } r ? $"{fine.Basis ?? d.Statute + d.PenaltyArticle}规定的罚款幅度为{r}；" : "";
        doc.Paragraph($"关于罚款数额：{range}{discretion.TrimEnd('。')}。"
                      + (proposed ? "以上是本机关拟作出罚款及其数额的理由，你单位可以就此陈述、申辩。" : ""));
    }

    /// <summary>承办机构、联系人、联系电话、地址 (the province's enforcement settings), where set.</summary>
    private static OfficialDocument Contact(OfficialDocument doc, CaseDocumentData d) =>
        d.Contact is { Length: > 0 } contact ? doc.Paragraph($"{contact}。") : doc;

    private static OfficialDocument HearingNotice(OfficialDocument doc, CaseDocumentData d)
    {
        var panel = new List<string> { $"主持人：{d.HearingChair}" };
        if (!string.IsNullOrWhiteSpace(d.HearingMembers)) panel.Add($"听证员：{d.HearingMembers}");
        panel.Add($"记录员：{d.HearingClerk}");
        var named = string.Join("、", new[] { d.HearingChair, d.HearingMembers, d.HearingClerk }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return doc.Addressee(d.Party.Name + "：")
            .Paragraph($"你单位{d.Title}一案，你单位于{Date(d.HearingRequestedOn)}要求举行听证。根据《中华人民共和国行政处罚法》第六十四条的规定，本机关定于{HearingAt(d)}在{d.HearingPlace}举行听证，请你单位准时出席。")
            .Field("听证时间", HearingAt(d))
            .Field("听证地点", d.HearingPlace ?? "")
            .Field("听证人员", string.Join("；", panel))
            .Field("是否公开", Publicity(d))
            .Paragraph($"你单位认为{named}与本案有直接利害关系或者有其他关系可能影响公正听证的，有权申请回避，请于听证开始前向本机关提出并说明理由。")
            .Paragraph("你单位可以亲自参加听证，也可以委托一至二人代理；委托代理人的，应当提交授权委托书。")
            .Paragraph("你单位无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。")
            .SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>The day and hour of the hearing: 2026年12月21日上午9时30分 (a notice issued before the hour was recorded: the day).</summary>
    private static string HearingAt(CaseDocumentData d) => d.HearingDate is { } day ? ChineseDate.Format(day, d.HearingTime) : Date(null);

    /// <summary>Public, or not and why (行政处罚法第六十四条第（三）项).</summary>
    private static string Publicity(CaseDocumentData d) => d.HearingClosedGround is { } ground
        ? $"不公开举行。本案听证涉及{ground}，依据《中华人民共和国行政处罚法》第六十四条第（三）项的规定，不公开举行。"
        : "公开举行。你单位认为听证涉及商业秘密或者个人隐私需要不公开举行的，请于听证三日前书面提出并说明理由。";

    /// <summary>Every element Art. 59 requires: party, facts and evidence, penalty and basis, how and by when to comply, review and suit, authority, date, seal.</summary>
    private static OfficialDocument Decision(OfficialDocument doc, CaseDocumentData d)
    {
        PartyBlock(doc, d);
        doc.Paragraph($"本机关于{ChineseDate.Format(d.FiledOn)}对你单位{d.Title}一案立案调查，于{Date(d.NoticeServedOn)}向你单位送达了《行政处罚事先告知书》" +
                       (d.NoticeNumber is null ? "" : $"（{d.NoticeNumber}）") + "，告知了拟作出行政处罚的事实、理由、依据和处罚内容，以及你单位依法享有的陈述、申辩" +
                       (d.HearingOffered ? "和要求听证" : "") + $"的权利。{d.Proceedings}本案现已审查终结。")
            .Heading("违法事实和证据")
            .Paragraph(PartyFacts(d))
            .Paragraph(Evidence(d))
            .Heading("处罚依据和内容")
            .Paragraph($"你单位的上述行为违反了{d.Statute}{d.DutyArticle}的规定。");
        // 从旧兼从轻 (第三十七条): which version applies where the law was amended between the act and the decision.
        if (d.AppliedLaw is { Length: > 0 } applied) doc.Paragraph(applied);
        FineReasons(doc, d, proposed: false);
        Sanctions(doc, d, "决定");
        doc.Heading("履行方式和期限");
        if (d.Sanctions.Any(s => s.Kind == SanctionKind.Fine))
        {
            doc.Paragraph($"你单位应当自收到本决定书之日起{Days(d.PaymentDays)}日内，到指定的银行或者通过电子支付系统缴纳罚款（《中华人民共和国行政处罚法》第六十七条第三款）。" + Payee(d));
            doc.Paragraph($"到期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，本机关每日按罚款数额的{Percent(d.SurchargeRatePerDay)}加处罚款，加处罚款的数额不得超出罚款的数额。");
        }
        if (d.Sanctions.Any(s => s.Kind == SanctionKind.CorrectiveOrder))
            doc.Paragraph("你单位应当在责令改正的期限内改正违法行为，并将整改情况书面报送本机关，本机关将进行复查。");
        if (d.Sanctions.Any(s => s.Kind == SanctionKind.PublicAnnouncement))
            doc.Paragraph("本机关将依法向社会公告本处罚决定。");
        if (d.Sanctions.All(s => s.Kind is not (SanctionKind.Fine or SanctionKind.CorrectiveOrder or SanctionKind.PublicAnnouncement)))
            doc.Paragraph("本决定自送达之日起执行。");
        doc.Heading("救济途径和期限")
            .Paragraph($"你单位如不服本处罚决定，可以自收到本决定书之日起六十日内向{d.ReviewBody}申请行政复议，或者自收到本决定书之日起六个月内依法向{Court(d)}提起行政诉讼。"
                       + "行政复议和行政诉讼期间，本处罚决定不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条第一款）"
                       + (d.Sanctions.Any(x => x.Kind == SanctionKind.Fine) ? "；加处罚款的数额在行政复议或者行政诉讼期间不予计算（同条第三款）。" : "。"));
        return Contact(doc, d).SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>不予行政处罚决定书: the party, the facts, why no penalty is imposed (Art. 33), and how to seek review or sue.</summary>
    /// The decision says each thing once: the officer's reason gives the facts that meet the ground; the ground, its articles and
    /// the conclusion (本机关决定对你单位不予行政处罚) are the document's own sentence, so a reason that repeats them is cut to its facts.
    private static OfficialDocument NoPenaltyDecision(OfficialDocument doc, CaseDocumentData d)
    {
        PartyBlock(doc, d);
        var ground = d.NoPenaltyGround?.Trim().TrimEnd('。');
        var reason = NoPenaltyReasonText(d.NoPenaltyReason, ground);
        var article = d.NoPenaltyArticle ?? "《中华人民共和国行政处罚法》第三十三条";
        doc.Paragraph($"本机关于{ChineseDate.Format(d.FiledOn)}对你单位{d.Title}一案立案调查。" + (d.NoPenaltyActEstablished ? PartyFacts(d) : "经调查："));
        if (Evidence(d) is { Length: > 0 } evidence) doc.Paragraph(evidence);
        if (d.NoPenaltyActEstablished)
        {
            var why = (reason is { Length: > 0 } r ? $"鉴于{r}，" : "") + (ground is { Length: > 0 } g ? $"{(reason is { Length: > 0 } ? "" : "该行为")}属于{g}的情形，" : "");
            doc.Paragraph($"你单位的上述行为违反了{d.Statute}{d.DutyArticle}的规定。{why}依据{article}的规定，本机关决定对你单位不予行政处罚。")
                // Art. 33 para 3: a party not penalised is educated.
                .Paragraph("你单位应当引以为戒，依法履行相关义务，杜绝此类违法行为再次发生。");
        }
        else
            doc.Paragraph((reason is { Length: > 0 } r ? $"{r}，" : "") + $"{ground ?? "违法事实不能成立"}。依据{article}的规定，本机关决定对你单位不予行政处罚。");
        return doc.Heading("救济途径和期限")
            .Paragraph($"你单位如不服本决定，可以自收到本决定书之日起六十日内向{d.ReviewBody}申请行政复议，或者自收到本决定书之日起六个月内依法向{Court(d)}提起行政诉讼。")
            .SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>
    /// The officer's reason as the decision states it, without what the document says itself: an opening 鉴于, a closing
    /// "依据……（的规定），（决定）不予行政处罚", and the ground's own words where the reason repeats them.
    /// </summary>
    internal static string? NoPenaltyReasonText(string? reason, string? ground)
    {
        var text = reason?.Trim().TrimEnd('。', '；', '，');
        if (string.IsNullOrEmpty(text)) return null;
        if (text.StartsWith("鉴于", StringComparison.Ordinal)) text = text[2..];
        // "…，依据《中华人民共和国行政处罚法》第三十三条第一款，不予行政处罚" / "…，决定不予行政处罚": the conclusion, stated by the document.
        text = System.Text.RegularExpressions.Regex.Replace(text, @"[，,；;]?\s*((依据|根据|依照)[^。；]*?)?[，,]?\s*(本机关)?(决定)?(对你单位|对当事人)?不予(以)?(行政)?处罚$", "");
        if (ground is { Length: > 0 } g)
        {
            // The ground's words (…的情形) are the document's next clause.
            text = text.Replace($"属于{g}的情形", "").Replace($"{g}的情形", "").Replace(g, "");
            text = System.Text.RegularExpressions.Regex.Replace(text, "^[，,；;、\\s]+|[，,；;、\\s]+$", "");
            text = System.Text.RegularExpressions.Regex.Replace(text, "[，,]{2,}", "，");
        }
        text = text.Trim().TrimEnd('。', '；', '，');
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// 送达回证: what is served and on whom, where and how; the recipient signs (or seals) and dates it — the date is the
    /// recipient's, never pre-filled; 代收 with its reason, a witness for 留置送达, the servers' signatures, remarks.
    /// </summary>
    private static OfficialDocument ServiceReceipt(OfficialDocument doc, CaseDocumentData d)
    {
        const string date = "　　　　年　　月　　日";
        const string blank = "　　　　　　　　";
        var s = d.Service;
        var table = Form();
        Row(table, "送达文书名称及文号", d.ServedDocument);
        Row(table, "受送达人", d.Party.Name);
        // Served through the portal: where it went is the party's portal account and the e-mail address of its 送达地址确认书;
        // otherwise the full address of the party's seat (营业场所), not the city: where the server went.
        var electronic = s?.OpenedAt is not null;
        table.AddRow("送达地点", electronic ? "电子送达：当事人在本平台的账户及送达地址确认书载明的电子邮件地址"
            : d.Party.Address is { Length: > 0 } address ? address : $"\n{blank}");
        table.AddRow("送达方式", ServiceMethodBoxes(d.ServiceMethod));
        // The date of service the periods run from: by post the date of receipt (the receipt is dated by it), never the posting date.
        if (s is not null) table.AddRow("送达日期", ServiceDateText(s));
        // Who signed for the party, as recorded; the signature itself is on the paper receipt.
        var signed = s?.RecipientName is { } name ? ChineseDate.Format(s.ServedOn) : date;
        table.AddRow("受送达人签名或盖章", electronic
            ? "电子送达，无需签名或盖章：以平台记录的当事人首次查阅为准（见送达日期和备注）" + (s!.RecipientName is { Length: > 0 } who ? $"；查阅人：{PersonName.Short(who)}" : "")
            : $"签收人姓名：{s?.RecipientName ?? blank}　职务：{s?.RecipientPost ?? blank}\n签名或盖章：\n签收日期：{signed}");
        table.AddRow("代收人签名及代收理由", $"代收人姓名：{blank}与受送达人关系：\n代收理由：\n签名：\n签收日期：{date}");
        table.AddRow("见证人签名（留置送达时）", $"留置送达情况：\n见证人姓名及单位：\n签名：\n见证日期：{date}");
        // Two officers serve (行政处罚法第四十二条 两名执法人员), as recorded (else the investigators); each signs on a line of their own.
        var servers = (s?.Servers is { Count: > 0 } recorded ? recorded : d.Investigators).Take(2).ToList();
        while (servers.Count < 2) servers.Add(blank);
        table.AddRow("送达人签名", string.Join("\n", servers.Select(n => $"送达人：{n}　签名：\n日期：{(s is null ? date : ChineseDate.Format(s.PostedOn ?? s.ServedOn))}")));
        // Served electronically on the party's consent: the 送达地址确认书, when sent and when first opened; by announcement, what was tried.
        table.AddRow("备注", ElectronicServiceClause(d) ?? (s is { PostedOn: null, Record: { } record } ? record : ""));
        return doc.Table(table).SignedBy(d.Authority, d.IssueDate);
    }

    /// <summary>
    /// 2026年5月12日; by post 2026年5月8日交邮，邮件号…，2026年5月12日签收（以邮件查询记录的收件日期为送达日期）; through the portal, the first opening.
    /// </summary>
    internal static string ServiceDateText(ServiceLine s)
    {
        if (s.PostedOn is { } posted)
            return $"{ChineseDate.Format(s.ServedOn)}（{ChineseDate.Format(posted)}交邮，邮件号{s.TrackingNumber}；以邮件查询记录和回执上的收件日期为送达日期）";
        if (s.OpenedAt is { } opened)
            return $"{ChineseDate.Format(s.ServedOn)}（当事人首次查阅之日，{BeijingTime.Local(opened):HH:mm}）";
        return ChineseDate.Format(s.ServedOn);
    }

    /// <summary>Electronic service on the party's consent (行政处罚法第六十一条第二款): the consent's date, when sent, when first opened.</summary>
    private static string? ElectronicServiceClause(CaseDocumentData d) =>
        d is { ElectronicConsentOn: { } consent, ElectronicSentOn: { } sent, ElectronicOpenedAt: { } opened }
            ? $"经当事人签署送达地址确认书（{ChineseDate.Format(consent)}）同意，本文书于{ChineseDate.Format(sent)}通过平台及电子邮件送达，"
              + $"当事人于{ChineseDate.Format(BeijingTime.Today(opened))}{BeijingTime.Local(opened):HH:mm}查阅。"
            : null;

    /// <summary>
    /// The methods as boxes for the server to tick; the method recorded when the receipt was issued (the service done) is marked ■.
    /// Nothing is pre-ticked before a method is recorded.
    /// </summary>
    internal static string ServiceMethodBoxes(string? recorded)
    {
        string[] methods = [ServiceMethods.InPerson, ServiceMethods.Left, ServiceMethods.Post, ServiceMethods.Entrusted, ServiceMethods.Announcement, ServiceMethods.Electronic];
        var known = recorded is { Length: > 0 } r ? methods.FirstOrDefault(m => r.Trim().StartsWith(m, StringComparison.Ordinal)) : null;
        var boxes = string.Join("　", methods.Select(m => (m == known ? "■" : "□") + m));
        return known is null && recorded is { Length: > 0 } other ? $"{boxes}\n■{other.Trim()}" : boxes + "　□其他：";
    }

    /// <summary>
    /// 当事人 with its credit code and address; the head as 法定代表人 (a company) or 负责人 (a branch), only where known — never "无".
    /// </summary>
    private static void PartyBlock(OfficialDocument doc, CaseDocumentData d)
    {
        doc.Field("当事人", d.Party.Name);
        if (d.Party.CreditCode is { Length: > 0 } code) doc.Field("统一社会信用代码", code);
        if (d.Party.Address is { Length: > 0 } address) doc.Field(d.Party.HeadTitle == "负责人" ? "营业场所" : "住所", address);
        if (d.Party.LegalRepresentative is { Length: > 0 } head) doc.Field(d.Party.HeadTitle, head);
    }

    /// <summary>
    /// The facts as a document addressed to the party states them: it is "你单位" there, never "该企业/该公司/该单位" (the officer's
    /// third-person wording of the file), followed by the day of the act.
    /// </summary>
    internal static string PartyFacts(CaseDocumentData d)
    {
        var facts = System.Text.RegularExpressions.Regex.Replace(d.Facts.Trim(), "(该企业|该公司|该单位|当事人)", "你单位").TrimEnd('。');
        // The day of the act, unless the facts already open with it (said once).
        return $"经查：{facts}。" + (d.ViolationDate is { } on && !facts.Contains(ChineseDate.Format(on), StringComparison.Ordinal) ? $"上述违法行为发生于{ChineseDate.Format(on)}。" : "");
    }

    /// <summary>Where the party writes to the administration: 地址、邮政编码、联系电话 (基础数据 › 省级管理局), the parts recorded.</summary>
    private static string? PostalContact(CaseDocumentData d)
    {
        if (d.AuthorityContact is not { } c) return null;
        var parts = new[] { ("地址", c.Address), ("邮政编码", c.PostalCode), ("联系电话", c.Phone) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}：{p.Item2!.Trim()}").ToList();
        return parts.Count == 0 ? null : string.Join("，", parts);
    }

    private static string Days(int n) => ChineseNumerals.Of(n);

    private static string Percent(decimal rate) => (rate * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>The court named in the decision (the province's setting), else the generic 人民法院 of data issued before it was set.</summary>
    /// <summary>The court the province's administrator verified, else 有管辖权的人民法院 (never a court that may lack jurisdiction).</summary>
    private static string Court(CaseDocumentData d) => d.Court is { Length: > 0 } court ? court : "有管辖权的人民法院";

    /// <summary>收款银行、户名、账号, then the 缴款码 instructions: the parts recorded, each once.</summary>
    private static string Payee(CaseDocumentData d)
    {
        var p = d.Payee;
        var account = p is null ? [] : new[] { ("收款银行", p.Bank), ("户名", p.AccountName), ("账号", p.AccountNumber) }
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2)).Select(x => $"{x.Item1}：{x.Item2!.Trim()}").ToList();
        var text = account.Count == 0 ? "" : string.Join("；", account) + "。";
        var instructions = (p?.Instructions ?? d.PaymentInstructions)?.Trim();
        return text + (string.IsNullOrEmpty(instructions) ? "" : instructions.EndsWith('。') ? instructions : instructions + "。");
    }

    private static string Evidence(CaseDocumentData d) =>
        d.Evidence.Count == 0 ? "" : $"以上事实有{string.Join("、", d.Evidence.Select(e => e.TrimEnd('。', '；', ';')))}等证据证明。";

    /// <summary>
    /// The penalties, each with its own legal basis, numbered （一）（二）…; a 责令改正 follows apart — it is not a penalty
    /// (行政处罚法第二十八条). <paramref name="intended"/> is "拟" in the prior notice.
    /// </summary>
    private static void Sanctions(OfficialDocument doc, CaseDocumentData d, string intended)
    {
        var penalties = d.Sanctions.Where(s => s.Kind != SanctionKind.CorrectiveOrder).ToList();
        if (penalties.Count > 0)
        {
            var bases = penalties.Select(s => s.Basis ?? d.Statute + d.PenaltyArticle).Distinct().ToList();
            doc.Paragraph(bases.Count == 1
                ? $"依据{bases[0]}的规定，本机关{intended}对你单位作出如下行政处罚："
                : $"本机关{intended}对你单位作出如下行政处罚：");
            for (var i = 0; i < penalties.Count; i++)
            {
                var basis = bases.Count == 1 ? "" : $"（依据{penalties[i].Basis ?? d.Statute + d.PenaltyArticle}）";
                doc.Paragraph($"{ChineseNumerals.Heading2(i + 1)}{penalties[i].Text}{basis}{(i == penalties.Count - 1 ? "。" : "；")}");
            }
        }
        foreach (var order in d.Sanctions.Where(s => s.Kind == SanctionKind.CorrectiveOrder))
            doc.Paragraph($"同时，依据{order.Basis ?? d.Statute + d.PenaltyArticle}的规定，本机关{intended}{order.Text.TrimEnd('。')}。");
    }

    private static string Date(DateOnly? d) => d is { } v ? ChineseDate.Format(v) : "　　年　　月　　日";
}
