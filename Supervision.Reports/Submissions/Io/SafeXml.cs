using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace Supervision.Reports.Submissions.Io;

/// <summary>XML reading without DTDs, external entities or unbounded nesting.</summary>
internal static class SafeXml
{
    /// <summary>Deepest element nesting accepted in any part (worksheets need about 6).</summary>
    public const int MaxDepth = 64;

    public static XmlReaderSettings Settings(XmlNameTable? nameTable = null) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 1024,
        CloseInput = true,
        NameTable = nameTable,
    };

    public static XmlReader Create(Stream stream, XmlNameTable? nameTable = null) => XmlReader.Create(stream, Settings(nameTable));

    public static void CheckDepth(XmlReader reader, string part)
    {
        if (reader.Depth > MaxDepth)
            throw Rejections.Corrupt($"部件“{part}”的XML嵌套层级过深");
    }

    /// <summary>Moves past the element the reader is on (to its end tag), checking depth on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Skip(XmlReader reader, string part)
    {
        if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement) return;
        var depth = reader.Depth;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element) CheckDepth(reader, part);
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) return;
        }
    }

    /// <summary>Loads a small part as a DOM after a streaming pass has checked its nesting.</summary>
    public static XDocument LoadDocument(SafePackage package, string part)
    {
        try
        {
            using (var scan = Create(package.OpenPart(part)))
            {
                while (scan.Read())
                    if (scan.NodeType == XmlNodeType.Element) CheckDepth(scan, part);
            }
            using var reader = Create(package.OpenPart(part));
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            throw Rejections.CorruptPart(part);
        }
    }

    /// <summary>The value of an r:id-style attribute (local name "id" in a relationships namespace, transitional or strict).</summary>
    public static string? RelationshipId(XmlReader reader)
    {
        string? value = null;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal))
                {
                    value = reader.Value;
                    break;
                }
            } while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return value;
    }

    /// <summary>
    /// Reads the text content of the element the reader is on, in chunks, into <paramref name="target"/> (appending).
    /// Stops keeping text past <paramref name="maxChars"/> (returns false) but still moves to the end tag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ReadText(XmlReader reader, CharBuilder target, int maxChars, char[] chunk, string part)
    {
        if (reader.IsEmptyElement) return true;
        var depth = reader.Depth;
        var fits = true;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    int n;
                    while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        if (!fits) continue;
                        if (target.Length + n > maxChars) fits = false;
                        else target.Append(chunk.AsSpan(0, n));
                    }
                    break;
                case XmlNodeType.Element:
                    CheckDepth(reader, part);
                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return fits;
            }
        }
        return fits;
    }
}

/// <summary>A growable char buffer (StringBuilder without chunks, so spans are cheap).</summary>
internal sealed class CharBuilder(int capacity = 256)
{
    private char[] _buffer = new char[capacity];

    public int Length { get; private set; }

    public Span<char> Span => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + text.Length));
        text.CopyTo(_buffer.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(char ch)
    {
        if (Length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[Length++] = ch;
    }

    public void Truncate(int length) => Length = length;

    public override string ToString() => Length == 0 ? "" : new string(_buffer, 0, Length);
}

/// <summary>The _xHHHH_ escapes of OOXML strings (ST_Xstring): how Excel stores control characters.</summary>
internal static class OoxmlEscapes
{
    /// <summary>Decodes in place; returns the new length.</summary>
    public static int Decode(Span<char> text)
    {
        var first = text.IndexOf("_x".AsSpan(), StringComparison.Ordinal);
        if (first < 0) return text.Length;
        var w = first;
        var r = first;
        while (r < text.Length)
        {
            if (text[r] == '_' && r + 6 < text.Length && text[r + 1] == 'x' && text[r + 6] == '_'
                && ushort.TryParse(text.Slice(r + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            {
                text[w++] = (char)code;
                r += 7;
            }
            else
            {
                text[w++] = text[r++];
            }
        }
        return w;
    }

    public static string Decode(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal)) return text;
        var chars = text.ToCharArray();
        var n = Decode(chars.AsSpan());
        return new string(chars, 0, n);
    }

    /// <summary>Text safe for an OOXML string: control characters as _xHHHH_, a literal "_xHHHH_" protected, lone surrogates replaced.</summary>
    public static string Encode(string text)
    {
        var needs = false;
        foreach (var ch in text)
        {
            if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == '_' || char.IsSurrogate(ch) || ch == '\uFFFE' || ch == '\uFFFF')
            {
                needs = true;
                break;
            }
        }
        if (!needs) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == '\uFFFE' || ch == '\uFFFF')
                sb.Append("_x").Append(((int)ch).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
            else if (ch == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && IsHex(text.AsSpan(i + 2, 4)))
                sb.Append("_x005F_");
            else if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                sb.Append(ch).Append(text[++i]);
            else if (char.IsSurrogate(ch))
                sb.Append('\uFFFD');
            else
                sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
