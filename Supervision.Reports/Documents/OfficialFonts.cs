using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Supervision.Reports.Documents;

/// <summary>The typefaces of an official document (GB/T 9704-2012 names the styles; open fonts stand in).</summary>
public enum OfficialTypeface
{
    /// <summary>宋体/仿宋 substitute: AR PL UMing CN. Body, title (bold-simulated for 小标宋), page numbers, tables.</summary>
    Song,
    /// <summary>楷体: AR PL UKai CN. Level-2 headings "（一）".</summary>
    Kai,
    /// <summary>黑体: WenQuanYi Micro Hei. Level-1 headings "一、", table headers.</summary>
    Hei,
}

/// <summary>
/// The font files behind the typefaces. Song, Kai and Hei carry the GB 2312 repertoire (plus ASCII and common
/// symbols): PDFsharp copies a font's whole glyph index (loca, hmtx) into every subset, so small fonts keep each
/// document cheap. Any character they lack is set in <see cref="SongComplete"/>, the whole AR PL UMing CN face.
/// </summary>
internal enum FontFace
{
    Song,
    Kai,
    Hei,
    SongComplete,
}

/// <summary>
/// Serves the fonts embedded in this assembly to PDFsharp. Each font file is read from the assembly once per
/// process and kept; PDFsharp caches the parsed faces itself.
/// </summary>
public sealed class OfficialFontResolver : IFontResolver
{
    internal const string SongFamily = "Official Song";
    internal const string KaiFamily = "Official Kai";
    internal const string HeiFamily = "Official Hei";
    internal const string SongCompleteFamily = "Official Song Complete";

    private static readonly Dictionary<string, string> FaceFiles = new(StringComparer.Ordinal)
    {
        ["uming-cn-gb2312"] = "Supervision.Reports.Fonts.uming-cn-gb2312.ttf",
        ["ukai-cn-gb2312"] = "Supervision.Reports.Fonts.ukai-cn-gb2312.ttf",
        ["wqy-microhei-gb2312"] = "Supervision.Reports.Fonts.wqy-microhei-gb2312.ttf",
        ["uming-cn"] = "Supervision.Reports.Fonts.uming-cn.ttf",
    };

    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _faces = new(StringComparer.Ordinal);
    private int _loads;

    /// <summary>How many times a font file was read from the assembly (at most once per face in a process).</summary>
    public int Loads => Volatile.Read(ref _loads);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var face = familyName switch
        {
            KaiFamily => "ukai-cn-gb2312",
            HeiFamily => "wqy-microhei-gb2312",
            SongCompleteFamily => "uming-cn",
            _ => "uming-cn-gb2312",   // Song also stands in for families it does not know
        };
        return new FontResolverInfo(face, bold, italic);
    }

    public byte[]? GetFont(string faceName) =>
        FaceFiles.TryGetValue(faceName, out var resource)
            ? _faces.GetOrAdd(faceName, _ => new Lazy<byte[]>(() => Load(resource))).Value
            : null;

    private byte[] Load(string resource)
    {
        Interlocked.Increment(ref _loads);
        using var stream = typeof(OfficialFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font resource {resource} is missing from {typeof(OfficialFontResolver).Assembly.GetName().Name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>The process-wide font set-up and font metrics for the document layer.</summary>
public static class OfficialFonts
{
    private static readonly Lock Gate = new();
    private static volatile bool _registered;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>The resolver installed in PDFsharp's <see cref="GlobalFontSettings"/>.</summary>
    public static OfficialFontResolver Resolver { get; } = new();

    /// <summary>Installs <see cref="Resolver"/> as PDFsharp's font resolver (once; PDFsharp allows only one).</summary>
    /// <exception cref="InvalidOperationException">Another font resolver was installed before.</exception>
    public static void EnsureRegistered()
    {
        if (_registered) return;
        lock (Gate)
        {
            if (_registered) return;
            var current = GlobalFontSettings.FontResolver;
            if (current is null)
                GlobalFontSettings.FontResolver = Resolver;
            else if (!ReferenceEquals(current, Resolver))
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver ({current.GetType().FullName}); official documents need {nameof(OfficialFontResolver)}. Install {nameof(OfficialFonts)}.{nameof(Resolver)} instead (it also serves unknown families with the Song face).");
            _registered = true;
        }
    }

    internal static string FamilyOf(FontFace face) => face switch
    {
        FontFace.Kai => OfficialFontResolver.KaiFamily,
        FontFace.Hei => OfficialFontResolver.HeiFamily,
        FontFace.SongComplete => OfficialFontResolver.SongCompleteFamily,
        _ => OfficialFontResolver.SongFamily,
    };

    internal static FontFace FaceOf(OfficialTypeface typeface) => typeface switch
    {
        OfficialTypeface.Kai => FontFace.Kai,
        OfficialTypeface.Hei => FontFace.Hei,
        _ => FontFace.Song,
    };

    /// <summary>A PDFsharp font (Unicode encoding, embedded as a subset).</summary>
    internal static XFont CreateFont(FontFace face, double size, bool bold = false)
    {
        EnsureRegistered();
        return new XFont(FamilyOf(face), size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }

    private static readonly FaceMetrics[] Metrics = [new(FontFace.Song), new(FontFace.Kai), new(FontFace.Hei), new(FontFace.SongComplete)];

    /// <summary>Advance widths (in em) and coverage of one face, cached per code point.</summary>
    internal static FaceMetrics MetricsOf(FontFace face) => Metrics[(int)face];

    /// <summary>The face that sets a code point in a typeface: its own font, else Song, else the complete Song
    /// face; with its advance in em (one em for a character no font has: the .notdef box).</summary>
    internal static (FontFace Face, double Em) Resolve(OfficialTypeface typeface, int codePoint)
    {
        var face = FaceOf(typeface);
        var em = MetricsOf(face).Advance(codePoint);
        if (em >= 0) return (face, em);
        if (face != FontFace.Song && MetricsOf(FontFace.Song).Advance(codePoint) is var song and >= 0) return (FontFace.Song, song);
        var complete = MetricsOf(FontFace.SongComplete).Advance(codePoint);
        return (complete >= 0 ? FontFace.SongComplete : face, complete >= 0 ? complete : 1);
    }

    internal sealed class FaceMetrics(FontFace face)
    {
        private const double Em = 1000;
        private readonly ConcurrentDictionary<int, double> _advances = new();
        private readonly Lock _measureGate = new();
        private XFont? _font;
        private XGraphics? _context;

        public FontFace Face { get; } = face;

        /// <summary>The advance of the code point in em, or a negative value when the face has no glyph for it.</summary>
        public double Advance(int codePoint) => _advances.TryGetValue(codePoint, out var advance) ? advance : _advances.GetOrAdd(codePoint, Measure);

        public bool HasGlyph(int codePoint) => Advance(codePoint) >= 0;

        private double Measure(int codePoint)
        {
            lock (_measureGate)
            {
                _font ??= CreateFont(Face, Em);
                _context ??= XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
                if (codePoint != ' ' && GlyphHelper.GlyphIndexFromCodePoint(codePoint, _font) == 0) return -1;
                return _context.MeasureString(char.ConvertFromUtf32(codePoint), _font).Width / Em;
            }
        }
    }
}
