using Supervision.Domain.Documents;
using Supervision.Domain.Common;

namespace Supervision.Reports.Documents.Layout;

/// <summary>Turns an <see cref="OfficialDocument"/> into the vertical flow of GB/T 9704-2012.</summary>
internal sealed class DocumentComposer
{
    private static readonly double P = Gbt9704.LinePitch;
    private static readonly double Left = Gbt9704.BlockLeft;
    private static readonly double Width = Gbt9704.BlockWidth;

    private readonly List<FlowItem> _items = [];
    private readonly bool _sealPlaceholder;
    // The body's styles and character advance: 28 characters a line, or more where the characters are set closer.
    private readonly TextStyle _body;
    private readonly TextStyle _heading1;
    private readonly TextStyle _heading2;
    private readonly double _ch;

    // How tightly a form's tables are set (0: as designed; higher: smaller type and rows, so the form holds on one page).
    private readonly int _compaction;
    private readonly string _continuationTitle;

    /// <summary>The tightest setting of a form's tables (<see cref="Compose"/>).</summary>
    internal const int MaxCompaction = 4;

    private readonly bool _form;

    private DocumentComposer(bool sealPlaceholder, int charactersPerLine, int compaction, string continuationTitle, bool form)
    {
        _form = form;
        _compaction = compaction;
        _continuationTitle = continuationTitle;
        _sealPlaceholder = sealPlaceholder;
        (_body, _heading1, _heading2) = (TextStyle.Body.Condensed(charactersPerLine), TextStyle.Heading1.Condensed(charactersPerLine), TextStyle.Heading2.Condensed(charactersPerLine));
        _ch = _body.WideAdvance;
    }

    /// <param name="charactersPerLine">28 (GB/T 9704), or 29–30 where the characters are set closer to keep the signature with its text (7.3.5.4).</param>
    /// <param name="compaction">For a form (<see cref="IsForm"/>): 0 as designed, up to <see cref="MaxCompaction"/> with the tables' type
    /// and rows set smaller, so that the form holds on one page.</param>
    public static List<FlowItem> Compose(OfficialDocument document, bool sealPlaceholder, int charactersPerLine = Gbt9704.CharactersPerLine, int compaction = 0)
    {
        var composer = new DocumentComposer(sealPlaceholder, charactersPerLine, compaction, document.Title.Split('\n')[^1].Trim() + "（续）", IsForm(document));
        composer.Head(document);
        foreach (var block in document.Body)
        {
            switch (block)
            {
                case AddresseeBlock a: composer.Addressee(a); break;
                case FieldBlock f: composer.Field(f); break;
                case ParagraphBlock p: composer.Paragraph(p); break;
                case HeadingBlock h: composer.Heading(h); break;
                case DocumentTable t: composer.Table(t); break;
                case ChartBlock c: composer.Charts(c); break;
                case NoteBlock n: composer.Note(n); break;
                default: throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
            }
        }
        composer.Attachments(document.Attachments, signatureFollows: document.Signature is not null);
        if (document.Signature is { } signature) composer.Signature(signature);
        composer.Annexes(document.Annexes);
        composer.Imprint(document);
        return composer._items;
    }

    // ---- 版头 and title ----------------------------------------------------------------------------

    private void Head(OfficialDocument document)
    {
        if (document.IssuingAuthorityMark is { } mark)
        {
            // 发文机关标志: 35 mm below the top of the text block, centred, red; as large as 小初 while it fits.
            var natural = new StyledText((mark, TextStyle.Title with { Size = 1, Color = TextColor.Red })).Measure(0, mark.Length);
            var size = Math.Min(Gbt9704.SizeXiaoChu, Width / natural);
            var style = TextStyle.Title with { Size = size, Color = TextColor.Red };
            _items.Add(new FlowItem { Height = Gbt9704.AuthorityMarkOffset, Kind = "mark-offset" });
            AddLines(new StyledText((mark, style)), 0, 0, ParagraphAlignment.Center, "mark", lineHeight: size, onGrid: false, bodyText: false);
            // 发文字号: two blank lines below, centred; the red rule 4 mm below it.
            _items.Add(new FlowItem { Height = 2 * P, Kind = "space" });
            if (document.DocumentNumber is { } number)
                AddLines(new StyledText((number, TextStyle.Body)), 0, 0, ParagraphAlignment.Center, "number", onGrid: false, bodyText: false);
            else
                _items.Add(new FlowItem { Height = P, Kind = "space" });
            var textBottom = (P + TextStyle.Body.Size) / 2;          // bottom of the number's em box in its line
            var ruleY = textBottom + Gbt9704.RedRuleGap - P;
            _items.Add(new FlowItem
            {
                Height = ruleY,
                Kind = "red-rule",
                Ops = [new RuleOp(Left, ruleY, Left + Width, ruleY, 1.0, TextColor.Red)],
            });
            // Title two blank lines below the rule.
            _items.Add(new FlowItem { Height = 2 * P, Kind = "space" });
            Title(document.Title, onGrid: false);
        }
        else
        {
            Title(document.Title, onGrid: true);
            if (document.DocumentNumber is { } number)
                AddLines(new StyledText((number, TextStyle.Body)), 0, 0, ParagraphAlignment.Right, "number", bodyText: false);
        }
        // Addressee or first block: one blank line below the title.
        _items.Add(FlowItem.Space(P));
    }

    /// <summary>2号 title, centred; each line of a long title is balanced so lines have similar lengths.</summary>
    private void Title(string title, bool onGrid)
    {
        foreach (var part in title.Split('\n'))
        {
            var text = new StyledText((part.Trim(), TextStyle.Title));
            var lines = text.Break(Width);
            if (lines.Count > 1)
            {
                var total = text.Measure(0, text.Text.Length);
                for (var target = total / lines.Count; target < Width; target += TextStyle.Title.Size / 2)
                {
                    var balanced = text.Break(target);
                    if (balanced.Count == lines.Count)
                    {
                        lines = balanced;
                        break;
                    }
                }
            }
            foreach (var line in lines)
                _items.Add(LineItem(text, line, 0, Width, ParagraphAlignment.Center, justify: false, "title", P, onGrid));
        }
    }

    // ---- body blocks ----------------------------------------------------------------------------

    private void Addressee(AddresseeBlock block)
    {
        var text = block.Text.EndsWith('：') || block.Text.EndsWith(':') ? block.Text : block.Text + "：";
        AddLines(new StyledText((text, _body)), 0, 0, ParagraphAlignment.Justify, "addressee");
    }

    private void Field(FieldBlock block)
    {
        var label = block.Label.EndsWith('：') ? block.Label : block.Label + "：";
        var text = new StyledText((label, _body), (block.Value, _body));
        var hang = Math.Min(text.Measure(0, label.Length), 8 * _ch);
        if (hang > Width / 2) hang = 2 * _ch;
        // A label:value line is set ragged (from the left), never spread: an address or a name moved on whole leaves room at the
        // line's end, not letter-spacing ("住 所 ：").
        AddLines(text, 0, hang, ParagraphAlignment.Left, "field");
    }

    private void Paragraph(ParagraphBlock block)
    {
        var indent = block.FirstLineIndent ? 2 * _ch : 0;
        // A closing formula (特此公告。) does not count as body text: the signature takes real body lines along.
        AddLines(new StyledText((block.Text, _body)), indent, 0, block.Alignment, "paragraph", bodyText: !IsClosingFormula(block.Text));
    }

    private static bool IsClosingFormula(string text) =>
        text.Trim() is { Length: <= 8 } t && (t.StartsWith("特此", StringComparison.Ordinal) || t.StartsWith("此致", StringComparison.Ordinal) || t.StartsWith("此复", StringComparison.Ordinal));

    private void Heading(HeadingBlock block)
    {
        var style = block.Level == 1 ? _heading1 : _heading2;
        var runs = new List<(string, TextStyle)> { (block.Number + block.Text, style) };
        if (!string.IsNullOrEmpty(block.RunIn)) runs.Add((block.RunIn, _body));
        var lines = AddLines(new StyledText([.. runs]), 2 * _ch, 0,
            block.RunIn is null ? ParagraphAlignment.Left : ParagraphAlignment.Justify, $"heading{block.Level}");
        if (block.RunIn is null && lines.Count > 0) lines[^1].KeepWithNext = true;
    }

    /// <summary>Breaks styled text into grid lines: first line indented by <paramref name="firstIndent"/>, the
    /// others by <paramref name="indent"/>; justified lines fill the width except the last.</summary>
    private List<FlowItem> AddLines(StyledText text, double firstIndent, double indent, ParagraphAlignment alignment, string kind,
        double? lineHeight = null, bool onGrid = true, bool bodyText = true)
    {
        // A justified paragraph's lines are broken knowing how far their characters may be set apart or closer (7.3.5.4).
        var size = text.Text.Length > 0 ? text.StyleAt(0).Size : _body.Size;
        var lines = text.Break(Width - indent, Width - firstIndent,
            alignment == ParagraphAlignment.Justify ? new LineBreaker.JustifyLimits(MaxSpread * size, MaxSqueeze * size) : null);
        var added = new List<FlowItem>();
        for (var i = 0; i < lines.Count; i++)
        {
            var x = i == 0 ? firstIndent : indent;
            // Every line of a justified paragraph is set full width except the paragraph's last (before a line feed or at the end).
            var justify = alignment == ParagraphAlignment.Justify && i < lines.Count - 1 && !EndsParagraph(text.Text, lines[i]);
            var item = LineItem(text, lines[i], x, Width - x, alignment, justify, kind, lineHeight ?? P, onGrid, bodyText);
            _items.Add(item);
            added.Add(item);
        }
        return added;
    }

    private static FlowItem LineItem(StyledText text, TextLine line, double x, double width, ParagraphAlignment alignment, bool justify,
        string kind, double lineHeight, bool onGrid, bool bodyText = false)
    {
        var ops = new List<DrawOp>();
        var right = EmitLine(ops, text, line, Left + x, width, alignment, justify, lineHeight, 0);
        var gaps = justify ? Pieces(text, line).Count - 1 : 0;
        return new FlowItem
        {
            Height = lineHeight, Ops = ops, OnGrid = onGrid, Elastic = onGrid, Kind = kind, IsBodyText = bodyText,
            Shortfall = justify ? Math.Max(0, Left + x + width - right) : null,
            Gaps = gaps,
            Ragged = justify && line.Length > 0 && !Spreads(text, line, width, gaps + 1) && !Squeezes(text, line, width, gaps + 1),
        };
    }

    /// <summary>Whether a line is the last of its paragraph within the text: a line feed follows it.</summary>
    private static bool EndsParagraph(string text, TextLine line)
    {
        var end = line.End;
        while (end < text.Length && text[end] == ' ') end++;
        return end < text.Length && text[end] is '\n' or '\r';
    }

    /// <summary>
    /// Draws one line: each cluster at its place, extra space spread over the gaps when justified; returns where the line ends.
    /// A justified line is set full width (GB/T 9704: lines of a paragraph align at both edges): a line cut short by a piece that may
    /// not break (a name, a 文号, a date) spreads the rest over its gaps, up to <see cref="MaxSpread"/> em each; a line that would need
    /// more is left ragged rather than letter-spaced. A paragraph's last line is never spread (the caller passes no justify).
    /// Wide characters on the grid are drawn one by one (their advance is the grid's, not the font's).
    /// </summary>
    internal static double EmitLine(List<DrawOp> ops, StyledText text, TextLine line, double x, double width, ParagraphAlignment alignment,
        bool justify, double lineHeight, double top)
    {
        if (line.Length == 0) return x;
        var pieces = Pieces(text, line);
        var natural = line.Width;
        var extra = 0.0;
        if (justify && (Spreads(text, line, width, pieces.Count) || Squeezes(text, line, width, pieces.Count)))
            extra = (width - natural) / (pieces.Count - 1);
        var cursor = x + alignment switch
        {
            ParagraphAlignment.Center => (width - natural) / 2,
            ParagraphAlignment.Right => width - natural,
            _ => 0,
        };

        string? runText = null;
        TextStyle? runStyle = null;
        var runFace = FontFace.Fang;
        double runX = 0;
        var runMergeable = false;

        void Flush()
        {
            if (runText is not null && runStyle is not null)
                ops.Add(new TextOp(runX, top + runStyle.Baseline(lineHeight), runText, runFace, runStyle.Size, runStyle.Bold, runStyle.Color));
            runText = null;
        }

        foreach (var (start, length) in pieces)
        {
            var pieceWidth = text.Measure(start, length);
            if (text.Text[start] == ' ')
            {
                Flush();
                cursor += pieceWidth + extra;
                continue;
            }
            var style = text.StyleAt(start);
            var face = text.FaceAt(start);
            var mergeable = extra == 0 && !(style.OnGrid && IsWidePiece(text, start, length));
            if (runText is not null && mergeable && runMergeable && ReferenceEquals(style, runStyle) && face == runFace)
            {
                runText += text.Text.Substring(start, length);
            }
            else
            {
                Flush();
                runText = text.Text.Substring(start, length);
                runStyle = style;
                runFace = face;
                runX = cursor;
                runMergeable = mergeable;
            }
            cursor += pieceWidth + extra;
        }
        Flush();
        return cursor - extra;
    }

    /// <summary>The most space added between two characters of a justified line, in ems of its type: beyond it the line is left
    /// ragged (set from the left) rather than letter-spaced ("你 单 位 送 达 了") because a piece that may not break moved on.</summary>
    /// Documents set by hand to GB/T 9704 close a line short by a character or two with space hardly seen (a tenth of an em or
    /// so between characters); a quarter em is plainly letter-spaced and an eighth is where it starts to show, so no gap gets more. A line that would need
    /// more is broken otherwise (<see cref="LineBreaker.JustifyLimits"/>: set closer, or a date broken between its groups) or left ragged.</summary>
    internal const double MaxSpread = 0.125;

    /// <summary>The most a justified line's characters are set closer, in ems of its type, so that it takes a piece that may not break
    /// (a date, an amount) rather than leave a visible gap: a sixteenth of an em, over and above the closer setting of 29–30 characters a line.</summary>
    internal const double MaxSqueeze = 0.0625;

    /// <summary>Whether a justified line wider than the measure (it took a piece by setting its characters closer) is set closer, within
    /// <see cref="MaxSqueeze"/> em a gap.</summary>
    private static bool Squeezes(StyledText text, TextLine line, double width, int pieces) =>
        pieces >= MinSpreadPieces && line.Width > width && (line.Width - width) / (pieces - 1) <= MaxSqueeze * text.StyleAt(line.Start).Size + 1e-6;

    /// <summary>Lines with fewer pieces than this are never spread: their few gaps would each take a visible share.</summary>
    internal const int MinSpreadPieces = 12;

    /// <summary>Whether a justified line is spread to the measure: it is short of it, has at least <see cref="MinSpreadPieces"/>
    /// pieces, and needs no more than <see cref="MaxSpread"/> em in each gap.</summary>
    private static bool Spreads(StyledText text, TextLine line, double width, int pieces) =>
        pieces >= MinSpreadPieces && line.Width < width && (width - line.Width) / (pieces - 1) <= MaxSpread * text.StyleAt(line.Start).Size + 1e-6;

    /// <summary>The clusters of a line, further split where the style or the face changes and between wide characters.</summary>
    private static List<(int Start, int Length)> Pieces(StyledText text, TextLine line)
    {
        var pieces = new List<(int, int)>();
        foreach (var cluster in CjkText.Clusters(text.Text, line.Start, line.Length))
        {
            var (start, end) = (cluster.Start.Value, cluster.End.Value);
            var pieceStart = start;
            for (var i = start + 1; i < end; i++)
            {
                if (char.IsLowSurrogate(text.Text[i])) continue;
                if (!ReferenceEquals(text.StyleAt(i), text.StyleAt(pieceStart)) || text.FaceAt(i) != text.FaceAt(pieceStart))
                {
                    pieces.Add((pieceStart, i - pieceStart));
                    pieceStart = i;
                }
            }
            pieces.Add((pieceStart, end - pieceStart));
        }
        return pieces;
    }

    private static bool IsWidePiece(StyledText text, int start, int length) =>
        text.Measure(start, length) >= text.StyleAt(start).WideAdvance * 0.95 && !CjkText.IsWordChar(text.Text[start]);

    // ---- tables -----------------------------------------------------------------------------------

    /// <summary>
    /// A form: a document whose body is tables without a header row (label | what is filled in) and notes — an 审批表, a 回执, a
    /// 送达回证. A form is one page: where it does not fit as designed, its tables are set tighter (<see cref="Compose"/>).
    /// </summary>
    internal static bool IsForm(OfficialDocument document) =>
        document.Body.Any(b => b is DocumentTable t && t.Columns.All(c => c.Header.Length == 0))
        && document.Body.All(b => b is DocumentTable or NoteBlock);

    private void Table(DocumentTable table)
    {
        // Compaction: 12 pt type in rows of 1.5 lines → 10.5 pt (五号) in rows of 1.25, and at the tightest 9 pt (小五, the smallest
        // type forms of the standard's family use in table cells) in rows of 1.2, with less padding.
        var scale = _compaction switch { 0 => 1, 1 => 11.0 / 12, 2 => 10.5 / 12, 3 => 10.5 / 12, _ => 9.0 / 12 };
        var size = Math.Min(table.FontSize, table.FontSize * scale);
        var lineHeight = size * (_compaction switch { 0 => 1.5, 1 => 1.4, 2 => 1.35, 3 => 1.25, _ => 1.2 });
        var padX = size * 0.3;
        var padY = _compaction == 0 ? Math.Max(2, (P - lineHeight) / 2) : Math.Max(_compaction >= 4 ? 1.5 : 2, (P - lineHeight) / (2 + _compaction));
        var bodyStyle = new TextStyle(OfficialTypeface.Fang, size);
        var headStyle = new TextStyle(OfficialTypeface.Hei, size);
        var widths = ColumnWidths(table, bodyStyle, headStyle, 2 * padX);

        FlowItem Row(IReadOnlyList<string> cells, TextStyle style, bool header, FlowItem? repeatHeader)
        {
            var cellLines = new List<(StyledText Text, IReadOnlyList<TextLine> Lines)>();
            for (var c = 0; c < widths.Length; c++)
            {
                var text = new StyledText((cells[c], style));
                cellLines.Add((text, text.Break(Math.Max(widths[c] - 2 * padX, size))));
            }
            var rowHeight = cellLines.Max(c => c.Lines.Count) * lineHeight + 2 * padY;
            var ops = new List<DrawOp>();
            var x = Left;
            for (var c = 0; c < widths.Length; c++)
            {
                var alignment = header ? ParagraphAlignment.Center : table.Columns[c].Alignment switch
                {
                    CellAlignment.Center => ParagraphAlignment.Center,
                    CellAlignment.Right => ParagraphAlignment.Right,
                    _ => ParagraphAlignment.Left,
                };
                var (text, lines) = cellLines[c];
                // A cell is set ragged (from the left), never spread: its lines are short, and a label:value line ("承办人：…")
                // spread over a narrow column reads as letter-spaced.
                for (var l = 0; l < lines.Count; l++)
                    EmitLine(ops, text, lines[l], x + padX, widths[c] - 2 * padX, alignment, justify: false, lineHeight, padY + l * lineHeight);
                x += widths[c];
            }
            // Borders: top and bottom of the row, and every column edge.
            const double border = 0.75;
            ops.Add(new RuleOp(Left, 0, Left + Width, 0, border, TextColor.Black));
            ops.Add(new RuleOp(Left, rowHeight, Left + Width, rowHeight, border, TextColor.Black));
            x = Left;
            for (var c = 0; c <= widths.Length; c++)
            {
                ops.Add(new RuleOp(x, 0, x, rowHeight, border, TextColor.Black));
                if (c < widths.Length) x += widths[c];
            }
            return new FlowItem
            {
                Height = rowHeight,
                Ops = ops,
                Kind = header ? "table-header" : "table-row",
                KeepWithNext = header,
                RepeatHeader = repeatHeader,
            };
        }

        // A table without headers has no header row: an empty one stands in, so its rows still paginate as table rows; a form's
        // (IsForm) is the form's title marked （续）, for the page it continues on.
        var form = table.Columns.All(c => c.Header.Length == 0);
        var headerRow = !form ? Row([.. table.Columns.Select(c => c.Header)], headStyle, header: true, null)
            : _form ? ContinuationTitle() : new FlowItem { Height = 0, Kind = "table-header", KeepWithNext = true };
        if (!form) _items.Add(headerRow);
        var rows = table.Rows.Select(row => Row(row, bodyStyle, header: false, headerRow)).ToList();
        if (table.KeepTogether && rows.Count > 0)
        {
            // A signature block: one chain with what follows (the signature), moved whole with the lines before it.
            foreach (var row in rows) row.KeepWithNext = true;
            rows[0].KeepWithPrevious = 2;
        }
        _items.AddRange(rows);
    }

    /// <summary>The title of a form on the pages it continues on (e.g. 行政处罚决定审批表（续）), in 黑体, centred on its line.</summary>
    private FlowItem ContinuationTitle()
    {
        var style = new TextStyle(OfficialTypeface.Hei, 14);
        var text = new StyledText((_continuationTitle, style));
        var ops = new List<DrawOp>();
        var width = text.Measure(0, _continuationTitle.Length);
        EmitLine(ops, text, new TextLine(0, _continuationTitle.Length, width), Left + (Width - width) / 2, width, ParagraphAlignment.Left, justify: false, P, 0);
        return new FlowItem { Height = P, Ops = ops, Kind = "table-header", KeepWithNext = true };
    }

    /// <summary>Column widths: the table's proportions, except that a column whose labels or short values (up to
    /// <see cref="ShortCell"/> characters) would wrap ("文 / 号", "统一社会信用 / 代码") is widened to hold them on one line,
    /// taking the room from columns that have more than their own text needs.</summary>
    private static double[] ColumnWidths(DocumentTable table, TextStyle body, TextStyle head, double padding)
    {
        var total = table.Columns.Sum(c => c.Width);
        var widths = table.Columns.Select(c => Width * c.Width / total).ToArray();
        var need = new double[widths.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            need[c] = ShortWidth(table.Columns[c].Header, head);
            foreach (var row in table.Rows) need[c] = Math.Max(need[c], ShortWidth(row[c], body));
            need[c] = Math.Min(need[c] + padding, Width / 2);
        }
        var deficit = widths.Select((w, c) => Math.Max(0, need[c] - w)).Sum();
        var slack = widths.Select((w, c) => Math.Max(0, w - Math.Max(need[c], 2 * body.Size + padding))).Sum();
        if (deficit <= 0 || slack <= 0) return widths;
        var share = Math.Min(1, deficit / slack);
        var grown = new double[widths.Length];
        for (var c = 0; c < widths.Length; c++)
            grown[c] = widths[c] < need[c]
                ? widths[c] + (need[c] - widths[c]) * Math.Min(1, slack / deficit)
                : widths[c] - Math.Max(0, widths[c] - Math.Max(need[c], 2 * body.Size + padding)) * share;
        return grown;
    }

    private const int ShortCell = 10;

    /// <summary>The width a cell's text needs to stay on one line if it is short (a label, a code, a date); 0 otherwise.</summary>
    private static double ShortWidth(string text, TextStyle style) =>
        text.Length is > 0 and <= ShortCell && !text.Contains('\n') ? new StyledText((text, style)).Measure(0, text.Length) : 0;

    // ---- charts and notes -------------------------------------------------------------------------

    private void Charts(ChartBlock block)
    {
        var gap = Gbt9704.Mm(6);
        var height = Gbt9704.Mm(block.HeightMm);
        var width = (Width - gap * (block.Charts.Count - 1)) / block.Charts.Count;
        var ops = new List<DrawOp>();
        var padding = P / 4;
        for (var i = 0; i < block.Charts.Count; i++)
            ChartComposer.Draw(ops, block.Charts[i], Left + i * (width + gap), padding, width, height);
        _items.Add(new FlowItem { Height = height + 2 * padding, Ops = ops, Kind = "chart" });
    }

    private void Note(NoteBlock block)
    {
        var style = new TextStyle(OfficialTypeface.Fang, block.FontSize);
        AddLines(new StyledText((block.Text, style)), 0, 0, ParagraphAlignment.Justify, "note", lineHeight: block.FontSize * 1.5, onGrid: false);
    }

    // ---- attachments, signature, 版记 -------------------------------------------------------------

    private void Attachments(IReadOnlyList<string> attachments, bool signatureFollows)
    {
        if (attachments.Count == 0) return;
        _items.Add(FlowItem.Space(P));       // 正文下空一行
        const string label = "附件：";
        var labelWidth = new StyledText((label, _body)).Measure(0, label.Length);
        var lines = new List<FlowItem>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var number = attachments.Count > 1 ? $"{i + 1}." : "";
            var prefix = (i == 0 ? label : "") + number;
            var text = new StyledText((prefix, _body), (attachments[i], _body));
            var numberWidth = text.Measure(i == 0 ? label.Length : 0, number.Length);
            var first = 2 * _ch + (i == 0 ? 0 : labelWidth);
            var hang = 2 * _ch + labelWidth + numberWidth;   // continuation lines align with the name's first character
            // Not justified: spreading the line would move the name off the column its continuation aligns to.
            lines.AddRange(AddLines(text, first, hang, ParagraphAlignment.Left, "attachment", bodyText: false));
        }
        if (!signatureFollows) return;
        // The attachment list stays with the signature, and both take body lines along to a new page.
        foreach (var line in lines) line.KeepWithNext = true;
        lines[0].KeepWithPrevious = 2;
    }

    private void Signature(DocumentSignature signature)
    {
        if (!signature.SealRoom)
        {
            UnsealedSignature(signature);
            return;
        }
        // GB/T 9704-2012 7.3.5.1: two lines for the seal's upper part, then the authority centred over the date; the date
        // ends four characters from the right edge (右空四字). The seal, upright, covers both (居中下压署名和日期), centred on
        // the date, with them slightly below its centre; its top lies within one line of the body. It is painted beneath
        // the text. Without a seal image the same room stays free for the stamp applied by hand.
        var date = ChineseDate.Format(signature.Date);
        var dateText = new StyledText((date, TextStyle.Body));
        var nameText = new StyledText((signature.Authority, TextStyle.Body));
        var dateWidth = dateText.Measure(0, date.Length);
        var nameWidth = nameText.Measure(0, signature.Authority.Length);
        var dateRight = Left + Width - 4 * Gbt9704.CharAdvance;
        var dateX = dateRight - dateWidth;
        var center = dateX + dateWidth / 2;
        var nameX = Math.Min(center - nameWidth / 2, Left + Width - nameWidth);

        var ops = new List<DrawOp>();
        foreach (var line in nameText.Break(Width))
            EmitLine(ops, nameText, line, nameX, nameWidth, ParagraphAlignment.Left, justify: false, P, 2 * P);
        EmitLine(ops, dateText, new TextLine(0, date.Length, dateWidth), dateX, dateWidth, ParagraphAlignment.Left, justify: false, P, 3 * P);

        var diameter = Gbt9704.Mm(signature.SealDiameterMm);
        var sealCenterY = 3 * P - 0.25 * P;
        var sealTop = sealCenterY - diameter / 2;
        if (signature.SealImage is { Length: > 0 } image)
        {
            ops.Add(new ImageOp(center - diameter / 2, sealTop, diameter, diameter, image, Underlay: true));
        }
        else if (_sealPlaceholder)
        {
            ops.Add(new BoxOp(center - diameter / 2, sealTop, diameter, diameter, 0.75, TextColor.Gray, Dashed: true));
            const string label = "（印章）";
            var labelStyle = TextStyle.Small with { Color = TextColor.Gray };
            var labelText = new StyledText((label, labelStyle));
            var labelWidth = labelText.Measure(0, label.Length);
            EmitLine(ops, labelText, new TextLine(0, label.Length, labelWidth), center - labelWidth / 2, labelWidth,
                ParagraphAlignment.Left, justify: false, P, sealTop + 0.15 * P);
        }
        _items.Add(new FlowItem
        {
            Height = 4 * P,
            Ops = ops,
            OnGrid = true,
            KeepWithPrevious = 2,
            Overhang = Math.Max(0, sealTop + diameter - 4 * P),
            Kind = "signature",
        });
    }

    /// <summary>Each annex after the signature: "附件" (numbered when several) in 黑体 at the left, its title centred, the text in 五号.</summary>
    private void Annexes(IReadOnlyList<(string Title, string Text)> annexes)
    {
        for (var i = 0; i < annexes.Count; i++)
        {
            var (title, text) = annexes[i];
            _items.Add(FlowItem.Space(P));
            var label = annexes.Count > 1 ? $"附件{i + 1}" : "附件";
            var lines = AddLines(new StyledText((label, _heading1)), 0, 0, ParagraphAlignment.Left, "annex", bodyText: false);
            lines.AddRange(AddLines(new StyledText((title, _body)), 0, 0, ParagraphAlignment.Center, "annex", bodyText: false));
            foreach (var line in lines) line.KeepWithNext = true;
            Note(new NoteBlock(text, 10.5));
        }
    }

    /// <summary>
    /// GB/T 9704-2012 7.3.5.2, a document without a seal: one blank line, the authority two characters from the right edge, the date
    /// on the next line, its first character two characters right of the name's (or two characters from the edge where it is longer).
    /// </summary>
    private void UnsealedSignature(DocumentSignature signature)
    {
        var date = ChineseDate.Format(signature.Date);
        var dateText = new StyledText((date, TextStyle.Body));
        var nameText = new StyledText((signature.Authority, TextStyle.Body));
        var dateWidth = dateText.Measure(0, date.Length);
        var nameWidth = Math.Min(nameText.Measure(0, signature.Authority.Length), Width);
        var right = Left + Width - 2 * Gbt9704.CharAdvance;
        var nameX = Math.Max(Left, right - nameWidth);
        var dateX = Math.Min(nameX + 2 * Gbt9704.CharAdvance, right - dateWidth);
        var ops = new List<DrawOp>();
        foreach (var line in nameText.Break(Width))
            EmitLine(ops, nameText, line, nameX, nameWidth, ParagraphAlignment.Left, justify: false, P, P);
        EmitLine(ops, dateText, new TextLine(0, date.Length, dateWidth), dateX, dateWidth, ParagraphAlignment.Left, justify: false, P, 2 * P);
        _items.Add(new FlowItem { Height = 3 * P, Ops = ops, OnGrid = true, KeepWithPrevious = 2, Kind = "signature" });
    }

    private void Imprint(OfficialDocument document)
    {
        var copyTo = document.CopyToRecipients;
        if (copyTo.Count == 0 && document.Printing is null) return;
        var style = TextStyle.Small;
        var ch = style.Size;                                        // one 4号 character
        var ops = new List<DrawOp>();
        double y = 0;
        var rules = new List<(double Y, double Thickness)> { (0, Gbt9704.ThickRule) };
        if (copyTo.Count > 0)
        {
            var label = "抄送：";
            var list = string.Join("，", copyTo);
            if (!list.EndsWith('。')) list += "。";
            var text = new StyledText((label, style), (list, style));
            var hang = text.Measure(0, label.Length);
            var lines = text.Break(Width - 2 * ch - hang, Width - 2 * ch);
            for (var i = 0; i < lines.Count; i++)
            {
                var x = Left + ch + (i == 0 ? 0 : hang);
                var width = Width - 2 * ch - (i == 0 ? 0 : hang);
                EmitLine(ops, text, lines[i], x, width, ParagraphAlignment.Justify, justify: i < lines.Count - 1, P, y);
                y += P;
            }
            rules.Add((y, document.Printing is null ? Gbt9704.ThickRule : Gbt9704.ThinRule));
        }
        if (document.Printing is { } printing)
        {
            var printer = new StyledText((printing.Printer, style));
            EmitLine(ops, printer, new TextLine(0, printing.Printer.Length, printer.Measure(0, printing.Printer.Length)),
                Left + ch, Width / 2, ParagraphAlignment.Left, justify: false, P, y);
            var dateText = ChineseDate.Format(printing.Date) + "印发";
            var date = new StyledText((dateText, style));
            var dateWidth = date.Measure(0, dateText.Length);
            EmitLine(ops, date, new TextLine(0, dateText.Length, dateWidth), Left + Width - ch - dateWidth, dateWidth,
                ParagraphAlignment.Left, justify: false, P, y);
            y += P;
            rules.Add((y, Gbt9704.ThickRule));
        }
        foreach (var (ruleY, thickness) in rules)
            ops.Add(new RuleOp(Left, ruleY, Left + Width, ruleY, thickness, TextColor.Black));
        _items.Add(new FlowItem { Height = y, Ops = ops, AtPageBottom = true, Kind = "imprint" });
    }
}
