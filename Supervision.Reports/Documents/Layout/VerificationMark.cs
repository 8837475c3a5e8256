using Supervision.Domain.Documents;
using ZXing.QrCode.Internal;

namespace Supervision.Reports.Documents.Layout;

/// <summary>The verification code of an issued document and the address its QR code points at (the public verify page).</summary>
public sealed record DocumentVerificationMark(string Code, string Url)
{
    /// <summary>
    /// The verify page's address as a reader types it (the URL without the code, https:// left off), or null where the QR points at
    /// a root-relative path (no address configured): 可登录 gxt.nx.gov.cn/public/verify 输入核验码核验.
    /// </summary>
    public string? Site
    {
        get
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
            var site = Url.EndsWith("/" + Code, StringComparison.Ordinal) ? Url[..^(Code.Length + 1)] : Url;
            return site.StartsWith("https://", StringComparison.Ordinal) ? site["https://".Length..] : site;
        }
    }

    /// <summary>The sentence printed beside the QR code: where to check the document without a phone.</summary>
    public string Instruction => Site is { } site ? $"可登录 {site} 输入核验码核验" : "可登录本机关公示网站输入核验码核验";

    /// <summary>The mark of issued document data; null for previews and data issued before codes existed.</summary>
    public static DocumentVerificationMark? Of(DocumentData data) =>
        data.VerificationCode is { Length: > 0 } code ? new(code, data.VerificationUrl is { Length: > 0 } url ? url : new RelativeVerificationLinks().VerifyUrl(code)) : null;

    /// <summary>Options that print this mark of <paramref name="data"/> (and nothing else besides <paramref name="preview"/>'s seal box).</summary>
    public static OfficialDocumentOptions Options(DocumentData data, bool preview = false) =>
        new() { ShowSealPlaceholder = preview, Verification = preview ? null : Of(data) };
}

/// <summary>
/// Draws the verification mark in the bottom margin of every page, below the text block and on the side opposite the page
/// number: a QR code (ZXing's module matrix, error correction M, drawn as filled rectangles — vector, no bitmap) and the
/// code in small type beside it, so a reader without a phone can type it in.
/// </summary>
internal static class VerificationMark
{
    /// <summary>Side of the QR code (its quiet zone is the blank margin around it).</summary>
    public static readonly double QrSize = Gbt9704.Mm(17);

    /// <summary>Top of the QR code: 4 mm below the text block.</summary>
    public static readonly double QrTop = Gbt9704.BlockBottom + Gbt9704.Mm(4);

    private const double LabelSize = 8;

    /// <summary>Where the QR code of a page goes: left on odd pages (the number is right), right on even ones.</summary>
    public static double QrLeft(int pageNumber) => pageNumber % 2 == 1 ? Gbt9704.BlockLeft : Gbt9704.BlockRight - QrSize;

    public static IEnumerable<DrawOp> Ops(DocumentVerificationMark mark, int pageNumber)
    {
        var matrix = Encoder.encode(mark.Url, ErrorCorrectionLevel.M).Matrix;
        var module = QrSize / matrix.Width;
        var left = QrLeft(pageNumber);
        var black = new ChartColor(0, 0, 0);
        // One rectangle per run of dark modules in a row, a hair taller than a module so rows leave no seam on screen.
        for (var y = 0; y < matrix.Height; y++)
        {
            for (var x = 0; x < matrix.Width; x++)
            {
                if (matrix[x, y] != 1) continue;
                var start = x;
                while (x + 1 < matrix.Width && matrix[x + 1, y] == 1) x++;
                yield return new FillOp(left + start * module, QrTop + y * module, (x - start + 1) * module, module + 0.05, black);
            }
        }

        var style = new TextStyle(OfficialTypeface.Song, LabelSize);
        // The code and the site's address in text, so a reader without a phone (or a copy whose QR does not scan) can check it.
        string[] lines = ["扫码核验，核验码：", VerificationCodes.Display(mark.Code), mark.Instruction];
        var gap = Gbt9704.Mm(2.5);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = new StyledText((lines[i], style));
            var width = text.Measure(0, lines[i].Length);
            var x = pageNumber % 2 == 1 ? left + QrSize + gap : left - gap - width;
            yield return new TextOp(x, QrTop + Gbt9704.Mm(4) + i * LabelSize * 1.5, lines[i], FontFace.Song, LabelSize, false, TextColor.Black);
        }
    }
}
