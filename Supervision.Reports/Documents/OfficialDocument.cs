namespace Supervision.Reports.Documents;

/// <summary>
/// An official document (公文) laid out per GB/T 9704-2012, built with a fluent API and rendered to PDF by
/// <see cref="OfficialDocumentRenderer"/>. Elements appear in the order of the standard: 版头 (issuing
/// authority mark, document number, red rule), title, body blocks in the order added, attachment list,
/// signature with date and seal, and the 版记 at the foot of the last page.
/// </summary>
/// <example>
/// <code>
/// var pdf = OfficialDocumentRenderer.Render(new OfficialDocument("宁夏回族自治区通信管理局\n行政处罚决定书")
///     .Number("宁通管罚〔2026〕3号")
///     .Field("当事人", "……")
///     .Heading("违法事实和证据")
///     .Paragraph("经查，……")
///     .SignedBy("宁夏回族自治区通信管理局", new DateOnly(2026, 11, 28)));
/// </code>
/// </example>
public sealed class OfficialDocument(string title)
{
    private readonly List<DocumentBlock> _body = [];
    private readonly List<string> _attachments = [];
    private readonly List<string> _copyTo = [];
    private int _headings;
    private int _subHeadings;

    /// <summary>标题; a line feed forces a line break (e.g. authority name and document kind on two lines).</summary>
    public string Title { get; } = string.IsNullOrWhiteSpace(title) ? throw new ArgumentException("A document needs a title.", nameof(title)) : title;

    /// <summary>发文机关标志 (optional): printed red at the head of the first page, with the document number
    /// centered two lines below it and a red rule under the number. Without it the number is set right-aligned
    /// under the title, as letters (信函格式) and enforcement documents do.</summary>
    public string? IssuingAuthorityMark { get; private set; }

    /// <summary>发文字号, e.g. 宁通管罚〔2026〕3号 (see <see cref="Supervision.Domain.Documents.DocumentNumber"/>).</summary>
    public string? DocumentNumber { get; private set; }

    public IReadOnlyList<DocumentBlock> Body => _body;

    /// <summary>附件说明: attachment names, numbered when there are several.</summary>
    public IReadOnlyList<string> Attachments => _attachments;

    /// <summary>发文机关署名, 成文日期 and seal.</summary>
    public DocumentSignature? Signature { get; private set; }

    /// <summary>版记: 抄送机关.</summary>
    public IReadOnlyList<string> CopyToRecipients => _copyTo;

    /// <summary>版记: 印发机关 and 印发日期.</summary>
    public (string Printer, DateOnly Date)? Printing { get; private set; }

    public OfficialDocument AuthorityMark(string mark)
    {
        IssuingAuthorityMark = Required(mark, nameof(mark));
        return this;
    }

    public OfficialDocument Number(string documentNumber)
    {
        DocumentNumber = Required(documentNumber, nameof(documentNumber));
        return this;
    }

    /// <summary>主送机关 or addressee: flush left, followed by a full-width colon.</summary>
    public OfficialDocument Addressee(string addressee) => Add(new AddresseeBlock(Required(addressee, nameof(addressee))));

    /// <summary>A labelled line such as 当事人：…; consecutive fields form one block, continuation lines hang after the label.</summary>
    public OfficialDocument Field(string label, string value) => Add(new FieldBlock(Required(label, nameof(label)), value ?? ""));

    /// <summary>A body paragraph: first line indented two characters, lines justified.</summary>
    public OfficialDocument Paragraph(string text) => Add(new ParagraphBlock(text ?? "", ParagraphAlignment.Justify, FirstLineIndent: true));

    /// <summary>A line or paragraph without indent, aligned as given (e.g. a centered table caption).</summary>
    public OfficialDocument Line(string text, ParagraphAlignment alignment) => Add(new ParagraphBlock(text ?? "", alignment, FirstLineIndent: false));

    /// <summary>A level-1 heading, numbered 一、二、… in 黑体; <paramref name="runIn"/> continues the same paragraph in body type.</summary>
    public OfficialDocument Heading(string text, string? runIn = null)
    {
        _headings++;
        _subHeadings = 0;
        return Add(new HeadingBlock(1, ChineseNumerals.Heading1(_headings), Required(text, nameof(text)), runIn));
    }

    /// <summary>A level-2 heading, numbered （一）（二）… in 楷体 (restarting after each level-1 heading).</summary>
    public OfficialDocument SubHeading(string text, string? runIn = null)
    {
        _subHeadings++;
        return Add(new HeadingBlock(2, ChineseNumerals.Heading2(_subHeadings), Required(text, nameof(text)), runIn));
    }

    /// <summary>A table across the text block; its header row repeats on every page it spans.</summary>
    public OfficialDocument Table(DocumentTable table) => Add(table ?? throw new ArgumentNullException(nameof(table)));

    /// <summary>Charts side by side across the text block, <paramref name="heightMm"/> tall, drawn as vector graphics.</summary>
    public OfficialDocument Charts(double heightMm, params DocumentChart[] charts)
    {
        if (charts is null || charts.Length == 0) throw new ArgumentException("A chart block needs at least one chart.", nameof(charts));
        ArgumentOutOfRangeException.ThrowIfLessThan(heightMm, 20);
        return Add(new ChartBlock(charts, heightMm));
    }

    /// <summary>A note in smaller type (default 五号, 10.5 pt), justified, off the line grid: a method, a source, a footnote.</summary>
    public OfficialDocument Note(string text, double fontSize = 10.5) => Add(new NoteBlock(text ?? "", fontSize));

    public OfficialDocument Attachment(string name)
    {
        _attachments.Add(Required(name, nameof(name)));
        return this;
    }

    private readonly List<(string Title, string Text)> _annexes = [];

    /// <summary>附件 set after the signature (GB/T 9704 8.1): "附件" and its number at the top left, the title centred, the text in
    /// smaller type. Its name is listed in the 附件说明 (<see cref="Attachment"/>) as well.</summary>
    public OfficialDocument Annex(string title, string text)
    {
        _attachments.Add(Required(title, nameof(title)));
        _annexes.Add((title.Trim(), text ?? ""));
        return this;
    }

    /// <summary>The annexes' titles and texts, in order.</summary>
    public IReadOnlyList<(string Title, string Text)> Annexes => _annexes;

    /// <summary>Authority name and date (成文日期), and the seal image (PNG or JPEG) if the caller has one.</summary>
    /// <param name="sealRoom">False for a document that carries no seal (an internal form, a receipt): the name and date are set as
    /// GB/T 9704 7.3.5.2 sets an unsealed document's, with no room kept for a stamp.</param>
    public OfficialDocument SignedBy(string authority, DateOnly date, byte[]? sealImage = null, bool sealRoom = true)
    {
        Signature = new DocumentSignature(Required(authority, nameof(authority)), date, sealImage) { SealRoom = sealRoom || sealImage is not null };
        return this;
    }

    /// <summary>版记 抄送机关 (the last one gets a full stop).</summary>
    public OfficialDocument CopyTo(params string[] recipients)
    {
        _copyTo.AddRange(recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()));
        return this;
    }

    /// <summary>版记 印发机关 and 印发日期.</summary>
    public OfficialDocument PrintedBy(string printer, DateOnly date)
    {
        Printing = (Required(printer, nameof(printer)), date);
        return this;
    }

    /// <summary>Lines set at the foot of every page, inside the text block (a record the parties sign page by page: 被检查单位签名、
    /// 执法人员签名); the body keeps clear of them.</summary>
    public IReadOnlyList<string> PageFoot { get; private set; } = [];

    /// <summary>Whether pages are numbered "第X页 共X页" (a record whose every page is signed) rather than "— X —".</summary>
    public bool NumberedOfTotal { get; private set; }

    /// <summary>Every page carries <paramref name="lines"/> at its foot and is numbered 第X页 共X页.</summary>
    public OfficialDocument SignedOnEveryPage(params string[] lines)
    {
        if (lines is null || lines.Length == 0) throw new ArgumentException("A page foot needs a line.", nameof(lines));
        PageFoot = [.. lines.Select(l => Required(l, nameof(lines)))];
        NumberedOfTotal = true;
        return this;
    }

    private OfficialDocument Add(DocumentBlock block)
    {
        _body.Add(block);
        return this;
    }

    private static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A value is required.", name) : value.Trim();
}

/// <summary>Signature block: 发文机关署名, 成文日期, and optionally the seal image drawn over them.</summary>
/// <param name="SealImage">PNG (with transparency) or JPEG bytes of the seal; null to leave the seal area empty.</param>
/// <param name="SealDiameterMm">Printed diameter of the seal (provincial departments commonly use 42 mm).</param>
public sealed record DocumentSignature(string Authority, DateOnly Date, byte[]? SealImage = null, double SealDiameterMm = 42)
{
    /// <summary>Whether room is kept for the seal (stamped by hand where no image is given); false for documents that carry none.</summary>
    public bool SealRoom { get; init; } = true;
}

public enum ParagraphAlignment
{
    Justify,
    Left,
    Center,
    Right,
}

/// <summary>A block of the body, in document order.</summary>
public abstract record DocumentBlock;

public sealed record AddresseeBlock(string Text) : DocumentBlock;

public sealed record FieldBlock(string Label, string Value) : DocumentBlock;

public sealed record ParagraphBlock(string Text, ParagraphAlignment Alignment, bool FirstLineIndent) : DocumentBlock;

public sealed record HeadingBlock(int Level, string Number, string Text, string? RunIn) : DocumentBlock;

public enum CellAlignment
{
    Left,
    Center,
    Right,
}

/// <summary>A table column: header text, relative width, and how cells are aligned.</summary>
public sealed record TableColumn(string Header, double Width = 1, CellAlignment Alignment = CellAlignment.Left);

/// <summary>A table spanning the text block. Cells wrap; rows do not split across pages unless taller than a page;
/// the header row repeats at the top of each page the table continues on.</summary>
public sealed record DocumentTable : DocumentBlock
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    public DocumentTable(params TableColumn[] columns)
    {
        if (columns is null || columns.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        if (columns.Any(c => c.Width <= 0)) throw new ArgumentException("Column widths must be positive.", nameof(columns));
        Columns = columns;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Font size of the cells in points; 4号 (14 pt) by default.</summary>
    public double FontSize { get; init; } = 14;

    /// <summary>A block that is never split (the lines where the inspectors and the party's representative sign): its rows stay on one
    /// page with the two lines of text before them and with the signature after them; where they do not fit, they move to the next
    /// page whole, taking those lines along.</summary>
    public bool KeepTogether { get; init; }

    public DocumentTable AddRow(params string[] cells)
    {
        if (cells.Length > Columns.Count) throw new ArgumentException($"The row has {cells.Length} cells but the table {Columns.Count} columns.", nameof(cells));
        _rows.Add([.. cells.Select(c => c ?? ""), .. Enumerable.Repeat("", Columns.Count - cells.Length)]);
        return this;
    }
}

public sealed record NoteBlock(string Text, double FontSize) : DocumentBlock;

public enum ChartKind
{
    /// <summary>Horizontal bars, one row per category (names read left of the bars): rankings.</summary>
    Bars,
    /// <summary>Lines over the categories along the horizontal axis: trends over months.</summary>
    Lines,
}

/// <summary>An RGB colour of a chart series or reference line.</summary>
public readonly record struct ChartColor(byte R, byte G, byte B)
{
    public static ChartColor Hex(string hex)
    {
        var h = hex.TrimStart('#');
        if (h.Length != 6) throw new ArgumentException("Colours are written #rrggbb.", nameof(hex));
        return new(Convert.ToByte(h[..2], 16), Convert.ToByte(h[2..4], 16), Convert.ToByte(h[4..], 16));
    }

    /// <summary>The portal's palette: deep blue first, red kept for targets and warnings.</summary>
    public static readonly IReadOnlyList<ChartColor> Palette =
        [Hex("#0d3c7a"), Hex("#3d8fd1"), Hex("#2e7d32"), Hex("#b7791f"), Hex("#6a4c93"), Hex("#00838f"), Hex("#8d6e63"), Hex("#5b6b7f")];

    public static readonly ChartColor Target = Hex("#b71c1c");
    public static readonly ChartColor Pass = Hex("#e09200");
    public static readonly ChartColor Grid = Hex("#d5dbe3");
}

/// <summary>One series: a legend name, one value per category (null: nothing to draw, e.g. not reported) and its colour.</summary>
public sealed record ChartSeriesData(string Name, IReadOnlyList<double?> Values, ChartColor Color)
{
    /// <summary>Drawn heavier (an aggregate such as 全省 among its companies).</summary>
    public bool Emphasis { get; init; }
}

/// <summary>A reference value across the plot (a target), dashed and labelled.</summary>
public sealed record ChartReference(string Label, double Value, ChartColor Color);

/// <summary>A chart of a <see cref="ChartBlock"/>: title, categories, series, optional references and value range.</summary>
public sealed record DocumentChart(string Title, ChartKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeriesData> Series)
{
    public IReadOnlyList<ChartReference> References { get; init; } = [];
    /// <summary>Axis range; taken from the data (and references) when not given.</summary>
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    /// <summary>.NET format of axis and value labels.</summary>
    public string ValueFormat { get; init; } = "0.##";
    /// <summary>Shown where a bar has no value.</summary>
    public string MissingLabel { get; init; } = "无数据";
}

/// <summary>A row of charts across the text block; it is never split across pages.</summary>
public sealed record ChartBlock(IReadOnlyList<DocumentChart> Charts, double HeightMm) : DocumentBlock;

/// <summary>Numbering of GB/T 9704 heading levels: 一、 and （一）.</summary>
public static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九.</summary>
    public static string Of(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        if (n < 10) return Digits[n].ToString();
        var tens = n / 10;
        var units = n % 10;
        return (tens == 1 ? "" : Digits[tens].ToString()) + "十" + (units == 0 ? "" : Digits[units].ToString());
    }

    public static string Heading1(int n) => Of(n) + "、";

    public static string Heading2(int n) => "（" + Of(n) + "）";
}
