using Supervision.Domain.Catalog;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Publicity;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Publicity;
using Supervision.Reports.Submissions;
using UglyToad.PdfPig;

namespace Supervision.Tests.Reports.Documents;

/// <summary>What the documents say: titles that name the authority, complete forms, a decision that keeps 责令改正 apart.</summary>
public class DocumentContentTests
{
    private const string Authority = "宁夏回族自治区通信管理局";
    private const string Party = "中国移动通信集团宁夏有限公司";
    private static readonly DateOnly Day = new(2026, 5, 11);

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static CaseDocumentData Case(DocumentKind kind) => new()
    {
        Kind = kind, Authority = Authority, CaseNumber = "宁通管立〔2026〕1号",
        Party = new PartyInfo(Party, "91640000710000000X", "宁夏回族自治区银川市金凤区", null),
        Title = "未按规定核验用户身份", Facts = "2026年3月10日，某合作营业厅未核验证件为用户办理入网。", Evidence = ["现场检查记录"],
        Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条", PenaltyArticle = "第十九条",
        Sanctions =
        [
            new(SanctionKind.Warning, "警告", "《电话用户真实身份信息登记规定》第十九条"),
            new(SanctionKind.Fine, "罚款人民币贰万元整（¥20,000.00）", "《中华人民共和国反电信网络诈骗法》第三十九条"),
            new(SanctionKind.CorrectiveOrder, "责令于2026年6月30日（含）前改正违法行为", "《电话用户真实身份信息登记规定》第十九条"),
        ],
        FiledOn = new DateOnly(2026, 3, 20), IssueDate = Day, Investigators = ["张伟", "李娜"], NoticeServedOn = new DateOnly(2026, 4, 20),
        StatementDeadline = new DateOnly(2026, 4, 25), HearingOffered = true, HearingRequestDeadline = new DateOnly(2026, 4, 27),
        HearingRequestedOn = new DateOnly(2026, 4, 24), HearingDate = new DateOnly(2026, 5, 6), HearingPlace = "本局第一会议室",
        HearingChair = "王志强", HearingMembers = "赵敏", HearingClerk = "刘洋", ReviewBody = "中华人民共和国工业和信息化部",
        ServedDocument = "行政处罚决定书（宁通管罚〔2026〕1号）", ServiceMethod = "直接送达",
        Contact = "承办机构：网络安全管理处；联系人：张伟；联系电话：0951-1234567；地址：银川市金凤区",
        Approval = new ApprovalLine("张伟", "立案调查", "王志强", "同意立案。", new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 19), "建议立案调查。"),
        LegalReview = "同意。（法制审核人员：陈静，2026年5月8日）",
    };

    private static readonly DocumentRenderer Renderer = new();

    /// <summary>Leaves the rendered sample in the temp folder (forms-samples) for a look with pdftoppm.</summary>
    private static void Sample(string name, byte[] pdf)
    {
        var folder = Path.Combine(Path.GetTempPath(), "forms-samples");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name + ".pdf"), pdf);
    }

    [Theory]
    [InlineData(DocumentKind.CaseFilingApproval)]
    [InlineData(DocumentKind.PriorNotice)]
    [InlineData(DocumentKind.HearingNotice)]
    [InlineData(DocumentKind.PenaltyDecision)]
    [InlineData(DocumentKind.NoPenaltyDecision)]
    [InlineData(DocumentKind.ServiceReceipt)]
    [InlineData(DocumentKind.DecisionApproval)]
    public void Every_case_document_title_names_the_authority_before_its_kind(DocumentKind kind)
    {
        var pdf = Renderer.Render(Case(kind) with { NoPenaltyReason = "初次违法且危害后果轻微并及时改正", VerificationCode = "ABCDEFGHJKMN", VerificationUrl = "https://gxt.nx.example.gov.cn/public/verify/ABCDEFGHJKMN" });
        Sample(kind.ToString(), pdf);
        var text = Text(pdf);
        Assert.StartsWith(Authority + DocumentKinds.Title(kind), text);
    }

    [Fact]
    public void Inspection_documents_receipts_and_announcements_name_the_authority_in_the_title()
    {
        var record = new InspectionRecordData(Authority, Party, null, null, Party, "2026年实名制专项检查", "专项检查", Day, "银川", ["张伟", "李娜"], "王强（经理）",
            [new RecordItem(1, "RN-01", "证件核验", "符合", null)], [], null, Day) { LegalBases = ["《电话用户真实身份信息登记规定》第六条"] };
        var recordPdf = Renderer.Render(record);
        Sample("InspectionRecord", recordPdf);
        var recordText = Text(recordPdf);
        Assert.StartsWith(Authority + "现场检查记录", recordText);
        // 检查依据 cites the legal basis, the plan is the task; everyone present signs.
        Assert.Contains("检查依据：《电话用户真实身份信息登记规定》第六条", recordText);
        Assert.Contains("检查任务：2026年实名制专项检查", recordText);
        foreach (var signer in new[] { "检查人员：张伟", "检查人员：李娜", "被检查单位在场人员：王强（经理）" }) Assert.Contains(signer, recordText);

        var noticePdf = Renderer.Render(new CorrectiveNoticeData(Authority, Party, null, null, "未核验证件", "《电话用户真实身份信息登记规定》", "第六条", "第十九条",
            "出示有效身份证件", "整改", new DateOnly(2026, 6, 30), "张伟", Day)
        {
            ReviewBody = "中华人民共和国工业和信息化部", InspectionRecord = "2026年5月20日现场检查记录（宁通管检〔2026〕3号）",
            Officers = ["张伟（执法证号：宁通执字第640003号）", "李娜（执法证号：宁通执字第640005号）"],
            Guidance = "工业和信息化部工信部网安〔2016〕182号文件关于新入网用户使用二代身份证识别设备并联网核验、禁止人工录入证件信息的要求",
        });
        Sample("CorrectiveNotice", noticePdf);
        // An act the party may challenge: the uploaded seal goes on it as on a decision (none before one is uploaded).
        Assert.True(DocumentKinds.Sealed(DocumentKind.CorrectiveNotice) && DocumentKinds.Sealed(DocumentKind.ReinspectionOpinion));
        using (var sealedNotice = UglyToad.PdfPig.PdfDocument.Open(Renderer.Render(new CorrectiveNoticeData(Authority, Party, null, null, "未核验证件",
                   "《电话用户真实身份信息登记规定》", "第六条", "第十九条", "出示有效身份证件", "整改", new DateOnly(2026, 6, 30), "张伟", Day), TestImages.RedRing(400))))
            Assert.Equal(1, sealedNotice.GetPages().Sum(p => p.GetImages().Count()));
        using (var unsealed = UglyToad.PdfPig.PdfDocument.Open(noticePdf))
            Assert.Equal(0, unsealed.GetPages().Sum(p => p.GetImages().Count()));
        var notice = Text(noticePdf);
        Assert.StartsWith(Authority + "责令限期改正通知书", notice);
        // It rests on the inspection record, names both officers with their 执法证号, and cites the 182号 requirement through Order 25 Art. 6.
        Assert.Contains("执法人员张伟（执法证号：宁通执字第640003号）、李娜（执法证号：宁通执字第640005号）依法对你单位进行了现场检查", notice);
        Assert.Contains("2026年5月20日现场检查记录（宁通管检〔2026〕3号）", notice);
        Assert.Contains("不符合工业和信息化部工信部网安〔2016〕182号文件关于新入网用户使用二代身份证识别设备并联网核验、禁止人工录入证件信息的要求，违反了《电话用户真实身份信息登记规定》第六条", notice);
        Assert.Contains("2026年6月30日（含）前", notice);
        Assert.Contains("六十日内向中华人民共和国工业和信息化部申请行政复议", notice);
        Assert.Contains("六个月内依法向人民法院提起行政诉讼", notice);
        Assert.DoesNotContain("“出示有效身份证件”", notice);

        var announcement = new AnnouncementData
        {
            Kind = AnnouncementKind.PenaltyDecision, Authority = Authority, Title = "x", PartyName = Party, PartyType = PartyType.Organisation, VerificationCode = "ABCDEFGHJKMN",
            Facts = "未核验证件", PenaltyTypes = "警告", LegalBasis = "第十九条", PenaltyContent = "警告", PublishedOn = Day, PublicUntil = Day.AddMonths(3),
        };
        var announcementPdf = Renderer.Render(announcement);
        Sample("PublicAnnouncement", announcementPdf);
        var announcementText = Text(announcementPdf);
        Assert.StartsWith(Authority + "关于" + Party + "行政处罚决定信息的公告", announcementText);
        Assert.DoesNotContain("项目内容", announcementText);
        // Unknown, the 法定代表人 line is left out (never "无").
        Assert.DoesNotContain("法定代表人", announcementText);
        var withOrder = Text(Renderer.Render(announcement with
        {
            PenaltyTypes = "责令限期改正；警告；罚款", PenaltyContent = "责令限期改正；警告；罚款人民币20,000.00元", LegalRepresentative = "无",
            Body = "责令改正：责令于2026年10月3日（含）前改正违法行为",
        }));
        // 责令改正 is no penalty (行政处罚法第九条、第二十八条): stated apart, never among the 处罚类别 or 处罚内容.
        Assert.Contains("处罚类别警告；罚款", withOrder);
        Assert.Contains("处罚内容警告；罚款人民币20,000.00元", withOrder);
        Assert.Contains("责令改正责令于2026年10月3日（含）前改正违法行为", withOrder);
        Assert.DoesNotContain("法定代表人", withOrder);
    }

    [Fact]
    public void Announcement_titles_break_between_words_never_inside_a_name_and_evenly()
    {
        var lines = TitleLines.Balance(["关于", Party, "行政处罚决定", "信息的公告"], TitleLines.MaxCharacters);
        Assert.Equal(["关于" + Party, "行政处罚决定信息的公告"], lines);
        Assert.Contains(lines, l => l.Contains(Party));
        var agent = AnnouncementPdf.Title(new AnnouncementData
        {
            Kind = AnnouncementKind.ViolatingAgent, Authority = Authority, Title = "宁夏移动代理商“固原市原州区某某通讯器材经营部”违规办理电话入网", PartyName = "x",
            PartyType = PartyType.IndividualBusiness, Facts = "", PenaltyTypes = "", LegalBasis = "", PenaltyContent = "", PublishedOn = Day, PublicUntil = Day,
        }).Split('\n');
        Assert.Equal(Authority, agent[0]);
        Assert.Contains(agent, l => l.Contains("“固原市原州区某某通讯器材经营部”"));
        Assert.All(agent, l => Assert.True(l.Length <= TitleLines.MaxCharacters, l));
    }

    [Fact]
    public void The_service_receipt_leaves_the_recipient_s_signature_and_date_blank_and_has_every_line_of_the_form()
    {
        var text = Text(Renderer.Render(Case(DocumentKind.ServiceReceipt) with { ServedOn = Day }));
        foreach (var field in new[] { "送达文书名称及文号", "行政处罚决定书（宁通管罚〔2026〕1号）", "受送达人", Party, "送达地点", "送达方式", "直接送达",
                     "受送达人签名或盖章", "签收日期", "代收人签名及代收理由", "代收理由", "见证人签名（留置送达时）", "送达人签名", "送达人：张伟", "送达人：李娜", "备注" })
            Assert.Contains(field, text);
        Assert.DoesNotContain("2026年5月11日签收", text);
        Assert.DoesNotContain("送达日期2026年5月11日", text);
        Assert.DoesNotContain("项目内容", text);
    }

    [Fact]
    public void Approval_forms_have_the_three_opinion_boxes_filled_from_the_recorded_approvals()
    {
        var filing = Text(Renderer.Render(Case(DocumentKind.CaseFilingApproval)));
        foreach (var field in new[] { "承办人意见", "建议立案调查。", "承办人：张伟", "2026年3月19日", "法制审核意见", "负责人审批意见", "同意立案。", "负责人：王志强", "2026年3月20日" })
            Assert.Contains(field, filing);
        var decision = Text(Renderer.Render(Case(DocumentKind.DecisionApproval)));
        Assert.Contains("法制审核意见同意。（法制审核人员：陈静，2026年5月8日）", decision);
        // Without approvals in the system the boxes are left to sign on paper.
        var paper = Text(Renderer.Render(Case(DocumentKind.CaseFilingApproval) with { Approval = null }));
        Assert.Contains("负责人审批意见签名：", paper);
    }

    [Fact]
    public void The_hearing_notice_names_the_panel_says_whether_it_is_public_and_offers_withdrawal()
    {
        var text = Text(Renderer.Render(Case(DocumentKind.HearingNotice)));
        foreach (var field in new[] { "主持人：王志强", "听证员：赵敏", "记录员：刘洋", "是否公开：公开举行。", "王志强、赵敏、刘洋与本案有直接利害关系", "申请回避", "听证地点：本局第一会议室" })
            Assert.Contains(field, text);
        Assert.DoesNotContain("不公开举行。", text);
        // Not public: the notice says so and why (Art. 64 (三)).
        var closed = Text(Renderer.Render(Case(DocumentKind.HearingNotice) with { HearingClosedGround = "国家秘密" }));
        Assert.Contains("是否公开：不公开举行。本案听证涉及国家秘密，依据《中华人民共和国行政处罚法》第六十四条第（三）项的规定，不公开举行", closed);
    }

    [Fact]
    public void The_decision_keeps_the_corrective_order_apart_cites_each_basis_and_gives_the_contact()
    {
        var text = Text(Renderer.Render(Case(DocumentKind.PenaltyDecision)));
        var penalties = text.IndexOf("如下行政处罚", StringComparison.Ordinal);
        var order = text.IndexOf("同时，依据《电话用户真实身份信息登记规定》第十九条的规定，本机关决定责令于2026年6月30日（含）前改正违法行为", StringComparison.Ordinal);
        Assert.True(penalties > 0 && order > penalties, "the corrective order follows the penalties, apart from them");
        Assert.DoesNotContain("（三）", text[penalties..order]);
        Assert.Contains("警告（依据《电话用户真实身份信息登记规定》第十九条）", text);
        Assert.Contains("罚款人民币贰万元整（¥20,000.00）（依据《中华人民共和国反电信网络诈骗法》第三十九条）", text);
        Assert.Contains("自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款", text);
        Assert.Contains("联系人：张伟；联系电话：0951-1234567", text);
        Assert.Contains("联系人：张伟", Text(Renderer.Render(Case(DocumentKind.PriorNotice))));
    }

    /// <summary>从旧兼从轻 (行政处罚法第三十七条): the decision says which version it applies and why, between the duty and the penalties.</summary>
    [Fact]
    public void The_decision_cites_the_version_of_the_law_it_applies()
    {
        const string applied = "违法行为发生时施行的是《中华人民共和国网络安全法》（2016年）第二十一条第（三）项、第五十九条第一款；作出本决定时施行的《中华人民共和国网络安全法》（2025年修正）第二十三条第（三）项、第六十一条（2026年1月1日起施行）处罚较轻，依照《中华人民共和国行政处罚法》第三十七条的规定，适用新的规定。";
        var pdf = Renderer.Render(Case(DocumentKind.PenaltyDecision) with { AppliedLaw = applied });
        Sample("PenaltyDecision-AppliedLaw", pdf);
        var text = Text(pdf);
        var duty = text.IndexOf("违反了《电话用户真实身份信息登记规定》第六条的规定", StringComparison.Ordinal);
        var version = text.IndexOf("依照《中华人民共和国行政处罚法》第三十七条的规定，适用新的规定", StringComparison.Ordinal);
        var penalties = text.IndexOf("如下行政处罚", StringComparison.Ordinal);
        Assert.True(duty > 0 && version > duty && penalties > version, "the version applied is stated after the duty and before the penalties");
        Assert.DoesNotContain("第三十七条", Text(Renderer.Render(Case(DocumentKind.PenaltyDecision))));
    }

    [Fact]
    public void A_receipt_with_many_flags_names_the_submitter_and_lists_every_flag_without_codes()
    {
        var receipt = new ReceiptData
        {
            ReceiptNo = "HZ-2026-0001", Authority = Authority, Branch = Party, BranchCode = "CMCC-64", Template = "实名制月报", TemplateCode = "RN-MONTHLY",
            TemplateVersion = 1, PeriodLabel = "2026年2月", Version = 1, SubmittedAt = new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero), SubmittedBy = "刘芳",
            Channel = "web", DueDate = new DateOnly(2026, 3, 10), Late = false, FileName = "月报.xlsx", FileLength = 123_456, Sha256 = new string('a', 64),
            RowCounts = ["汇总5行", "明细400行"], IssueDate = Day,
            Flags = [.. Enumerable.Range(1, 30).Select(i => new ReceiptFlag("明细", string.Join("、", Enumerable.Range(1, 40).Select(r => $"C{r + i}")), $"第{i}类数据需要关注，请核对后在下月报表中说明"))],
        };
        var pdf = Renderer.Render(receipt);
        Sample("receipt", pdf);
        var text = Text(pdf);
        Assert.StartsWith(Authority + "报送回执", text);
        Assert.Contains("报送人刘芳（网页报送）", text);
        Assert.DoesNotContain("spk_", text);
        Assert.Contains("共30项：", text);
        // Every flag with every cell: nothing cut off with "等" or "…".
        for (var i = 1; i <= 30; i++) Assert.Contains($"第{i}类数据需要关注，请核对后在下月报表中说明", text);
        Assert.Contains("C70", text);
        Assert.DoesNotContain("…", text);
        Assert.DoesNotContain("等，", text);
        // Plain names: no branch, template or receipt codes.
        foreach (var code in new[] { "HZ-2026-0001", "CMCC-64", "RN-MONTHLY" }) Assert.DoesNotContain(code, text);
    }

    /// <summary>A receipt fits one page when its flags are few; with many, every flag is listed and the table runs on (the lead's rule: list all).</summary>
    [Fact]
    public void A_receipt_with_a_few_flags_fits_on_one_page()
    {
        var receipt = new ReceiptData
        {
            ReceiptNo = "HZ-2026-0001", Authority = Authority, Branch = Party, BranchCode = "CMCC-64", Template = "实名制月报", TemplateCode = "RN-MONTHLY",
            TemplateVersion = 1, PeriodLabel = "2026年2月", Version = 1, SubmittedAt = new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero), SubmittedBy = "刘芳",
            Channel = "web", DueDate = new DateOnly(2026, 3, 10), Late = false, FileName = "月报.xlsx", FileLength = 123_456, Sha256 = new string('a', 64),
            RowCounts = ["汇总5行", "明细400行"], IssueDate = Day, VerificationCode = "ABCDEFGHJKMN",
            Flags = [.. Enumerable.Range(1, 2).Select(i => new ReceiptFlag("明细", $"C{i}", $"第{i}类数据需要关注，请核对后在下月报表中说明"))],
        };
        var pdf = Renderer.Render(receipt);
        Sample("receipt-few", pdf);
        Assert.Equal(1, Pages(pdf));
    }
}
