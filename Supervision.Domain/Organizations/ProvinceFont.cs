using System.Buffers.Binary;
using System.Text;
using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Organizations;

/// <summary>The faces GB/T 9704-2012 sets documents in, which an administration may replace by its own licensed fonts.</summary>
public enum DocumentFaceRole
{
    /// <summary>仿宋_GB2312: body text.</summary>
    Fang,
    /// <summary>方正小标宋简体: titles and the 发文机关标志.</summary>
    XiaoBiaoSong,
    /// <summary>黑体: level-1 headings, table headers.</summary>
    Hei,
    /// <summary>楷体_GB2312: level-2 headings.</summary>
    Kai,
}

/// <summary>A licensed font an administration uploaded for its documents (one per role); documents of its province are set in it.</summary>
public class ProvinceFont : ICatalogEntity
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public Province? Province { get; set; }
    public DocumentFaceRole Role { get; set; }
    public long FileId { get; set; }
    public StoredFile? File { get; set; }

    public static string Label(DocumentFaceRole role) => role switch
    {
        DocumentFaceRole.Fang => "仿宋（正文，如仿宋_GB2312）",
        DocumentFaceRole.XiaoBiaoSong => "小标宋（标题，如方正小标宋简体）",
        DocumentFaceRole.Hei => "黑体（一级标题）",
        DocumentFaceRole.Kai => "楷体（二级标题，如楷体_GB2312）",
        _ => role.ToString(),
    };
}

/// <summary>
/// Checks an uploaded font: a single TrueType font (glyf outlines; the PDF layer embeds only those) whose character map covers
/// every character of GB 2312 level 1 (3,755 汉字), so that no character of a document falls back to another face.
/// </summary>
public static class FontFile
{
    public const int MaxBytes = 40 * 1024 * 1024;

    /// <summary>The 3,755 characters of GB 2312 level 1 (rows 16–55), in code order.</summary>
    public static IReadOnlyList<char> Gb2312Level1 { get; } = Level1();

    public static byte[] Check(string name, byte[] bytes)
    {
        var file = StoredFile.SafeName(StoredFile.CheckName(name));
        if (bytes.Length == 0) throw new DomainException("font.empty", $"文件“{file}”为空。");
        if (bytes.Length > MaxBytes) throw new DomainException("font.too_large", StoredFile.TooLargeMessage(name, bytes.Length, MaxBytes));
        if (bytes.Length < 12) throw new DomainException("font.type", $"“{file}”不是字体文件。请上传TrueType字体（.ttf）。");
        var tag = bytes.AsSpan(0, 4);
        if (tag.SequenceEqual("ttcf"u8))
            throw new DomainException("font.collection", $"“{file}”是字体集（.ttc），含多个字体；请上传其中所需的单个TrueType字体（.ttf）。");
        if (tag.SequenceEqual("OTTO"u8))
            throw new DomainException("font.cff", $"“{file}”是CFF轮廓的OpenType字体，文书生成只能嵌入TrueType轮廓的字体；请上传TrueType字体（.ttf）。");
        if (!tag.SequenceEqual(new byte[] { 0, 1, 0, 0 }) && !tag.SequenceEqual("true"u8))
            throw new DomainException("font.type", $"“{file}”不是TrueType字体。请上传TrueType字体（.ttf）。");
        StoredFile.CheckExtension(name, "TrueType字体", ".ttf");
        var tables = Tables(bytes, file);
        foreach (var required in new[] { "glyf", "loca", "cmap", "head", "hmtx", "hhea", "maxp" })
            if (!tables.ContainsKey(required))
                throw new DomainException("font.outlines", $"“{file}”缺少“{required}”表，不是完整的TrueType轮廓字体；请上传字体厂商提供的原始字体文件。");
        var covered = Coverage(bytes, tables["cmap"], file);
        var missing = Gb2312Level1.Where(c => !covered(c)).ToList();
        if (missing.Count > 0)
            throw new DomainException("font.coverage",
                $"“{file}”缺少GB 2312一级汉字{missing.Count}个（共{Gb2312Level1.Count}个），例如：{string.Join("、", missing.Take(8))}。请上传覆盖GB 2312字符集的完整字体。");
        return bytes;
    }

    private static Dictionary<string, (int Offset, int Length)> Tables(byte[] font, string file)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        if (12 + count * 16 > font.Length) throw Damaged(file);
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + i * 16, 16);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            if (offset + (long)length > font.Length) throw Damaged(file);
            tables[Encoding.ASCII.GetString(record[..4])] = ((int)offset, (int)length);
        }
        return tables;
    }

    /// <summary>Whether the font maps a character to a glyph other than .notdef, read from its Windows Unicode cmap (format 12 or 4).</summary>
    private static Func<char, bool> Coverage(byte[] font, (int Offset, int Length) cmap, string file)
    {
        var at = cmap.Offset;
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 2));
        int? format4 = null, format12 = null;
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(at + 4 + i * 8, 8);
            var (platform, encoding) = (BinaryPrimitives.ReadUInt16BigEndian(record), BinaryPrimitives.ReadUInt16BigEndian(record[2..]));
            var sub = at + (int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            if (sub + 4 > font.Length) throw Damaged(file);
            var format = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(sub));
            if (format == 12 && (platform == 3 && encoding == 10 || platform == 0)) format12 ??= sub;
            if (format == 4 && (platform == 3 && encoding == 1 || platform == 0)) format4 ??= sub;
        }
        if (format12 is { } f12)
        {
            var groups = BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(f12 + 12));
            var ranges = new List<(uint Start, uint End, uint Glyph)>();
            for (var g = 0; g < groups && f12 + 16 + g * 12 + 12 <= font.Length; g++)
            {
                var group = font.AsSpan(f12 + 16 + g * 12, 12);
                ranges.Add((BinaryPrimitives.ReadUInt32BigEndian(group), BinaryPrimitives.ReadUInt32BigEndian(group[4..]), BinaryPrimitives.ReadUInt32BigEndian(group[8..])));
            }
            return c => ranges.Any(r => c >= r.Start && c <= r.End && r.Glyph + (c - r.Start) != 0);
        }
        if (format4 is not { } f4) throw new DomainException("font.cmap", $"“{file}”没有Unicode字符映射表，无法用于中文文书；请上传中文TrueType字体。");
        var segments = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(f4 + 6)) / 2;
        var ends = f4 + 14;
        var starts = ends + segments * 2 + 2;
        var deltas = starts + segments * 2;
        var rangeOffsets = deltas + segments * 2;
        if (rangeOffsets + segments * 2 > font.Length) throw Damaged(file);
        ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(offset));
        return c =>
        {
            for (var s = 0; s < segments; s++)
            {
                if (c > U16(ends + s * 2)) continue;
                var start = U16(starts + s * 2);
                if (c < start) return false;
                var delta = U16(deltas + s * 2);
                var rangeOffset = U16(rangeOffsets + s * 2);
                if (rangeOffset == 0) return (ushort)(c + delta) != 0;
                var glyphAt = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
                if (glyphAt + 2 > font.Length) return false;
                var glyph = U16(glyphAt);
                return glyph != 0 && (ushort)(glyph + delta) != 0;
            }
            return false;
        };
    }

    private static DomainException Damaged(string file) => new("font.damaged", $"“{file}”已损坏（表目录超出文件长度）；请重新获取字体文件后上传。");

    private static List<char> Level1()
    {
        var gb2312 = CodePagesEncoding.Gb2312;
        var chars = new List<char>(3755);
        for (var row = 0xB0; row <= 0xD7; row++)
            for (var cell = 0xA1; cell <= (row == 0xD7 ? 0xF9 : 0xFE); cell++)
                chars.Add(gb2312.GetString([(byte)row, (byte)cell])[0]);
        return chars;
    }

    private static class CodePagesEncoding
    {
        public static readonly Encoding Gb2312 = Create();

        private static Encoding Create()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(936);
        }
    }
}
