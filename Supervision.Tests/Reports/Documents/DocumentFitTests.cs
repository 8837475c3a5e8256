using Supervision.Domain.Common;
using Supervision.Domain.Catalog;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;
using UglyToad.PdfPig;

namespace Supervision.Tests.Reports.Documents;

/// <summary>
/// What an outside lawyer reading every document as a carrier's counsel asked for (issue 17, its last review), asserted on the
/// extracted text: rights and periods in the prior notice, a service receipt to fill in, checkable QR codes, the facts and the
/// 裁量 reason addressed to 你单位, the payment and remedies, the party block, the approval form, the inspection record, line
/// breaking and the PDF's metadata.
/// </summary>
public class DocumentFitTests
{
    private const string Authority = "宁夏回族自治区通信管理局";
    private const string Branch = "中国联合网络通信有限公司宁夏回族自治区分公司";
    private const string BranchAddress = "宁夏回族自治区银川市金凤区宁安大街45号";
    private static readonly DateOnly Day = new(2026, 5, 11);
    private static readonly DocumentRenderer Renderer = new();

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Page numbers (— 1 —) fall inside a paragraph that runs over a page: left out so sentences read whole.
        return System.Text.RegularExpressions.Regex.Replace(string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", ""), "—\\d+—", "");
    }

    private static CaseDocumentData Case(DocumentKind kind, decimal fine = 20_000m) => new()
    {
        Kind = kind, Authority = Authority, CaseNumber = "宁通管立〔2026〕1号",
        Party = new PartyInfo(Branch, "91640000710000000X", BranchAddress, null, PartyInfo.HeadTitleOf(Branch)),
        Title = "代理商未核验用户身份即激活电话卡",
        Facts = "执法人员暗访发现，该企业所属解放西街合作营业厅（宁夏回族自治区银川市兴庆区解放西街118号）通过人工录入身份信息办理入网，共8笔。",
        Evidence = ["入网工单8份"], Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第九条", PenaltyArticle = "第十九条",
        Sanctions =
        [
            new(SanctionKind.Warning, "警告", "《电话用户真实身份信息登记规定》第十九条"),
            new(SanctionKind.Fine, "罚款", "《电话用户真实身份信息登记规定》第十九条", fine),
        ],
        FiledOn = new DateOnly(2026, 3, 20), IssueDate = Day, Investigators = ["张伟", "李娜"], ViolationDate = new DateOnly(2026, 3, 2),
        NoticeServedOn = new DateOnly(2026, 4, 20), StatementDeadline = new DateOnly(2026, 4, 23), HearingOffered = fine >= 50_000m,
        HearingRequestDeadline = fine >= 50_000m ? new DateOnly(2026, 4, 27) : null, HearingThreshold = 50_000m,
        StatementWorkingDays = 3, HearingRequestWorkingDays = 5, PaymentDays = 15,
        ReviewBody = "中华人民共和国工业和信息化部", Court = "银川市兴庆区人民法院",
        AuthorityContact = new AuthorityContact("宁夏回族自治区银川市金凤区北京中路166号", "750002", "0951-0000000"),
        Payee = new PayeeInfo("中国工商银行银川分行营业部", "宁夏回族自治区财政厅非税收入汇缴结算户", "2902000000000000001", "也可以凭缴款码通过非税收入电子缴款系统缴纳。"),
        DiscretionReason = "当事人系首次违法、涉及卡数较少并已停止人工录入，在一万元以上三万元以下的幅度内从轻确定罚款数额",
        ServedDocument = "行政处罚决定书（宁通管罚〔2026〕1号）",
    };

    [Fact]
    public void The_prior_notice_offers_a_hearing_at_the_threshold_with_periods_counted_from_service_and_the_postal_address()
    {
        var text = Text(Renderer.Render(Case(DocumentKind.PriorNotice, fine: 50_000m)));
        Assert.Contains("本机关拟作出的罚款数额达到较大数额罚款标准（¥50,000.00以上）", text);
        Assert.Contains("第六十三条、第六十四条第（一）项的规定，你单位有权要求举行听证", text);
        Assert.Contains("如要求听证，请自收到本告知书之日起五个工作日内向本机关提出", text);
        Assert.Contains("请自收到本告知书之日起三个工作日内以书面形式提出", text);
        Assert.Contains("地址：宁夏回族自治区银川市金凤区北京中路166号，邮政编码：750002，联系电话：0951-0000000", text);
        Assert.DoesNotContain("前向本机关提出书面", text);
        // No end date: it would assume service on the day of issue, and a notice received later would lose days.
        Assert.DoesNotContain("届满", text);

        // Below the threshold (and no heavier sanction) the notice offers no hearing.
        var below = Text(Renderer.Render(Case(DocumentKind.PriorNotice, fine: 20_000m)));
        Assert.DoesNotContain("要求举行听证", below);
    }

    [Fact]
    public void The_service_receipt_leaves_the_method_to_tick_and_has_the_recipient_s_name_title_full_address_and_two_servers()
    {
        var blank = Text(Renderer.Render(Case(DocumentKind.ServiceReceipt)));
        Assert.Contains("□直接送达□留置送达□邮寄送达□委托送达□公告送达□电子送达□其他", blank.Replace("　", ""));
        Assert.DoesNotContain("■", blank);
        foreach (var field in new[] { "签收人姓名：", "职务：", "签名或盖章：", "送达地点" + BranchAddress, "送达人：张伟", "送达人：李娜" })
            Assert.Contains(field, blank.Replace("　", ""));
        Assert.DoesNotContain("送达地址确认书", blank); // the electronic-service clause is printed only when the document was served so
        Assert.DoesNotContain("确认签收", blank);

        var posted = Text(Renderer.Render(Case(DocumentKind.ServiceReceipt) with { ServiceMethod = "邮寄送达" })).Replace("　", "");
        Assert.Contains("■邮寄送达", posted);
        Assert.Contains("□直接送达", posted);
        var electronic = Text(Renderer.Render(Case(DocumentKind.ServiceReceipt) with
        {
            ServiceMethod = "电子送达", ElectronicConsentOn = new DateOnly(2026, 3, 2), ElectronicSentOn = new DateOnly(2026, 5, 12),
            ElectronicOpenedAt = new DateTimeOffset(2026, 5, 13, 1, 30, 0, TimeSpan.Zero),
        })).Replace("　", "");
        Assert.Contains("■电子送达", electronic);
        Assert.Contains("经当事人签署送达地址确认书（2026年3月2日）同意，本文书于2026年5月12日通过平台及电子邮件送达，当事人于2026年5月13日09:30查阅。", electronic.Replace("\n", ""));
    }

    [Fact]
    public void The_qr_code_carries_an_absolute_address_and_the_page_prints_the_site_and_code_in_text()
    {
        var mark = new DocumentVerificationMark("ABCDEFGHJKMN", "https://gxt.nx.example.gov.cn/public/verify/ABCDEFGHJKMN");
        Assert.Equal("gxt.nx.example.gov.cn/public/verify", mark.Site);
        var text = Text(Renderer.Render(Case(DocumentKind.PenaltyDecision) with { VerificationCode = mark.Code, VerificationUrl = mark.Url }));
        Assert.Contains("可登录gxt.nx.example.gov.cn/public/verify输入核验码核验", text);
        Assert.Contains("ABCD-EFGH-JKMN", text);
        // Without a configured address the text still tells where to go.
        Assert.Equal("可登录本机关公示网站输入核验码核验", new DocumentVerificationMark("ABCDEFGHJKMN", "/public/verify/ABCDEFGHJKMN").Instruction);
    }

    [Fact]
    public void Verify_links_use_the_portal_address_where_the_public_site_has_none()
    {
        static Microsoft.Extensions.Options.IOptions<T> Of<T>(T value) where T : class => Microsoft.Extensions.Options.Options.Create(value);
        var portal = new Supervision.Web.Public.PublicVerificationLinks(Of(new Supervision.Web.Public.PublicSiteOptions()), Of(new Supervision.Web.Mail.MailOptions { BaseUrl = "https://jg.nx.example.gov.cn/" }));
        Assert.Equal("https://jg.nx.example.gov.cn/public/verify/ABCDEFGHJKMN", portal.VerifyUrl("ABCDEFGHJKMN"));
        var site = new Supervision.Web.Public.PublicVerificationLinks(Of(new Supervision.Web.Public.PublicSiteOptions { BaseUrl = "https://gxt.nx.example.gov.cn" }),
            Of(new Supervision.Web.Mail.MailOptions { BaseUrl = "https://jg.nx.example.gov.cn" }));
        Assert.Equal("https://gxt.nx.example.gov.cn/public/verify/ABCDEFGHJKMN", site.VerifyUrl("ABCDEFGHJKMN"));
    }

    [Fact]
    public void The_decision_addresses_the_party_states_the_act_date_outlet_and_count_and_why_the_amount()
    {
        var text = Text(Renderer.Render(Case(DocumentKind.PenaltyDecision)));
        Assert.DoesNotContain("该企业", text);
        Assert.Contains("你单位所属解放西街合作营业厅（宁夏回族自治区银川市兴庆区解放西街118号）", text);
        Assert.Contains("共8笔", text);
        Assert.Contains("上述违法行为发生于2026年3月2日", text);
        Assert.Contains("关于罚款数额：当事人系首次违法、涉及卡数较少并已停止人工录入，在一万元以上三万元以下的幅度内从轻确定罚款数额。", text);
        Assert.DoesNotContain("该企业", Text(Renderer.Render(Case(DocumentKind.PriorNotice))));
    }

    [Fact]
    public void The_decision_gives_the_payee_the_period_once_the_surcharge_its_pause_and_the_court()
    {
        var text = Text(Renderer.Render(Case(DocumentKind.PenaltyDecision) with { PaymentInstructions = "也可以凭缴款码通过非税收入电子缴款系统缴纳。" }));
        Assert.Contains("收款银行：中国工商银行银川分行营业部；户名：宁夏回族自治区财政厅非税收入汇缴结算户；账号：2902000000000000001", text);
        Assert.Contains("也可以凭缴款码通过非税收入电子缴款系统缴纳", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "十五日内"));
        Assert.Contains("每日按罚款数额的3%加处罚款，加处罚款的数额不得超出罚款的数额", text);
        Assert.Contains("加处罚款的数额在行政复议或者行政诉讼期间不予计算", text);
        Assert.Contains("六十日内向中华人民共和国工业和信息化部申请行政复议", text);
        Assert.Contains("六个月内依法向银川市兴庆区人民法院提起行政诉讼", text);
    }

    [Fact]
    public void A_party_block_never_says_no_legal_representative_and_names_a_branch_s_head_as_such()
    {
        Assert.Equal("负责人", PartyInfo.HeadTitleOf(Branch));
        Assert.Equal("负责人", PartyInfo.HeadTitleOf("北京京东叁佰陆拾度电子商务有限公司宁夏业务运营中心"));
        Assert.Equal("法定代表人", PartyInfo.HeadTitleOf("中国移动通信集团宁夏有限公司"));
        foreach (var kind in new[] { DocumentKind.PenaltyDecision, DocumentKind.CaseFilingApproval, DocumentKind.NoPenaltyDecision })
        {
            var text = Text(Renderer.Render(Case(kind) with { NoPenaltyReason = "违法行为轻微并及时改正" }));
            Assert.DoesNotContain("法定代表人无", text);
            Assert.DoesNotContain("负责人无", text);
            Assert.Contains(BranchAddress, text);
        }
        var named = Text(Renderer.Render(Case(DocumentKind.PenaltyDecision) with { Party = new PartyInfo(Branch, null, BranchAddress, "赵刚", "负责人") }));
        Assert.Contains("负责人：赵刚", named);
        Assert.DoesNotContain("法定代表人", named);
    }

    [Fact]
    public void The_decision_approval_states_the_proceedings_and_keeps_rows_with_the_signature()
    {
        var approval = Case(DocumentKind.DecisionApproval) with
        {
            Proceedings = "你单位在规定期限内未提出陈述、申辩意见。",
            Approval = new ApprovalLine("张伟", "作出处罚决定", "王志强", "同意。", new DateOnly(2026, 5, 10), new DateOnly(2026, 5, 9), "建议按告知的内容作出处罚决定。"),
            LegalReview = "同意。（法制审核人员：陈静，2026年5月9日）",
        };
        var text = Text(Renderer.Render(approval));
        Assert.Contains("陈述申辩及听证当事人在规定期限内未提出陈述、申辩意见。本案不属于应当告知听证权利的情形。", text);
        Assert.DoesNotContain("你单位", text[..text.IndexOf("决定日期", StringComparison.Ordinal)]);
        // Where the row opens with why no hearing right arose (Art. 63), the same is not said again at its end.
        var stated = Text(Renderer.Render(approval with { HearingRight = "拟作出的处罚不含罚款、吊销许可证件或者责令停产停业，不属于《中华人民共和国行政处罚法》第六十三条规定的听证范围。" }));
        Assert.Contains("第六十三条规定的听证范围。", stated);
        Assert.DoesNotContain("本案不属于应当告知听证权利的情形", stated);
        // Opinions in procedural order: 承办人 (9 May), 法制审核 (9 May), 负责人 (10 May), Chinese dates.
        var (asked, reviewed, approved) = (text.IndexOf("2026年5月9日", StringComparison.Ordinal), text.IndexOf("陈静", StringComparison.Ordinal), text.IndexOf("2026年5月10日", StringComparison.Ordinal));
        Assert.True(asked > 0 && reviewed > asked && approved > reviewed);

        // Long facts: the form with its signature keeps its page (set tighter, the facts continued in an annex where that is not enough).
        var longer = approval with { Facts = string.Concat(Enumerable.Repeat("执法人员调取当月全部入网工单逐笔核查，确认人工录入身份信息办理入网的情况。", 14)) };
        var longPdf = Renderer.Render(longer);
        Assert.Contains(OfficialDocumentRenderer.LastLayout![0].Items, i => i.Item.Kind == "signature");
        using var pdf = PdfDocument.Open(longPdf);
        Assert.Contains("决定日期", pdf.GetPage(1).Text.Replace(" ", ""));
    }

    [Fact]
    public void The_inspection_record_states_the_time_span_officers_outlets_and_samples_without_codes()
    {
        var record = new InspectionRecordData(Authority, Branch, null, BranchAddress, Branch, "电话“黑卡”治理专项行动", "专项行动", Day, "解放西街营业厅",
            ["马建国（宁夏局网安处）", "刘洋（宁夏局政策法规处）"], "王磊（实名制管理专员）",
            [new RecordItem(1, "RN-01", "入网证件查验", "符合", null, "第九条"), new RecordItem(2, "RN-05", "读卡器与联网核验", "不符合", "人工录入12笔", "第九条")],
            [new RecordEvidence("RN-05", "工单.pdf", new string('a', 64), "读卡器与联网核验")], null, Day)
        {
            LegalBases = ["《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第十六条"],
            StartedAt = new TimeOnly(9, 30), EndedAt = new TimeOnly(11, 45), OutletsVisited = "解放西街营业厅（银川市兴庆区解放西街118号）及城区合作营业厅2家",
            TransactionsSampled = 60, Officers = ["马建国（执法证号：宁通执字第640003号）", "刘洋（执法证号：宁通执字第640005号）"],
            CredentialsShownBy = "马建国，执法证号宁通执字第640003号；刘洋，执法证号宁通执字第640005号",
            CredentialsShownAt = new DateTimeOffset(2026, 5, 11, 9, 32, 0, BeijingTime.Offset),
        };
        var text = Text(Renderer.Render(record));
        Assert.Contains("检查时间：2026年5月11日9时30分至11时45分", text);
        Assert.Contains("检查人员：马建国（执法证号：宁通执字第640003号）、刘洋（执法证号：宁通执字第640005号）", text);
        Assert.Contains("检查的营业网点：解放西街营业厅（银川市兴庆区解放西街118号）及城区合作营业厅2家", text);
        Assert.Contains("抽查业务：60笔", text);
        Assert.Contains("检查依据：《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第十六条", text);
        Assert.Contains("读卡器与联网核验（第九条）", text);
        Assert.Contains("入网证件查验（第九条）", text);
        // 行政处罚法第五十五条: the officers showed their certificates, by name and 执法证号, and when.
        Assert.Contains("检查开始时，执法人员（马建国，执法证号宁通执字第640003号；刘洋，执法证号宁通执字第640005号）已向被检查单位出示执法证件。", text);
        Assert.DoesNotContain("9时32分", text); // when it was entered is not a time of the visit
        Assert.DoesNotContain("核对无误", text); // the party's confirmation is its own to write
        foreach (var code in new[] { "RN-01", "RN-05", "SEC-12" }) Assert.DoesNotContain(code, text);
    }

    /// <summary>
    /// The lines where the inspectors and the party's representative sign never split across pages: with one item more or less the
    /// signature block falls at every place of a page break, and each time its rows share one page with the sentence before them
    /// (at least its last line) and with the authority's signature after them.
    /// </summary>
    [Fact]
    public void The_inspection_record_keeps_its_signature_block_whole_with_the_line_before_it()
    {
        var sample = (InspectionRecordData)Supervision.Web.Demo.DocumentSamples.Of(DocumentKind.InspectionRecord);
        var moved = 0;
        for (var n = 1; n <= 30; n++)
        {
            var items = Enumerable.Range(1, n).Select(i => new RecordItem(i, $"RN-{i:00}", $"检查项目{i}：营业网点使用二代身份证识别设备核验用户身份",
                i % 3 == 0 ? "不符合" : "符合", i % 2 == 0 ? "抽查入网单据30份，其中12份为人工录入，未经识别设备核验。" : null)).ToList();
            Renderer.Render(sample with { Items = items });
            var pages = OfficialDocumentRenderer.LastLayout!;
            static string TextOf(PlacedItem p) => string.Concat(p.Item.Ops.OfType<TextOp>().Select(t => t.Text));
            var signing = pages.Where(p => p.Items.Any(i => TextOf(i).Contains("签名：", StringComparison.Ordinal))).ToList();
            Assert.True(signing.Count == 1, $"{n} items: the signature block runs over pages {string.Join("、", signing.Select(p => p.Number))}");
            var page = signing[0];
            var first = page.Items.FindIndex(i => TextOf(i).Contains("签名：", StringComparison.Ordinal));
            Assert.True(first > 0 && page.Items.Take(first).Any(i => i.Item.IsBodyText), $"{n} items: the signature block opens page {page.Number} without the line before it");
            Assert.Contains(page.Items, i => i.Item.Kind == "signature");
            if (page.Number > 1 && page.Items[0].Item.Kind == "paragraph") moved++;
        }
        // The sweep did put the block at a page break (else it proves nothing).
        Assert.True(moved > 0);
    }

    [Fact]
    public void Organisation_names_and_bracketed_departments_do_not_break_inside()
    {
        const string text = "承办人：马建国（宁夏局网安处）、李娟（宁夏局网安处）。当事人中国联合网络通信有限公司宁夏回族自治区分公司，统一社会信用代码。";
        for (var chars = 9; chars <= 28; chars++)
        {
            var lines = LineBreaker.Break(text, chars * 10.0, s => s.Length * 10.0);
            foreach (var line in lines)
            {
                var piece = line.TextOf(text);
                Assert.False(piece.EndsWith("有限公", StringComparison.Ordinal), $"{chars}: {piece}");
                Assert.False(piece.EndsWith("（宁夏局网", StringComparison.Ordinal) || piece.EndsWith("（宁夏局", StringComparison.Ordinal), $"{chars}: {piece}");
            }
        }
    }

    [Fact]
    public void The_pdf_names_the_platform_and_the_administration_not_the_code_base()
    {
        using var pdf = PdfDocument.Open(Renderer.Render(Case(DocumentKind.PenaltyDecision)));
        Assert.Equal("电信监管平台", pdf.Information.Creator);
        Assert.Equal("电信监管平台", pdf.Information.Producer);
        var xmp = System.Text.Encoding.UTF8.GetString(pdf.TryGetXmpMetadata(out var metadata) ? metadata.GetXmlBytes().ToArray() : []);
        Assert.DoesNotContain("PDFsharp", xmp);
        Assert.Equal(Authority, pdf.Information.Author);
        Assert.DoesNotContain("Supervision", pdf.Information.Creator + pdf.Information.Producer);
    }

    [Fact]
    public void A_receipt_names_the_signatory_as_submitter_and_says_on_time_not_statutory()
    {
        var receipt = new ReceiptData
        {
            ReceiptNo = "RN-MONTHLY-2026-11-CMCC-64-V1", Authority = Authority, Branch = "中国移动通信集团宁夏有限公司", BranchCode = "CMCC-64", Template = "实名制落实情况月报",
            TemplateCode = "RN-MONTHLY", TemplateVersion = 1, PeriodLabel = "2026年11月", Version = 1, SubmittedAt = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero),
            SubmittedBy = "刘芳", Channel = "web", DueDate = new DateOnly(2026, 12, 10), Late = false, FileName = "月报.xlsx", FileLength = 9_764, Sha256 = new string('b', 64),
            RowCounts = ["汇总30行"], IssueDate = Day, Signatory = "刘芳", AttestedAt = new DateTimeOffset(2026, 12, 5, 1, 59, 0, TimeSpan.Zero), VerificationCode = "ABCDEFGHJKMN",
            Flags = [new ReceiptFlag("汇总", "K4、K5、K10、K14", "有1个证件在本企业办理的号码超过5个（一证五号）等，共13处")],
        };
        var text = Text(Renderer.Render(receipt));
        Assert.Contains("回执编号ABCD-EFGH-JKMN", text);
        Assert.Contains("报送人刘芳（签报人，网页报送）", text);
        Assert.Contains("在规定期限内报送", text);
        Assert.DoesNotContain("法定期限", text);
        Assert.Contains("汇总K4、K5、K10、K14", text);
        Assert.Contains("有1个证件在本企业办理的号码超过5个（一证五号）", text);
        foreach (var code in new[] { "RN-MONTHLY", "CMCC-64", "等，" }) Assert.DoesNotContain(code, text);
    }

    /// <summary>
    /// A Guangdong return flagged in 600 scattered cells (21 cities, several rules): the receipt itself still holds on one page up to
    /// its signature — each rule with its count and first cells, and a pointer to the annex — and the continuation annex lists every cell.
    /// A receipt with a few cells has no annex.
    /// </summary>
    [Fact]
    public void A_receipt_with_hundreds_of_flagged_cells_keeps_one_page_and_lists_every_cell_in_an_annex()
    {
        string[] rules = ["证件号码格式不正确", "入网时间早于开户时间", "一证五号超量未拦截", "实名核验方式为空", "网点编码不在本企业名录中", "经办人证件号码缺失"];
        var flags = rules.Select((rule, r) => new ReceiptFlag($"明细{r + 1}", string.Join("、", Enumerable.Range(0, 100).Select(k => $"{(char)('D' + k % 8)}{6 + 2 * k + r}")),
            $"{rule}等，共100处")).ToList();
        Assert.Equal(600, flags.Sum(f => f.Cell.Split('、').Length));
        var receipt = new ReceiptData
        {
            ReceiptNo = "RN-MONTHLY-2026-11-CMCC-44-V1", Authority = "广东省通信管理局", Branch = "中国移动通信集团广东有限公司", BranchCode = "CMCC-44", Template = "实名制落实情况月报",
            TemplateCode = "RN-MONTHLY", TemplateVersion = 1, PeriodLabel = "2026年11月", Version = 1, SubmittedAt = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero),
            SubmittedBy = "陈静", Channel = "web", DueDate = new DateOnly(2026, 12, 10), Late = false, FileName = "广东移动2026年11月实名制月报.xlsx", FileLength = 1_276_431,
            Sha256 = new string('c', 64), RowCounts = ["汇总21行", "明细1 4,812行", "明细2 3,907行"], IssueDate = Day, Signatory = "陈静",
            AttestedAt = new DateTimeOffset(2026, 12, 5, 1, 59, 0, TimeSpan.Zero), VerificationCode = "ABCDEFGHJKMN",
            VerificationUrl = "https://gxt.gd.example.gov.cn/public/verify/ABCDEFGHJKMN", Flags = flags,
        };
        var pdf = Renderer.Render(receipt);
        var pages = OfficialDocumentRenderer.LastLayout!;
        Assert.Contains(pages[0].Items, i => i.Item.Kind == "signature");
        using var document = PdfDocument.Open(pdf);
        var first = document.GetPage(1).Text.Replace(" ", "");
        Assert.Contains("各项的全部单元格见附件", first);
        // The annex's text within the text block (its pages' numbers and verification marks in the bottom margin left out).
        var annex = string.Concat(document.GetPages().Skip(1).SelectMany(p => p.Letters).Where(l => l.BoundingBox.Bottom > Gbt9704.Mm(35)).Select(l => l.Value)).Replace(" ", "");
        Assert.Contains(ReceiptPdfCellsAnnex, annex);
        foreach (var flag in flags)
            foreach (var cell in flag.Cell.Split('、'))
                Assert.Matches($"[、：{flag.Sheet[^1]}]{cell}[、。]", annex);

        var small = Renderer.Render(receipt with { Flags = flags.Take(1).Select(f => f with { Cell = "K4、K5、K10" }).ToList() });
        Assert.Equal(1, PdfReading.PageCount(small));
        Assert.DoesNotContain("附件", Text(small));
    }

    private const string ReceiptPdfCellsAnnex = "需要关注的单元格清单";
}
