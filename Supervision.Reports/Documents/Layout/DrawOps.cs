namespace Supervision.Reports.Documents.Layout;

/// <summary>Something to draw, in points; y grows downwards. Flow items hold them relative to their own top.</summary>
internal abstract record DrawOp
{
    public abstract DrawOp MovedDown(double dy);
}

/// <summary>Text on a baseline.</summary>
internal sealed record TextOp(double X, double Baseline, string Text, FontFace Face, double Size, bool Bold, TextColor Color) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Baseline = Baseline + dy };
}

internal sealed record RuleOp(double X1, double Y1, double X2, double Y2, double Thickness, TextColor Color) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Y1 = Y1 + dy, Y2 = Y2 + dy };
}

internal sealed record BoxOp(double X, double Y, double Width, double Height, double Thickness, TextColor Color, bool Dashed) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}

/// <summary>An image; an <paramref name="Underlay"/> (the seal) is painted before everything else on its page, so the text
/// over it (the authority's name, the date) stays legible.</summary>
internal sealed record ImageOp(double X, double Y, double Width, double Height, byte[] Image, bool Underlay = false) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}

/// <summary>A filled rectangle (a bar, a legend swatch).</summary>
internal sealed record FillOp(double X, double Y, double Width, double Height, ChartColor Color) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}

/// <summary>Connected line segments (a series, an axis, a grid or reference line).</summary>
internal sealed record PolylineOp(IReadOnlyList<(double X, double Y)> Points, double Thickness, ChartColor Color, bool Dashed = false) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Points = [.. Points.Select(p => (p.X, p.Y + dy))] };
}

/// <summary>A filled circle (a data marker).</summary>
internal sealed record DotOp(double X, double Y, double Radius, ChartColor Color) : DrawOp
{
    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}

/// <summary>A piece of the vertical flow: a line, a table row, blank space, the signature, the 版记.</summary>
internal sealed class FlowItem
{
    public required double Height { get; init; }

    /// <summary>What to draw, relative to the item's top (x absolute).</summary>
    public List<DrawOp> Ops { get; init; } = [];

    /// <summary>Starts on a line of the 22-line grid (body text), so text stays on the grid after tables.</summary>
    public bool OnGrid { get; init; }

    /// <summary>Must share its page with the next item (a heading, a table header).</summary>
    public bool KeepWithNext { get; set; }

    /// <summary>How many lines of body text (<see cref="IsBodyText"/>) move with this one if it starts a new page,
    /// with whatever lies between (the signature takes body lines with it: a seal never stands on a page without text).</summary>
    public int KeepWithPrevious { get; set; }

    /// <summary>A line of the body (正文): paragraph, heading, field or addressee.</summary>
    public bool IsBodyText { get; init; }

    /// <summary>Room needed below the item on the same page without advancing the flow (the seal's lower part).</summary>
    public double Overhang { get; init; }

    /// <summary>A line of text or blank lines: its height follows the page's line pitch when the page is set tighter
    /// (GB/T 9704 7.3.5.4); the signature, tables and charts keep theirs.</summary>
    public bool Elastic { get; init; }

    /// <summary>Blank space that is dropped at the top of a page.</summary>
    public bool IsSpace { get; init; }

    /// <summary>Set at the foot of the last page (版记).</summary>
    public bool AtPageBottom { get; init; }

    /// <summary>For table rows: the header row to repeat when the row starts a page.</summary>
    public FlowItem? RepeatHeader { get; init; }

    /// <summary>What the item is, for tests and debugging.</summary>
    public required string Kind { get; init; }

    /// <summary>For a line of justified text that does not end its paragraph: how far its last character stops short of the
    /// measure (0 when it is set full width, as every such line should be unless it is <see cref="Ragged"/>).</summary>
    public double? Shortfall { get; init; }

    /// <summary>A line of justified text left ragged: spreading it would have put more than
    /// <see cref="DocumentComposer.MaxSpread"/> of an em between its characters (a letter-spaced line reads worse than a short one).</summary>
    public bool Ragged { get; init; }

    /// <summary>The places between its characters a justified line's room is spread over.</summary>
    public int Gaps { get; init; }

    public static FlowItem Space(double height) => new() { Height = height, IsSpace = true, Elastic = true, Kind = "space" };
}
