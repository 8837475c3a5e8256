using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

using Supervision.Domain.Submissions;

namespace Supervision.Reports.Submissions.Io;

/// <summary>The comments part (xl/commentsN.xml) of a sheet: written anew, or an existing one with the issue messages merged in.</summary>
internal static class CommentsPart
{
    public const string Author = "监管平台";

    /// <summary>A new comments part; every issue cell gets a comment.</summary>
    public static void WriteNew(XmlWriter w, SheetPlan plan, string mainNs)
    {
        w.WriteStartElement("comments", mainNs);
        w.WriteStartElement("authors", mainNs);
        w.WriteElementString("author", mainNs, Author);
        w.WriteEndElement();
        w.WriteStartElement("commentList", mainNs);
        foreach (var (row, column, messages) in plan.AllCells()) WriteComment(w, mainNs, row, column, 0, messages);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// Copies an existing comments part, adding our author; a cell that already has a comment keeps it, with the
    /// messages appended on new lines; other issue cells get new comments. Returns the cells that got new comments.
    /// </summary>
    public static HashSet<(int Row, int Column)> Merge(XmlReader r, XmlWriter w, SheetPlan plan, string part)
    {
        var pending = plan.AllCells().ToDictionary(c => (c.Row, c.Column), c => c.Messages);
        var created = new HashSet<(int, int)>();
        var ns = XlsxWriter.MainNs;
        var authors = 0;
        var authorsWritten = false;
        var authorId = 0;
        List<string>? appendTo = null;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                SafeXml.CheckDepth(r, part);
                if (r.Depth == 0) ns = r.NamespaceURI;
                else if (r.Depth == 1 && r.LocalName == "authors")
                {
                    authorsWritten = true;
                    if (r.IsEmptyElement)
                    {
                        XmlCopy.StartWithout(r, w, "");
                        w.WriteElementString("author", ns, Author);
                        w.WriteEndElement();
                        authorId = 0;
                        continue;
                    }
                }
                else if (r.Depth == 2 && r.LocalName == "author") authors++;
                else if (r.Depth == 1 && r.LocalName == "commentList")
                {
                    if (!authorsWritten)
                    {
                        w.WriteStartElement("authors", ns);
                        w.WriteElementString("author", ns, Author);
                        w.WriteEndElement();
                        authorsWritten = true;
                        authorId = 0;
                    }
                    if (r.IsEmptyElement)
                    {
                        XmlCopy.StartWithout(r, w, "");
                        WriteRemaining(w, ns, pending, created, authorId);
                        w.WriteEndElement();
                        continue;
                    }
                }
                else if (r.Depth == 2 && r.LocalName == "comment")
                {
                    appendTo = null;
                    if (CellAddress.TryParse(r.GetAttribute("ref") ?? "", out var column, out var row) && pending.Remove((row, column), out var messages))
                        appendTo = messages;
                }
            }
            else if (r.NodeType == XmlNodeType.EndElement)
            {
                if (r.Depth == 1 && r.LocalName == "authors")
                {
                    w.WriteElementString("author", ns, Author);
                    authorId = authors;
                }
                else if (r.Depth == 1 && r.LocalName == "commentList") WriteRemaining(w, ns, pending, created, authorId);
                else if (r.Depth == 3 && r.LocalName == "text" && appendTo is not null)
                {
                    WriteRun(w, ns, "\n" + string.Join('\n', appendTo));
                    appendTo = null;
                }
            }
            XmlCopy.Current(r, w);
        }
        return created;
    }

    private static void WriteRemaining(XmlWriter w, string ns, Dictionary<(int Row, int Column), List<string>> pending, HashSet<(int, int)> created, int authorId)
    {
        foreach (var ((row, column), messages) in pending.OrderBy(p => p.Key.Row).ThenBy(p => p.Key.Column))
        {
            WriteComment(w, ns, row, column, authorId, messages);
            created.Add((row, column));
        }
        pending.Clear();
    }

    private static void WriteComment(XmlWriter w, string ns, int row, int column, int authorId, List<string> messages)
    {
        w.WriteStartElement("comment", ns);
        w.WriteAttributeString("ref", CellAddress.Format(row, column));
        w.WriteAttributeString("authorId", authorId.ToString(CultureInfo.InvariantCulture));
        w.WriteStartElement("text", ns);
        WriteRun(w, ns, string.Join('\n', messages));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRun(XmlWriter w, string ns, string text)
    {
        w.WriteStartElement("r", ns);
        w.WriteStartElement("rPr", ns);
        w.WriteStartElement("sz", ns);
        w.WriteAttributeString("val", "9");
        w.WriteEndElement();
        w.WriteStartElement("rFont", ns);
        w.WriteAttributeString("val", "宋体");
        w.WriteEndElement();
        w.WriteStartElement("charset", ns);
        w.WriteAttributeString("val", "134");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("t", ns);
        w.WriteAttributeString("xml", "space", null, "preserve");
        w.WriteString(OoxmlEscapes.Encode(text));
        w.WriteEndElement();
        w.WriteEndElement();
    }
}

/// <summary>The legacy VML drawing that makes Excel show comments (a note shape per commented cell).</summary>
internal static partial class VmlPart
{
    public const string V = "urn:schemas-microsoft-com:vml";
    public const string O = "urn:schemas-microsoft-com:office:office";
    public const string X = "urn:schemas-microsoft-com:office:excel";
    private const int ShapesPerBlock = 1024;

    [GeneratedRegex(@"<o:idmap[^>]*\bdata\s*=\s*[""']([0-9,\s]*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex IdMap();

    [GeneratedRegex(@"_x0000_s(\d+)")]
    private static partial Regex ShapeId();

    /// <summary>The highest shape-id block (o:idmap data) used by the VML drawings in <paramref name="vmlTexts"/>.</summary>
    public static int MaxBlock(IEnumerable<string> vmlTexts)
    {
        var max = 0;
        foreach (var text in vmlTexts)
            foreach (Match m in IdMap().Matches(text))
                foreach (var n in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var block)) max = Math.Max(max, block);
        return max;
    }

    /// <summary>How many id blocks a drawing with this many shapes needs.</summary>
    public static int BlocksFor(int shapes) => shapes / ShapesPerBlock + 1;

    public static void WriteNew(XmlWriter w, IReadOnlyList<(int Row, int Column, List<string> Messages)> cells, int firstBlock)
    {
        w.WriteStartElement("xml");
        w.WriteAttributeString("xmlns", "v", null, V);
        w.WriteAttributeString("xmlns", "o", null, O);
        w.WriteAttributeString("xmlns", "x", null, X);
        w.WriteStartElement("o", "shapelayout", O);
        w.WriteAttributeString("v", "ext", V, "edit");
        w.WriteStartElement("o", "idmap", O);
        w.WriteAttributeString("v", "ext", V, "edit");
        w.WriteAttributeString("data", string.Join(',', Enumerable.Range(firstBlock, BlocksFor(cells.Count))));
        w.WriteEndElement();
        w.WriteEndElement();
        WriteShapeType(w);
        var id = firstBlock * ShapesPerBlock + 1;
        foreach (var (row, column, messages) in cells) WriteShape(w, id++, row, column, messages);
        w.WriteEndElement();
    }

    /// <summary>Copies an existing drawing and appends note shapes for the cells that got new comments.</summary>
    public static void Merge(XmlReader r, XmlWriter w, IReadOnlyList<(int Row, int Column, List<string> Messages)> cells, string part)
    {
        var hasNoteType = false;
        var maxId = 0;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                SafeXml.CheckDepth(r, part);
                if (r.LocalName == "shapetype" && r.GetAttribute("id") == "_x0000_t202") hasNoteType = true;
                foreach (var attribute in new[] { r.GetAttribute("id"), r.GetAttribute("spid", O) })
                    if (attribute is not null && ShapeId().Match(attribute) is { Success: true } m && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        maxId = Math.Max(maxId, n);
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.Depth == 0)
            {
                if (!hasNoteType) WriteShapeType(w);
                var id = maxId + 1;
                foreach (var (row, column, messages) in cells) WriteShape(w, id++, row, column, messages);
            }
            XmlCopy.Current(r, w);
        }
    }

    private static void WriteShapeType(XmlWriter w)
    {
        w.WriteStartElement("v", "shapetype", V);
        w.WriteAttributeString("id", "_x0000_t202");
        w.WriteAttributeString("coordsize", "21600,21600");
        w.WriteAttributeString("o", "spt", O, "202");
        w.WriteAttributeString("path", "m,l,21600r21600,l21600,xe");
        w.WriteStartElement("v", "stroke", V);
        w.WriteAttributeString("joinstyle", "miter");
        w.WriteEndElement();
        w.WriteStartElement("v", "path", V);
        w.WriteAttributeString("gradientshapeok", "t");
        w.WriteAttributeString("o", "connecttype", O, "rect");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A hidden note (shown on hover) beside the cell, sized for its text.</summary>
    private static void WriteShape(XmlWriter w, int id, int row, int column, List<string> messages)
    {
        var chars = messages.Sum(m => m.Length) + messages.Count * 8;
        var rows = Math.Clamp(2 + chars / 22, 3, 24);
        var top = Math.Max(0, row - 2);
        w.WriteStartElement("v", "shape", V);
        w.WriteAttributeString("id", $"_x0000_s{id}");
        w.WriteAttributeString("type", "#_x0000_t202");
        w.WriteAttributeString("style", $"position:absolute;margin-left:0;margin-top:0;width:216pt;height:{rows * 15}pt;z-index:{id % 100000};visibility:hidden");
        w.WriteAttributeString("fillcolor", "#ffffe1");
        w.WriteAttributeString("o", "insetmode", O, "auto");
        w.WriteStartElement("v", "fill", V);
        w.WriteAttributeString("color2", "#ffffe1");
        w.WriteEndElement();
        w.WriteStartElement("v", "shadow", V);
        w.WriteAttributeString("on", "t");
        w.WriteAttributeString("color", "black");
        w.WriteAttributeString("obscured", "t");
        w.WriteEndElement();
        w.WriteStartElement("v", "path", V);
        w.WriteAttributeString("o", "connecttype", O, "none");
        w.WriteEndElement();
        w.WriteStartElement("v", "textbox", V);
        w.WriteAttributeString("style", "mso-direction-alt:auto");
        w.WriteStartElement("div");
        w.WriteAttributeString("style", "text-align:left");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("x", "ClientData", X);
        w.WriteAttributeString("ObjectType", "Note");
        w.WriteElementString("x", "MoveWithCells", X, "");
        w.WriteElementString("x", "SizeWithCells", X, "");
        w.WriteElementString("x", "Anchor", X, string.Create(CultureInfo.InvariantCulture, $"{column + 1}, 15, {top}, 10, {column + 5}, 15, {top + rows}, 4"));
        w.WriteElementString("x", "AutoFill", X, "False");
        w.WriteElementString("x", "Row", X, (row - 1).ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("x", "Column", X, column.ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
