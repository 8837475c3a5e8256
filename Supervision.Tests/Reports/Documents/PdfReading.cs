using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Supervision.Tests.Reports.Documents;

/// <summary>Reads rendered PDFs back for assertions (PdfPig, and the raw bytes for font dictionaries).</summary>
internal static partial class PdfReading
{
    /// <summary>Each page's text with all whitespace removed (line breaks and justification gaps are layout, not text).</summary>
    public static string[] PageTexts(byte[] pdf)
    {
        using var document = PdfPigDocument.Open(pdf);
        return [.. document.GetPages().Select(p => Compact(string.Concat(p.Letters.Select(l => l.Value))))];
    }

    public static string Compact(string text) => Whitespace().Replace(text, "");

    /// <summary>The letters of each page grouped into lines by baseline, top to bottom, each line left to right.</summary>
    public static List<List<List<Letter>>> Lines(byte[] pdf)
    {
        using var document = PdfPigDocument.Open(pdf);
        return [.. document.GetPages().Select(page => page.Letters
            .Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .OrderByDescending(g => g.Key)
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())
            .ToList())];
    }

    public static string TextOf(IEnumerable<Letter> letters) => string.Concat(letters.Select(l => l.Value));

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfPigDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>Font descriptors: the font name (with its subset tag) and the decompressed FontFile2 program.</summary>
    public static List<(string FontName, byte[]? Program)> EmbeddedFonts(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var result = new List<(string, byte[]?)>();
        foreach (Match descriptor in FontDescriptor().Matches(text))
        {
            var name = descriptor.Groups["name"].Value.Replace("#20", " ", StringComparison.Ordinal);
            byte[]? program = null;
            var file = FontFile().Match(descriptor.Value);
            if (file.Success) program = StreamOf(pdf, text, int.Parse(file.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            result.Add((name, program));
        }
        return result;
    }

    private static byte[] StreamOf(byte[] pdf, string text, int objectNumber)
    {
        var header = new Regex($@"(?<=\n){objectNumber} 0 obj\s*<<(?<dict>.*?)>>\s*stream\r?\n", RegexOptions.Singleline).Match(text);
        if (!header.Success) throw new InvalidDataException($"object {objectNumber} is not a stream");
        var length = int.Parse(Regex.Match(header.Groups["dict"].Value, @"/Length (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var data = pdf.AsSpan(header.Index + header.Length, length).ToArray();
        if (!header.Groups["dict"].Value.Contains("/FlateDecode", StringComparison.Ordinal)) return data;
        using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"/Type/FontDescriptor.*?/FontName/(?<name>[^/>\[]+).*?>>", RegexOptions.Singleline)]
    private static partial Regex FontDescriptor();

    [GeneratedRegex(@"/FontFile2 (\d+) 0 R")]
    private static partial Regex FontFile();
}
