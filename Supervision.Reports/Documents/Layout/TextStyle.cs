using PdfSharp.Drawing;

namespace Supervision.Reports.Documents.Layout;

/// <summary>How a run of text is set: face, size, simulated bold, colour, and whether wide characters sit on
/// the 28-per-line grid of body text (advance 156/28 mm) or advance by their own width.</summary>
internal sealed record TextStyle(OfficialTypeface Face, double Size, bool Bold = false, bool OnGrid = false, TextColor Color = TextColor.Black)
{
    /// <summary>Characters a body line holds on this style's grid: 28, or more where the characters are set closer (7.3.5.4 调整字距).</summary>
    public int CharactersPerLine { get; init; } = Gbt9704.CharactersPerLine;

    /// <summary>This style on a grid of <paramref name="characters"/> a line (itself for the standard 28 or an off-grid style).</summary>
    public TextStyle Condensed(int characters) => !OnGrid || characters == CharactersPerLine ? this : this with { CharactersPerLine = characters };

    public static readonly TextStyle Body = new(OfficialTypeface.Fang, Gbt9704.Size3, OnGrid: true);
    public static readonly TextStyle Heading1 = new(OfficialTypeface.Hei, Gbt9704.Size3, OnGrid: true);
    public static readonly TextStyle Heading2 = new(OfficialTypeface.Kai, Gbt9704.Size3, OnGrid: true);
    public static readonly TextStyle Title = new(OfficialTypeface.Title, Gbt9704.Size2);
    /// <summary>4号仿宋: 版记, notes beside the seal.</summary>
    public static readonly TextStyle Small = new(OfficialTypeface.Fang, Gbt9704.Size4);
    /// <summary>Page numbers: 4号半角宋体.</summary>
    public static readonly TextStyle PageNumber = new(OfficialTypeface.Song, Gbt9704.Size4);

    /// <summary>Advance of a full-width character: on the grid 156/28 mm for 3号 (scaled for other sizes), else one em.</summary>
    public double WideAdvance => OnGrid ? Gbt9704.BlockWidth / CharactersPerLine * Size / Gbt9704.Size3 : Size;

    /// <summary>The advance of one code point in this style, and the font face that has its glyph.</summary>
    public (double Width, FontFace Face) Measure(int codePoint)
    {
        var (face, em) = OfficialFonts.Resolve(Face, codePoint);
        return (OnGrid && em >= 0.9 ? WideAdvance : em * Size, face);
    }

    /// <summary>Baseline below the top of a line box of the given height, centring the em box in it.</summary>
    public double Baseline(double lineHeight) => (lineHeight - Size) / 2 + Size * Gbt9704.BaselineInEm;
}

internal enum TextColor
{
    Black,
    Red,
    Gray,
}

internal static class TextColors
{
    /// <summary>The red of 版头 marks and rules.</summary>
    public static readonly XColor Red = XColor.FromArgb(230, 0, 18);
    public static readonly XColor Gray = XColor.FromArgb(150, 150, 150);

    public static XColor ToXColor(this TextColor color) => color switch
    {
        TextColor.Red => Red,
        TextColor.Gray => Gray,
        _ => XColors.Black,
    };
}
