using Supervision.Domain.Documents;
using Supervision.Reports.Documents;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;
using Supervision.Domain.Common;

namespace Supervision.Tests.Reports.Documents;

/// <summary>The sample 行政处罚决定书 rendered to PDF and read back.</summary>
public class DecisionSampleTests
{
    private static readonly Lazy<byte[]> Pdf = new(() => OfficialDocumentRenderer.Render(SampleDecision.Build()));

    [Fact]
    public void Has_two_pages()
    {
        Assert.Equal(2, PdfReading.PageCount(Pdf.Value));
    }

    [Theory]
    [InlineData("宁夏回族自治区通信管理局行政处罚决定书")]               // title
    [InlineData("宁通管罚〔2026〕3号")]                                  // 文号
    [InlineData("当事人：银川星河移动通信服务有限公司")]
    [InlineData("统一社会信用代码：91640100MA76T8KX3F")]
    [InlineData("住所：宁夏回族自治区银川市金凤区北京中路168号")]
    [InlineData("法定代表人：王建国")]
    [InlineData("一、违法事实和证据")]
    [InlineData("以人工录入方式登记1,197户")]                            // facts
    [InlineData("（GGSN/PGW侧开通）ID类号码12户")]
    [InlineData("（二）证据。现场检查笔录")]                              // evidence
    [InlineData("违反了《电话用户真实身份信息登记规定》第六条、第九条")]  // legal basis
    [InlineData("依据该规定第十九条")]
    [InlineData("（一）予以警告；")]                                     // penalty
    [InlineData("罚款25,000.00元（人民币贰万伍仟元整）")]               // amount in figures and capitals
    [InlineData("自收到本决定书之日起15日内到指定银行缴纳罚款")]        // how and by when to pay
    [InlineData("60日内向工业和信息化部申请行政复议")]                  // review
    [InlineData("6个月内提起行政诉讼")]                                  // suit
    [InlineData("宁夏回族自治区通信管理局2026年11月28日")]              // authority and date
    public void Contains_every_required_element(string expected)
    {
        var text = string.Concat(PdfReading.PageTexts(Pdf.Value));
        Assert.Contains(PdfReading.Compact(expected), text);
    }

    [Fact]
    public void The_amount_is_written_by_the_domain_functions()
    {
        var text = string.Concat(PdfReading.PageTexts(Pdf.Value));
        Assert.Contains(ChineseMoney.ToFigures(SampleDecision.Fine) + "元", text);
        Assert.Contains(ChineseMoney.ToCapital(SampleDecision.Fine), text);
        Assert.Contains(ChineseDate.Format(SampleDecision.Decided), text);
    }

    [Fact]
    public void Text_extracts_as_the_exact_characters_not_radical_look_alikes()
    {
        var text = string.Concat(PdfReading.PageTexts(Pdf.Value));
        // Kangxi radicals (⽉ for 月) and CJK radical supplements appear when a font maps glyphs to the wrong code points.
        Assert.DoesNotContain(text, c => c is >= '\u2E80' and <= '\u2FDF');
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Contains("月", text);
        Assert.Contains("〔2026〕", text);
    }

    [Fact]
    public void The_table_crosses_the_page_break_and_repeats_its_header()
    {
        var pages = PdfReading.PageTexts(Pdf.Value);
        var header = string.Concat(SampleDecision.TableHeader);
        Assert.Contains(header, pages[0]);
        Assert.Contains(header, pages[1]);
        Assert.Contains(SampleDecision.Outlets[0][1], pages[0]);
        Assert.Contains(SampleDecision.Outlets[^1][1], pages[1]);
        Assert.DoesNotContain(SampleDecision.Outlets[^1][1], pages[0]);
        // The repeated header comes before the continued rows on page 2.
        Assert.True(pages[1].IndexOf(header, StringComparison.Ordinal) < pages[1].IndexOf(SampleDecision.Outlets[^1][1], StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_are_numbered_with_dashes_odd_right_even_left()
    {
        var lines = PdfReading.Lines(Pdf.Value);
        var center = 595.276 / 2;
        for (var page = 0; page < lines.Count; page++)
        {
            var last = lines[page][^1];                       // the lowest line of the page
            Assert.Equal($"—{page + 1}—", PdfReading.TextOf(last));
            var left = last[0].StartBaseLine.X;
            var right = last[^1].EndBaseLine.X;
            if ((page + 1) % 2 == 1)
            {
                Assert.True(left > center, "odd page numbers sit on the right");
                Assert.Equal(28 + 156 - 14 * 25.4 / 72, right * 25.4 / 72, 0.5);   // one 4号 character in from the right edge
            }
            else
            {
                Assert.True(right < center, "even page numbers sit on the left");
                Assert.Equal(28 + 14 * 25.4 / 72, left * 25.4 / 72, 0.5);
            }
            // Below the text block (which ends 37 + 225 mm from the top).
            Assert.True(841.89 - last[0].StartBaseLine.Y > (37 + 225) * 72 / 25.4);
        }
    }

    [Fact]
    public void Page_numbers_read_as_dash_number_dash()
    {
        using var document = PdfPigDocument.Open(Pdf.Value);
        foreach (var page in document.GetPages())
            Assert.Contains($"— {page.Number} —", page.Text);
    }

    [Fact]
    public void Stays_under_150_kilobytes()
    {
        Assert.InRange(Pdf.Value.Length, 10_000, 150 * 1024);
    }
}
