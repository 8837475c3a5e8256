using System.Globalization;
using System.Xml.Linq;

namespace Supervision.Reports.Submissions.Io;

/// <summary>
/// xl/styles.xml for the annotated copy: for each existing cell format used by an issue cell, one more cellXfs entry
/// that is a copy of it (font, border, number format, alignment kept) with a red fill; plus a bold header format.
/// </summary>
internal sealed class StyleEditor
{
    private static readonly string[] Order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

    private readonly XDocument _doc;
    private readonly XNamespace _ns;
    private readonly XElement _cellXfs;
    private readonly List<XElement> _originalXfs;
    private readonly Dictionary<int, int> _red = [];
    private readonly List<int> _redOrder = [];

    public StyleEditor(XDocument? existing, string mainNs)
    {
        _doc = existing ?? XDocument.Parse(XlsxWriter.MinimalStyles.Replace(XlsxWriter.MainNs, mainNs, StringComparison.Ordinal));
        var root = _doc.Root ?? throw Rejections.Corrupt("样式部件为空");
        _ns = root.Name.Namespace;
        _cellXfs = Child(root, "cellXfs");
        if (!_cellXfs.Elements(_ns + "xf").Any())
            _cellXfs.Add(new XElement(_ns + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0), new XAttribute("xfId", 0)));
        _originalXfs = _cellXfs.Elements(_ns + "xf").ToList();
    }

    public bool Created { get; init; }

    public int OriginalCount => _originalXfs.Count;

    /// <summary>The cellXfs index of "this format, in red" (indices past the original ones, in order of first use).</summary>
    public int RedFor(int style)
    {
        if (style < 0 || style >= _originalXfs.Count) style = 0;
        if (!_red.TryGetValue(style, out var index))
        {
            index = _originalXfs.Count + _redOrder.Count;
            _red.Add(style, index);
            _redOrder.Add(style);
        }
        return index;
    }

    /// <summary>The index the bold header format will get (after all red ones): ask only once every sheet is done.</summary>
    public int HeaderStyle => _originalXfs.Count + _redOrder.Count;

    public XDocument Finish(string fillArgb)
    {
        var root = _doc.Root!;
        var fills = Child(root, "fills");
        if (!fills.Elements(_ns + "fill").Any())
        {
            fills.Add(new XElement(_ns + "fill", new XElement(_ns + "patternFill", new XAttribute("patternType", "none"))));
            fills.Add(new XElement(_ns + "fill", new XElement(_ns + "patternFill", new XAttribute("patternType", "gray125"))));
        }
        var redFill = fills.Elements(_ns + "fill").Count();
        fills.Add(new XElement(_ns + "fill",
            new XElement(_ns + "patternFill", new XAttribute("patternType", "solid"),
                new XElement(_ns + "fgColor", new XAttribute("rgb", fillArgb)),
                new XElement(_ns + "bgColor", new XAttribute("indexed", 64)))));
        SetCount(fills, "fill");

        var fonts = Child(root, "fonts");
        var baseFont = fonts.Elements(_ns + "font").FirstOrDefault();
        var bold = baseFont is null ? new XElement(_ns + "font") : new XElement(baseFont);
        bold.Elements(_ns + "b").Remove();
        bold.AddFirst(new XElement(_ns + "b"));
        var boldFont = fonts.Elements(_ns + "font").Count();
        fonts.Add(bold);
        SetCount(fonts, "font");

        foreach (var style in _redOrder)
        {
            var xf = new XElement(_originalXfs[style]);
            xf.SetAttributeValue("fillId", redFill);
            xf.SetAttributeValue("applyFill", 1);
            _cellXfs.Add(xf);
        }
        _cellXfs.Add(new XElement(_ns + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", boldFont), new XAttribute("fillId", 0),
            new XAttribute("borderId", 0), new XAttribute("xfId", 0), new XAttribute("applyFont", 1)));
        SetCount(_cellXfs, "xf");
        return _doc;
    }

    private void SetCount(XElement list, string item) =>
        list.SetAttributeValue("count", list.Elements(_ns + item).Count().ToString(CultureInfo.InvariantCulture));

    /// <summary>The child of styleSheet with that name, created in its schema position when missing.</summary>
    private XElement Child(XElement root, string name)
    {
        var existing = root.Element(_ns + name);
        if (existing is not null) return existing;
        var created = new XElement(_ns + name);
        var rank = Array.IndexOf(Order, name);
        var after = root.Elements().LastOrDefault(e => e.Name.Namespace == _ns && Array.IndexOf(Order, e.Name.LocalName) is var i && i >= 0 && i < rank);
        if (after is null) root.AddFirst(created);
        else after.AddAfterSelf(created);
        return created;
    }
}
