using Supervision.Domain.Documents;
using Supervision.Domain.Publicity;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using Supervision.Domain.Common;

namespace Supervision.Reports.Publicity;

/// <summary>
/// The 公告 published on the public site: the 双公示 fields of a penalty decision, a violating agent's record, or a 双随机
/// draw. The title is 发文机关 + 关于…的公告 in lines broken between words (never inside a name) and balanced; fields are a
/// form without a header row, and an empty one reads 无.
/// </summary>
public static class AnnouncementPdf
{
    public static byte[] Render(AnnouncementData d, byte[]? seal = null)
    {
        var doc = new OfficialDocument(Title(d));
        if (d.Number is not null) doc.Number(d.Number);
        var period = $"{ChineseDate.Format(d.PublishedOn)}至{ChineseDate.Format(d.PublicUntil)}";
        var table = new DocumentTable(new TableColumn("", 1.9), new TableColumn("", 3.9)) { FontSize = 14 };
        void Row(string label, string? value) => table.AddRow(label, string.IsNullOrWhiteSpace(value) ? "无" : value);
        void Optional(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && value.Trim() != "无") table.AddRow(label, value);
        }
        var decided = d.DecisionDate is { } day ? ChineseDate.Format(day) : null;
        switch (d.Kind)
        {
            case AnnouncementKind.PenaltyDecision:
                doc.Paragraph("根据《中华人民共和国行政处罚法》第四十八条的规定，现将本机关作出的行政处罚决定信息公告如下：");
                Row("行政相对人名称", d.PartyName);
                Row("统一社会信用代码", d.CreditCode);
                // Omitted where unknown (a branch has a 负责人, not a 法定代表人; an empty line proves nothing).
                Optional("法定代表人", d.LegalRepresentative);
                Row("行政处罚决定书文号", d.DocumentNumber);
                Row("违法行为类型及事实", d.Facts);
                Row("处罚类别", WithoutCorrectiveOrder(d.PenaltyTypes));
                Row("处罚依据", d.LegalBasis);
                Row("处罚内容", WithoutCorrectiveOrder(d.PenaltyContent));
                // 责令改正 is stated apart: it is not a penalty (行政处罚法第九条、第二十八条).
                foreach (var (label, value) in Lines(d.Body)) Row(label.Length > 0 ? label : "其他", value);
                Row("处罚决定日期", decided);
                Row("处罚机关", d.Authority);
                Row("公示期限", period);
                doc.Table(table);
                break;
            case AnnouncementKind.ViolatingAgent:
                doc.Paragraph("为规范电话用户入网代理销售行为，维护用户合法权益，现将本机关查处的违规代理商（销售网点）信息公告如下：");
                Row("代理商（销售网点）", d.PartyName);
                Row("主体类型", AnnouncementLabels.Party(d.PartyType));
                if (d.PartyType != PartyType.Person)
                {
                    Row("统一社会信用代码", d.CreditCode);
                    Optional(d.PartyType == PartyType.Organisation ? "法定代表人" : "经营者", d.LegalRepresentative);
                }
                foreach (var (label, value) in Lines(d.Body)) Row(label, value);
                Row("违规事实", d.Facts);
                Row("依据", d.LegalBasis);
                Row("处理结果", d.PenaltyContent);
                Row("发现日期", decided);
                Row("公示期限", period);
                doc.Table(table);
                break;
            default:
                Draw(doc, d, table, Row, decided, period);
                break;
        }
        doc.Paragraph("特此公告。").SignedBy(d.Authority, d.PublishedOn, seal);
        return OfficialDocumentRenderer.Render(doc, DocumentVerificationMark.Options(d));
    }

    /// <summary>
    /// A 双随机 draw: what was drawn and why, then the entities as rows (序号, 检查对象, 检查人员); the seed and digests that
    /// let anyone re-run the draw are long strings, so they follow in an annex in small type.
    /// </summary>
    private static void Draw(OfficialDocument doc, AnnouncementData d, DocumentTable fields, Action<string, string?> row, string? decided, string period)
    {
        var sentences = d.Facts.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        static bool Technical(string s) => s.Contains("种子") || s.Contains("摘要");
        doc.Paragraph(string.Concat(sentences.Where(s => !Technical(s)).Select(s => s + "。")) + "现将抽查对象和检查人员公告如下：");
        var picks = Lines(d.Body).ToList();
        if (picks.Count > 0)
        {
            // A company's name holds on one line of its column; each inspector on a line of his own.
            var entities = new DocumentTable(new TableColumn("序号", 0.45, CellAlignment.Center), new TableColumn("检查对象", 4.25), new TableColumn("检查人员", 2.0)) { FontSize = 10.5 };
            for (var i = 0; i < picks.Count; i++)
                entities.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), picks[i].Label, picks[i].Value.Replace("、", "\n", StringComparison.Ordinal));
            doc.Table(entities);
        }
        row("检查类别", d.PenaltyTypes);
        row("依据", d.LegalBasis);
        row("检查结果", d.PenaltyContent);
        row("抽取日期", decided);
        row("公示期限", period);
        doc.Table(fields);
        var technical = sentences.Where(Technical).ToList();
        if (technical.Count > 0) doc.Annex("抽取复核信息", string.Concat(technical.Select(s => s + "。")));
    }

    /// <summary>
    /// The penalties without a 责令改正 that data published before it was stated apart still lists among them ("责令限期改正；警告；…").
    /// </summary>
    internal static string WithoutCorrectiveOrder(string text) =>
        string.Join("；", text.Split('；', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("责令", StringComparison.Ordinal)));

    /// <summary>"标签：内容" lines of the further text; a line without a label is its own value.</summary>
    private static IEnumerable<(string Label, string Value)> Lines(string? body) =>
        (body ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.IndexOf('：') is > 0 and var colon ? (line[..colon], line[(colon + 1)..]) : ("", line));

    /// <summary>发文机关 on the first line, then 关于…的公告 broken between words into balanced lines.</summary>
    public static string Title(AnnouncementData d)
    {
        // 关于 opens the 事由 and never stands alone on a line: it goes with the subject's first word.
        var words = d.Kind == AnnouncementKind.PenaltyDecision
            ? [d.PartyName, "行政处罚决定", "信息的公告"]
            : (string[])[.. Words(d.Title), "的公告"];
        words[0] = "关于" + words[0];
        return d.Authority + "\n" + string.Join("\n", TitleLines.Balance(words, TitleLines.MaxCharacters));
    }

    /// <summary>A title's words: quoted names stay whole, and the text breaks before the words that start a new phrase.</summary>
    private static IEnumerable<string> Words(string title)
    {
        var parts = new List<string>();
        var rest = title;
        while (rest.IndexOf('“') is >= 0 and var open && rest.IndexOf('”', open) is > 0 and var close)
        {
            parts.AddRange(Phrases(rest[..open]));
            parts.Add(rest[open..(close + 1)]);
            rest = rest[(close + 1)..];
        }
        parts.AddRange(Phrases(rest));
        return parts.Where(p => p.Length > 0);
    }

    private static readonly string[] PhraseStarts = ["代理商", "违规", "电话用户", "双随机", "抽查对象", "检查人员"];

    private static IEnumerable<string> Phrases(string text)
    {
        var start = 0;
        for (var i = 1; i < text.Length; i++)
            if (PhraseStarts.Any(p => string.CompareOrdinal(text, i, p, 0, p.Length) == 0))
            {
                yield return text[start..i];
                start = i;
            }
        yield return text[start..];
    }
}

/// <summary>Title lines (GB/T 9704 7.3.1): words kept whole, lines as even as they can be so the title stands symmetric.</summary>
public static class TitleLines
{
    /// <summary>Characters of a 2号 title per line of the 156 mm text block.</summary>
    public static int MaxCharacters => (int)(Gbt9704.BlockWidth / Gbt9704.Size2);

    /// <summary>
    /// The fewest lines of at most <paramref name="max"/> characters the words fit in (a word longer than a line stands alone
    /// and is broken by the layout), choosing among those the split whose longest line is shortest.
    /// </summary>
    public static IReadOnlyList<string> Balance(IReadOnlyList<string> words, int max)
    {
        var total = words.Sum(w => w.Length);
        if (total <= max) return [string.Concat(words)];
        for (var lines = 2; lines <= words.Count; lines++)
        {
            var best = Best(words, 0, lines, max);
            if (best is not null) return best.Select(g => string.Concat(g)).ToList();
        }
        return [.. words];
    }

    private static List<List<string>>? Best(IReadOnlyList<string> words, int from, int lines, int max)
    {
        if (lines == 1)
        {
            var rest = words.Skip(from).ToList();
            return rest.Count > 0 && (rest.Sum(w => w.Length) <= max || rest.Count == 1) ? [rest] : null;
        }
        List<List<string>>? best = null;
        var longest = int.MaxValue;
        for (var end = from + 1; end <= words.Count - lines + 1; end++)
        {
            var head = words.Skip(from).Take(end - from).ToList();
            if (head.Sum(w => w.Length) > max && head.Count > 1) break;
            if (Best(words, end, lines - 1, max) is not { } tail) continue;
            var candidate = new List<List<string>> { head };
            candidate.AddRange(tail);
            var length = candidate.Max(g => g.Sum(w => w.Length));
            if (length < longest) (best, longest) = (candidate, length);
        }
        return best;
    }
}
