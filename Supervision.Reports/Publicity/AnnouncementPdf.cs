using Supervision.Domain.Documents;
using Supervision.Domain.Publicity;
using Supervision.Reports.Documents;
using Supervision.Domain.Common;

namespace Supervision.Reports.Publicity;

/// <summary>The 公告 published on the public site: the 双公示 fields of a penalty decision, or a violating agent's record.</summary>
public static class AnnouncementPdf
{
    public static byte[] Render(AnnouncementData d, byte[]? seal = null)
    {
        var doc = new OfficialDocument(d.Title);
        if (d.Number is not null) doc.Number(d.Number);
        var table = new DocumentTable(new TableColumn("项目", 1.5), new TableColumn("内容", 4.0)) { FontSize = 14 };
        var period = $"{ChineseDate.Format(d.PublishedOn)}至{ChineseDate.Format(d.PublicUntil)}";
        if (d.Kind == AnnouncementKind.PenaltyDecision)
        {
            doc.Paragraph("根据《中华人民共和国行政处罚法》第四十八条的规定，现将本机关作出的行政处罚决定信息公告如下：");
            table.AddRow("行政相对人名称", d.PartyName)
                .AddRow("统一社会信用代码", d.CreditCode ?? "")
                .AddRow("法定代表人", d.LegalRepresentative ?? "")
                .AddRow("行政处罚决定书文号", d.DocumentNumber ?? "")
                .AddRow("违法行为类型及事实", d.Facts)
                .AddRow("处罚类别", d.PenaltyTypes)
                .AddRow("处罚依据", d.LegalBasis)
                .AddRow("处罚内容", d.PenaltyContent)
                .AddRow("处罚决定日期", d.DecisionDate is { } day ? ChineseDate.Format(day) : "")
                .AddRow("处罚机关", d.Authority)
                .AddRow("公示期限", period);
        }
        else
        {
            doc.Paragraph(d.Kind == AnnouncementKind.ViolatingAgent
                ? "为规范电话用户入网代理销售行为，维护用户合法权益，现将本机关查处的违规代理商（销售网点）信息公告如下："
                : "现将本机关双随机抽查结果公告如下：");
            table.AddRow(d.Kind == AnnouncementKind.ViolatingAgent ? "代理商（销售网点）" : "检查对象", d.PartyName)
                .AddRow("主体类型", AnnouncementLabels.Party(d.PartyType));
            if (d.CreditCode is not null) table.AddRow("统一社会信用代码", d.CreditCode);
            if (d.LegalRepresentative is not null) table.AddRow(d.PartyType == PartyType.Organisation ? "法定代表人" : "经营者", d.LegalRepresentative);
            foreach (var line in (d.Body ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = line.IndexOf('：');
                if (colon > 0) table.AddRow(line[..colon], line[(colon + 1)..]);
                else table.AddRow("", line);
            }
            table.AddRow(d.Kind == AnnouncementKind.ViolatingAgent ? "违规事实" : "检查事项", d.Facts)
                .AddRow("依据", d.LegalBasis)
                .AddRow(d.Kind == AnnouncementKind.ViolatingAgent ? "处理结果" : "检查结果", d.PenaltyContent)
                .AddRow(d.Kind == AnnouncementKind.ViolatingAgent ? "发现日期" : "检查日期", d.DecisionDate is { } day ? ChineseDate.Format(day) : "")
                .AddRow("公示期限", period);
        }
        doc.Table(table).Paragraph("特此公告。").SignedBy(d.Authority, d.PublishedOn, seal);
        return OfficialDocumentRenderer.Render(doc);
    }
}
