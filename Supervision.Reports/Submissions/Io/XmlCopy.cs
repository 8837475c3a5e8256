using System.Xml;

namespace Supervision.Reports.Submissions.Io;

/// <summary>Node-by-node copying from an XmlReader to an XmlWriter, for rewriting parts as streams.</summary>
internal static class XmlCopy
{
    public static XmlWriter CreateWriter(Stream stream)
    {
        var writer = XmlWriter.Create(stream, XlsxWriter.WriterSettings);
        writer.WriteStartDocument(standalone: true);
        return writer;
    }

    /// <summary>Copies the node the reader is on (an element's start tag with its attributes, closed when empty).</summary>
    public static void Current(XmlReader r, XmlWriter w)
    {
        switch (r.NodeType)
        {
            case XmlNodeType.Element:
                w.WriteStartElement(r.Prefix, r.LocalName, r.NamespaceURI);
                if (r.HasAttributes)
                {
                    w.WriteAttributes(r, defattr: true);
                    r.MoveToElement();
                }
                if (r.IsEmptyElement) w.WriteEndElement();
                break;
            case XmlNodeType.EndElement:
                w.WriteFullEndElement();
                break;
            case XmlNodeType.Text:
                w.WriteString(r.Value);
                break;
            case XmlNodeType.CDATA:
                w.WriteCData(r.Value);
                break;
            case XmlNodeType.Whitespace:
            case XmlNodeType.SignificantWhitespace:
                w.WriteWhitespace(r.Value);
                break;
        }
    }

    /// <summary>Copies the start tag (left open) without the attributes named <paramref name="skip1"/> and <paramref name="skip2"/> (no namespace).</summary>
    public static void StartWithout(XmlReader r, XmlWriter w, string skip1, string? skip2 = null)
    {
        w.WriteStartElement(r.Prefix, r.LocalName, r.NamespaceURI);
        if (r.MoveToFirstAttribute())
        {
            do
            {
                if (r.NamespaceURI.Length == 0 && (r.LocalName == skip1 || r.LocalName == skip2)) continue;
                w.WriteAttributeString(r.Prefix, r.LocalName, r.NamespaceURI, r.Value);
            } while (r.MoveToNextAttribute());
            r.MoveToElement();
        }
    }
}
