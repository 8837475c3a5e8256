using System.Runtime.CompilerServices;
using System.Collections;
using System.Text;

namespace Supervision.Reports.Submissions.Io;

/// <summary>A CSV file (RFC 4180) seen as one sheet; every cell is a string, read verbatim.</summary>
internal sealed class CsvSpreadsheet(Stream content, bool ownsStream, long start, Encoding encoding, string csvSheetName, SpreadsheetLimits limits) : ISpreadsheet
{
    private readonly Stream _content = content;
    private readonly long _start = start;
    private readonly Encoding _encoding = encoding;
    private readonly SpreadsheetLimits _limits = limits;
    private bool _disposed;

    public IReadOnlyList<string> SheetNames { get; } = [csvSheetName];

    public IEnumerable<SheetRow> ReadRows(string sheetName)
    {
        ArgumentNullException.ThrowIfNull(sheetName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!string.Equals(sheetName, csvSheetName, StringComparison.OrdinalIgnoreCase)) throw Rejections.SheetMissing(sheetName);
        return new RowSequence(this);
    }

    public void Dispose()
    {
        _disposed = true;
        if (ownsStream) _content.Dispose();
    }

    private sealed class RowSequence(CsvSpreadsheet owner) : IEnumerable<SheetRow>
    {
        public IEnumerator<SheetRow> GetEnumerator()
        {
            ObjectDisposedException.ThrowIf(owner._disposed, owner);
            var reader = new StreamReader(new StreamView(owner._content, owner._start), owner._encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            return new CsvParser(reader, owner.SheetNames[0], owner._limits);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>RFC 4180: fields separated by commas, records by CRLF, LF or CR; quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private sealed class CsvParser(TextReader reader, string sheet, SpreadsheetLimits limits) : IEnumerator<SheetRow>
    {
        private readonly char[] _buffer = new char[64 * 1024];
        private int _length;
        private int _pos;
        private bool _eof;
        private int _record;
        private readonly List<RawCell> _cells = new(16);
        private readonly CharBuilder _field = new(256);

        public SheetRow Current { get; private set; } = null!;

        object IEnumerator.Current => Current;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Next()
        {
            if (_pos < _length) return _buffer[_pos++];
            if (_eof) return -1;
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            if (_length == 0)
            {
                _eof = true;
                return -1;
            }
            return _buffer[_pos++];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Peek()
        {
            if (_pos < _length) return _buffer[_pos];
            var c = Next();
            if (c >= 0) _pos--;
            return c;
        }

        public bool MoveNext()
        {
            while (true)
            {
                if (_eof && _pos >= _length) return false;
                var hadContent = ReadRecord();
                if (_cells.Count > 0)
                {
                    if (_record > limits.MaxRowsPerSheet) throw Rejections.TooManyRows(sheet, limits.MaxRowsPerSheet);
                    Current = new SheetRow(_record, _cells.ToArray());
                    return true;
                }
                if (!hadContent && _eof) return false;
            }
        }

        /// <summary>Reads one record into _cells; false when the input ended before any character of it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ReadRecord()
        {
            _cells.Clear();
            _field.Clear();
            var column = 0;
            var quoted = false;
            var first = Next();
            if (first < 0) return false;
            _record++;
            var c = first;
            while (true)
            {
                if (quoted)
                {
                    if (c < 0) throw Rejections.Corrupt($"CSV文件第{_record}行开始的带引号字段没有结束引号");
                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            Next();
                            Append('"', column);
                        }
                        else quoted = false;
                    }
                    else Append((char)c, column);
                }
                else
                {
                    switch (c)
                    {
                        case '"' when _field.Length == 0:
                            quoted = true;
                            break;
                        case ',':
                            EndField(column++);
                            break;
                        case '\r':
                            if (Peek() == '\n') Next();
                            EndField(column);
                            return true;
                        case '\n':
                        case -1:
                            EndField(column);
                            return true;
                        default:
                            Append((char)c, column);
                            break;
                    }
                }
                c = Next();
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Append(char ch, int column)
        {
            if (_field.Length >= limits.MaxCellChars) throw Rejections.CellTooLong(sheet, _record, column, limits.MaxCellChars);
            _field.Append(ch);
        }

        private void EndField(int column)
        {
            if (_field.Length == 0) return;
            if (column >= limits.MaxColumns) throw Rejections.TooManyColumns(sheet, _record, limits.MaxColumns);
            _cells.Add(new RawCell(column, _field.ToString(), RawCellType.String));
            _field.Clear();
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => reader.Dispose();
    }
}

/// <summary>A read-only view of a shared seekable stream with its own position, so enumerations do not disturb each other.</summary>
internal sealed class StreamView(Stream inner, long start) : Stream
{
    private readonly long _start = start;
    private long _position = start;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        inner.Position = _position;
        var n = inner.Read(buffer);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length - _start;
    public override long Position { get => _position - _start; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
