using System.Buffers.Binary;
using System.Text;
using Supervision.Reports.Documents;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Supervision.Tests.Reports.Documents;

public class FontEmbeddingTests
{
    private static readonly Lazy<byte[]> Pdf = new(() => OfficialDocumentRenderer.Render(SampleDecision.Build()));

    [Fact]
    public void Every_font_is_an_embedded_truetype_subset()
    {
        var fonts = PdfReading.EmbeddedFonts(Pdf.Value);
        // 仿宋 (body), 小标宋 (title), 黑体 (一、), 楷体 (（一）), 宋体 (page numbers): the GB 2312 faces; no character needs
        // the complete Song face.
        Assert.Equal(5, fonts.Count);
        Assert.Contains(fonts, f => f.FontName.Contains("+FandolFang", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.FontName.Contains("+Noto Serif CJK SC", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.FontName.Contains("+FandolKai", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.FontName.EndsWith("+WenQuanYi Micro Hei GB2312", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.FontName.EndsWith("+AR PL UMing CN GB2312", StringComparison.Ordinal));
        foreach (var (name, program) in fonts)
        {
            Assert.Matches("^[A-Z]{6}\\+", name);              // subset tag ABCDEF+
            Assert.NotNull(program);                           // FontFile2 present
            Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(program));   // TrueType outlines
        }
    }

    [Fact]
    public void Letters_name_their_subset_fonts()
    {
        using var document = PdfPigDocument.Open(Pdf.Value);
        var names = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches("^[A-Z]{6}\\+", n));
    }

    [Fact]
    public void Subsets_carry_only_the_glyphs_used_and_no_metrics_for_the_rest()
    {
        foreach (var (name, program) in PdfReading.EmbeddedFonts(Pdf.Value))
        {
            var font = program!;
            var (glyphs, present) = GlyphCounts(font, out var blankMetricsOfAbsent);
            Assert.True(present < 1000, $"{name}: {present} of {glyphs} glyphs have outlines");
            Assert.True(blankMetricsOfAbsent, $"{name}: absent glyphs still carry metrics");
            Assert.True(font.Length < 1_200_000, $"{name}: {font.Length} bytes");
        }
    }

    [Fact]
    public void Fonts_are_loaded_once_per_process()
    {
        // However many documents are rendered, each of the six font files is read at most once (the complete
        // Song face only when some document needs a character the reduced faces lack; other tests may).
        for (var i = 0; i < 4; i++)
        {
            OfficialDocumentRenderer.Render(SampleDecision.Build());
            OfficialDocumentRenderer.Render(SampleNotice.Build());
        }
        Assert.InRange(OfficialFonts.Resolver.Loads, 5, 6);
    }

    [Fact]
    public void The_resolver_serves_the_bundled_faces_and_the_body_face_for_unknown_families()
    {
        var resolver = new OfficialFontResolver();
        foreach (var family in new[] { "Official Fang", "Official Title", "Official Kai", "Official Hei", "Official Song", "Official Song Complete" })
        {
            Assert.Equal(family, resolver.ResolveTypeface(family, false, false)!.FaceName);
            var bytes = resolver.GetFont(family)!;
            Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(bytes));   // a single TrueType face, not 'ttcf' or 'OTTO'
            Assert.Same(bytes, resolver.GetFont(family));
        }
        Assert.Equal("Official Fang", resolver.ResolveTypeface("Arial", false, false)!.FaceName);
        Assert.Null(resolver.GetFont("missing"));
    }

    [Fact]
    public void Licences_travel_with_the_fonts()
    {
        var names = typeof(OfficialFontResolver).Assembly.GetManifestResourceNames();
        Assert.Contains("Supervision.Reports.Fonts.ARPHICPL.TXT", names);
        Assert.Contains("Supervision.Reports.Fonts.Apache-2.0.txt", names);
        Assert.Contains("Supervision.Reports.Fonts.uming-cn.copyright.txt", names);
        Assert.Contains("Supervision.Reports.Fonts.wqy-microhei.copyright.txt", names);
        Assert.Contains("Supervision.Reports.Fonts.GPL-3.txt", names);
        Assert.Contains("Supervision.Reports.Fonts.GPL-font-exception.txt", names);
        Assert.Contains("Supervision.Reports.Fonts.fandol.README.txt", names);
        Assert.Contains("Supervision.Reports.Fonts.noto-cjk.copyright.txt", names);
    }

    /// <summary>Glyph count, glyphs with outlines, and whether every glyph without an outline has zero metrics.</summary>
    private static (int Glyphs, int Present) GlyphCounts(byte[] font, out bool blankMetricsOfAbsent)
    {
        var tables = new Dictionary<string, int>();
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
            tables[Encoding.ASCII.GetString(font, 12 + 16 * i, 4)] = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + 16 * i + 8));
        var glyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"] + 4));
        var metrics = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["hhea"] + 34));
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(tables["head"] + 50)) == 1;
        long Location(int g) => longLoca
            ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["loca"] + 4 * g))
            : 2L * BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["loca"] + 2 * g));
        var present = 0;
        blankMetricsOfAbsent = true;
        for (var g = 0; g < glyphs; g++)
        {
            if (Location(g) != Location(g + 1)) { present++; continue; }
            if (g == 0) continue;
            var hmtx = tables["hmtx"];
            var value = g < metrics
                ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(hmtx + 4 * g))
                : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hmtx + 4 * metrics + 2 * (g - metrics)));
            if (value != 0) blankMetricsOfAbsent = false;
        }
        return (glyphs, present);
    }
}

public class PdfStreamCompressorTests
{
    [Fact]
    public void Leaves_files_it_cannot_read_to_the_caller()
    {
        Assert.Null(PdfStreamCompressor.Compress("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8.ToArray()));
        Assert.Null(PdfStreamCompressor.Compress("not a pdf"u8.ToArray()));
        // A cross-reference stream instead of a table.
        Assert.Null(PdfStreamCompressor.Compress("%PDF-1.7\n1 0 obj\n<</Type/XRef>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"u8.ToArray()));
    }

    [Fact]
    public void Compresses_every_unfiltered_stream_but_the_metadata()
    {
        var pdf = OfficialDocumentRenderer.Render(SampleNotice.Build());
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var streams = System.Text.RegularExpressions.Regex.Matches(text, @"<<([^<>]|<<[^<>]*>>)*>>\s*stream");
        Assert.NotEmpty(streams);
        foreach (System.Text.RegularExpressions.Match stream in streams)
            Assert.True(stream.Value.Contains("/FlateDecode", StringComparison.Ordinal) || stream.Value.Contains("/Metadata", StringComparison.Ordinal), stream.Value);
        // The cross-reference table points at the objects.
        var xref = int.Parse(text[(text.LastIndexOf("startxref", StringComparison.Ordinal) + 10)..].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref", text[xref..]);
        var entries = text[xref..].Split('\n').Skip(2).TakeWhile(l => l.Length == 19 || l.EndsWith(" n ", StringComparison.Ordinal) || l.EndsWith(" f ", StringComparison.Ordinal)).ToList();
        for (var i = 1; i < entries.Count; i++)
        {
            var offset = int.Parse(entries[i][..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i} 0 obj", text[offset..]);
        }
    }
}
