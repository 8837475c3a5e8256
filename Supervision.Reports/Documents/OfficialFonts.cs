using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Supervision.Reports.Documents;

/// <summary>The typefaces of an official document, as GB/T 9704-2012 names them.</summary>
public enum OfficialTypeface
{
    /// <summary>宋体: page numbers (半角宋体). Bundled: AR PL UMing CN.</summary>
    Song,
    /// <summary>楷体 (楷体_GB2312): level-2 headings "（一）". Bundled: FandolKai.</summary>
    Kai,
    /// <summary>黑体: level-1 headings "一、", table headers. Bundled: WenQuanYi Micro Hei.</summary>
    Hei,
    /// <summary>仿宋 (仿宋_GB2312): body text, fields, tables, 版记. Bundled: FandolFang.</summary>
    Fang,
    /// <summary>小标宋 (方正小标宋简体): the title and the 发文机关标志. Bundled: Noto Serif CJK SC Bold.</summary>
    Title,
}

/// <summary>
/// One font file served to PDFsharp under a family name of its own, with its advances cached per code point. The bundled
/// faces carry the GB 2312 repertoire (plus ASCII and common symbols): PDFsharp copies a font's whole glyph index (loca,
/// hmtx) into every subset, so small fonts keep each document cheap. Any character a face lacks is set in
/// <see cref="Song"/>, else in <see cref="SongComplete"/>, the whole AR PL UMing CN face.
/// </summary>
internal sealed class FontFace
{
    private FontFace(string family, Func<byte[]> load)
    {
        Family = family;
        Load = load;
        Metrics = new OfficialFonts.FaceMetrics(this);
    }

    /// <summary>The family name PDFsharp knows the face by (also its face name in the resolver).</summary>
    public string Family { get; }

    internal Func<byte[]> Load { get; }

    internal OfficialFonts.FaceMetrics Metrics { get; }

    public override string ToString() => Family;

    public static readonly FontFace Fang = Bundled("Official Fang", "fandol-fang-gb2312.ttf");
    public static readonly FontFace Title = Bundled("Official Title", "noto-serif-sc-bold-gb2312.ttf");
    public static readonly FontFace Kai = Bundled("Official Kai", "fandol-kai-gb2312.ttf");
    public static readonly FontFace Hei = Bundled("Official Hei", "wqy-microhei-gb2312.ttf");
    public static readonly FontFace Song = Bundled("Official Song", "uming-cn-gb2312.ttf");
    public static readonly FontFace SongComplete = Bundled("Official Song Complete", "uming-cn.ttf");

    internal static IReadOnlyList<FontFace> BundledFaces { get; } = [Fang, Title, Kai, Hei, Song, SongComplete];

    private static FontFace Bundled(string family, string file) =>
        new(family, () => OfficialFonts.Resolver.LoadResource("Supervision.Reports.Fonts." + file));

    private static readonly ConcurrentDictionary<string, FontFace> UploadedFaces = new(StringComparer.Ordinal);

    /// <summary>An administration's own font file (validated when it was uploaded), known by its SHA-256: the same
    /// file is parsed once per process however many documents use it.</summary>
    internal static FontFace Uploaded(string sha256, byte[] bytes) =>
        UploadedFaces.GetOrAdd(sha256, hash => new FontFace("Uploaded " + hash, () => bytes));

    internal static FontFace? ByFamily(string family)
    {
        foreach (var face in BundledFaces)
            if (face.Family == family) return face;
        return UploadedFaces.TryGetValue(family.StartsWith("Uploaded ", StringComparison.Ordinal) ? family["Uploaded ".Length..] : "", out var uploaded)
            ? uploaded : null;
    }
}

/// <summary>
/// The faces a document is set in: the bundled ones, or an administration's own licensed faces where it uploaded them
/// (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312). Characters an uploaded face lacks fall back to the bundled face.
/// </summary>
public sealed class OfficialFaceSet
{
    private readonly Dictionary<OfficialTypeface, FontFace> _overrides = [];

    public static OfficialFaceSet Bundled { get; } = new();

    /// <summary>A face set with the given uploaded font files (typeface, SHA-256, bytes) in place of the bundled ones.</summary>
    public static OfficialFaceSet With(IEnumerable<(OfficialTypeface Typeface, string Sha256, byte[] Bytes)> faces)
    {
        var set = new OfficialFaceSet();
        foreach (var (typeface, sha, bytes) in faces)
            set._overrides[typeface] = FontFace.Uploaded(sha, bytes);
        return set;
    }

    public bool IsBundled => _overrides.Count == 0;

    internal FontFace? Uploaded(OfficialTypeface typeface) => _overrides.GetValueOrDefault(typeface);
}

/// <summary>Serves the bundled fonts (embedded in this assembly) and uploaded ones to PDFsharp. Each bundled font file is
/// read from the assembly once per process and kept; PDFsharp caches the parsed faces itself.</summary>
public sealed class OfficialFontResolver : IFontResolver
{
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _files = new(StringComparer.Ordinal);
    private int _loads;

    /// <summary>How many times a font file was read from the assembly (at most once per face in a process).</summary>
    public int Loads => Volatile.Read(ref _loads);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // The body face also stands in for families it does not know.
        new((FontFace.ByFamily(familyName) ?? FontFace.Fang).Family, bold, italic);

    public byte[]? GetFont(string faceName) => FontFace.ByFamily(faceName)?.Load();

    internal byte[] LoadResource(string resource) => _files.GetOrAdd(resource, name => new Lazy<byte[]>(() =>
    {
        Interlocked.Increment(ref _loads);
        using var stream = typeof(OfficialFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from {typeof(OfficialFontResolver).Assembly.GetName().Name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    })).Value;
}

/// <summary>The process-wide font set-up and font metrics for the document layer.</summary>
public static class OfficialFonts
{
    private static readonly Lock Gate = new();
    private static volatile bool _registered;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    [ThreadStatic]
    private static OfficialFaceSet? _current;

    /// <summary>The resolver installed in PDFsharp's <see cref="GlobalFontSettings"/>.</summary>
    public static OfficialFontResolver Resolver { get; } = new();

    /// <summary>The faces documents rendered on this thread are set in (the bundled ones unless <see cref="Use"/> says otherwise).</summary>
    public static OfficialFaceSet Current => _current ?? OfficialFaceSet.Bundled;

    /// <summary>Sets documents rendered on this thread in <paramref name="faces"/> until the result is disposed
    /// (rendering is synchronous: one document's layout and painting happen on one thread).</summary>
    public static IDisposable Use(OfficialFaceSet? faces)
    {
        var previous = _current;
        _current = faces;
        return new Restore(previous);
    }

    private sealed class Restore(OfficialFaceSet? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }

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
                    $"PDFsharp already has a font resolver ({current.GetType().FullName}); official documents need {nameof(OfficialFontResolver)}. Install {nameof(OfficialFonts)}.{nameof(Resolver)} instead (it also serves unknown families with the body face).");
            _registered = true;
        }
    }

    /// <summary>The bundled face of a typeface.</summary>
    internal static FontFace FaceOf(OfficialTypeface typeface) => typeface switch
    {
        OfficialTypeface.Kai => FontFace.Kai,
        OfficialTypeface.Hei => FontFace.Hei,
        OfficialTypeface.Song => FontFace.Song,
        OfficialTypeface.Title => FontFace.Title,
        _ => FontFace.Fang,
    };

    /// <summary>A PDFsharp font (Unicode encoding, embedded as a subset).</summary>
    internal static XFont CreateFont(FontFace face, double size, bool bold = false)
    {
        EnsureRegistered();
        return new XFont(face.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }

    /// <summary>Advance widths (in em) and coverage of one face, cached per code point.</summary>
    internal static FaceMetrics MetricsOf(FontFace face) => face.Metrics;

    /// <summary>The face that sets a code point in a typeface: the current set's uploaded face, else the bundled face, else
    /// Song, else the complete Song face; with its advance in em (one em for a character no font has: the .notdef box).</summary>
    internal static (FontFace Face, double Em) Resolve(OfficialTypeface typeface, int codePoint)
    {
        if (Current.Uploaded(typeface) is { } uploaded && uploaded.Metrics.Advance(codePoint) is var own and >= 0) return (uploaded, own);
        var face = FaceOf(typeface);
        var em = face.Metrics.Advance(codePoint);
        if (em >= 0) return (face, em);
        if (face != FontFace.Song && FontFace.Song.Metrics.Advance(codePoint) is var song and >= 0) return (FontFace.Song, song);
        var complete = FontFace.SongComplete.Metrics.Advance(codePoint);
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
