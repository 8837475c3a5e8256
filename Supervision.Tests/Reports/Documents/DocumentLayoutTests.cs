using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Supervision.Tests.Reports.Documents;

/// <summary>GB/T 9704-2012 geometry of laid-out pages (before painting) and of the painted PDF.</summary>
public class DocumentLayoutTests
{
    private static readonly double Mm = 72 / 25.4;
    private static readonly double CharAdvance = 156.0 / 28 * Mm;
    private static readonly double LinePitch = 225.0 / 22 * Mm;
    private static readonly double BlockLeft = 28 * Mm;
    private static readonly double BlockRight = (28 + 156) * Mm;
    private static readonly double BlockTop = 37 * Mm;
    private static readonly double BlockBottom = (37 + 225) * Mm;

    private static List<LaidOutPage> Layout(OfficialDocument document, bool placeholder = false) =>
        OfficialDocumentRenderer.Layout(document, new OfficialDocumentOptions { ShowSealPlaceholder = placeholder });

    /// <summary>Text ops of a page grouped by baseline, top to bottom.</summary>
    private static List<List<TextOp>> TextLines(LaidOutPage page) =>
        [.. page.Ops.OfType<TextOp>().GroupBy(t => Math.Round(t.Baseline, 2)).OrderBy(g => g.Key).Select(g => g.OrderBy(t => t.X).ToList())];

    [Fact]
    public void Body_pages_hold_22_lines_of_28_characters()
    {
        var document = new OfficialDocument("测试文档");
        const string line = "通信管理局依法对电话用户真实身份信息登记情况进行监督检查工作";   // 30 characters
        for (var i = 0; i < 80; i++) document.Line(line[..28], ParagraphAlignment.Left);
        var pages = Layout(document);
        var second = TextLines(pages[1]).Where(l => l[0].Size == 16).ToList();   // page 2: body only (and the page number at 14 pt)
        Assert.Equal(22, second.Count);
        foreach (var textLine in second)
        {
            Assert.Equal(28, textLine.Count);
            for (var k = 0; k < textLine.Count; k++)
                Assert.Equal(BlockLeft + k * CharAdvance, textLine[k].X, 3);
        }
        for (var k = 1; k < second.Count; k++)
            Assert.Equal(LinePitch, second[k][0].Baseline - second[k - 1][0].Baseline, 3);
        // The 22 lines fill the block: the first em box starts in the first line, the last ends above the bottom.
        Assert.InRange(second[0][0].Baseline - 16 * 0.88, BlockTop, BlockTop + LinePitch);
        Assert.InRange(second[^1][0].Baseline, BlockBottom - LinePitch, BlockBottom);
    }

    [Fact]
    public void A_paragraph_is_indented_two_characters_and_justified()
    {
        var document = new OfficialDocument("测试").Paragraph("本局于2026年9月15日对你单位电话用户实名登记情况进行检查，涉及GGSN/PGW侧开通的物联网卡共计10,000.00元，并于同日立案调查，现已调查终结。");
        var lines = TextLines(Layout(document)[0]).Where(l => l[0].Size == 16).ToList();
        Assert.True(lines.Count >= 3);
        Assert.Equal(BlockLeft + 2 * CharAdvance, lines[0][0].X, 3);
        Assert.Equal(BlockLeft, lines[1][0].X, 3);
        // Justified lines end at the right edge of the block (last op is a full-width character here or a word).
        foreach (var textLine in lines.Take(lines.Count - 1))
        {
            var last = textLine[^1];
            var end = last.X + Width(last);
            Assert.Equal(BlockRight, end, 1);
        }
    }

    [Fact]
    public void Rendered_lines_respect_the_line_start_and_end_rules()
    {
        foreach (var page in Layout(SampleDecision.Build()).Concat(Layout(SampleNotice.Build())))
        {
            foreach (var textLine in TextLines(page))
            {
                var text = string.Concat(textLine.Select(t => t.Text));
                if (text.StartsWith('—')) continue;                  // the page number "— N —"
                Assert.False(CjkText.CannotStartLine(text[0]), $"line starts with a closing mark: {text}");
                Assert.False(CjkText.CannotEndLine(text[^1]), $"line ends with an opening mark: {text}");
            }
        }
    }

    [Fact]
    public void Text_stays_inside_the_text_block()
    {
        foreach (var page in Layout(SampleDecision.Build(), placeholder: true).Concat(Layout(SampleNotice.Build())))
        {
            foreach (var op in page.Ops.OfType<TextOp>())
            {
                var isPageNumber = op.Text.StartsWith('—');
                Assert.True(op.X >= BlockLeft - 0.01, $"'{op.Text}' starts left of the block");
                Assert.True(op.X + Width(op) <= BlockRight + 0.5, $"'{op.Text}' ends right of the block at {op.X + Width(op)}");
                if (isPageNumber)
                    Assert.InRange(op.Baseline, BlockBottom + 7 * Mm, BlockBottom + 7 * Mm + op.Size);
                else
                    Assert.InRange(op.Baseline, BlockTop, BlockBottom);
            }
        }
    }

    [Fact]
    public void The_date_ends_four_characters_from_the_right_with_the_authority_centred_over_it()
    {
        var page = Layout(SampleDecision.Build())[^1];
        var lines = TextLines(page);
        var dateLine = lines.Single(l => string.Concat(l.Select(t => t.Text)) == "2026年11月28日");
        var nameLine = lines[lines.IndexOf(dateLine) - 1];
        Assert.Equal(SampleDecision.Authority, string.Concat(nameLine.Select(t => t.Text)));
        var dateLeft = dateLine[0].X;
        var dateRight = dateLine[^1].X + Width(dateLine[^1]);
        Assert.Equal(BlockRight - 4 * CharAdvance, dateRight, 2);
        var nameLeft = nameLine[0].X;
        var nameRight = nameLine[^1].X + Width(nameLine[^1]);
        Assert.Equal((dateLeft + dateRight) / 2, (nameLeft + nameRight) / 2, 2);
        Assert.Equal(LinePitch, dateLine[0].Baseline - nameLine[0].Baseline, 2);
    }

    [Fact]
    public void A_seal_image_is_drawn_centred_over_name_and_date()
    {
        var seal = TestImages.RedRing();
        var pages = Layout(SampleDecision.Build(seal));
        var image = Assert.Single(pages.SelectMany(p => p.Ops).OfType<ImageOp>());
        Assert.Same(seal, image.Image);
        Assert.Equal(42 * Mm, image.Width, 3);
        var lines = TextLines(pages[^1]);
        var dateLine = lines.Single(l => string.Concat(l.Select(t => t.Text)) == "2026年11月28日");
        var nameLine = lines[lines.IndexOf(dateLine) - 1];
        var dateCenter = (dateLine[0].X + dateLine[^1].X + Width(dateLine[^1])) / 2;
        Assert.Equal(dateCenter, image.X + image.Width / 2, 2);
        // The seal covers both lines, which sit at or below its centre; its top is within one line of the text above.
        var sealCenter = image.Y + image.Height / 2;
        Assert.True(image.Y < nameLine[0].Baseline - 16 && image.Y + image.Height > dateLine[0].Baseline);
        Assert.True(sealCenter <= dateLine[0].Baseline && sealCenter >= nameLine[0].Baseline - 16);
        var textAbove = lines[lines.IndexOf(nameLine) - 1][0].Baseline;
        Assert.InRange(image.Y - textAbove, 0, LinePitch);

        // And painted: the PDF has one image there.
        var pdf = OfficialDocumentRenderer.Render(SampleDecision.Build(seal));
        using var document = PdfPigDocument.Open(pdf);
        var painted = Assert.Single(document.GetPages().SelectMany(p => p.GetImages()));
        Assert.Equal(dateCenter, (painted.BoundingBox.Left + painted.BoundingBox.Right) / 2, 1);
    }

    [Fact]
    public void Without_a_seal_nothing_is_drawn_unless_a_preview_asks_for_the_marked_area()
    {
        var plain = Layout(SampleDecision.Build()).SelectMany(p => p.Ops).ToList();
        Assert.Empty(plain.OfType<ImageOp>());
        Assert.Empty(plain.OfType<BoxOp>());
        Assert.DoesNotContain(plain.OfType<TextOp>(), t => t.Text.Contains("印章", StringComparison.Ordinal));

        var preview = Layout(SampleDecision.Build(), placeholder: true).SelectMany(p => p.Ops).ToList();
        var box = Assert.Single(preview.OfType<BoxOp>());
        Assert.True(box.Dashed);
        Assert.Equal(TextColor.Gray, box.Color);
        var label = Assert.Single(preview.OfType<TextOp>(), t => t.Text == "（印章）");
        Assert.InRange(label.Baseline, box.Y, box.Y + box.Height);
        var pdf = OfficialDocumentRenderer.Render(SampleDecision.Build(), new OfficialDocumentOptions { ShowSealPlaceholder = true });
        Assert.Contains("（印章）", string.Concat(PdfReading.PageTexts(pdf)));
    }

    [Fact]
    public void The_seal_page_always_carries_body_text()
    {
        // Whatever the length of the body, the signature never stands on a page without body text (the
        // attachment list does not count), and the seal area fits on its page.
        foreach (var attachments in new[] { true, false })
        {
            for (var extra = 0; extra < 30; extra++)
            {
                var document = SampleNotice.Build(extra);
                var pages = Layout(attachments ? document : WithoutAttachments(extra));
                var signaturePage = pages.Single(p => p.Items.Any(i => i.Item.Kind == "signature"));
                var body = signaturePage.Items.TakeWhile(i => i.Item.Kind != "signature")
                    .Count(i => i.Item.Kind is "paragraph" or "heading1" or "heading2" or "field" or "addressee");
                Assert.True(body >= 2, $"with {extra} extra paragraphs the signature page has {body} body lines");
                var signature = signaturePage.Items.Single(i => i.Item.Kind == "signature");
                Assert.True(signature.Top + signature.Item.Height + signature.Item.Overhang <= 225 * Mm + 0.01, "the seal area runs off the page");
                Assert.DoesNotContain(signaturePage.Items.Take(1), i => i.Item.IsSpace);
            }
        }

        static OfficialDocument WithoutAttachments(int extra)
        {
            var document = new OfficialDocument(SampleNotice.Title).Addressee(SampleNotice.Addressee);
            for (var i = 0; i < 8 + extra; i++) document.Paragraph($"第{i + 1}段：检查中发现的问题将纳入年度考核，对拒不整改的依法予以处理。");
            return document.SignedBy("宁夏回族自治区通信管理局", SampleNotice.Date);
        }
    }

    [Fact]
    public void The_head_centres_the_number_below_the_red_mark_with_a_red_rule()
    {
        var page = Layout(SampleNotice.Build())[0];
        var lines = TextLines(page);
        var mark = lines[0];
        Assert.Equal(SampleNotice.Mark, string.Concat(mark.Select(t => t.Text)));
        Assert.All(mark, t => Assert.Equal(TextColor.Red, t.Color));
        Assert.Equal(BlockTop + 35 * Mm, mark[0].Baseline - mark[0].Size * 0.88, 2);   // top edge 35 mm below the block top
        var number = lines[1];
        Assert.Equal(SampleNotice.Number, string.Concat(number.Select(t => t.Text)));
        var center = (number[0].X + number[^1].X + Width(number[^1])) / 2;
        Assert.Equal((BlockLeft + BlockRight) / 2, center, 1);
        var rule = Assert.Single(page.Ops.OfType<RuleOp>(), r => r.Color == TextColor.Red);
        Assert.Equal(BlockLeft, rule.X1, 3);
        Assert.Equal(BlockRight, rule.X2, 3);
        Assert.Equal(number[0].Baseline + 16 * 0.12 + 4 * Mm, rule.Y1, 0);   // 4 mm below the number
    }

    [Fact]
    public void Without_a_mark_the_number_is_right_aligned_under_the_title()
    {
        var lines = TextLines(Layout(SampleDecision.Build())[0]);
        var number = lines.Single(l => string.Concat(l.Select(t => t.Text)) == SampleDecision.Number);
        Assert.Equal(BlockRight, number[^1].X + Width(number[^1]), 2);
        Assert.Equal("行政处罚决定书", string.Concat(lines[lines.IndexOf(number) - 1].Select(t => t.Text)));
    }

    [Fact]
    public void Headings_use_hei_and_kai_and_are_numbered()
    {
        var ops = Layout(SampleNotice.Build()).SelectMany(p => p.Ops).OfType<TextOp>().ToList();
        Assert.Contains(ops, t => t.Text == "一" && t.Face == FontFace.Hei);
        Assert.Contains(ops, t => t.Text == "二" && t.Face == FontFace.Hei);
        Assert.Contains(ops, t => t.Text == "（" && t.Face == FontFace.Kai);
        Assert.Contains(ops, t => t.Text == "各" && t.Face == FontFace.Fang);
        var text = string.Concat(PdfReading.PageTexts(OfficialDocumentRenderer.Render(SampleNotice.Build())));
        Assert.Contains("一、检查范围", text);
        Assert.Contains("二、工作要求（一）高度重视。", text);
        Assert.Contains("（二）按时报送。", text);
    }

    [Fact]
    public void Attachments_are_numbered_and_aligned()
    {
        var pages = Layout(SampleNotice.Build());
        var items = pages.SelectMany(p => p.Items).Where(i => i.Item.Kind == "attachment").ToList();
        Assert.True(items.Count >= 2);
        var lines = items.Select(i => i.Item.Ops.OfType<TextOp>().OrderBy(t => t.X).ToList()).ToList();
        Assert.StartsWith("附件：1.", string.Concat(lines[0].Select(t => t.Text)));
        Assert.Equal(BlockLeft + 2 * CharAdvance, lines[0][0].X, 3);   // 左空二字
        var one = lines[0].First(t => t.Text.StartsWith('1'));
        var two = lines.Select(l => l[0]).First(t => t.Text.StartsWith('2'));
        Assert.Equal(one.X, two.X, 3);                                 // 2. under 1.
        // A long name wraps to the first character of the name, not under the number.
        var nameStart = lines.First(l => l[0].Text.StartsWith('2')).First(t => t.Text.StartsWith('营')).X;
        var continuation = lines[lines.FindIndex(l => l[0].Text.StartsWith('2')) + 1][0].X;
        Assert.Equal(nameStart, continuation, 3);
        Assert.Contains("附件：1.2026年电话用户实名登记专项检查工作方案2.营业网点实名登记情况自查表", string.Concat(PdfReading.PageTexts(OfficialDocumentRenderer.Render(SampleNotice.Build()))));
    }

    [Fact]
    public void The_imprint_sits_at_the_foot_of_the_last_page_between_rules()
    {
        var pages = Layout(SampleNotice.Build());
        var last = pages[^1];
        var imprint = Assert.Single(pages.SelectMany(p => p.Items), i => i.Item.Kind == "imprint");
        Assert.Contains(imprint, last.Items);
        Assert.Equal(225 * Mm, imprint.Top + imprint.Item.Height, 3);
        var rules = last.Ops.OfType<RuleOp>().Where(r => r.Color == TextColor.Black).OrderBy(r => r.Y1).ToList();
        Assert.Equal(3, rules.Count);
        Assert.Equal(BlockBottom, rules[^1].Y1, 3);                     // the last rule on the bottom edge of the block
        Assert.Equal(0.35 * Mm, rules[0].Thickness, 3);
        Assert.Equal(0.25 * Mm, rules[1].Thickness, 3);
        Assert.Equal(0.35 * Mm, rules[2].Thickness, 3);
        var text = string.Concat(PdfReading.PageTexts(OfficialDocumentRenderer.Render(SampleNotice.Build()))[^1]);
        Assert.Contains("抄送：工业和信息化部网络安全管理局，宁夏回族自治区公安厅。", text);
        Assert.Contains("宁夏回族自治区通信管理局办公室2026年11月28日印发", text);
    }

    [Fact]
    public void A_long_table_repeats_its_header_on_every_page()
    {
        var table = new DocumentTable(new TableColumn("序号", 1, CellAlignment.Center), new TableColumn("检查事项", 5), new TableColumn("结果", 1.5));
        for (var i = 1; i <= 60; i++)
            table.AddRow(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"第{i}项：内外网地址转换日志留存，抽查一条六个月前的记录并核对私网地址、公网地址和端口", i % 3 == 0 ? "不符合" : "符合");
        var pdf = OfficialDocumentRenderer.Render(new OfficialDocument("检查结果").Table(table));
        var pages = PdfReading.PageTexts(pdf);
        Assert.True(pages.Length >= 3);
        Assert.All(pages, p => Assert.Contains("序号检查事项结果", p));
        Assert.Contains("第60项", pages[^1]);
        for (var i = 1; i <= 60; i++)
            Assert.Single(pages, p => p.Contains($"第{i}项：", StringComparison.Ordinal));
    }

    /// <summary>Width of a text op as the layout measured it (wide characters of 16 pt body text on the grid).</summary>
    private static double Width(TextOp op)
    {
        double width = 0;
        foreach (var rune in op.Text.EnumerateRunes())
        {
            var em = OfficialFonts.MetricsOf(op.Face).Advance(rune.Value);
            width += em >= 0.9 && op.Size == 16 ? CharAdvance : em * op.Size;
        }
        return width;
    }

    [Fact]
    public void Characters_outside_a_face_fall_back_to_the_complete_song_face()
    {
        // 堃 and 喆 are not in GB 2312: the reduced faces lack them, the complete UMing face has them.
        var document = new OfficialDocument("测试")
            .Field("法定代表人", "王堃")
            .Heading("关于李喆的情况")
            .Paragraph("张玥同志，身份核验正常。");
        var ops = Layout(document).SelectMany(p => p.Ops).OfType<TextOp>().ToList();
        Assert.Contains(ops, t => t.Text == "堃" && t.Face == FontFace.SongComplete);
        Assert.Contains(ops, t => t.Text == "喆" && t.Face == FontFace.SongComplete);
        Assert.Contains(ops, t => t.Text == "玥" && t.Face == FontFace.SongComplete);
        Assert.Contains(ops, t => t.Text == "关" && t.Face == FontFace.Hei);
        var pdf = OfficialDocumentRenderer.Render(document);
        var text = string.Concat(PdfReading.PageTexts(pdf));
        Assert.Contains("法定代表人：王堃", text);
        Assert.Contains("一、关于李喆的情况", text);
        Assert.Contains("张玥同志", text);
        var fonts = PdfReading.EmbeddedFonts(pdf);
        Assert.Contains(fonts, f => f.FontName.EndsWith("+AR PL UMing CN GB2312", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.FontName.EndsWith("+AR PL UMing CN", StringComparison.Ordinal));        // the complete face
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+", f.FontName));
    }
}
