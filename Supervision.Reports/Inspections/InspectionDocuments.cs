using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Domain.Inspections;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using Supervision.Domain.Common;

namespace Supervision.Reports.Inspections;

/// <summary>The three documents of an inspection, laid out by the official-document layer (GB/T 9704).</summary>
public static class InspectionPdfs
{
    public static byte[] Record(InspectionRecordData d)
    {
        var doc = new OfficialDocument($"{d.Authority}\n现场检查记录");
        if (d.Number is not null) doc.Number(d.Number);
        doc.Field("被检查单位", d.Party);
        if (d.CreditCode is { Length: > 0 }) doc.Field("统一社会信用代码", d.CreditCode);
        if (d.Address is { Length: > 0 }) doc.Field("地址", d.Address);
        if (d.Entity != d.Party) doc.Field("检查对象", d.Entity);
        // 检查依据: the power to inspect (Order 25 第十六条 for real-name items), not every duty checked; the plan is the task.
        if (d.LegalBases.Count > 0) doc.Field("检查依据", string.Join("；", d.LegalBases));
        var officers = d.Officers.Count > 0 ? d.Officers : d.Inspectors;
        doc.Field("检查任务", $"{d.PlanTitle}（{d.PlanKind}）")
            .Field("检查时间", TimeSpan(d))
            .Field("检查地点", d.Place);
        if (d.OutletsVisited is { Length: > 0 } outlets) doc.Field("检查的营业网点", outlets);
        if (d.TransactionsSampled is { } sampled) doc.Field("抽查业务", $"{sampled}笔");
        doc.Field("检查人员", string.Join("、", officers))
            .Field("企业在场人员", d.Representative);
        // 行政处罚法第五十五条: the officers showed their certificates when the inspection began (who, 执法证号). When it was entered in
        // the portal (often afterwards, in the office) is the record's history, not a time of the visit, and is not printed.
        if (d.CredentialsShownBy is { Length: > 0 } shown)
            doc.Paragraph($"检查开始时，执法人员（{shown}）已向被检查单位出示执法证件。");
        doc.Heading("检查情况");
        var table = new DocumentTable(new TableColumn("序号", 0.55, CellAlignment.Center), new TableColumn("检查项目", 2.7), new TableColumn("结果", 0.9, CellAlignment.Center),
            new TableColumn("检查情况", 3.2)) { FontSize = 12 };
        // Plain names (the catalog's codes stay in the system); each item with the article it checks.
        foreach (var i in d.Items) table.AddRow(i.No.ToString(CultureInfo.InvariantCulture), i.Basis is { Length: > 0 } b ? $"{i.Title}（{b}）" : i.Title, i.Outcome, i.Notes ?? "");
        doc.Table(table);
        var counts = d.Items.GroupBy(i => i.Outcome).ToDictionary(g => g.Key, g => g.Count());
        doc.Paragraph($"本次共检查{d.Items.Count}项，其中符合{counts.GetValueOrDefault("符合")}项、不符合{counts.GetValueOrDefault("不符合")}项、不适用{counts.GetValueOrDefault("不适用")}项。"
                      + (string.IsNullOrWhiteSpace(d.Summary) ? "" : d.Summary));
        if (d.Evidence.Count > 0)
        {
            doc.Heading("证据材料");
            var files = new DocumentTable(new TableColumn("检查项目", 1.1), new TableColumn("文件", 2.9), new TableColumn("SHA-256（前16位）", 2.3)) { FontSize = 12 };
            foreach (var e in d.Evidence) files.AddRow(e.ItemTitle ?? d.Items.FirstOrDefault(i => i.Code == e.ItemCode)?.Title ?? "", e.FileName, e.Sha256[..16]);
            doc.Table(files);
        }
        if (d.Evidence.Count > 0) doc.Paragraph("证据材料原件以平台存档的文件为准，可凭SHA-256值核验。");
        // The party's confirmation is its own to write, not the authority's to print; a refusal to sign is noted by the officers.
        var confirmation = new DocumentTable(new TableColumn("", 2.2), new TableColumn("", 3.8)) { FontSize = 14, KeepTogether = true };
        confirmation.AddRow("被检查单位在场人员核对意见", "\n　");
        confirmation.AddRow("拒绝签名的，检查人员注明情况", "\n　");
        doc.Table(confirmation);
        doc.Paragraph("本记录一式两份，经检查人员和被检查单位在场人员签名后，一份交被检查单位，一份由本局存档。");
        // A line to sign for each inspector and for the carrier's representative, each with its date.
        var signatures = new DocumentTable(new TableColumn("", 2.2), new TableColumn("", 2.2), new TableColumn("", 1.6)) { FontSize = 14, KeepTogether = true };
        foreach (var inspector in d.Inspectors) signatures.AddRow($"检查人员：{PersonName.Short(inspector)}", "签名：", "　　年　　月　　日");
        signatures.AddRow($"被检查单位在场人员：{d.Representative}", "签名：", "　　年　　月　　日");
        // A record is dated the day of the inspection it records (made and signed on the spot), not the day it was filed.
        doc.Table(signatures).SignedBy(d.Authority, d.InspectedOn);
        // Each page is signed by both sides at its foot and numbered 第X页 共X页, so no page can be swapped or added after signing.
        doc.SignedOnEveryPage("被检查单位签名：　　　　　　　　　　　　执法人员签名：");
        return OfficialDocumentRenderer.Render(doc, DocumentVerificationMark.Options(d));
    }

    /// <summary>2026年12月4日 9时30分至11时15分 (the date alone where the times were not recorded).</summary>
    internal static string TimeSpan(InspectionRecordData d)
    {
        static string Clock(TimeOnly t) => t.Minute == 0 ? $"{t.Hour}时" : $"{t.Hour}时{t.Minute:00}分";
        var date = ChineseDate.Format(d.InspectedOn);
        return (d.StartedAt, d.EndedAt) switch
        {
            ({ } from, { } to) => $"{date}{Clock(from)}至{Clock(to)}",
            ({ } from, null) => $"{date}{Clock(from)}起",
            _ => date,
        };
    }

    /// <summary>责令限期改正通知书: the party may challenge it, so it carries the seal (<paramref name="seal"/>) like a decision.</summary>
    public static byte[] Notice(CorrectiveNoticeData d, byte[]? seal = null)
    {
        var doc = new OfficialDocument($"{d.Authority}\n责令限期改正通知书");
        if (d.Number is not null) doc.Number(d.Number);
        doc.Addressee(d.Party);
        // The inspection the order rests on, by its record, and the officers who made it with their 执法证号.
        if (d.InspectionRecord is not null)
            doc.Paragraph($"本局执法人员{string.Join("、", d.Officers)}依法对你单位进行了现场检查，出示了行政执法证件，并制作了{d.InspectionRecord}。");
        doc.Paragraph($"{d.Facts.TrimEnd('。')}。");
        // The statute is named in full once; the penalty article cites its title only (《…》第十九条).
        var shortStatute = d.Statute.Contains('》') ? d.Statute[..(d.Statute.IndexOf('》') + 1)] : d.Statute;
        var penalty = string.IsNullOrEmpty(d.PenaltyArticle) || d.PenaltyArticle == d.DutyArticle ? "" : $"依据{shortStatute}{d.PenaltyArticle}的规定，";
        // A normative document's concrete requirement binds through the regulation's article: the article is the basis, the document
        // names how it is applied. The catalog's duty is a summary, not the regulation's wording: cited without quotation marks.
        var guidance = d.Guidance is { Length: > 0 } g ? $"不符合{g.TrimEnd('。')}，" : "";
        doc.Paragraph($"上述行为{guidance}违反了{d.Statute}{d.DutyArticle}关于{d.Duty.TrimEnd('。')}的规定。{penalty}现责令你单位限期改正。");
        doc.Heading("整改要求。", d.Requirement);
        // The deadline runs from service (送达): in working days from the day the party receives the notice, or a fixed date.
        doc.Heading("整改期限。", d.WorkingDays is { } days
            ? $"请自收到本通知书之日起{days}个工作日内完成整改。"
            : $"请于{ChineseDate.Format(d.Deadline)}（含）前完成整改。");
        doc.Heading("整改报告。", "请在整改期限届满前，登录电信实名制与网络安全监管平台，在“整改通知”栏目提交书面整改报告及证明材料（照片或加盖公章的PDF文件）。"
                             + "确有正当理由不能按期完成的，应在期限届满前通过平台提出延期申请并说明理由，经本局批准后方可延期。");
        doc.Paragraph("本局将对整改情况进行复查。逾期不改正或者整改不到位的，本局将依法处理。");
        doc.Paragraph($"你单位如不服本通知，可以自收到本通知书之日起六十日内向{d.ReviewBody ?? "中华人民共和国工业和信息化部"}申请行政复议，或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。");
        if (d.Contact is { Length: > 0 }) doc.Paragraph($"联系人：{d.Contact}。");
        doc.SignedBy(d.Authority, d.IssueDate, seal);
        return OfficialDocumentRenderer.Render(doc, DocumentVerificationMark.Options(d));
    }

    public static byte[] Opinion(ReinspectionOpinionData d, byte[]? seal = null)
    {
        var doc = new OfficialDocument($"{d.Authority}\n整改复查意见书");
        if (d.Number is not null) doc.Number(d.Number);
        doc.Addressee(d.Party);
        var reported = d.ReportedOn is { } r ? $"你单位于{ChineseDate.Format(r)}{(d.ReportedLate ? "（已超过整改期限）" : "")}提交了整改报告。" : "";
        doc.Paragraph($"本局于{ChineseDate.Format(d.NoticeIssuedOn)}向你单位下达《责令限期改正通知书》（{d.NoticeNumber}），责令你单位于{ChineseDate.Format(d.Deadline)}前改正以下问题：{d.Facts.TrimEnd('。')}。"
                      + reported + $"{ChineseDate.Format(d.ReinspectedOn)}，本局对整改情况进行了复查。");
        doc.Heading("复查意见。", d.Opinion);
        var conclusion = d.Passed
            ? "经复查，你单位已按要求完成整改，整改合格。请持续落实相关制度，防止问题反弹。"
            : d.NewDeadline is { } nd
                ? $"经复查，你单位整改不到位，整改不合格。请于{ChineseDate.Format(nd)}（含）前再次整改，并通过平台提交整改报告。逾期仍不改正的，本局将依法处理。"
                : "经复查，你单位整改不到位，整改不合格。本局将依法进一步处理。";
        doc.Heading("复查结论。", conclusion);
        doc.SignedBy(d.Authority, d.IssueDate, seal);
        return OfficialDocumentRenderer.Render(doc, DocumentVerificationMark.Options(d));
    }
}
