using Supervision.Domain.Common;
using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;

namespace Supervision.Reports.Submissions;

/// <summary>
/// The 报送回执: proof that a stated file, identified by its SHA-256, was filed at a stated time by a named person. It fits
/// on one page: one form of the facts a receipt must carry (who, what, when, the file and its SHA-256 — the verification
/// code and QR code are in the bottom margin), the flagged rules summarised in one row — at most <see cref="MaxFlagRows"/>
/// named, each cut to <see cref="MaxFlagChars"/> characters, the rest counted (all of them are on the platform).
/// </summary>
public static class ReceiptPdf
{
    public const int MaxFlagRows = 2;
    public const int MaxFlagChars = 40;

    public static byte[] Render(ReceiptData d)
    {
        var at = BeijingTime.Local(d.SubmittedAt);
        var doc = new OfficialDocument($"{d.Authority}\n报送回执");
        var fields = new DocumentTable(new TableColumn("", 1.4), new TableColumn("", 4.4)) { FontSize = 12 };
        fields.AddRow("回执编号", d.ReceiptNo)
            .AddRow("报送单位", $"{d.Branch}（{d.BranchCode}）")
            .AddRow("报表", $"{d.Template}（{d.TemplateCode}，第{d.TemplateVersion}版模板），{d.PeriodLabel}，第{d.Version}版")
            .AddRow("报送时间", $"{ChineseDate.Format(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm:ss}（北京时间）")
            .AddRow("截止日期", ChineseDate.Format(d.DueDate) + (d.Late ? "（逾期报送）" : ""))
            .AddRow("报送人", $"{d.SubmittedBy}（{(d.Channel == "api" ? "系统接口报送" : "网页报送")}）");
        if (d is { Signatory: { } signatory, AttestedAt: { } attested })
        {
            var when = BeijingTime.Local(attested);
            fields.AddRow("签报人声明", $"签报人{signatory}于{ChineseDate.Format(DateOnly.FromDateTime(when.DateTime))} {when:HH:mm:ss}确认：{Attestation.Text}。");
        }
        fields            .AddRow("原始文件", $"{d.FileName}，{d.FileLength.ToString("N0", CultureInfo.InvariantCulture)}字节" + (d.RowCounts.Count > 0 ? $"，{string.Join("、", d.RowCounts)}" : ""))
            .AddRow("SHA-256", d.Sha256);
        if (d.Flags.Count > 0) fields.AddRow("需要关注的事项", Flags(d.Flags));
        doc.Table(fields)
            .Note("本回执由平台在报送时自动生成，证明上述文件已于上述时间报送至本平台，不代表审核通过；审核结果以平台通知为准。文件内容可凭SHA-256值核验，本回执可凭页面底部的核验码核验。")
            .SignedBy(d.Authority, d.IssueDate);
        return OfficialDocumentRenderer.Render(doc, DocumentVerificationMark.Options(d));
    }

    /// <summary>“共N项：工作表C1、C2：说明；…。另有M项需要关注的事项，详见平台报送详情。”</summary>
    private static string Flags(IReadOnlyList<ReceiptFlag> flags)
    {
        var named = flags.Take(MaxFlagRows).Select(f => $"{f.Sheet}{Shorten(f.Cell, 16)}：{Cut(f.Message.TrimEnd('。', '；'), MaxFlagChars)}");
        var text = $"共{flags.Count}项。" + string.Join("；", named) + "。";
        return flags.Count > MaxFlagRows ? text + $"另有{flags.Count - MaxFlagRows}项需要关注的事项，详见平台报送详情。" : text;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>A long list of cells cut after <paramref name="max"/> characters at a separator (A3、A4、… 等).</summary>
    private static string Shorten(string cells, int max)
    {
        if (cells.Length <= max) return cells;
        var cut = cells.LastIndexOf('、', max);
        return (cut > 0 ? cells[..cut] : cells[..max]) + "等";
    }
}
