using System.Globalization;

namespace Supervision.Reports.Documents;

/// <summary>Character classes for Chinese line breaking (避头尾, GB/T 15834 and common typesetting practice).</summary>
public static class CjkText
{
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
