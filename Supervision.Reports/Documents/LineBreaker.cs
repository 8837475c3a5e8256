namespace Supervision.Reports.Documents;

/// <summary>One line of broken text: a range of the input (without the spaces the break removed) and its width.</summary>
public readonly record struct TextLine(int Start, int Length, double Width)
{
    public int End => Start + Length;

    public string TextOf(string text) => text.Substring(Start, Length);
}

/// <summary>
/// Breaks text into lines of a given width, the way Chinese official documents are set:
/// <list type="bullet">
/// <item>a line may break between any two CJK characters, and at spaces;</item>
/// <item>避头尾: no line starts with a closing or pause mark (，。、；：？！）》…—％ and the ASCII , . ; : ? ! ) %)
/// and no line ends with an opening mark (（《「『【〔“ and ASCII ( [) — such a mark moves with its neighbour;</item>
/// <item>Latin words and numbers (ID, 2026, 10,000.00, GGSN/PGW) are not split; a word of thirty-two characters or more that takes a
/// third of a line (a hash, an address) fills the line it starts on instead of leaving it short;</item>
/// <item>nor are a 文号, a date, an amount, an article or a number with its unit (<see cref="CjkText.ProtectedBreaks"/>);</item>
/// <item>no paragraph ends with a single character alone on its line (孤字): the line before gives it company;</item>
/// <item>a line feed forces a break;</item>
/// <item>with <see cref="JustifyLimits"/> (a justified paragraph, GB/T 9704 7.3.5.4: 缩紧或者放宽字距, within limits): where a
/// piece moved on whole would leave its line short by more than the spread allowed, the line takes the piece by setting its characters
/// closer (within the squeeze allowed), or breaks a date or a time between its groups (2026年 / 12月7日, never inside 2026年, 12月
/// or 7日); failing both, the caller sets the line ragged.</item>
/// </list>
/// Pure: widths come from the caller's measure function (the font's real advances).
/// </summary>
public static class LineBreaker
{
    private const double Tolerance = 0.01;

    /// <summary>Characters from which an unprotected word (a SHA-256, an address) is broken to fill a line rather than moved on whole.</summary>
    internal const int LongWord = 32;

    /// <summary>How far a justified line's characters may be moved apart (<paramref name="Spread"/>) or together
    /// (<paramref name="Squeeze"/>) per gap, in points.</summary>
    public readonly record struct JustifyLimits(double Spread, double Squeeze);

    /// <summary>Measures the width of <paramref name="length"/> characters of the text from <paramref name="start"/>.</summary>
    public delegate double RangeMeasure(int start, int length);

    /// <summary>Breaks <paramref name="text"/>; <paramref name="measure"/> gets a piece of the text.</summary>
    /// <param name="firstLineWidth">Width of the first line when it differs (e.g. a first-line indent); null for <paramref name="width"/>.</param>
    public static IReadOnlyList<TextLine> Break(string text, double width, Func<string, double> measure, double? firstLineWidth = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return Break(text, width, (start, length) => measure(text.Substring(start, length)), firstLineWidth);
    }

    /// <summary>Breaks <paramref name="text"/>; <paramref name="measure"/> gets a range of the text, so that runs in
    /// different fonts can be measured.</summary>
    public static IReadOnlyList<TextLine> Break(string text, double width, RangeMeasure measure, double? firstLineWidth = null, JustifyLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "The line width must be positive.");
        var lines = new List<TextLine>();
        var paragraphStart = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', paragraphStart);
            var end = newline < 0 ? text.Length : newline;
            var contentEnd = end > paragraphStart && text[end - 1] == '\r' ? end - 1 : end;
            BreakParagraph(text, paragraphStart, contentEnd, width, lines.Count == 0 ? firstLineWidth ?? width : width, measure, lines, limits);
            if (newline < 0) break;
            paragraphStart = newline + 1;
        }
        return lines;
    }

    /// <summary>An unbreakable piece: clusters glued together by 避头尾, or by <see cref="CjkText.ProtectedBreaks"/> (Protected).</summary>
    private readonly record struct Segment(int Start, int End, bool Protected = false);

    private static void BreakParagraph(string text, int start, int end, double width, double firstWidth, RangeMeasure measure, List<TextLine> lines,
        JustifyLimits? limits)
    {
        if (start >= end || IsBlank(text, start, end))
        {
            lines.Add(new TextLine(start, 0, 0));
            return;
        }
        var segments = Segments(text, start, end);
        var first = lines.Count;
        var available = firstWidth;
        var lineStart = -1;
        var lineEnd = -1;
        for (var k = 0; k < segments.Count; k++)
        {
            var segment = segments[k];
            if (segment.Protected && measure(segment.Start, segment.End - segment.Start) > width + Tolerance)
            {
                // A protected piece longer than a whole line cannot stay whole: it breaks where plain text would.
                var plain = Segments(text, segment.Start, segment.End, protect: false);
                segments.RemoveAt(k);
                segments.InsertRange(k, plain);
                segment = segments[k];
            }
            if (lineStart < 0)
            {
                // A line never starts with spaces.
                lineStart = segment.Start;
                lineEnd = segment.Start;
            }
            var candidateEnd = segment.End;
            if (measure(lineStart, candidateEnd - lineStart) <= available + Tolerance)
            {
                lineEnd = candidateEnd;
                continue;
            }
            // A long word that may break (a hash, an address: thirty-two characters or more, and a third of a line or more) fills the
            // line it starts on rather than leaving it short; anything shorter (a number, an amount), or protected, moves on whole.
            var longWord = !segment.Protected && lineEnd > lineStart && segment.End - segment.Start >= LongWord
                           && measure(segment.Start, segment.End - segment.Start) >= width / 3;
            // (Only a line that more text follows is set closer: a paragraph's last line is set at its natural width.)
            if (lineEnd > lineStart && !longWord && limits is { } l
                && available - measure(lineStart, lineEnd - lineStart) > l.Spread * Gaps(text, lineStart, lineEnd) + Tolerance
                && Justified(text, lineStart, segment, available, measure, l, squeeze: k < segments.Count - 1) is { } taken)
            {
                // Moved on whole, the piece would leave the line visibly letter-spaced: the line takes it closer set, or takes
                // the piece's first groups (a date broken between 年, 月 and 日).
                if (taken == segment.End)
                {
                    lineEnd = taken;
                    continue;
                }
                lines.Add(Line(text, lineStart, taken, measure));
                available = width;
                lineStart = taken;
                lineEnd = segment.End;
                continue;
            }
            if (lineEnd > lineStart && !longWord)
            {
                lines.Add(Line(text, lineStart, lineEnd, measure));
                available = width;
                lineStart = segment.Start;
                lineEnd = segment.Start;
                if (measure(lineStart, segment.End - lineStart) <= available + Tolerance)
                {
                    lineEnd = segment.End;
                    continue;
                }
            }
            // The segment alone is wider than a line: split it where it must be split.
            var position = segment.Start;
            while (position < segment.End)
            {
                var fitEnd = LongestFit(text, lineStart, position, segment.End, available, measure);
                if (fitEnd == segment.End)
                {
                    lineEnd = fitEnd;
                    break;
                }
                lines.Add(Line(text, lineStart, fitEnd, measure));
                available = width;
                lineStart = fitEnd;
                lineEnd = fitEnd;
                position = fitEnd;
            }
        }
        if (lineStart >= 0 && lineEnd > lineStart)
            lines.Add(Line(text, lineStart, lineEnd, measure));
        AvoidLoneCharacter(text, segments, lines, first, width, measure);
    }

    /// <summary>
    /// Where a justified line that cannot take <paramref name="segment"/> whole at its natural width ends instead of leaving the line
    /// short beyond the spread: the segment's end, if the whole segment fits with its characters set closer within the squeeze; else the
    /// furthest soft break inside it (<see cref="CjkText.SoftBreaks"/>) that leaves the line within the spread or the squeeze; else null.
    /// </summary>
    private static int? Justified(string text, int lineStart, Segment segment, double available, RangeMeasure measure, JustifyLimits limits, bool squeeze)
    {
        bool Fits(int end)
        {
            var natural = measure(lineStart, end - lineStart);
            var gaps = Gaps(text, lineStart, end);
            return natural <= available + Tolerance ? available - natural <= limits.Spread * gaps + Tolerance
                : squeeze && natural - available <= limits.Squeeze * gaps + Tolerance;
        }
        if (Fits(segment.End)) return segment.End;
        if (CjkText.SoftBreaks(text, segment.Start, segment.End) is not { } soft) return null;
        for (var i = segment.End - 1; i > segment.Start; i--)
            if (soft[i - segment.Start] && Fits(i)) return i;
        return null;
    }

    /// <summary>The gaps between the clusters of a line: where a justified line's extra space goes.</summary>
    private static int Gaps(string text, int start, int end)
    {
        var clusters = 0;
        foreach (var _ in CjkText.Clusters(text, start, end - start)) clusters++;
        return Math.Max(0, clusters - 1);
    }

    /// <summary>If the paragraph's last line holds one character (with its closing marks), the segment before it moves
    /// down to join it, when the line before keeps at least one segment and the new last line fits.</summary>
    private static void AvoidLoneCharacter(string text, List<Segment> segments, List<TextLine> lines, int first, double width, RangeMeasure measure)
    {
        if (lines.Count - first < 2) return;
        var last = lines[^1];
        var previous = lines[^2];
        if (!IsLoneCharacter(text, last.Start, last.End)) return;
        var index = segments.FindIndex(s => s.Start == last.Start);
        if (index < 1 || segments[index - 1].Start <= previous.Start) return;
        var moved = segments[index - 1].Start;
        if (measure(moved, last.End - moved) > width + Tolerance) return;
        lines[^2] = Line(text, previous.Start, moved, measure);
        lines[^1] = Line(text, moved, last.End, measure);
    }

    private static bool IsLoneCharacter(string text, int start, int end)
    {
        var elements = 0;
        for (var i = start; i < end; i = CjkText.NextElement(text, i, end))
        {
            if (CjkText.CannotStartLine(text[i]) || text[i] == ' ') continue;
            if (!CjkText.IsWide(text[i]) || ++elements > 1) return false;
        }
        return elements == 1;
    }

    /// <summary>The furthest break point after <paramref name="from"/> that keeps [lineStart, point) within the width,
    /// preferring points that respect 避头尾; at least one text element so that the text always advances.</summary>
    private static int LongestFit(string text, int lineStart, int from, int end, double available, RangeMeasure measure)
    {
        var best = -1;
        var bestAllowed = -1;
        var i = from;
        while (i < end)
        {
            var next = CjkText.NextElement(text, i, end);
            if (measure(lineStart, next - lineStart) > available + Tolerance) break;
            best = next;
            if (next < end && !CjkText.CannotStartLine(text[next]) && !CjkText.CannotEndLine(text[next - 1]))
                bestAllowed = next;
            i = next;
        }
        if (best == end) return end;
        if (bestAllowed > lineStart) return bestAllowed;
        if (best > lineStart) return best;
        // Not even one element fits an empty line: put it on its own line anyway.
        return CjkText.NextElement(text, from, end);
    }

    private static List<Segment> Segments(string text, int start, int end, bool protect = true)
    {
        var segments = new List<Segment>();
        var glueNext = false;
        var protectedBreaks = protect ? CjkText.ProtectedBreaks(text, start, end) : null;
        foreach (var cluster in CjkText.Clusters(text, start, end - start))
        {
            var (cs, ce) = (cluster.Start.Value, cluster.End.Value);
            if (text[cs] == ' ' && protectedBreaks?[cs - start] != true)
                continue;      // a break opportunity, unless the marks around it forbid one
            var isProtected = protectedBreaks?[cs - start] == true;
            var gluesToPrevious = segments.Count > 0 && (glueNext || CjkText.CannotStartLine(text[cs]) || isProtected);
            if (gluesToPrevious)
            {
                var last = segments[^1];
                segments[^1] = last with { End = ce, Protected = last.Protected || isProtected };
            }
            else
            {
                segments.Add(new Segment(cs, ce));
            }
            glueNext = CjkText.CannotEndLine(text[ce - 1]);
        }
        return segments;
    }

    private static TextLine Line(string text, int start, int end, RangeMeasure measure)
    {
        while (end > start && text[end - 1] == ' ') end--;
        return new TextLine(start, end - start, measure(start, end - start));
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
            if (!char.IsWhiteSpace(text[i])) return false;
        return true;
    }
}
