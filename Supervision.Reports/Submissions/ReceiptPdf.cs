using Supervision.Domain.Common;
using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;

namespace Supervision.Reports.Submissions;

/// <summary>The 报送回执: proof that a stated file, identified by its SHA-256, was filed at a stated time.</summary>
public static class ReceiptPdf
{
    public static byte[] Render(ReceiptData d)
    {
        var at = BeijingTime.Local(d.SubmittedAt);
        var doc = new OfficialDocument("报送回执")
            .Field("回执编号", d.ReceiptNo)
            .Field("报送单位", $"{d.Branch}（{d.BranchCode}）")
            .Field("报表", $"{d.Template}（{d.TemplateCode}，第{d.TemplateVersion}版模板）")
            .Field("报送期间", d.PeriodLabel)
            .Field("报送版本", $"第{d.Version}版")
            .Field("报送时间", $"{ChineseDate.Format(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm:ss}（北京时间）")
            .Field("截止日期", ChineseDate.Format(d.DueDate) + (d.Late ? "（逾期报送）" : ""))
            .Field("报送人", $"{d.SubmittedBy}（{(d.Channel == "api" ? "系统接口" : "网页")}）")
            .Field("原始文件", $"{d.FileName}，{d.FileLength.ToString("N0", CultureInfo.InvariantCulture)}字节")
            .Field("SHA-256", d.Sha256)
            .Field("数据行数", string.Join("，", d.RowCounts));
        if (d.Flags.Count > 0)
        {
            doc.Heading("需要关注的事项");
            var table = new DocumentTable(new TableColumn("工作表", 1.1), new TableColumn("位置", 1.9), new TableColumn("说明", 4)) { FontSize = 12 };
            foreach (var f in d.Flags) table.AddRow(f.Sheet, f.Cell, f.Message);
            doc.Table(table);
        }
        doc.Paragraph("本回执由平台在报送时自动生成，证明上述文件已于上述时间报送至本平台，不代表审核通过；审核结果以平台通知为准。文件内容可凭SHA-256值核验。")
            .SignedBy(d.Authority, d.IssueDate);
        return OfficialDocumentRenderer.Render(doc);
    }
}
