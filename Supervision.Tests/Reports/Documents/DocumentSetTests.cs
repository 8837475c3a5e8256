using System.Diagnostics;
using System.Text.RegularExpressions;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Organizations;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using Supervision.Web.Demo;
using UglyToad.PdfPig.Content;

namespace Supervision.Tests.Reports.Documents;

/// <summary>
/// Every document kind, rendered from the sample set, read back with coordinates: no line breaks inside a 文号, a date or an
/// amount, no wrapped line holds a lone character, the fonts are embedded as subsets.
/// </summary>
public partial class DocumentSetTests
{
    public static TheoryData<DocumentKind> Kinds() => [.. Enum.GetValues<DocumentKind>()];

    private static byte[] Render(DocumentKind kind) => new DocumentRenderer().Render(DocumentSamples.Of(kind));

    /// <summary>A run of letters on one baseline, with no gap wider than an em inside.</summary>
    private sealed record Run(double Left, double Right, double Baseline, double Size, string Text);

    private static List<List<Run>> Lines(byte[] pdf)
    {
        var lines = new List<List<Run>>();
        foreach (var page in PdfReading.Lines(pdf))
            foreach (var line in page)
            {
                var runs = new List<Run>();
                var start = 0;
                for (var i = 1; i <= line.Count; i++)
                {
                    if (i < line.Count && line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X < line[i].PointSize) continue;
                    var letters = line.GetRange(start, i - start);
                    runs.Add(new Run(letters[0].StartBaseLine.X, letters[^1].EndBaseLine.X, letters[0].StartBaseLine.Y, letters[0].PointSize, PdfReading.TextOf(letters)));
                    start = i;
                }
                lines.Add(runs);
            }
        return lines;
    }

    [GeneratedRegex(@"宁通管[\u4e00-\u9fff]{1,2}〔\d{4}〕\d+号|\d{4}年\d{1,2}月\d{1,2}日|¥[\d,]+\.\d{2}|[\d,]+(\.\d+)?元|[壹贰叁肆伍陆柒捌玖拾佰仟万]+元整?")]
    private static partial Regex Unbreakable();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_line_breaks_inside_a_document_number_a_date_or_an_amount(DocumentKind kind)
    {
        var lines = Lines(Render(kind));
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            var end = string.Concat(lines[i].Select(r => r.Text));
            var next = string.Concat(lines[i + 1].Select(r => r.Text));
            foreach (Match m in Unbreakable().Matches(end + next))
                Assert.False(m.Index < end.Length && m.Index + m.Length > end.Length,
                    $"{kind}: “{m.Value}” is broken across lines “{end}” / “{next}”");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_wrapped_line_holds_a_lone_character(DocumentKind kind)
    {
        var lines = Lines(Render(kind));
        for (var i = 1; i < lines.Count; i++)
            foreach (var run in lines[i])
            {
                var text = run.Text.TrimEnd('。', '，', '；', '：', '、', '）', '”');
                if (text.Length != 1 || !CjkText.IsWide(text[0]) || !char.IsLetter(text[0])) continue;
                // Another run on the same line close by ("年　月　日" of a form) makes it no wrapped tail.
                if (lines[i].Any(o => o != run && Math.Min(Math.Abs(o.Left - run.Right), Math.Abs(run.Left - o.Right)) < 3 * run.Size)) continue;
                // A wrapped tail: the line just above (within a line's pitch) runs on from its left edge.
                var above = lines[i - 1].FirstOrDefault(a => a.Baseline - run.Baseline is > 0 and var gap && gap < 1.9 * run.Size
                    && a.Left <= run.Left + 1 && a.Right >= run.Right + 3 * run.Size);
                Assert.True(above is null, $"{kind}: “{run.Text}” stands alone below “{above?.Text}”");
            }
    }

    /// <summary>
    /// GB/T 9704 7.3.5.4: a full line (one that reaches the right edge of the text block) is set with its characters tightened or
    /// loosened within limits, never visibly letter-spaced: on the extracted coordinates no gap between two neighbouring characters
    /// of a full line is wider than <see cref="DocumentComposer.MaxSpread"/> em, nor tighter than <see cref="DocumentComposer.MaxSqueeze"/>
    /// em beyond the closest setting (30 characters a line). A line that would need more breaks elsewhere (a date between its groups)
    /// or is set ragged.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_full_line_is_spread_or_squeezed_beyond_the_cap(DocumentKind kind)
    {
        Assert.True(DocumentComposer.MaxSpread <= 0.125);
        var right = Gbt9704.BlockRight;
        foreach (var page in PdfReading.Lines(Render(kind)))
            foreach (var line in page)
            {
                if (line.Count < DocumentComposer.MinSpreadPieces || Math.Abs(line[^1].EndBaseLine.X - right) > 1.0 || line[0].StartBaseLine.X < Gbt9704.BlockLeft - 1) continue;
                // The closest setting of the body, 30 characters a line, sets 三号 characters closer than their advance; smaller type is not.
                var closest = Math.Min(0, Gbt9704.BlockWidth / 30 - line[0].PointSize);
                for (var i = 1; i < line.Count; i++)
                {
                    var gap = line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X;
                    var size = line[i].PointSize;
                    var text = PdfReading.TextOf(line);
                    Assert.True(gap <= DocumentComposer.MaxSpread * size + 0.05,
                        $"{kind}: “{text}” has {gap / size:0.00} em between “{line[i - 1].Value}” and “{line[i].Value}”");
                    Assert.True(gap >= closest - DocumentComposer.MaxSqueeze * size - 0.05,
                        $"{kind}: “{text}” is squeezed to {gap / size:0.00} em between “{line[i - 1].Value}” and “{line[i].Value}”");
                }
            }
    }

    /// <summary>
    /// A date that does not fit at the end of a line no longer leaves the line spread by a fifth of an em (4 ems over 21 gaps, today's
    /// behaviour): the line breaks between the date's groups (… 2026年12月 / 31日前 …), never inside one, and every line before the
    /// paragraph's last is full with no gap beyond the cap.
    /// </summary>
    [Fact]
    public void A_date_that_does_not_fit_breaks_between_its_groups_rather_than_letter_spacing_the_line()
    {
        var doc = new OfficialDocument("测试").Paragraph("本机关依法决定对你单位处以罚款，并责令其在2026年12月31日前改正违法行为，对以人工录入方式登记的用户重新核验身份，"
            + "你单位应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，依法加处罚款。");
        var pdf = OfficialDocumentRenderer.Render(doc);
        var lines = PdfReading.Lines(pdf).SelectMany(p => p).Where(l => l.Count > 6).ToList();
        var (first, second) = (PdfReading.TextOf(lines[0]), PdfReading.TextOf(lines[1]));
        Assert.Matches("在2026年(12月)?$", first);
        Assert.Equal("2026年12月31日前", first[(first.LastIndexOf('在') + 1)..] + second[..second.IndexOf('前')] + "前");
        foreach (var line in lines.SkipLast(1))
        {
            Assert.InRange(line[^1].EndBaseLine.X, Gbt9704.BlockRight - 0.5, Gbt9704.BlockRight + 0.5);
            for (var i = 1; i < line.Count; i++)
                Assert.True(line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X <= DocumentComposer.MaxSpread * line[i].PointSize + 0.05,
                    $"“{PdfReading.TextOf(line)}” is letter-spaced between “{line[i - 1].Value}” and “{line[i].Value}”");
        }
    }

    /// <summary>The 审批表: one row for 陈述申辩 and hearing; each 承办人 on a line of their own with room to sign and date; the 承办人,
    /// 法制审核 and 负责人 opinions each closed by the person's name and the day, from the approvals recorded.</summary>
    [Fact]
    public void The_decision_approval_has_one_statement_row_room_for_each_handler_and_named_dated_opinions()
    {
        var text = PdfReading.PageTexts(Render(DocumentKind.DecisionApproval))[0];
        Assert.Single(Regex.Matches(text, "陈述申辩及听证"));
        Assert.DoesNotContain("听证权利拟", text);
        Assert.Contains("承办人张明远签名：年月日李晓华签名：年月日", text);
        Assert.Contains("承办人：张明远2026年11月6日", text);
        Assert.Contains("法制审核人员：陈静2026年11月10日", text);
        Assert.Contains("负责人：刘卫东2026年11月13日", text);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fonts_are_embedded_as_subsets(DocumentKind kind)
    {
        var fonts = PdfReading.EmbeddedFonts(Render(kind));
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f =>
        {
            Assert.Matches("^[A-Z]{6}\\+", f.FontName);
            Assert.NotNull(f.Program);
        });
        // The body is set in the bundled 仿宋 (FandolFang), the title in the heavy serif, not in UMing.
        Assert.Contains(fonts, f => f.FontName.Contains("FandolFang", StringComparison.Ordinal));
    }

    [Fact]
    public void Document_numbers_dates_amounts_and_units_are_protected_and_a_lone_last_character_gets_company()
    {
        const string text = "根据宁通管告〔2026〕2号，自2026年11月28日起十五日内缴纳罚款人民币贰万元整（¥20,000.00），逾期每日加处3%罚款。";
        var flags = CjkText.ProtectedBreaks(text, 0, text.Length)!;
        foreach (var piece in new[] { "宁通管告〔2026〕2号", "2026年11月28日", "十五日", "人民币贰万元整", "¥20,000.00" })
        {
            var at = text.IndexOf(piece, StringComparison.Ordinal);
            for (var i = at + 1; i < at + piece.Length; i++) Assert.True(flags[i], $"a break inside “{piece}” at {i}");
        }
        // Every width makes lines that keep the pieces whole and leave no character alone on the last line.
        const string name = "当事人：中国电信股份有限公司宁夏回族自治区分公司银川市兴庆区解放东街营业中心";
        for (var width = 14; width <= 28; width++)
        {
            var lines = LineBreaker.Break(name, width, s => s.Length);
            Assert.True(lines[^1].Length > 1, $"width {width}: a lone “{lines[^1].TextOf(name)}”");
            var broken = LineBreaker.Break(text, width, s => s.Length);
            foreach (var piece in new[] { "宁通管告〔2026〕2号", "2026年11月28日", "¥20,000.00" })
            {
                var at = text.IndexOf(piece, StringComparison.Ordinal);
                Assert.Contains(broken, l => l.Start <= at && l.End >= at + piece.Length);
            }
        }
    }

    /// <summary>
    /// Every line of a justified paragraph reaches the right edge of the text block except the paragraph's last: a name, a 文号 or a date
    /// that moves on whole leaves its room spread over the line's gaps, never a short line mid-paragraph — unless spreading it would need
    /// more than a quarter em between its characters (or has too few of them), when it is left ragged (and then it really would have needed more). Checked on every
    /// kind of the sample set as laid out (each line's last character against the measure).
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_line_inside_a_paragraph_stops_short_of_the_measure(DocumentKind kind)
    {
        Render(kind);
        var lines = OfficialDocumentRenderer.LastLayout!.SelectMany(p => p.Items).Where(p => p.Item.Shortfall is not null).ToList();
        foreach (var line in lines)
        {
            var text = string.Concat(line.Item.Ops.OfType<TextOp>().Select(t => t.Text));
            var size = line.Item.Ops.OfType<TextOp>().First().Size;
            if (line.Item.Ragged)
                Assert.True(line.Item.Gaps + 1 < DocumentComposer.MinSpreadPieces || line.Item.Shortfall / line.Item.Gaps > DocumentComposer.MaxSpread * size,
                    $"{kind}: “{text}” is left ragged though {line.Item.Shortfall:0.0} pt over {line.Item.Gaps} gaps is within the cap");
            else
                Assert.True(line.Item.Shortfall <= 0.5, $"{kind}: “{text}” stops {line.Item.Shortfall:0.0} pt short of the right edge");
        }
    }

    /// <summary>
    /// A line cut short by a piece that moves on whole (here a capital amount of sixteen characters) is not letter-spaced: it would need
    /// two thirds of an em between its characters, over the quarter-em cap, so it is set from the left with its characters at their
    /// natural advance; the paragraph's last line is never spread either.
    /// </summary>
    [Fact]
    public void A_short_line_is_left_ragged_rather_than_letter_spaced()
    {
        var doc = new OfficialDocument("测试").Paragraph("本机关依法决定对你单位并处以罚款人民币壹拾贰万叁仟肆佰伍拾陆元整，"
            + "你单位应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，依法加处罚款。");
        OfficialDocumentRenderer.Render(doc);
        var lines = OfficialDocumentRenderer.LastLayout!.SelectMany(p => p.Items).Where(p => p.Item.Kind == "paragraph").ToList();
        Assert.True(lines.Count >= 3);
        Assert.StartsWith("人民币壹拾贰万", string.Concat(lines[1].Item.Ops.OfType<TextOp>().Select(t => t.Text)));
        Assert.True(lines[0].Item.Ragged);
        foreach (var line in new[] { lines[0], lines[^1] })
        {
            var ops = line.Item.Ops.OfType<TextOp>().ToList();
            // Characters at their grid advance: no gap wider than the advance plus the cap.
            for (var i = 1; i < ops.Count; i++)
                Assert.InRange(ops[i].X - ops[i - 1].X, 0, Gbt9704.CharAdvance + DocumentComposer.MaxSpread * ops[i].Size - 0.01 + (ops[i - 1].Text.Length - 1) * Gbt9704.CharAdvance);
        }
        Assert.Null(lines[^1].Item.Shortfall);
        Assert.All(lines.Where(l => !l.Item.Ragged && l.Item.Shortfall is not null), l => Assert.InRange(l.Item.Shortfall!.Value, 0, 0.5));
    }

    [Fact]
    public void A_line_cut_short_by_a_name_that_moves_on_whole_is_set_full_width()
    {
        // The name cannot break inside its ending, and 避头尾 keeps "（" with what follows: the first line breaks early and is spread out.
        var doc = new OfficialDocument("测试").Paragraph("执法人员暗访发现，当事人所属解放西街合作营业厅（宁夏回族自治区银川市兴庆区解放西街118号）在用户未出示有效身份证件的情况下，"
            + "通过人工录入身份信息为其办理入网手续；中国联合网络通信有限公司宁夏回族自治区分公司未采取措施。");
        OfficialDocumentRenderer.Render(doc);
        var lines = OfficialDocumentRenderer.LastLayout!.SelectMany(p => p.Items).Where(p => p.Item.Kind == "paragraph").ToList();
        Assert.True(lines.Count >= 3);
        Assert.All(lines.SkipLast(1), l => Assert.InRange(l.Item.Shortfall!.Value, 0, 0.5));
        Assert.Null(lines[^1].Item.Shortfall);
    }

    /// <summary>
    /// 责令改正 is not an administrative penalty (行政处罚法第九条 lists the kinds; 第二十八条 orders correction alongside one): the decision's
    /// approval form states it on its own row, and the 处罚决定 row lists the penalties only.
    /// </summary>
    [Fact]
    public void The_decision_approval_form_states_the_corrective_order_apart_from_the_penalties()
    {
        var text = PdfReading.Compact(string.Concat(PdfReading.PageTexts(Render(DocumentKind.DecisionApproval))));
        var decision = Regex.Match(text, "处罚决定(?!审批表)(.*?)责令改正").Groups[1].Value;
        Assert.Contains("罚款", decision);
        Assert.DoesNotContain("责令", decision);
        Assert.Contains("责令改正责令于2026年12月31日前改正违法行为", text);
    }

    /// <summary>A form is one page: the approval forms, the service receipt and the submission receipt of the sample set each hold on one.</summary>
    [Theory]
    [InlineData(DocumentKind.CaseFilingApproval)]
    [InlineData(DocumentKind.DecisionApproval)]
    [InlineData(DocumentKind.ServiceReceipt)]
    [InlineData(DocumentKind.SubmissionReceipt)]
    public void A_form_holds_on_one_page(DocumentKind kind) =>
        Assert.Equal(1, PdfReading.PageCount(Render(kind)));

    [Fact]
    public void A_form_too_long_for_one_page_repeats_its_title_on_the_next()
    {
        var table = new DocumentTable(new TableColumn("", 1.6), new TableColumn("", 4.2)) { FontSize = 12 };
        for (var i = 1; i <= 45; i++) table.AddRow($"事项{i}", "内容");
        var pdf = OfficialDocumentRenderer.Render(new OfficialDocument("宁夏回族自治区通信管理局\n行政处罚决定审批表").Table(table));
        var pages = PdfReading.PageTexts(pdf);
        Assert.True(pages.Length >= 2);
        Assert.StartsWith("行政处罚决定审批表（续）", pages[1]);
        Assert.DoesNotContain("（续）", pages[0]);
    }
}

/// <summary>The seal is painted beneath the signature: every dark pixel of the date without a seal is still dark with one.</summary>
public class SealUnderlayTests
{
    [Fact]
    public void The_seal_does_not_hide_the_date()
    {
        var data = DocumentSamples.Of(DocumentKind.PenaltyDecision);
        var renderer = new DocumentRenderer();
        var plain = renderer.Render(data);
        var sealed_ = renderer.Render(data, TestImages.RedRing(400, transparent: false));
        var date = ChineseDate.Format(((Supervision.Domain.Enforcement.CaseDocumentData)data).IssueDate);

        // The date line of the signature: on the last page, the lowest line that reads as the date.
        var pages = PdfReading.Lines(plain);
        var page = pages.Count - 1;
        var line = pages[page].Last(l => PdfReading.TextOf(l) == date);
        var box = (Left: line[0].BoundingBox.Left, Right: line[^1].BoundingBox.Right,
            Bottom: line.Min(l => l.BoundingBox.Bottom), Top: line.Max(l => l.BoundingBox.Top));

        var before = Raster(plain, page + 1);
        var after = Raster(sealed_, page + 1);
        const double scale = 100 / 72.0;
        int dark = 0, kept = 0, sealInBox = 0;
        for (var y = (int)((before.Height / scale - box.Top) * scale); y < (int)((before.Height / scale - box.Bottom) * scale); y++)
            for (var x = (int)(box.Left * scale); x < (int)(box.Right * scale); x++)
            {
                var (r0, g0, b0) = before.At(x, y);
                var (r1, g1, b1) = after.At(x, y);
                if (r1 > 150 && g1 < 100) sealInBox++;
                if (r0 + g0 + b0 >= 200) continue;
                dark++;
                if (r1 + g1 + b1 < 250) kept++;
            }
        Assert.True(dark > 100, $"the date has {dark} dark pixels");
        Assert.True(sealInBox > 20, "the seal crosses the date's box");
        Assert.True(kept >= dark * 0.98, $"{dark - kept} of {dark} dark pixels of the date are hidden by the seal");
    }

    private sealed record Image(int Width, int Height, byte[] Pixels)
    {
        public (int R, int G, int B) At(int x, int y) => (Pixels[(y * Width + x) * 3], Pixels[(y * Width + x) * 3 + 1], Pixels[(y * Width + x) * 3 + 2]);
    }

    /// <summary>One page at 100 dpi through pdftoppm, as binary PPM.</summary>
    private static Image Raster(byte[] pdf, int page)
    {
        var dir = Directory.CreateTempSubdirectory("seal-raster");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm",
                ["-r", "100", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, Path.Combine(dir.FullName, "out")])
                { UseShellExecute = false })!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            var ppm = File.ReadAllBytes(Path.Combine(dir.FullName, "out.ppm"));
            // P6\n<w> <h>\n255\n<pixels>
            var header = System.Text.Encoding.ASCII.GetString(ppm, 0, 64).Split((char[])['\n', ' '], 5);
            var (width, height) = (int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture));
            return new Image(width, height, ppm[^(width * height * 3)..]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>An administration's own fonts: validated on upload, and used for its documents.</summary>
public class UploadedFontTests
{
    private static byte[] Bundled(string file)
    {
        using var stream = typeof(OfficialFontResolver).Assembly.GetManifestResourceStream("Supervision.Reports.Fonts." + file)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] Partial()
    {
        using var stream = typeof(UploadedFontTests).Assembly.GetManifestResourceStream("Supervision.Tests.Fixtures.fang-partial.ttf")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public void A_complete_truetype_face_is_accepted()
    {
        var font = Bundled("fandol-fang-gb2312.ttf");
        Assert.Same(font, FontFile.Check("仿宋_GB2312.ttf", font));
    }

    [Fact]
    public void A_face_missing_gb2312_characters_is_refused_saying_how_many_and_which()
    {
        var error = Assert.Throws<DomainException>(() => FontFile.Check("仿宋_不全.ttf", Partial()));
        Assert.Equal("font.coverage", error.Code);
        Assert.Contains("缺少GB 2312一级汉字3555个（共3755个）", error.Message);
        Assert.Contains("箔", error.Message);       // the 201st character of level 1, the first one left out
    }

    [Theory]
    [InlineData("OTTO", "font.cff")]
    [InlineData("ttcf", "font.collection")]
    [InlineData("%PDF", "font.type")]
    public void Other_files_are_refused_with_the_reason(string tag, string code)
    {
        byte[] bytes = [.. System.Text.Encoding.ASCII.GetBytes(tag), .. new byte[64]];
        Assert.Equal(code, Assert.Throws<DomainException>(() => FontFile.Check("字体.ttf", bytes)).Code);
    }

    [Fact]
    public void Documents_of_a_province_with_its_own_face_are_set_in_it()
    {
        // The bundled title face uploaded as the province's 仿宋 (any complete TrueType face does): the body is set in it.
        var font = Bundled("noto-serif-sc-bold-gb2312.ttf");
        var data = DocumentSamples.Of(DocumentKind.PriorNotice);
        var pdf = new DocumentRenderer().Render(data, faces: [new DocumentFace(DocumentFaceRole.Fang, StoredFileHash(font), font)]);
        var fonts = PdfReading.EmbeddedFonts(pdf);
        Assert.DoesNotContain(fonts, f => f.FontName.Contains("FandolFang", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.FontName.Contains("Noto", StringComparison.Ordinal));
        // Without uploaded faces the same data is set in the bundled 仿宋 again (the faces do not stick to the thread).
        Assert.Contains(PdfReading.EmbeddedFonts(new DocumentRenderer().Render(data)), f => f.FontName.Contains("FandolFang", StringComparison.Ordinal));
    }

    private static string StoredFileHash(byte[] bytes) => Supervision.Domain.Files.StoredFile.Hash(bytes);
}

/// <summary>GB/T 9704 7.3.5.4: when the signature does not fit under the text, the lines are set closer rather than moved.</summary>
public class PageBreakTests
{
    private static OfficialDocument WithLines(int lines)
    {
        var document = new OfficialDocument("测试文书");
        for (var i = 0; i < lines; i++) document.Paragraph($"第{i + 1}段正文。");
        return document.SignedBy("宁夏回族自治区通信管理局", new DateOnly(2026, 11, 28));
    }

    [Fact]
    public void A_signature_just_short_of_room_tightens_the_line_pitch_instead_of_taking_lines_to_a_new_page()
    {
        // Title and blank line, 16 one-line paragraphs: 4 of 22 lines left, the signature with its seal needs about 4.8.
        var pages = Supervision.Reports.Documents.OfficialDocumentRenderer.Layout(WithLines(16), OfficialDocumentOptions.Default);
        Assert.Single(pages);
        var tops = pages[0].Items.Where(p => p.Item.Kind == "paragraph").Select(p => p.Top).ToList();
        Assert.True(tops[1] - tops[0] < Supervision.Reports.Documents.Layout.Gbt9704.LinePitch - 1, "the lines are set closer");
    }

    /// <summary>Paragraphs of 56 characters: three lines at 28 a line (26 after the indent, 28, 2), two at 29.</summary>
    private static OfficialDocument WithLongParagraphs(int paragraphs)
    {
        var document = new OfficialDocument("测试文书");
        for (var i = 0; i < paragraphs; i++) document.Paragraph(string.Concat(Enumerable.Repeat("检查发现的问题", 8))[..55] + "。");
        return document.SignedBy("宁夏回族自治区通信管理局", new DateOnly(2026, 11, 28));
    }

    /// <summary>The horizontal distances between the characters of the first line of the first paragraph.</summary>
    private static List<double> Advances(LaidOutPage page)
    {
        var first = page.Items.First(p => p.Item.Kind == "paragraph").Item.Ops.OfType<TextOp>().OrderBy(t => t.X).ToList();
        return [.. first.Zip(first.Skip(1), (a, b) => b.X - a.X)];
    }

    [Fact]
    public void Where_the_line_pitch_is_not_enough_the_characters_are_set_closer_and_the_signature_keeps_its_text()
    {
        // Title, blank line and 6 × 3 lines: the signature with its seal (about 4.8 lines) fits neither at 22 nor at 24 lines a
        // page; at 29 characters a line each paragraph takes two lines and everything stays on one page, at the standard pitch.
        var pages = Supervision.Reports.Documents.OfficialDocumentRenderer.Layout(WithLongParagraphs(6), OfficialDocumentOptions.Default);
        Assert.Single(pages);
        Assert.Equal(12, pages[0].Items.Count(p => p.Item.Kind == "paragraph"));
        Assert.All(Advances(pages[0]), d => Assert.Equal(Gbt9704.BlockWidth / 29, d, 2));
        var tops = pages[0].Items.Where(p => p.Item.Kind == "paragraph").Select(p => p.Top).ToList();
        Assert.Equal(Gbt9704.LinePitch, tops[1] - tops[0], 3);

        // Where the signature fits anyway, the characters keep the standard 28 a line.
        var standard = Supervision.Reports.Documents.OfficialDocumentRenderer.Layout(WithLongParagraphs(4), OfficialDocumentOptions.Default);
        Assert.Single(standard);
        Assert.Equal(12, standard[0].Items.Count(p => p.Item.Kind == "paragraph"));
        Assert.All(Advances(standard[0]), d => Assert.Equal(Gbt9704.CharAdvance, d, 2));
    }

    [Theory]
    [InlineData("你单位要求举行听证，本机关于2026年11月5日依法举行了听证。")]
    [InlineData("你单位要求举行听证，本机关于2026年11月5日依法举行了听证。你单位提出了陈述、申辩意见。经复核，本机关认为你单位所称已对部分用户补登身份信息属实，但不影响违法事实的认定，对你单位的陈述、申辩意见不予采纳。")]
    public void The_demo_decision_ends_with_body_text_and_its_signature_after_full_pages(string proceedings)
    {
        // The sample decision with a short and a long recital of the proceedings: no page before the signature's ends more
        // than a line short, and the signature's page carries body text.
        var data = (Supervision.Domain.Enforcement.CaseDocumentData)DocumentSamples.Of(DocumentKind.PenaltyDecision) with { Proceedings = proceedings };
        var pages = OfficialDocumentRenderer.Layout(Supervision.Reports.Enforcement.CasePdf.Build(data, preview: false), OfficialDocumentOptions.Default);
        Assert.Contains(pages[^1].Items, p => p.Item.Kind == "signature");
        Assert.True(pages[^1].Items.Count(p => p.Item.IsBodyText) >= 2, "the signature's page carries body text");
        foreach (var page in pages.SkipLast(1))
            Assert.True(LinesShort(page) <= 1, $"page {page.Number} of {pages.Count} ends {LinesShort(page):0.0} lines short");
    }

    private static double LinesShort(LaidOutPage page) => (Gbt9704.BlockHeight - page.Items.Max(p => p.Top + p.Item.Height)) / Gbt9704.LinePitch;

    [Fact]
    public void Where_tightening_is_not_enough_the_signature_takes_body_lines_and_the_pitch_stays_standard()
    {
        var pages = Supervision.Reports.Documents.OfficialDocumentRenderer.Layout(WithLines(19), OfficialDocumentOptions.Default);
        Assert.Equal(2, pages.Count);
        Assert.True(pages[1].Items.Count(p => p.Item.IsBodyText) >= 2);
        var tops = pages[0].Items.Where(p => p.Item.Kind == "paragraph").Select(p => p.Top).ToList();
        Assert.Equal(Supervision.Reports.Documents.Layout.Gbt9704.LinePitch, tops[1] - tops[0], 3);
    }
}
