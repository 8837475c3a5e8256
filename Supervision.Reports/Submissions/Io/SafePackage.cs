using System.IO.Compression;

namespace Supervision.Reports.Submissions.Io;

/// <summary>
/// A ZIP package opened for reading with zip-bomb guards: declared sizes and ratios are checked when it is opened,
/// and every part is counted again while it is decompressed (headers are not trusted).
/// </summary>
internal sealed class SafePackage : IDisposable
{
    /// <summary>Entries smaller than this are not held to the compression ratio (tiny XML parts compress oddly).</summary>
    public const long RatioFloorBytes = 1024 * 1024;
    public const int MaxEntries = 10_000;

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly SpreadsheetLimits _limits;
    private readonly Stream? _owned;

    private SafePackage(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries, SpreadsheetLimits limits, Stream? owned)
    {
        _zip = zip;
        _entries = entries;
        _limits = limits;
        _owned = owned;
    }

    public SpreadsheetLimits Limits => _limits;

    /// <summary>Entries in archive order, with their normalised part names (no leading slash).</summary>
    public IReadOnlyList<ZipArchiveEntry> Entries => _zip.Entries;

    public IEnumerable<string> PartNames => _entries.Keys;

    /// <param name="content">Seekable, positioned anywhere (the whole stream is the archive).</param>
    /// <param name="ownsStream">Dispose <paramref name="content"/> with the package.</param>
    public static SafePackage Open(Stream content, SpreadsheetLimits limits, bool ownsStream)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            if (ownsStream) content.Dispose();
            throw Rejections.Corrupt("ZIP压缩包不完整或已损坏");
        }
        try
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            IReadOnlyCollection<ZipArchiveEntry> all;
            try
            {
                all = zip.Entries;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
            {
                throw Rejections.Corrupt("ZIP压缩包的目录已损坏");
            }
            if (all.Count > MaxEntries) throw Rejections.ZipBomb($"压缩包含有{all.Count}个条目");
            long total = 0;
            foreach (var entry in all)
            {
                if (IsUnsafePath(entry.FullName)) throw Rejections.UnsafePath(entry.FullName);
                var name = Normalize(entry.FullName);
                if (!entries.TryAdd(name, entry)) throw Rejections.Corrupt($"ZIP压缩包中有重复的条目“{name}”");
                if (entry.Length < 0 || entry.CompressedLength < 0) throw Rejections.Corrupt("ZIP压缩包的目录已损坏");
                if (entry.Length > limits.MaxUncompressedBytes)
                    throw Rejections.ZipBomb($"条目“{name}”声明解压后{Rejections.Megabytes(entry.Length)}MB，超过{Rejections.Megabytes(limits.MaxUncompressedBytes)}MB的上限");
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes)
                    throw Rejections.ZipBomb($"解压后总大小超过{Rejections.Megabytes(limits.MaxUncompressedBytes)}MB的上限");
                if (entry.Length > RatioFloorBytes && entry.Length > Math.Max(1, entry.CompressedLength) * (long)limits.MaxCompressionRatio)
                    throw Rejections.ZipBomb($"条目“{name}”的压缩比超过{limits.MaxCompressionRatio}:1");
            }
            return new SafePackage(zip, entries, limits, ownsStream ? content : null);
        }
        catch
        {
            zip.Dispose();
            if (ownsStream) content.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An entry an unzipping program would write outside its folder (Zip Slip): an absolute path ("/etc/x", "\\server\x",
    /// "C:x"), a ".." segment, or control characters. Office never writes such names; only a crafted file has them.
    /// </summary>
    public static bool IsUnsafePath(string name)
    {
        var path = name.Replace('\\', '/');
        return path.StartsWith('/') || path.Contains(':') || path.Any(char.IsControl) || path.Split('/').Contains("..");
    }

    public static string Normalize(string name) => name.Replace('\\', '/').TrimStart('/');

    public bool Has(string part) => _entries.ContainsKey(Normalize(part));

    public ZipArchiveEntry? Entry(string part) => _entries.GetValueOrDefault(Normalize(part));

    /// <summary>Opens a part for reading; decompressed bytes are counted against the declared size, the ratio and the limit.</summary>
    public Stream OpenPart(string part)
    {
        var name = Normalize(part);
        if (!_entries.TryGetValue(name, out var entry)) throw Rejections.Corrupt($"缺少部件“{name}”");
        return OpenEntry(entry, name);
    }

    public Stream OpenEntry(ZipArchiveEntry entry) => OpenEntry(entry, Normalize(entry.FullName));

    private GuardedStream OpenEntry(ZipArchiveEntry entry, string name)
    {
        try
        {
            return new GuardedStream(entry.Open(), name, entry.Length, entry.CompressedLength, _limits);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw Rejections.Corrupt($"无法解压部件“{name}”（可能已加密或损坏）");
        }
    }

    public void Dispose()
    {
        _zip.Dispose();
        _owned?.Dispose();
    }

    /// <summary>Counts what is really decompressed.</summary>
    private sealed class GuardedStream(Stream inner, string name, long declared, long compressed, SpreadsheetLimits limits) : Stream
    {
        private long _count;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                throw Rejections.Corrupt($"部件“{name}”的压缩数据已损坏");
            }
            _count += n;
            if (_count > declared)
                throw Rejections.ZipBomb($"条目“{name}”实际解压的数据超过其声明的大小");
            if (_count > limits.MaxUncompressedBytes)
                throw Rejections.ZipBomb($"条目“{name}”解压后超过{Rejections.Megabytes(limits.MaxUncompressedBytes)}MB的上限");
            if (_count > RatioFloorBytes && _count > Math.Max(1, compressed) * (long)limits.MaxCompressionRatio)
                throw Rejections.ZipBomb($"条目“{name}”的压缩比超过{limits.MaxCompressionRatio}:1");
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
