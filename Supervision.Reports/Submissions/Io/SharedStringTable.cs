using System.Runtime.CompilerServices;
using System.Xml;

namespace Supervision.Reports.Submissions.Io;

/// <summary>
/// The workbook's shared strings, kept compactly (one char buffer and offsets, not one object per string) because
/// cells refer to them at random. Strings longer than the cell limit are remembered only as "too long".
/// </summary>
internal sealed class SharedStringTable
{
    private const int CacheSize = 4096;
    private char[] _chars = new char[16 * 1024];
    private int _used;
    private int[] _starts = new int[1024];
    private int[] _lengths = new int[1024];
    private readonly string?[] _cache = new string?[CacheSize];
    private readonly int[] _cacheKeys = new int[CacheSize];

    public int Count { get; private set; }

    public static SharedStringTable Empty { get; } = new();

    /// <summary>The string, or null when it is longer than the limit it was loaded with.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(int index, out string? value)
    {
        if ((uint)index >= (uint)Count)
        {
            value = null;
            return false;
        }
        var slot = index & (CacheSize - 1);
        if (_cacheKeys[slot] == index + 1)
        {
            value = _cache[slot];
            return true;
        }
        var length = _lengths[index];
        value = length < 0 ? null : length == 0 ? "" : new string(_chars, _starts[index], length);
        _cache[slot] = value;
        _cacheKeys[slot] = index + 1;
        return true;
    }

    private void Add(ReadOnlySpan<char> text, bool tooLong)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        if (tooLong)
        {
            _starts[Count] = 0;
            _lengths[Count++] = -1;
            return;
        }
        if (_used + text.Length > _chars.Length)
        {
            var size = Math.Max((long)_chars.Length * 2, (long)_used + text.Length);
            if (size > Array.MaxLength) throw Rejections.ZipBomb("共享字符串总量过大");
            Array.Resize(ref _chars, (int)size);
        }
        text.CopyTo(_chars.AsSpan(_used));
        _starts[Count] = _used;
        _lengths[Count++] = text.Length;
        _used += text.Length;
    }

    /// <summary>Loads xl/sharedStrings.xml: &lt;si&gt; with a &lt;t&gt;, or rich-text runs &lt;r&gt;&lt;t&gt; concatenated; phonetic runs left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SharedStringTable Load(SafePackage package, string part, int maxCellChars)
    {
        var table = new SharedStringTable();
        var text = new CharBuilder(1024);
        var chunk = new char[4096];
        // Raw text may hold _xHHHH_ escapes (7 chars for 1): allow for them before decoding.
        var rawLimit = (int)Math.Min(int.MaxValue / 2, (long)maxCellChars * 7);
        try
        {
            using var reader = SafeXml.Create(package.OpenPart(part));
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                SafeXml.CheckDepth(reader, part);
                if (reader.LocalName != "si" || reader.Depth != 1) continue;
                text.Clear();
                var fits = true;
                if (!reader.IsEmptyElement)
                {
                    var depth = reader.Depth;
                    while (reader.Read())
                    {
                        if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) break;
                        if (reader.NodeType != XmlNodeType.Element) continue;
                        SafeXml.CheckDepth(reader, part);
                        var name = reader.LocalName;
                        if (name == "t" && (reader.Depth == depth + 1 || reader.Depth == depth + 2))
                            fits &= SafeXml.ReadText(reader, text, fits ? rawLimit : 0, chunk, part);
                        else if (name != "r") SafeXml.Skip(reader, part); // rPr, rPh, phoneticPr
                    }
                }
                if (fits)
                {
                    text.Truncate(OoxmlEscapes.Decode(text.Span));
                    fits = text.Length <= maxCellChars;
                }
                table.Add(text.Span, !fits);
            }
        }
        catch (XmlException)
        {
            throw Rejections.CorruptPart(part);
        }
        return table;
    }
}
