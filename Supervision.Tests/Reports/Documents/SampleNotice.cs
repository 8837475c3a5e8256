using Supervision.Reports.Documents;

namespace Supervision.Tests.Reports.Documents;

/// <summary>A fictitious notice with the full 版头 (red authority mark, centred number, red rule), an addressee,
/// attachments and a 版记: the parts of GB/T 9704 the penalty decision does not use.</summary>
internal static class SampleNotice
{
    public const string Mark = "宁夏回族自治区通信管理局文件";
    public const string Number = "宁通管〔2026〕12号";
    public const string Title = "宁夏回族自治区通信管理局关于开展2026年电话用户实名登记专项检查的通知";
    public const string Addressee = "各基础电信企业宁夏分公司，各移动通信转售企业";
    public static readonly string[] AttachmentNames = ["2026年电话用户实名登记专项检查工作方案", "营业网点实名登记情况自查表（请于2026年12月15日前报送电子版和加盖公章的纸质版）"];
    public static readonly string[] CopyTo = ["工业和信息化部网络安全管理局", "宁夏回族自治区公安厅"];
    public const string Printer = "宁夏回族自治区通信管理局办公室";
    public static readonly DateOnly Date = new(2026, 11, 28);

    public static OfficialDocument Build(int extraParagraphs = 0)
    {
        var document = new OfficialDocument(Title)
            .AuthorityMark(Mark)
            .Number(Number)
            .Addressee(Addressee)
            .Paragraph("为落实《电话用户真实身份信息登记规定》和《中华人民共和国反电信网络诈骗法》的要求，本局决定于2026年12月至2027年1月在全区开展电话用户实名登记专项检查。现将有关事项通知如下。")
            .Heading("检查范围")
            .Paragraph("全区各基础电信企业及其自有营业厅、合作营业厅、专营店、特约代理点和末梢渠道，以及在我区开展业务的移动通信转售企业。")
            .Heading("工作要求")
            .SubHeading("高度重视。", "各单位要按照附件要求认真组织自查，如实填报自查表，对发现的问题立即整改。")
            .SubHeading("按时报送。", "请于2026年12月15日前将自查表报送本局网络安全管理处。");
        for (var i = 0; i < extraParagraphs; i++)
            document.Paragraph($"第{i + 1}段补充说明：检查中发现的问题将纳入年度考核，对拒不整改的依法予以处理。");
        foreach (var name in AttachmentNames) document.Attachment(name);
        return document
            .SignedBy("宁夏回族自治区通信管理局", Date)
            .CopyTo(CopyTo)
            .PrintedBy(Printer, Date);
    }
}
