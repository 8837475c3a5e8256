using Supervision.Domain.Common;
using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;

namespace Supervision.Reports.Submissions;

/// <summary>
/// The 报送回执: proof that a stated file, identified by its SHA-256, was filed at a stated time by a named person: who, what,
/// when, the file and its SHA-256 (the verification code and QR code are in the bottom margin), and every flagged rule, each
/// on its line with the count of cells and the cells — none cut off. Plain names only: the platform's codes (template code,
/// branch code, the internal receipt key) stay in the system; the receipt's number is its verification code, which finds it.
/// </summary>
public static class ReceiptPdf
{
    /// <summary>Runs of cells a flag lists on the form itself when the full list is moved to the annex.</summary>
    internal const int CellsOnForm = 8;

    /// <summary>The annex that continues a receipt whose flagged cells do not fit its one page.</summary>
    internal const string CellsAnnex = "需要关注的单元格清单";

    /// <summary>
    /// The receipt holds on one page (its tables set down to 五号 where needed). Where the flagged cells are too many even then (a large
    /// province's return with hundreds of them), each flag keeps its rule, its count and its first cells on the form, and every cell is
    /// listed in a continuation annex after the signature: none is cut off, and the form itself stays one page.
    /// </summary>
    public static byte[] Render(ReceiptData d)
    {
        var options = DocumentVerificationMark.Options(d);
        var doc = Compose(d, annex: false);
        if (d.Flags.Count > 0 && !OfficialDocumentRenderer.FormFitsOnePage(doc, options)) doc = Compose(d, annex: true);
        return OfficialDocumentRenderer.Render(doc, options);
    }

    private static OfficialDocument Compose(ReceiptData d, bool annex)
    {
        var at = BeijingTime.Local(d.SubmittedAt);
        var doc = new OfficialDocument($"{d.Authority}\n报送回执");
        var fields = new DocumentTable(new TableColumn("", 1.4), new TableColumn("", 4.4)) { FontSize = 12 };
        fields.AddRow("回执编号", ReceiptNumber(d))
            .AddRow("报送单位", d.Branch)
            .AddRow("报表", $"{d.Template}，{d.PeriodLabel}，第{d.Version}版")
            .AddRow("报送时间", $"{ChineseDate.Format(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm:ss}（北京时间）")
            .AddRow("截止日期", ChineseDate.Format(d.DueDate) + (d.Late ? "（逾期报送）" : "（在规定期限内报送）"))
            .AddRow("报送人", Submitter(d));
        if (d is { Signatory: { } signatory, AttestedAt: { } attested })
        {
            var when = BeijingTime.Local(attested);
            fields.AddRow("签报人声明", $"签报人{signatory}于{ChineseDate.Format(DateOnly.FromDateTime(when.DateTime))} {when:HH:mm:ss}确认：{Attestation.Text}。");
        }
        fields.AddRow("原始文件", $"{d.FileName}，{d.FileLength.ToString("N0", CultureInfo.InvariantCulture)}字节" + (d.RowCounts.Count > 0 ? $"，{string.Join("、", d.RowCounts)}" : ""))
            .AddRow("SHA-256", d.Sha256);
        // Every flag on its line, none cut off: what, how many cells, and where (sheet and every cell).
        if (d.Flags.Count > 0)
            fields.AddRow("需要关注的事项", $"共{d.Flags.Count}项：" + string.Join("；", d.Flags.Select((f, i) =>
            {
                var (where, message, count) = annex ? Flag(f, CellsOnForm) : Flag(f);
                return $"{ChineseNumerals.Heading2(i + 1)}{message}（{count}处：{where}）";
            })) + (annex ? "。各项的全部单元格见附件。" : "。"));
        doc.Table(fields);
        doc
            .Note("本回执由平台在报送时自动生成，证明上述文件已于上述时间报送至本平台，不代表审核通过；审核结果以平台通知为准。文件内容可凭SHA-256值核验，本回执可凭页面底部的核验码核验。")
            .SignedBy(d.Authority, d.IssueDate, sealRoom: false);      // the platform issues it; it carries no seal
        if (annex)
            doc.Annex(CellsAnnex, string.Join("\n", d.Flags.Select((f, i) =>
            {
                var (where, message, count) = Flag(f);
                return $"{ChineseNumerals.Heading2(i + 1)}{message}（{count}处）：{where}。";
            })));
        return doc;
    }

    /// <summary>The receipt's number as a reader uses it: its verification code (ABCD-EFGH-JKMN), which the public page finds it by.</summary>
    internal static string ReceiptNumber(ReceiptData d) => d.VerificationCode is { Length: > 0 } code ? VerificationCodes.Display(code) : "（报送后生成）";

    /// <summary>报送人: the 签报人 who attested and filed it (by name), with the preparer where another person uploaded it, and how.</summary>
    internal static string Submitter(ReceiptData d)
    {
        var channel = d.Channel == "api" ? "系统接口报送" : "网页报送";
        if (d.Signatory is not { Length: > 0 } signatory) return $"{d.SubmittedBy}（{channel}）";
        return signatory == d.SubmittedBy ? $"{signatory}（签报人，{channel}）" : $"{signatory}（签报人；经办人：{d.SubmittedBy}，{channel}）";
    }

    /// <summary>
    /// A flag as the receipt lists it: the sheet and every cell, the rule's message without the data's "，共N处" summary (each figure
    /// that differs from row to row given as their range, <see cref="FlagSummary"/>), and the number of cells.
    /// </summary>
    /// <param name="runs">At most this many runs of cells, then 等 (the full list is in the annex); all when null.</param>
    internal static (string Where, string Message, int Count) Flag(ReceiptFlag f, int? runs = null)
    {
        var text = f.Message.Trim().TrimEnd('。', '；');
        // "…，共N处" (the rule's wording with the range of its figures), or "…等，共N处" on receipts issued before (the first row's wording).
        var m = System.Text.RegularExpressions.Regex.Match(text, "^(.*?)等?，共(\\d+)处$");
        var cells = f.Cell.Split('、', StringSplitOptions.RemoveEmptyEntries).Where(c => c != "—").ToList();
        var count = m.Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : Math.Max(1, cells.Count);
        var all = Runs(cells).ToList();
        var listed = runs is { } limit && all.Count > limit ? string.Join("、", all.Take(limit)) + "等" : string.Join("、", all);
        return (cells.Count == 0 ? f.Sheet : $"{f.Sheet}{listed}", m.Success ? m.Groups[1].Value : text, count);
    }

    /// <summary>
    /// Every cell, with three or more consecutive rows of one column written as a range (K6、K9至K17、K20): none is left out, and a
    /// long list still fits the one-page receipt.
    /// </summary>
    internal static IEnumerable<string> Runs(IReadOnlyList<string> cells)
    {
        var i = 0;
        while (i < cells.Count)
        {
            var j = i;
            if (Cell(cells[i]) is { } first)
                while (j + 1 < cells.Count && Cell(cells[j + 1]) is { } next && next.Column == first.Column && next.Row == first.Row + (j + 1 - i)) j++;
            yield return j - i >= 2 ? $"{cells[i]}至{cells[j]}" : cells[i];
            if (j - i == 1) yield return cells[j];
            i = j + 1;
        }
    }

    private static (string Column, int Row)? Cell(string cell)
    {
        var m = System.Text.RegularExpressions.Regex.Match(cell, "^([A-Z]{1,3})([0-9]{1,7})$");
        return m.Success ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : null;
    }
}
