namespace Supervision.Reports.Documents.Layout;

/// <summary>Text made of runs in different styles, with every character's advance measured once.</summary>
internal sealed class StyledText
{
    private readonly TextStyle[] _styles;
    private readonly FontFace[] _faces;
    private readonly double[] _advances;

    public StyledText(params (string Text, TextStyle Style)[] runs)
    {
        Text = string.Concat(runs.Select(r => r.Text));
        _styles = new TextStyle[Text.Length];
        _faces = new FontFace[Text.Length];
        _advances = new double[Text.Length];
        var i = 0;
        foreach (var (text, style) in runs)
        {
            for (var k = 0; k < text.Length; k++, i++)
            {
                _styles[i] = style;
                if (char.IsLowSurrogate(text[k]) && k > 0 && char.IsHighSurrogate(text[k - 1]))
                {
                    _faces[i] = _faces[i - 1];
                    continue;                   // the pair's advance sits on the high surrogate
                }
                var codePoint = char.IsHighSurrogate(text[k]) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1])
                    ? char.ConvertToUtf32(text[k], text[k + 1])
                    : text[k];
                (_advances[i], _faces[i]) = style.Measure(codePoint);
            }
        }
    }

    public string Text { get; }

    public TextStyle StyleAt(int index) => _styles[index];

    public FontFace FaceAt(int index) => _faces[index];

    public double Measure(int start, int length)
    {
        double width = 0;
        for (var i = start; i < start + length; i++) width += _advances[i];
        return width;
    }

    public IReadOnlyList<TextLine> Break(double width, double? firstLineWidth = null, LineBreaker.JustifyLimits? limits = null) =>
        LineBreaker.Break(Text, width, Measure, firstLineWidth, limits);
}
