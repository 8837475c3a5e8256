using Supervision.Domain.Documents;
using Supervision.Reports.Documents;
using Supervision.Domain.Common;

namespace Supervision.Tests.Reports.Documents;

/// <summary>
/// A fictitious 行政处罚决定书 (Administrative Penalty Law art. 59) that exercises the document layer: two pages,
/// a table that crosses the page break, headings of both levels, an amount in figures and capitals. Sample data
/// lives in tests (and a variant in the benchmark), never in production code.
/// </summary>
internal static class SampleDecision
{
    public const string Authority = "宁夏回族自治区通信管理局";
    public const string Number = "宁通管罚〔2026〕3号";
    public const string Party = "银川星河移动通信服务有限公司";
    public const string CreditCode = "91640100MA76T8KX3F";
    public const string Address = "宁夏回族自治区银川市金凤区北京中路168号";
    public const string Representative = "王建国";
    public const decimal Fine = 25_000m;
    public static readonly DateOnly Decided = new(2026, 11, 28);

    public static readonly string[] TableHeader = ["序号", "营业网点", "渠道类型", "录入户数"];

    public static readonly string[][] Outlets =
    [
        ["1", "兴庆区解放东街合作营业厅", "合作营业厅", "236"],
        ["2", "金凤区万达广场专营店", "专营店", "198"],
        ["3", "西夏区怀远路特约代理点", "特约代理点", "173"],
        ["4", "永宁县杨和镇便民服务点", "末梢渠道", "142"],
        ["5", "贺兰县富兴街合作营业厅", "合作营业厅", "131"],
        ["6", "灵武市东塔寺路专营店", "专营店", "117"],
        ["7", "兴庆区新华街特约代理点", "特约代理点", "104"],
        ["8", "金凤区宝湖路便民服务点", "末梢渠道", "96"],
    ];

    public static int Households => Outlets.Sum(o => int.Parse(o[3], System.Globalization.CultureInfo.InvariantCulture));

    public static OfficialDocument Build(byte[]? seal = null)
    {
        var table = new DocumentTable(
            new TableColumn(TableHeader[0], 0.7, CellAlignment.Center),
            new TableColumn(TableHeader[1], 3.3),
            new TableColumn(TableHeader[2], 1.6, CellAlignment.Center),
            new TableColumn(TableHeader[3], 1.6, CellAlignment.Right));
        foreach (var outlet in Outlets) table.AddRow(outlet);

        return new OfficialDocument(Authority + "\n行政处罚决定书")
            .Number(Number)
            .Field("当事人", Party)
            .Field("统一社会信用代码", CreditCode)
            .Field("住所", Address)
            .Field("法定代表人", Representative)
            .Paragraph("本局于2026年9月15日对你单位电话用户实名登记情况进行检查，并于同日立案调查，现已调查终结。")
            .Heading("违法事实和证据")
            .SubHeading("违法事实。", $"2026年7月1日至8月31日，你单位下列营业网点办理移动电话入网时，未使用二代身份证识别设备核验身份，以人工录入方式登记{Households:N0}户，其中物联网卡（GGSN/PGW侧开通）ID类号码12户：")
            .Table(table)
            .SubHeading("证据。", "现场检查笔录、入网登记单据、业务支撑系统记录、询问笔录及你单位的情况说明。")
            .Heading("处罚依据和内容")
            .Paragraph("你单位的上述行为违反了《电话用户真实身份信息登记规定》第六条、第九条。本局已告知你单位享有陈述、申辩和听证的权利，你单位未提出异议。依据该规定第十九条，决定：")
            .Paragraph("（一）予以警告；")
            .Paragraph($"（二）罚款{ChineseMoney.ToFigures(Fine)}元（{ChineseMoney.ToCapital(Fine)}）。")
            .Heading("履行方式和期限")
            .Paragraph("你单位应自收到本决定书之日起15日内到指定银行缴纳罚款。逾期不缴纳的，每日按罚款数额的3%加处罚款。")
            .Heading("救济途径和期限")
            .Paragraph("如不服本决定，可在收到本决定书之日起60日内向工业和信息化部申请行政复议，或者在6个月内提起行政诉讼。")
            .SignedBy(Authority, Decided, seal);
    }
}
