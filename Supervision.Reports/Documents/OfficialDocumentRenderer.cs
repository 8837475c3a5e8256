using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Supervision.Reports.Documents.Layout;

namespace Supervision.Reports.Documents;

/// <summary>Options for rendering an official document.</summary>
public sealed record OfficialDocumentOptions
{
    /// <summary>Draw a light dashed box labelled （印章） where the seal goes when no seal image is given (previews only).</summary>
    public bool ShowSealPlaceholder { get; init; }

    /// <summary>The verification code and QR code printed in the bottom margin of every page (issued documents).</summary>
    public DocumentVerificationMark? Verification { get; init; }

    public static OfficialDocumentOptions Default { get; } = new();
}

/// <summary>Renders <see cref="OfficialDocument"/>s to PDF (A4, GB/T 9704-2012 layout, fonts embedded as subsets).
/// Thread-safe. Each font face is loaded when the first document set in it is rendered, and shared by every document after
/// it: a node that renders no document holds none of the faces (21 MB of font files, ~50 MB once PDFsharp has parsed them).</summary>
public static class OfficialDocumentRenderer
{
    public static byte[] Render(OfficialDocument document, OfficialDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var pages = Layout(document, options ?? OfficialDocumentOptions.Default);
        LastLayout = pages;
        // PDFsharp writes content streams and font subsets uncompressed into a buffer reused by this thread;
        // the compressor shrinks the fonts and compresses with the runtime's zlib (several times faster than
        // PDFsharp's managed deflater). If it cannot read the file, PDFsharp compresses it itself.
        var raw = RawBuffer ??= new MemoryStream(1 << 21);
        raw.SetLength(0);
        Paint(document, pages, pdfsharpCompresses: false, raw);
        var compressed = PdfStreamCompressor.Compress(raw.GetBuffer().AsSpan(0, (int)raw.Length), PlatformName);
        if (compressed is null)
        {
            raw.SetLength(0);
            Paint(document, pages, pdfsharpCompresses: true, raw);
            compressed = raw.ToArray();
        }
        if (raw.Capacity > MaxKeptBuffer) RawBuffer = null;   // a huge document does not pin its buffer to the thread
        return compressed;
    }

    private const int MaxKeptBuffer = 8 << 20;

    /// <summary>The pages of the last document this thread rendered, as laid out (the layout tests read what each line is).</summary>
    [ThreadStatic]
    internal static List<LaidOutPage>? LastLayout;

    [ThreadStatic]
    private static MemoryStream? RawBuffer;

    public static void Render(OfficialDocument document, Stream output, OfficialDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(document, options));
    }

    /// <summary>The closest the body's characters are set to keep the signature with its text: 30 a line (about 7% closer than 28).</summary>
    internal const int MaxCharactersPerLine = 30;

    /// <summary>The pages with everything placed on them (absolute coordinates), before painting.</summary>
    /// <param name="maxCharactersPerLine">How close the body's characters may be set (28: never closer, as before 7.3.5.4's 字距 step).</param>
    internal static List<LaidOutPage> Layout(OfficialDocument document, OfficialDocumentOptions options, int maxCharactersPerLine = MaxCharactersPerLine)
    {
        OfficialFonts.EnsureRegistered();
        var foot = document.PageFoot.Count * Gbt9704.LinePitch;
        var pages = Paginator.Paginate(DocumentComposer.Compose(document, options.ShowSealPlaceholder), out var pushed, foot);
        // GB/T 9704 7.3.5.4 (调整行距、字距): where the line pitch alone cannot keep the signature with its text, the body's
        // characters are set closer as well (29, then 30 a line), rather than body lines moving with the signature and leaving
        // the page before them short.
        for (var characters = Gbt9704.CharactersPerLine + 1; pushed && characters <= maxCharactersPerLine; characters++)
        {
            var condensed = Paginator.Paginate(DocumentComposer.Compose(document, options.ShowSealPlaceholder, characters), out pushed, foot);
            if (!pushed) pages = condensed;
        }
        // A form is one page: set its tables tighter, step by step, until it holds on one (else the tightest setting, whose
        // continuation repeats the form's title).
        if (FormLength(pages) > 1 && DocumentComposer.IsForm(document))
        {
            for (var compaction = 1; compaction <= DocumentComposer.MaxCompaction && FormLength(pages) > 1; compaction++)
                pages = Paginator.Paginate(DocumentComposer.Compose(document, options.ShowSealPlaceholder, compaction: compaction), out _, foot);
        }
        foreach (var page in pages)
        {
            page.Ops.AddRange(PageFoot(document.PageFoot));
            page.Ops.AddRange(BottomMargin(page, pages.Count, document.NumberedOfTotal, options));
        }
        return pages;
    }

    /// <summary>The lines signed on every page, at the foot of the text block under a thin rule, each on a body line of the grid.</summary>
    private static IEnumerable<DrawOp> PageFoot(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) yield break;
        var top = Gbt9704.BlockBottom - lines.Count * Gbt9704.LinePitch;
        yield return new RuleOp(Gbt9704.BlockLeft, top, Gbt9704.BlockRight, top, 0.5, TextColor.Black);
        var style = TextStyle.Small;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = new StyledText((lines[i], style));
            var ops = new List<DrawOp>();
            DocumentComposer.EmitLine(ops, text, new TextLine(0, lines[i].Length, text.Measure(0, lines[i].Length)), Gbt9704.BlockLeft, Gbt9704.BlockWidth,
                ParagraphAlignment.Left, justify: false, Gbt9704.LinePitch, top + i * Gbt9704.LinePitch);
            foreach (var op in ops) yield return op;
        }
    }

    /// <summary>The pages a form takes up to its signature (an annex after it, such as a receipt's list of cells, does not count).</summary>
    private static int FormLength(List<LaidOutPage> pages) =>
        pages.FirstOrDefault(p => p.Items.Any(i => i.Item.Kind == "signature"))?.Number ?? pages.Count;

    /// <summary>Whether a form holds on one page up to its signature, set as tight as <see cref="Layout"/> may set it.</summary>
    internal static bool FormFitsOnePage(OfficialDocument document, OfficialDocumentOptions? options = null) =>
        FormLength(Layout(document, options ?? OfficialDocumentOptions.Default)) == 1;

    /// <summary>What each page carries below the text block (the one place that draws there): the page number and, on an issued document, its verification mark.</summary>
    private static IEnumerable<DrawOp> BottomMargin(LaidOutPage page, int pages, bool ofTotal, OfficialDocumentOptions options) =>
        options.Verification is { } mark ? PageNumber(page.Number, pages, ofTotal).Concat(VerificationMark.Ops(mark, page.Number)) : PageNumber(page.Number, pages, ofTotal);

    /// <summary>"— N —" in 4号 Song (or "第N页 共M页" on a record signed page by page), 7 mm below the text block; odd pages right,
    /// even pages left, one character in.</summary>
    private static IEnumerable<DrawOp> PageNumber(int number, int pages, bool ofTotal)
    {
        var style = TextStyle.PageNumber;
        var label = ofTotal ? $"第{number}页 共{pages}页" : $"— {number} —";
        var text = new StyledText((label, style));
        var width = text.Measure(0, label.Length);
        var x = number % 2 == 1 ? Gbt9704.BlockRight - style.Size - width : Gbt9704.BlockLeft + style.Size;
        // The dash sits about a third of an em above the baseline.
        var baseline = Gbt9704.BlockBottom + Gbt9704.PageNumberGap + style.Size * 0.32;
        yield return new TextOp(x, baseline, label, FontFace.Song, style.Size, false, TextColor.Black);
    }

    /// <summary>The application named in the PDF's Creator and Producer.</summary>
    public const string PlatformName = "电信监管平台";

    private static void Paint(OfficialDocument document, List<LaidOutPage> pages, bool pdfsharpCompresses, MemoryStream output)
    {
        using var pdf = new PdfDocument();
        pdf.Options.NoCompression = !pdfsharpCompresses;
        pdf.Options.CompressContentStreams = pdfsharpCompresses;
        pdf.Info.Title = document.Title.Replace('\n', ' ');
        if (document.DocumentNumber is { } number) pdf.Info.Subject = number;
        if ((document.Signature?.Authority ?? document.IssuingAuthorityMark) is { } author) pdf.Info.Author = author;
        // The platform made it, under the administration's name (Author); PDFsharp writes its own name as Producer, which the
        // compressor replaces with the platform's (PdfStreamCompressor.Compress).
        pdf.Info.Creator = PlatformName;
        pdf.Info.Elements.SetString("/Producer", PlatformName);

        var fonts = new Dictionary<(FontFace, double, bool), XFont>();
        var brushes = new Dictionary<TextColor, XBrush>();
        var images = new Dictionary<byte[], XImage>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var laidOut in pages)
            {
                var page = pdf.AddPage();
                page.Width = XUnit.FromPoint(Gbt9704.PageWidth);
                page.Height = XUnit.FromPoint(Gbt9704.PageHeight);
                using var gfx = XGraphics.FromPdfPage(page);
                // Underlays (the seal) first, so that every text and rule of the page is drawn over them.
                foreach (var op in laidOut.Ops.Where(o => o is ImageOp { Underlay: true }).Concat(laidOut.Ops.Where(o => o is not ImageOp { Underlay: true })))
                {
                    switch (op)
                    {
                        case TextOp t:
                            var key = (t.Face, t.Size, t.Bold);
                            if (!fonts.TryGetValue(key, out var font))
                                fonts[key] = font = OfficialFonts.CreateFont(t.Face, t.Size, t.Bold);
                            if (!brushes.TryGetValue(t.Color, out var brush))
                                brushes[t.Color] = brush = new XSolidBrush(t.Color.ToXColor());
                            gfx.DrawString(t.Text, font, brush, t.X, t.Baseline);
                            break;
                        case RuleOp r:
                            gfx.DrawLine(new XPen(r.Color.ToXColor(), r.Thickness), r.X1, r.Y1, r.X2, r.Y2);
                            break;
                        case BoxOp b:
                            var pen = new XPen(b.Color.ToXColor(), b.Thickness) { DashStyle = b.Dashed ? XDashStyle.Dash : XDashStyle.Solid };
                            gfx.DrawRectangle(pen, b.X, b.Y, b.Width, b.Height);
                            break;
                        case FillOp f:
                            gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(f.Color.R, f.Color.G, f.Color.B)), f.X, f.Y, f.Width, f.Height);
                            break;
                        case PolylineOp l:
                            var line = new XPen(XColor.FromArgb(l.Color.R, l.Color.G, l.Color.B), l.Thickness)
                            {
                                DashStyle = l.Dashed ? XDashStyle.Dash : XDashStyle.Solid, LineJoin = XLineJoin.Round, LineCap = XLineCap.Round,
                            };
                            gfx.DrawLines(line, [.. l.Points.Select(p => new XPoint(p.X, p.Y))]);
                            break;
                        case DotOp d:
                            gfx.DrawEllipse(new XSolidBrush(XColor.FromArgb(d.Color.R, d.Color.G, d.Color.B)), d.X - d.Radius, d.Y - d.Radius, 2 * d.Radius, 2 * d.Radius);
                            break;
                        case ImageOp i:
                            if (!images.TryGetValue(i.Image, out var image))
                                images[i.Image] = image = XImage.FromStream(new MemoryStream(i.Image, writable: false));
                            gfx.DrawImage(image, i.X, i.Y, i.Width, i.Height);
                            break;
                    }
                }
            }
            pdf.Save(output, closeStream: false);
        }
        finally
        {
            foreach (var image in images.Values) image.Dispose();
        }
    }
}
