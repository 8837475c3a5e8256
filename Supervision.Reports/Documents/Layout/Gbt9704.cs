namespace Supervision.Reports.Documents.Layout;

/// <summary>Page geometry and type sizes of GB/T 9704-2012, in points (1/72 inch), y downwards from the page top.</summary>
internal static class Gbt9704
{
    public const double PointsPerMm = 72 / 25.4;

    public static double Mm(double mm) => mm * PointsPerMm;

    public static readonly double PageWidth = Mm(210);
    public static readonly double PageHeight = Mm(297);

    /// <summary>版心: 156 × 225 mm, 37 mm from the top and 28 mm from the left edge.</summary>
    public static readonly double BlockLeft = Mm(28);
    public static readonly double BlockTop = Mm(37);
    public static readonly double BlockWidth = Mm(156);
    public static readonly double BlockHeight = Mm(225);
    public static readonly double BlockRight = BlockLeft + BlockWidth;
    public static readonly double BlockBottom = BlockTop + BlockHeight;

    public const int LinesPerPage = 22;
    public const int CharactersPerLine = 28;

    /// <summary>Advance of one CJK character of body text: 156 mm / 28.</summary>
    public static readonly double CharAdvance = BlockWidth / CharactersPerLine;

    /// <summary>Distance between body lines: 225 mm / 22.</summary>
    public static readonly double LinePitch = BlockHeight / LinesPerPage;

    /// <summary>Type sizes (号): 小初 36, 2号 22, 3号 16, 4号 14 points.</summary>
    public const double SizeXiaoChu = 36;
    public const double Size2 = 22;
    public const double Size3 = 16;
    public const double Size4 = 14;

    /// <summary>发文机关标志: top edge 35 mm below the top of the text block.</summary>
    public static readonly double AuthorityMarkOffset = Mm(35);

    /// <summary>The red rule of the 版头: 4 mm below the document number.</summary>
    public static readonly double RedRuleGap = Mm(4);

    /// <summary>Page numbers: the dashes 7 mm below the text block.</summary>
    public static readonly double PageNumberGap = Mm(7);

    /// <summary>版记 rules: 0.35 mm (first and last), 0.25 mm (between).</summary>
    public static readonly double ThickRule = Mm(0.35);
    public static readonly double ThinRule = Mm(0.25);

    /// <summary>Where the baseline sits below the top of a glyph's em box (CJK faces put ~0.12 em below it).</summary>
    public const double BaselineInEm = 0.88;
}
