using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;
using Supervision.Domain.Publicity;
using Supervision.Domain.Submissions;

namespace Supervision.Web.Demo;

/// <summary>
/// One fictitious document of every <see cref="DocumentKind"/>, as the steps that issue them would state it (long names,
/// a 文号 mid-sentence, amounts and dates): the sample set of the pdf-decision benchmark and of the layout tests.
/// </summary>
public static class DocumentSamples
{
    private const string Authority = "宁夏回族自治区通信管理局";
    private const string Party = "中国电信股份有限公司宁夏回族自治区分公司银川市兴庆区解放东街营业中心";
    private const string CreditCode = "91640100MA76T8KX3F";
    private const string Address = "宁夏回族自治区银川市兴庆区解放东街168号";
    private static readonly DateOnly Issued = new(2026, 11, 28);

    private static string Number(DocumentKind kind, int sequence) =>
        new DocumentNumber("宁通管", DocumentKinds.NumberCode(kind) ?? "", 2026, sequence).ToString();

    /// <summary>Every kind with its data (numbered as issued).</summary>
    public static IReadOnlyList<(DocumentKind Kind, DocumentData Data)> All() =>
        [.. Enum.GetValues<DocumentKind>().Select(kind => (kind, Of(kind)))];

    public static DocumentData Of(DocumentKind kind) => kind switch
    {
        DocumentKind.InspectionRecord => new InspectionRecordData(Authority, Party, CreditCode, Address, "解放东街营业中心",
            "2026年第四季度电话用户实名登记专项检查", "专项检查", new DateOnly(2026, 11, 20), Address, ["张明远", "李晓华"], "王建国（店长）",
            [
                new RecordItem(1, "RN-01", "营业网点使用二代身份证识别设备核验用户身份", "不符合", "抽查入网单据30份，其中12份为人工录入，未经识别设备核验。"),
                new RecordItem(2, "RN-02", "留存用户身份证件复印件或电子影像", "符合", null),
                new RecordItem(3, "RN-03", "一证五号校验与超量办理拦截", "符合", "系统校验记录完整。"),
            ],
            [new RecordEvidence("RN-01", "入网登记单据照片.jpg", new string('a', 64))],
            "检查发现该营业中心存在未使用识别设备核验身份、以人工录入方式登记的情况，已当场责令改正。", Issued) { Number = Number(kind, 12) },
        DocumentKind.CorrectiveNotice => new CorrectiveNoticeData(Authority, Party, CreditCode, Address,
            "2026年11月20日，本局对你单位解放东街营业中心进行现场检查，发现该营业中心办理移动电话入网时，以人工录入方式登记用户身份信息12户，未使用二代身份证识别设备核验。",
            "《电话用户真实身份信息登记规定》", "第六条", "第十九条", "电信业务经营者为用户办理入网手续时，应当要求用户出示有效证件、提供真实身份信息",
            "立即停止以人工录入方式登记用户身份信息，对12户用户重新核验身份，并书面报告整改情况。", new DateOnly(2026, 12, 28), "网络安全管理处 张明远 0951-6012345", Issued)
            {
                Number = Number(kind, 7), ReviewBody = "中华人民共和国工业和信息化部",
                InspectionRecord = $"2026年11月20日现场检查记录（{Number(DocumentKind.InspectionRecord, 12)}）",
                Officers = ["张明远（执法证号：宁通执字第640021号）", "李娜（执法证号：宁通执字第640022号）"],
                Guidance = "工业和信息化部工信部网安〔2016〕182号文件关于新入网用户使用二代身份证识别设备并联网核验、禁止人工录入证件信息的要求",
            },
        DocumentKind.ReinspectionOpinion => new ReinspectionOpinionData(Authority, Party, Number(DocumentKind.CorrectiveNotice, 7), new DateOnly(2026, 10, 8),
            new DateOnly(2026, 11, 6), "以人工录入方式登记用户身份信息12户，未使用二代身份证识别设备核验。", new DateOnly(2026, 11, 5), false,
            new DateOnly(2026, 11, 20), "经复查，你单位已对12户用户重新核验身份，营业网点已配备识别设备并全部启用，整改到位。", true, null, Issued)
            { Number = Number(kind, 3) },
        DocumentKind.SubmissionReceipt => new ReceiptData
        {
            ReceiptNo = "HZ-64-2026-000317", Authority = Authority, Branch = Party, BranchCode = "CTCC-64-YC-01",
            Template = "电话用户实名登记情况月报", TemplateCode = "RN-MONTHLY", TemplateVersion = 3, PeriodLabel = "2026年10月", Version = 2,
            SubmittedAt = new DateTimeOffset(2026, 11, 5, 9, 30, 0, TimeSpan.FromHours(8)), SubmittedBy = "王建国", Channel = "网页",
            DueDate = new DateOnly(2026, 11, 10), Late = false, FileName = "2026年10月实名登记月报.xlsx", FileLength = 48_213,
            Sha256 = "3f5a9c1d7e2b4a6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e", RowCounts = ["网点情况18行", "登记情况126行"],
            Flags = [new ReceiptFlag("登记情况", "F12、F37", "人工录入比例超过5%，请说明原因")], IssueDate = Issued,
        },
        DocumentKind.PublicAnnouncement => new AnnouncementData
        {
            Kind = AnnouncementKind.PenaltyDecision, Authority = Authority, Title = "宁夏回族自治区通信管理局关于对中国电信股份有限公司宁夏回族自治区分公司行政处罚决定的公告",
            PartyName = Party, PartyType = PartyType.Organisation, CreditCode = CreditCode, LegalRepresentative = "王建国",
            DocumentNumber = Number(DocumentKind.PenaltyDecision, 2),
            Facts = "你单位营业网点办理移动电话入网时，未使用二代身份证识别设备核验身份，以人工录入方式登记用户身份信息1,126户。",
            PenaltyTypes = "警告；罚款", LegalBasis = "《电话用户真实身份信息登记规定》第十九条",
            PenaltyContent = "予以警告，并处罚款人民币贰万元整（¥20,000.00）", DecisionDate = new DateOnly(2026, 11, 20),
            PublishedOn = Issued, PublicUntil = new DateOnly(2029, 11, 28),
        }.WithNumber(Number(kind, 2)),
        DocumentKind.ServiceAddressConfirmation => new ServiceAddressConfirmationData
        {
            Authority = Authority, Party = new PartyInfo(Party, CreditCode, Address, "王建国", PartyInfo.HeadTitleOf(Party)),
            PostalAddress = "宁夏回族自治区银川市兴庆区解放东街168号营业中心综合办公室", RecipientName = "马丽", RecipientPhone = "0951-6012388",
            Email = "wenshu@nx.chinatelecom.example", ConsentsToElectronicService = true, ResponsiblePerson = "王建国", SignedOn = new DateOnly(2026, 11, 2),
            AttestedBy = "李娟", AttestedAt = new DateTimeOffset(2026, 11, 2, 10, 15, 0, TimeSpan.FromHours(8)),
        },
        _ => Case(kind),
    };

    private static T WithNumber<T>(this T data, string number) where T : DocumentData => data with { Number = number };

    private static CaseDocumentData Case(DocumentKind kind)
    {
        var sanctions = new List<SanctionLine>
        {
            new(SanctionKind.Warning, "警告"),
            new(SanctionKind.Fine, $"罚款{ChineseMoney.ToCapital(20_000m)}（{ChineseMoney.Yuan(20_000m)}）"),
            new(SanctionKind.CorrectiveOrder, $"责令于{ChineseDate.Format(new DateOnly(2026, 12, 31))}前改正违法行为：对以人工录入方式登记的1,126户用户重新核验身份"),
        };
        return new CaseDocumentData
        {
            Kind = kind, Authority = Authority, CaseNumber = Number(DocumentKind.CaseFilingApproval, 5),
            Party = new PartyInfo(Party, CreditCode, Address, "王建国"),
            Title = "营业网点未按规定查验用户身份证件",
            Facts = kind == DocumentKind.NoPenaltyDecision
                ? "2026年8月3日，你单位解放东街营业中心因二代身份证识别设备故障，为3名用户办理移动电话入网时以人工录入方式登记身份信息，未使用识别设备核验身份。"
                : "2026年7月1日至8月31日，你单位解放东街营业中心等8个营业网点办理移动电话入网时，未使用二代身份证识别设备核验身份，以人工录入方式登记1,126户，其中物联网卡（GGSN/PGW侧开通）ID类号码12户。",
            Evidence = kind == DocumentKind.NoPenaltyDecision
                ? ["现场检查记录（宁通管检〔2026〕12号）", "入网登记单据3份", "识别设备维修记录", "询问笔录及你单位的情况说明"]
                : ["现场检查记录（宁通管检〔2026〕12号）", "入网登记单据1,126份", "业务支撑系统记录", "询问笔录及你单位的情况说明"],
            Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条、第九条", PenaltyArticle = "第十九条",
            // The hearing notice is issued at least seven days before the hearing (行政处罚法第六十四条第二项), not with the decision.
            Sanctions = sanctions, FiledOn = new DateOnly(2026, 9, 15), IssueDate = kind == DocumentKind.HearingNotice ? new DateOnly(2026, 10, 27) : Issued, Investigators = ["张明远", "李晓华"],
            ViolationDate = kind == DocumentKind.NoPenaltyDecision ? new DateOnly(2026, 8, 3) : new DateOnly(2026, 7, 1), Source = "监督检查发现",
            NoticeServedOn = new DateOnly(2026, 10, 20), NoticeNumber = Number(DocumentKind.PriorNotice, 2), StatementDeadline = new DateOnly(2026, 10, 23),
            HearingOffered = true, HearingRequestDeadline = new DateOnly(2026, 10, 27), HearingRequestedOn = new DateOnly(2026, 10, 22),
            HearingDate = new DateOnly(2026, 11, 5), HearingTime = new TimeOnly(9, 30), HearingPlace = "宁夏回族自治区通信管理局三楼会议室（银川市金凤区北京中路168号）",
            HearingChair = "赵立新", HearingMembers = "孙海燕、周文博", HearingClerk = "马丽",
            NoPenaltyReason = kind == DocumentKind.NoPenaltyDecision ? "你单位于发现次日即对上述3户用户重新核验身份并修复识别设备，未发现冒用他人身份入网的情况" : null,
            NoPenaltyGround = kind == DocumentKind.NoPenaltyDecision ? "违法行为轻微并及时改正，没有造成危害后果" : null,
            NoPenaltyArticle = kind == DocumentKind.NoPenaltyDecision ? "《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第（二）项" : null,
            Proceedings = "你单位要求举行听证，本机关于2026年11月5日依法举行了听证。你单位提出了陈述、申辩意见。经复核，本机关认为你单位所称已对部分用户补登身份信息属实，但不影响违法事实的认定，对你单位的陈述、申辩意见不予采纳。",
            PaymentInstructions = "请持本决定书到宁夏回族自治区非税收入代收银行缴纳罚款，或通过宁夏非税收入缴款平台缴纳（执收单位编码640001）。",
            ReviewBody = "工业和信息化部",
            ServedDocument = kind == DocumentKind.ServiceReceipt ? $"行政处罚决定书（{Number(DocumentKind.PenaltyDecision, 2)}）" : null,
            ServiceMethod = kind == DocumentKind.ServiceReceipt ? "直接送达" : null,
            Approval = kind switch
            {
                DocumentKind.CaseFilingApproval => new ApprovalLine("张明远", "建议立案调查。", "刘卫东", "同意立案。", new DateOnly(2026, 9, 15), new DateOnly(2026, 9, 14)),
                DocumentKind.DecisionApproval => new ApprovalLine("张明远", "作出处罚决定", "刘卫东", "同意给予警告并处罚款贰万元，责令改正。", new DateOnly(2026, 11, 13),
                    new DateOnly(2026, 11, 6), "建议给予警告，并处罚款贰万元，责令改正。"),
                _ => null,
            },
            LegalReview = kind == DocumentKind.DecisionApproval ? "同意。事实清楚，证据确凿，适用依据正确，程序合法，处罚适当。\n法制审核人员：陈静　　2026年11月10日" : null,
            Discussion = kind == DocumentKind.DecisionApproval ? "2026年11月12日集体讨论，参加：刘卫东、赵立新、孙海燕、陈静。结论：同意给予警告并处罚款贰万元。" : null,
            Number = DocumentKinds.NumberCode(kind) is null ? null : Number(kind, 2),
        };
    }
}
