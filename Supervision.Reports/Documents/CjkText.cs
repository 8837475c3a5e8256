using System.Globalization;
using System.Text.RegularExpressions;

namespace Supervision.Reports.Documents;

/// <summary>Character classes for Chinese line breaking (避头尾, GB/T 15834 and common typesetting practice).</summary>
public static partial class CjkText
{
    /// <summary>
    /// Pieces of text no line may break inside: a 文号 (宁通管告〔2026〕2号), a date (2026年11月28日, 二〇二六年十一月二十八日),
    /// a time (9时30分), an amount (¥10,000.00, 20,000元, 人民币贰万元整), an article (第十九条, 第6条), a number with its
    /// unit (15日, 6个月, 十五日, 12户, 3%), the ending of an organisation's name (…宁夏有限公司) and a short bracketed
    /// department or title (（宁夏局网安处）).
    /// </summary>
    [GeneratedRegex(
        @"[\u4e00-\u9fff]{2,5}〔\d{4}〕\d+号" +
        @"|\d{4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日" +
        @"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月([一二三四五六七八九十]{1,3}日)?" +
        @"|\d{1,2}时(\d{1,2}分)?" +
        @"|[¥￥]\d[\d,]*(\.\d+)?|(人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+[元圆][零壹贰叁肆伍陆柒捌玖拾佰仟角分整]*" +
        @"|第[一二三四五六七八九十百零〇\d]+[条款项章节目]" +
        @"|\d+([.,]\d+)*\s?(个工作日|个月|工作日|万元|[\u4e00-\u9fff%％‰])" +
        @"|[一二三四五六七八九十百千两]+(个工作日|个月|工作日|日|天|年|元|万元|户|次|家|人|份|件|倍|小时)" +
        // An organisation's name does not break inside its ending (有限公 / 司), which keeps two characters of the name before it
        // (never one alone below: 运营中 / 心) — no more, or a justified line would lose a third of its width to a name moved on
        // whole — nor a short bracketed department or title （宁夏局网安处）.
        @"|[\u4e00-\u9fff]{0,2}(股份有限公司|有限责任公司|有限公司|分公司|运营中心|通信管理局|人民法院|人民政府|营业厅)" +
        @"|（[\u4e00-\u9fff]{2,8}）" +
        // A form's tick box stays with its label (□公告送达).
        @"|[□■][\u4e00-\u9fff]{1,4}")]
    private static partial Regex UnbreakablePattern();

    /// <summary>Where a line may not break before a position of [start, end) because it lies inside an
    /// <see cref="UnbreakablePattern"/> match; null when nothing in the range is protected.</summary>
    public static bool[]? ProtectedBreaks(string text, int start, int end)
    {
        bool[]? inside = null;
        foreach (var match in UnbreakablePattern().EnumerateMatches(text.AsSpan(start, end - start)))
        {
            if (match.Length < 2) continue;
            inside ??= new bool[end - start];
            for (var i = match.Index + 1; i < match.Index + match.Length; i++) inside[i] = true;
        }
        return inside;
    }

    [GeneratedRegex(@"\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|\d{1,2}时\d{1,2}分")]
    private static partial Regex GroupedPattern();

    /// <summary>
    /// Where a protected piece may still break when a justified line would otherwise be letter-spaced: a full date between its groups
    /// (2026年 / 12月 / 7日) and a time between hour and minute — never inside a group (2026年, 12月, 7日) — nor anything else
    /// (a 文号, an amount, a number and its unit). Null when nothing in [start, end) may.
    /// </summary>
    public static bool[]? SoftBreaks(string text, int start, int end)
    {
        bool[]? soft = null;
        foreach (var match in GroupedPattern().EnumerateMatches(text.AsSpan(start, end - start)))
            for (var i = match.Index + 1; i < match.Index + match.Length; i++)
                if (text[start + i - 1] is '年' or '月' or '时')
                {
                    soft ??= new bool[end - start];
                    soft[i] = true;
                }
        return soft;
    }

    /// <summary>
    /// Characters no line may start with (避头): closing punctuation, pause and end marks, the ellipsis and
    /// dash, percent and degree signs, and their ASCII equivalents.
    /// </summary>
    public const string NoLineStart =
        "，。、；：？！）》」』】〕〉〗〙〛｝］…—―–‥％‰℃°′″’”·・～｜" +
        "ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻" +
        "．：；？！" + // full-width forms already above; half-width forms below
        ",.;:?!)]}%>";

    /// <summary>Characters no line may end with (避尾): opening brackets and quotes, currency signs.</summary>
    public const string NoLineEnd = "（《「『【〔〈〖〘〚｛［‘“￥＄([{<¥$£€";

    /// <summary>Characters that join two Latin letters or digits into one word: 10,000.00, GGSN/PGW, 2026-11-28, a_b, x@y.</summary>
    private const string WordJoiners = ",./-_:@#&+'";

    public static bool CannotStartLine(char c) => NoLineStart.Contains(c);

    public static bool CannotEndLine(char c) => NoLineEnd.Contains(c);

    /// <summary>A Latin letter or digit (half-width, or letters of Latin/Greek/Cyrillic scripts): part of a word that is not split.</summary>
    public static bool IsWordChar(char c)
    {
        if (c < 0x80) return char.IsAsciiLetterOrDigit(c);
        if (IsWide(c)) return false;
        return char.IsLetterOrDigit(c) && c < 0x2000;
    }

    /// <summary>A character set on the CJK grid (ideographs, kana, hangul, full-width forms and CJK punctuation).</summary>
    public static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F'
        or >= '\u2E80' and <= '\uA4CF'
        or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF'
        or >= '\uFE30' and <= '\uFE4F'
        or >= '\uFF00' and <= '\uFF60'
        or >= '\uFFE0' and <= '\uFFE6'
        || char.IsSurrogate(c);

    /// <summary>Splits text into clusters that are never broken inside: a Latin word or number (with its inner
    /// joiners), a run of spaces, or one other character (a surrogate pair counts as one).</summary>
    public static IEnumerable<Range> Clusters(string text, int start, int length)
    {
        var end = start + length;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            var j = i + 1;
            if (IsWordChar(c))
            {
                while (j < end && (IsWordChar(text[j]) || (WordJoiners.Contains(text[j]) && j + 1 < end && IsWordChar(text[j + 1]))))
                    j++;
            }
            else if (c == ' ')
            {
                while (j < end && text[j] == ' ') j++;
            }
            else if (char.IsHighSurrogate(c) && j < end && char.IsLowSurrogate(text[j]))
            {
                j++;
            }
            yield return new Range(i, j);
            i = j;
        }
    }

    /// <summary>Text elements (grapheme clusters) of a string, for splitting words longer than a line.</summary>
    internal static int NextElement(string text, int index, int end)
    {
        var next = index + StringInfo.GetNextTextElementLength(text.AsSpan(index, end - index));
        return Math.Min(Math.Max(next, index + 1), end);
    }
}
