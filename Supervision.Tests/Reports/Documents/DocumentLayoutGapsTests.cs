using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using Supervision.Reports.Enforcement;
using Supervision.Web.Demo;
using UglyToad.PdfPig;

namespace Supervision.Tests.Reports.Documents;

/// <summary>
/// The layout gaps outside readers found in issue 17's documents: letter-spaced labels and cells, an approval form pushed onto a
/// continuation page, a receipt quoting one row's rate for all, a record signed on its last page only, a confirmation with a typed
/// signature and two seal places, an opener named by an account.
/// </summary>
public class DocumentLayoutGapsTests
{
    private static readonly DocumentRenderer Renderer = new();

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    /// <summary>Gaps between consecutive pieces of text on one line of an item, beyond their natural advance.</summary>
    private static IEnumerable<(string Line, double Gap)> Spacing(PlacedItem item)
    {
        foreach (var line in item.Item.Ops.OfType<TextOp>().GroupBy(t => Math.Round(t.Baseline, 1)))
        {
            var ops = line.OrderBy(t => t.X).ToList();
            var text = string.Concat(ops.Select(o => o.Text));
            for (var i = 1; i < ops.Count; i++)
            {
                var previous = ops[i - 1];
                var style = item.Item.Kind == "field" ? TextStyle.Body : new TextStyle(OfficialTypeface.Fang, previous.Size);
                var end = previous.X + new StyledText((previous.Text, style)).Measure(0, previous.Text.Length);
                var gap = ops[i].X - end;
                if (gap < 3 * previous.Size) yield return (text, gap);     // wider: the next cell of the row
            }
        }
    }

    /// <summary>
    /// A label:value line and a form's cell are set from the left at their characters' natural advance, never spread: here a date and an
    /// address that move on whole leave the line before short, which the layout used to spread over its gaps ("承 办 人 ：").
    /// </summary>
    [Fact]
    public void Labels_and_cells_are_set_ragged_never_letter_spaced()
    {
        var table = new DocumentTable(new TableColumn("", 1.6), new TableColumn("", 4.2)) { FontSize = 12 };
        table.AddRow("承办人意见", "建议按上述内容作出行政处罚决定，承办人：张明远、李晓华，2026年11月28日");
        table.AddRow("送达地点", "当事人营业场所：中国电信股份有限公司宁夏回族自治区分公司银川市兴庆区解放东街营业中心");
        var doc = new OfficialDocument("测试")
            .Field("住所", "经营场所位于宁夏回族自治区银川市兴庆区，中国电信股份有限公司宁夏回族自治区分公司银川市兴庆区解放东街营业中心")
            .Field("承办人", "张明远、李晓华、马建国、刘洋、王志强、陈静、赵立新，立案日期2026年11月28日")
            .Table(table);
        OfficialDocumentRenderer.Render(doc);
        var items = OfficialDocumentRenderer.LastLayout!.SelectMany(p => p.Items).Where(i => i.Item.Kind is "field" or "table-row").ToList();
        Assert.True(items.Count(i => i.Item.Kind == "field") >= 3, "the fields wrap");
        foreach (var item in items)
            foreach (var (line, gap) in Spacing(item))
                Assert.True(gap < 0.05, $"“{line}” is letter-spaced ({gap:0.00} pt between characters)");
    }

    /// <summary>In a body paragraph a short line is spread by at most a quarter em a gap (GB/T 9704 documents set by hand show none wider).</summary>
    [Fact]
    public void A_justified_line_is_spread_by_at_most_a_quarter_em()
    {
        Assert.True(DocumentComposer.MaxSpread <= 0.25);
        var doc = new OfficialDocument("测试").Paragraph("本机关依法决定对你单位处以罚款，并责令于2026年12月31日前改正违法行为，对以人工录入方式登记的用户重新核验身份，"
            + "你单位应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，依法加处罚款。");
        OfficialDocumentRenderer.Render(doc);
        foreach (var line in OfficialDocumentRenderer.LastLayout!.SelectMany(p => p.Items).Where(p => p.Item.Shortfall is not null && !p.Item.Ragged && p.Item.Gaps > 0))
            Assert.InRange(line.Item.Shortfall!.Value / line.Item.Gaps, 0, 0.25 * Gbt9704.Size3 + 0.01);
    }

    private static CaseDocumentData UsualApproval() => (CaseDocumentData)DocumentSamples.Of(DocumentKind.DecisionApproval) with
    {
        Facts = "2026年7月1日至8月31日，当事人所属解放东街营业中心、丽景街营业厅、新华街合作营业厅等8个营业网点办理移动电话入网时，未使用二代身份证识别设备核验用户身份，"
                + "以人工录入方式登记用户身份信息1,126户，其中物联网卡（GGSN/PGW侧开通）ID类号码12户。执法人员调取上述网点当期全部入网工单逐笔核查，"
                + "并询问了营业员和网点负责人，当事人对上述事实无异议。当事人已于2026年9月20日停止人工录入，并对其中860户用户重新核验了身份，其余266户已停机。",
        Approval = new ApprovalLine("张明远", "作出处罚决定", "刘卫东", "同意给予警告并处罚款贰万元，责令改正；请法制科按程序制作决定书并依法送达，同时跟踪整改落实情况。",
            new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 13), "当事人违法事实清楚，证据确凿。鉴于当事人系首次违法并已部分改正，建议依据《电话用户真实身份信息登记规定》第十九条给予警告，并处罚款贰万元，责令改正。"),
        LegalReview = "经审核，本案事实清楚，证据确凿，定性准确，适用依据正确，程序合法，处罚适当，裁量理由充分。同意承办人意见。（法制审核人员：陈静，2026年11月20日）",
    };

    /// <summary>
    /// The decision's 审批表 for a usual case (a paragraph of facts, the proceedings, three opinions) holds on one page with its
    /// signature; facts too long for that are continued, whole, in an annex after it — the opinions never go onto a "（续）" page.
    /// </summary>
    [Fact]
    public void The_decision_approval_of_a_usual_case_is_one_page()
    {
        var usual = UsualApproval();
        var pdf = Renderer.Render(usual);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "approval-usual-sample.pdf"), pdf);
        Assert.Equal(1, PdfReading.PageCount(pdf));
        var text = Text(pdf);
        Assert.DoesNotContain("（续）", text);
        Assert.Contains("负责人审批意见", text);
        Assert.Contains("陈静", text);

        var longer = usual with { Facts = string.Concat(Enumerable.Repeat(usual.Facts, 3)) };
        var longPdf = Renderer.Render(longer);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "approval-long-sample.pdf"), longPdf);
        var pages = OfficialDocumentRenderer.LastLayout!;
        Assert.Contains(pages[0].Items, i => i.Item.Kind == "signature");
        using var document = PdfDocument.Open(longPdf);
        var first = document.GetPage(1).Text.Replace(" ", "");
        Assert.Contains("全文见附件", first);
        Assert.Contains("决定日期", first);
        Assert.DoesNotContain("（续）", Text(longPdf));
        var annex = string.Concat(document.GetPages().Skip(1).Select(p => p.Text)).Replace(" ", "");
        Assert.Contains(CasePdf.FactsAnnex, annex);
        Assert.Contains("其余266户已停机", annex);
    }

    /// <summary>
    /// Dozens of rows flagged by one rule each with its own rate: the receipt states the rule with the count and the range of the
    /// rates, never the first row's rate for all of them.
    /// </summary>
    [Fact]
    public void A_receipt_states_the_range_of_a_rule_s_figures_not_the_first_row_s()
    {
        string[] rates = ["97.12%", "95.40%", "99.81%", "96.05%"];
        var messages = Enumerable.Range(0, 24).Select(i => $"实名率{rates[i % 4]}，未达到100%的目标（工信部网安〔2016〕182号）").ToList();
        Assert.Equal("实名率95.40%至99.81%，未达到100%的目标（工信部网安〔2016〕182号）", FlagSummary.Of(messages));
        Assert.Equal("存在人工录入的入网登记（3至1,126户）", FlagSummary.Of(["存在人工录入的入网登记（1,126户）", "存在人工录入的入网登记（3户）", "存在人工录入的入网登记（57户）"]));
        Assert.Equal("同一条", FlagSummary.Of(["同一条", "同一条"]));

        var sample = (ReceiptData)DocumentSamples.Of(DocumentKind.SubmissionReceipt);
        var flag = new ReceiptFlag("汇总", string.Join("、", Enumerable.Range(4, 24).Select(r => $"K{r}")), $"{FlagSummary.Of(messages)}，共24处");
        var text = Text(Renderer.Render(sample with { Flags = [flag] }));
        Assert.Contains("实名率95.40%至99.81%，未达到100%的目标（工信部网安〔2016〕182号）（24处：汇总K4至K27）", text);
        Assert.DoesNotContain("实名率97.12%", text);
    }

    /// <summary>A record that runs over pages carries the parties' signature lines at the foot of every page, and 第X页 共X页.</summary>
    [Fact]
    public void Every_page_of_a_long_inspection_record_is_signed_and_numbered_of_the_total()
    {
        var sample = (InspectionRecordData)DocumentSamples.Of(DocumentKind.InspectionRecord);
        var items = Enumerable.Range(1, 24).Select(i => new RecordItem(i, $"RN-{i:00}", $"检查项目{i}：营业网点使用二代身份证识别设备核验用户身份",
            i % 3 == 0 ? "不符合" : "符合", i % 2 == 0 ? "抽查入网单据30份，其中12份为人工录入，未经识别设备核验。" : null)).ToList();
        var pdf = Renderer.Render(sample with { Items = items });
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages >= 2);
        var total = document.NumberOfPages;
        foreach (var page in document.GetPages())
        {
            var text = page.Text.Replace(" ", "");
            Assert.Contains("被检查单位签名：", text);
            Assert.Contains("执法人员签名：", text);
            Assert.Contains($"第{page.Number}页共{total}页", text);
            // Nothing of the body runs into the foot: every word of the page lies above its rule.
            var foot = page.GetWords().First(w => w.Text.Contains("被检查单位签名", StringComparison.Ordinal)).BoundingBox.Top;
            Assert.DoesNotContain(page.GetWords(), w => w.BoundingBox.Bottom < foot + 2 && w.BoundingBox.Top > foot - 12 && !w.Text.Contains("签名", StringComparison.Ordinal));
        }
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "inspection-record-sample.pdf"), pdf);
        // A decision keeps its — N — numbers.
        var decision = Text(Renderer.Render(DocumentSamples.Of(DocumentKind.PenaltyDecision)));
        Assert.Contains("—1—", decision);
        Assert.DoesNotContain("第1页", decision);
    }

    /// <summary>
    /// The 送达地址确认书 has no typed name standing for a signature: confirmed in the portal it says so, with the person's name (not the
    /// account's department) and the time; it has one place for the party's seal and no signature block inviting another.
    /// </summary>
    [Fact]
    public void The_address_confirmation_names_who_confirmed_it_electronically_and_has_one_seal_place()
    {
        var sample = (ServiceAddressConfirmationData)DocumentSamples.Of(DocumentKind.ServiceAddressConfirmation) with { AttestedBy = "李娟（宁夏电信实名制管理员）" };
        var text = Text(Renderer.Render(sample));
        Assert.Contains("经电子确认，确认人：李娟，2026年11月2日10:15", text);
        Assert.DoesNotContain("（签名）：王建国", text);
        Assert.DoesNotContain("宁夏电信实名制管理员", text);
        Assert.Equal(1, text.Split("盖章").Length - 1);
        Assert.DoesNotContain(OfficialDocumentRenderer.LastLayout!.SelectMany(p => p.Items), i => i.Item.Kind == "signature");

        var paper = Text(Renderer.Render(sample with { AttestedBy = "", AttestedAt = default }));
        Assert.Contains("（签名）：＿＿", paper);
        Assert.DoesNotContain("经电子确认", paper);
    }

    /// <summary>The electronic 送达回证 names the person who opened it, not the account's department or role in brackets.</summary>
    [Fact]
    public void The_electronic_service_receipt_names_the_opener_by_the_person_s_name()
    {
        var sample = (CaseDocumentData)DocumentSamples.Of(DocumentKind.ServiceReceipt);
        var opened = new DateTimeOffset(2026, 11, 29, 1, 30, 0, TimeSpan.Zero);
        var text = Text(Renderer.Render(sample with
        {
            ServiceMethod = "电子送达",
            Service = new ServiceLine("电子送达", new DateOnly(2026, 11, 29), "赵敏（宁夏移动实名制填报）", null, ["张明远", "李晓华"], SentOn: new DateOnly(2026, 11, 28), OpenedAt: opened),
        }));
        Assert.Contains("查阅人：赵敏", text);
        Assert.DoesNotContain("宁夏移动实名制填报", text);
    }
}
