using System.IO.Compression;
using System.Text;
using Supervision.Domain.Common;

namespace Supervision.Domain.Files;

/// <summary>
/// What an uploaded PDF (evidence, a rectification report, the signed annual report) may not carry: script (JavaScript, and
/// the actions and forms that run it: Rendition, XFA, RichMedia), a Launch action that starts a program, or files inside
/// it (embedded files, file-attachment annotations). Such a PDF is refused rather than kept and served as a download:
/// an inspector opens evidence in a desktop reader, where a download runs its script all the same, and no photo, scan or
/// signed report needs any of it. Nor an action run without a click — the document's /OpenAction or an /AA (additional
/// actions: on opening a page, closing, printing…) — that submits a form, imports data, opens another file or an address
/// (SubmitForm, ImportData, GoToR, GoToE, URI): a link the reader clicks may point to a web page, a file opening may not.
/// <para>
/// Every such feature is named by a PDF name in a dictionary, and dictionaries live either in the file as written or in
/// compressed object streams. So the names are looked for in the whole file as stored (after decoding #xx escapes,
/// "/J#61vaScript" is "/JavaScript") and in every object stream, decompressed. What cannot be looked into is refused too:
/// an object stream with a filter other than Flate, ASCIIHex, ASCII85 or RunLength or with a predictor, one the parser
/// did not reach (the file names more object streams than it holds), or one of an encrypted PDF.
/// </para>
/// </summary>
public static class PdfContent
{
    public const string ScriptCode = "pdf.script";
    public const string EmbeddedFileCode = "pdf.embedded_file";
    public const string UninspectableCode = "pdf.uninspectable";
    public const string ActionCode = "pdf.action";

    private static readonly HashSet<string> Script = ["JavaScript", "Rendition", "XFA", "RichMedia", "Launch"];
    private static readonly HashSet<string> Embedded = ["EmbeddedFiles", "EmbeddedFile", "FileAttachment"];
    /// <summary>Action types refused when they run by themselves (Launch is refused anywhere, as script).</summary>
    private static readonly HashSet<string> ReachingOut = ["SubmitForm", "ImportData", "GoToR", "GoToE", "URI", "Launch"];

    /// <summary>Decompressed object streams beyond this many bytes are not inspected, and the file is refused.</summary>
    private const long MaxDecodedBytes = 256L * 1024 * 1024;

    private const int MaxNesting = 64;

    /// <summary>Refuses the PDF if it carries script or embedded files, or hides its objects where they cannot be checked.</summary>
    public static void Check(string fileName, ReadOnlySpan<byte> pdf)
    {
        var name = StoredFile.SafeName(fileName);
        var found = new Findings();
        ScanNames(pdf, found);
        var parser = new Parser(pdf.ToArray(), found);
        parser.Run();

        if (found.Script is { } script)
            throw new DomainException(ScriptCode, $"“{name}”含有脚本或自动执行的动作（/{script}），不能上传。请用“打印为PDF”重新生成不含脚本的PDF后上传。");
        if (parser.AutomaticAction() is { } action)
            throw new DomainException(ActionCode, $"“{name}”含有打开时自动执行的动作（/{action}：提交表单、导入数据、打开其他文件或网址），不能上传。请用“打印为PDF”重新生成后上传。");
        if (found.Embedded is { } embedded)
            throw new DomainException(EmbeddedFileCode, $"“{name}”内嵌了其他文件（/{embedded}），不能上传。请删除PDF中的附件，或将附件作为单独的文件上传。");
        var problem = parser.Problem
                      ?? (found.Encrypted && parser.ObjectStreams > 0 ? "已加密" : null)
                      ?? (found.ObjectStreamNames > parser.ObjectStreams ? "含有解析不到的对象流" : null);
        if (problem is not null)
            throw new DomainException(UninspectableCode, $"“{name}”的内容无法检查（{problem}），不能上传。请用“打印为PDF”另存为普通PDF后上传。");
    }

    private sealed class Findings
    {
        public string? Script;
        public string? Embedded;
        public bool Encrypted;
        /// <summary>How many times the file as stored names /ObjStm: each must be an object stream the parser decoded.</summary>
        public int ObjectStreamNames;
    }

    /// <summary>Every name token in <paramref name="data"/>, wherever it stands (also inside stream data the parser skips).</summary>
    private static void ScanNames(ReadOnlySpan<byte> data, Findings found, bool counting = true)
    {
        Span<byte> buffer = stackalloc byte[MaxName];
        for (var i = data.IndexOf((byte)'/'); i >= 0;)
        {
            var end = ReadName(data, i + 1, buffer, out var length);
            if (length is > 2 and <= MaxName) Classify(Encoding.ASCII.GetString(buffer[..length]), found, counting);
            var next = data[end..].IndexOf((byte)'/');
            i = next < 0 ? -1 : end + next;
        }
    }

    private const int MaxName = 64;

    /// <summary>Reads the name after a '/' from <paramref name="start"/>, decoding #xx escapes into <paramref name="into"/>; returns where it ends.</summary>
    private static int ReadName(ReadOnlySpan<byte> data, int start, Span<byte> into, out int length)
    {
        var at = start;
        length = 0;
        while (at < data.Length && IsRegular(data[at]))
        {
            var b = data[at++];
            if (b == '#' && at + 1 < data.Length && IsHex(data[at]) && IsHex(data[at + 1]))
            {
                b = (byte)(Hex(data[at]) * 16 + Hex(data[at + 1]));
                at += 2;
            }
            if (length < into.Length) into[length] = b;
            length++;
        }
        return at;
    }

    private static void Classify(string name, Findings found, bool counting)
    {
        if (Script.Contains(name)) found.Script ??= name;
        else if (Embedded.Contains(name)) found.Embedded ??= name;
        else if (name == "Encrypt") found.Encrypted = true;
        else if (name == "ObjStm" && counting) found.ObjectStreamNames++;
    }

    /// <summary>
    /// Walks the file's objects as a reader would, to find each stream's dictionary and data; decodes the object streams
    /// and scans the names in them. Only what it needs of PDF syntax: strings, comments, names, dictionaries and arrays.
    /// </summary>
    private sealed class Parser(byte[] data, Findings found)
    {
        private readonly byte[] _name = new byte[MaxName];
        private int _at;
        private long _decoded;
        /// <summary>Each object's dictionary by number, from the file and its object streams, to follow references.</summary>
        private Dictionary<string, Dictionary<string, object>> _objects = new(StringComparer.Ordinal);
        /// <summary>The dictionaries with an /OpenAction or /AA.</summary>
        private List<Dictionary<string, object>> _triggers = [];

        public int ObjectStreams { get; private set; }
        public string? Problem { get; private set; }

        public void Run()
        {
            string? twoBefore = null, before = null, number = null; // "12 0 obj": the number is two tokens before
            while (Problem is null && Next() is { } token)
            {
                if (token is "obj") number = twoBefore;
                else if (token is "<<")
                {
                    var dictionary = Dictionary(0);
                    if (number is not null) _objects.TryAdd(number, dictionary);
                    number = null;
                    var mark = _at;
                    if (Next() is "stream") Stream(dictionary);
                    else _at = mark;
                }
                else if (token is not "endobj") number = null;
                (twoBefore, before) = (before, token);
            }
        }

        /// <summary>The type of an action that runs by itself and reaches outside, following references and /Next chains.</summary>
        public string? AutomaticAction()
        {
            var seen = new HashSet<Dictionary<string, object>>();
            var pending = new Stack<object?>();
            foreach (var t in _triggers)
            {
                pending.Push(t.GetValueOrDefault("OpenAction"));
                if (Resolve(t.GetValueOrDefault("AA")) is { } additional) foreach (var a in additional.Values) pending.Push(a);
            }
            while (pending.TryPop(out var item))
            {
                if (Resolve(item) is not { } action || !seen.Add(action)) continue;
                if (Name(action, "S") is { } type && ReachingOut.Contains(type)) return type;
                pending.Push(action.GetValueOrDefault("Next"));
                if (action.GetValueOrDefault("Next") is List<object> chain) // [7 0 R << … >>]
                    for (var i = 0; i < chain.Count; i++)
                        pending.Push(i + 2 < chain.Count && chain[i + 2] is "R" && IsNumber(chain[i]) ? "R " + chain[i] : chain[i]);
            }
            return null;
        }

        private Dictionary<string, object>? Resolve(object? item) => item switch
        {
            Dictionary<string, object> d => d,
            string r when r.StartsWith("R ", StringComparison.Ordinal) => _objects.GetValueOrDefault(r[2..]),
            _ => null,
        };

        /// <summary>
        /// The next token: a delimiter ("&lt;&lt;", "&gt;&gt;", "[", "]"), a name ("/Type", #xx decoded), a keyword or number, or "()"
        /// for a string (its text does not matter here); comments are skipped.
        /// </summary>
        private string? Next()
        {
            while (_at < data.Length)
            {
                var b = data[_at];
                if (IsWhite(b)) { _at++; continue; }
                if (b == '%') { while (_at < data.Length && data[_at] is not ((byte)'\r' or (byte)'\n')) _at++; continue; }
                if (b == '(') { SkipString(); return "()"; }
                if (b == '<')
                {
                    if (_at + 1 < data.Length && data[_at + 1] == '<') { _at += 2; return "<<"; }
                    var close = System.Array.IndexOf(data, (byte)'>', _at);
                    _at = close < 0 ? data.Length : close + 1;
                    return "()";
                }
                if (b == '>') { _at += _at + 1 < data.Length && data[_at + 1] == '>' ? 2 : 1; return ">>"; }
                if (b is (byte)'[' or (byte)']' or (byte)'{' or (byte)'}') { _at++; return ((char)b).ToString(); }
                var start = _at++;
                if (b == '/')
                {
                    _at = ReadName(data, _at, _name, out var length);
                    return "/" + Encoding.Latin1.GetString(_name, 0, Math.Min(length, MaxName));
                }
                while (_at < data.Length && IsRegular(data[_at])) _at++;
                return Encoding.ASCII.GetString(data, start, Math.Min(_at - start, 64));
            }
            return null;
        }

        private void SkipString()
        {
            var depth = 0;
            for (; _at < data.Length; _at++)
            {
                var b = data[_at];
                if (b == '\\') _at++;
                else if (b == '(') depth++;
                else if (b == ')' && --depth == 0) { _at++; return; }
            }
        }

        /// <summary>The entries of a dictionary whose "&lt;&lt;" was just read: key → a token, a list (array) or a dictionary; a reference "5 0 R" → "R".</summary>
        private Dictionary<string, object> Dictionary(int depth)
        {
            var items = Items(">>", depth);
            var entries = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < items.Count;)
            {
                if (items[i] is not string key || !key.StartsWith('/')) { i++; continue; }
                if (i + 3 < items.Count && IsNumber(items[i + 1]) && IsNumber(items[i + 2]) && items[i + 3] is "R")
                {
                    entries.TryAdd(key[1..], "R " + items[i + 1]);
                    i += 4;
                    continue;
                }
                entries.TryAdd(key[1..], items[i + 1]);
                i += 2;
            }
            if (entries.ContainsKey("OpenAction") || entries.ContainsKey("AA")) _triggers.Add(entries);
            return entries;
        }

        private List<object> Items(string close, int depth)
        {
            var items = new List<object>();
            while (Next() is { } token && token != close)
            {
                if (depth >= MaxNesting) { Problem = "嵌套过深"; return items; }
                items.Add(token == "<<" ? Dictionary(depth + 1) : token == "[" ? Items("]", depth + 1) : token);
            }
            return items;
        }

        private static bool IsNumber(object item) => item is string { Length: > 0 } s && (char.IsAsciiDigit(s[0]) || s[0] is '-' or '+' or '.');

        /// <summary>Finds the stream's data (its direct /Length when "endstream" follows it, else up to "endstream") and decodes it if it holds objects.</summary>
        private void Stream(Dictionary<string, object> dictionary)
        {
            if (_at < data.Length && data[_at] == '\r') _at++;
            if (_at < data.Length && data[_at] == '\n') _at++;
            var start = _at;
            var end = -1;
            if (dictionary.GetValueOrDefault("Length") is string length && int.TryParse(length, out var n) && n >= 0 && start + (long)n <= data.Length)
            {
                var after = start + n;
                while (after < data.Length && IsWhite(data[after])) after++;
                if (data.AsSpan(after).StartsWith("endstream"u8)) end = start + n;
            }
            if (end < 0)
            {
                var keyword = data.AsSpan(start).IndexOf("endstream"u8);
                end = keyword < 0 ? data.Length : start + keyword;
            }
            _at = Math.Min(data.Length, end + "endstream".Length);

            // Only object streams hold dictionaries; a reader needs /First and /N to use one, whatever its /Type says.
            var holdsObjects = Name(dictionary, "Type") == "ObjStm" || (dictionary.ContainsKey("First") && dictionary.ContainsKey("N"));
            if (!holdsObjects) return;
            ObjectStreams++;
            if (found.Encrypted) return; // refused in Check: its bytes cannot be read
            var decoded = Decode(dictionary, data.AsSpan(start, end - start).ToArray());
            if (decoded is null) return;
            ScanNames(decoded, found, counting: false);
            ReadObjects(decoded, dictionary.GetValueOrDefault("First") as string);
        }

        /// <summary>The dictionaries of an object stream's objects: its header lists each object's number and offset after /First.</summary>
        private void ReadObjects(byte[] decoded, string? first)
        {
            if (!int.TryParse(first, out var offset) || offset < 0 || offset > decoded.Length) return;
            var inner = new Parser(decoded, found) { _objects = _objects, _triggers = _triggers, _decoded = _decoded };
            var header = new List<string>();
            while (inner._at < offset && inner.Next() is { } token && inner._at <= offset) header.Add(token);
            for (var i = 0; i + 1 < header.Count; i += 2)
            {
                if (!int.TryParse(header[i + 1], out var at) || offset + (long)at >= decoded.Length) continue;
                inner._at = offset + at;
                if (inner.Next() is "<<") _objects.TryAdd(header[i], inner.Dictionary(0));
            }
        }

        private byte[]? Decode(Dictionary<string, object> dictionary, byte[] bytes)
        {
            var filters = dictionary.GetValueOrDefault("Filter") switch
            {
                null => [],
                string s => [s],
                List<object> list => list.Select(f => f as string ?? "").ToList(),
                _ => [""],
            };
            if (Parameter(dictionary.GetValueOrDefault("DecodeParms"), "Predictor") is { } predictor && predictor != "1")
            {
                Problem = "对象流使用了预测编码";
                return null;
            }
            try
            {
                foreach (var filter in filters.Select(f => f.TrimStart('/')))
                {
                    bytes = filter switch
                    {
                        "FlateDecode" or "Fl" => Inflate(bytes),
                        "ASCIIHexDecode" or "AHx" => AsciiHex(bytes),
                        "ASCII85Decode" or "A85" => Ascii85(bytes),
                        "RunLengthDecode" or "RL" => RunLength(bytes),
                        "R" or "" => throw new InvalidDataException("对象流的编码方式无法确定"),
                        _ => throw new InvalidDataException($"对象流使用了{filter}编码"),
                    };
                    if ((_decoded += bytes.Length) > MaxDecodedBytes) throw new InvalidDataException("解压后体积异常");
                }
                return bytes;
            }
            catch (InvalidDataException e)
            {
                Problem = e.Message.Any(c => c > 127) ? e.Message : "对象流已损坏";
                return null;
            }
        }

        private static string? Name(Dictionary<string, object> dictionary, string key) =>
            dictionary.GetValueOrDefault(key) is string s && s.StartsWith('/') ? s[1..] : null;

        private static string? Parameter(object? parameters, string key) => parameters switch
        {
            Dictionary<string, object> d => d.GetValueOrDefault(key) as string,
            List<object> list => list.Select(p => Parameter(p, key)).FirstOrDefault(v => v is not null),
            _ => null,
        };

        private byte[] Inflate(byte[] bytes)
        {
            using var zlib = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
                if (_decoded + output.Length > MaxDecodedBytes) throw new InvalidDataException("解压后体积异常");
            }
            return output.ToArray();
        }

        private static byte[] AsciiHex(byte[] bytes)
        {
            var output = new List<byte>(bytes.Length / 2);
            int? high = null;
            foreach (var b in bytes)
            {
                if (b == '>') break;
                if (IsWhite(b)) continue;
                if (!IsHex(b)) throw new InvalidDataException("对象流已损坏");
                if (high is { } h) { output.Add((byte)(h * 16 + Hex(b))); high = null; }
                else high = Hex(b);
            }
            if (high is { } last) output.Add((byte)(last * 16));
            return [.. output];
        }

        private static byte[] Ascii85(byte[] bytes)
        {
            var output = new List<byte>(bytes.Length);
            Span<byte> group = stackalloc byte[5];
            var count = 0;
            foreach (var b in bytes)
            {
                if (b == '~') break;
                if (IsWhite(b)) continue;
                if (b == 'z' && count == 0) { output.AddRange([0, 0, 0, 0]); continue; }
                if (b is < (byte)'!' or > (byte)'u') throw new InvalidDataException("对象流已损坏");
                group[count++] = (byte)(b - '!');
                if (count == 5) { Emit(group, 4, output); count = 0; }
            }
            if (count > 1)
            {
                for (var i = count; i < 5; i++) group[i] = 84;
                Emit(group, count - 1, output);
            }
            return [.. output];

            static void Emit(Span<byte> group, int take, List<byte> output)
            {
                uint value = 0;
                foreach (var d in group) value = unchecked(value * 85 + d);
                for (var i = 0; i < take; i++) output.Add((byte)(value >> (24 - 8 * i)));
            }
        }

        private static byte[] RunLength(byte[] bytes)
        {
            var output = new List<byte>(bytes.Length);
            for (var i = 0; i < bytes.Length;)
            {
                var length = bytes[i++];
                if (length == 128) break;
                if (length < 128)
                {
                    var take = Math.Min(length + 1, bytes.Length - i);
                    output.AddRange(bytes.AsSpan(i, take));
                    i += take;
                }
                else if (i < bytes.Length)
                {
                    for (var k = 0; k < 257 - length; k++) output.Add(bytes[i]);
                    i++;
                }
            }
            return [.. output];
        }
    }

    private static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsRegular(byte b) => !IsWhite(b) && b is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
