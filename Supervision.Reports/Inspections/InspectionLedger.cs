using ClosedXML.Excel;
using Supervision.Domain.Inspections;
using Supervision.Reports.Common;

namespace Supervision.Reports.Inspections;

/// <summary>检查台账: inspections, findings and corrective orders on three sheets, each as the filters selected them.</summary>
public static class InspectionLedger
{
    public static readonly ExportColumn<InspectionRow>[] InspectionColumns =
    [
        new("计划", r => r.PlanTitle, 30), new("类型", r => InspectionPlan.KindLabel(r.PlanKind), 10), new("被检查单位", r => r.EntityName, 34),
        new("企业", r => r.Carrier, 12), new("状态", r => Inspection.StatusLabel(r.Status), 8), new("计划日期", r => r.ScheduledOn, 12),
        new("检查日期", r => r.InspectedOn, 12), new("检查地点", r => r.Place, 24), new("检查人员", r => r.Inspectors, 24), new("企业在场人员", r => r.Representative, 16),
        new("符合", r => r.Compliant, 6), new("不符合", r => r.NonCompliant, 8), new("不适用", r => r.NotApplicable, 8), new("未检查", r => r.Pending, 8),
        new("检查记录文号", r => r.RecordNumber, 22),
    ];

    public static readonly ExportColumn<FindingRow>[] FindingColumns =
    [
        new("编号", r => r.Id, 8), new("检查发现", r => r.Title, 28), new("被检查单位", r => r.Branch, 22), new("企业", r => r.Carrier, 12),
        new("来源", r => r.Source == FindingSource.Inspection ? "现场检查" : "报送关注事项", 12), new("所属计划", r => r.PlanTitle, 28),
        new("发现日期", r => r.FoundOn, 12), new("严重程度", r => Finding.SeverityLabel(r.Severity), 10),
        new("处理决定", r => r.Decision is { } d ? Finding.DecisionLabel(d) : null, 14), new("状态", r => r.StateLabel, 10),
        new("法律依据", r => r.LegalBasis, 16), new("事实", r => r.Facts, 60),
    ];

    public static readonly ExportColumn<OrderRow>[] OrderColumns =
    [
        new("文号", r => r.NoticeNumber, 22), new("被责令单位", r => r.Branch, 22), new("企业", r => r.Carrier, 12), new("状态", r => CorrectiveOrder.StateLabel(r.State), 12),
        new("轮次", r => r.Round, 6), new("下达日期", r => r.IssuedOn, 12), new("原定期限", r => r.OriginalDeadline, 12), new("现行期限", r => r.Deadline, 12),
        new("逾期起始", r => r.OverdueSince, 12), new("整改报告时间", r => r.RepliedAt, 18), new("逾期报告", r => r.RepliedLate, 10),
        new("复查日期", r => r.ReinspectedOn, 12), new("延期待批", r => r.ExtensionPending, 10), new("法律依据", r => r.LegalBasis, 16), new("事实", r => r.Facts, 60),
    ];

    public static byte[] Build(string? filterNote, IReadOnlyList<InspectionRow> inspections, IReadOnlyList<FindingRow> findings, IReadOnlyList<OrderRow> orders, DateTimeOffset generatedAt)
    {
        using var workbook = new XLWorkbook();
        WorkbookExport.AddSheet(workbook, "检查台账", filterNote, InspectionColumns, inspections, generatedAt);
        WorkbookExport.AddSheet(workbook, "检查发现", filterNote, FindingColumns, findings, generatedAt);
        WorkbookExport.AddSheet(workbook, "责令整改", filterNote, OrderColumns, orders, generatedAt);
        return WorkbookExport.Save(workbook);
    }
}
