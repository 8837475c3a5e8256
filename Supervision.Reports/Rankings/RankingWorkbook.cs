using ClosedXML.Excel;
using Supervision.Domain.Common;
using Supervision.Domain.Rankings;
using Supervision.Reports.Common;

namespace Supervision.Reports.Rankings;

/// <summary>
/// The ranking as a formatted workbook: one sheet per ranking (rank, change, score, each indicator's value and
/// points, the reason for those not scored), the heat map, and the method with every weight and mark.
/// </summary>
public static class RankingWorkbook
{
    private static readonly XLColor Header = XLColor.FromHtml("#DCE6F2");
    private static readonly XLColor Good = XLColor.FromHtml("#C8E6C9");
    private static readonly XLColor Fair = XLColor.FromHtml("#FFE9B3");
    private static readonly XLColor Poor = XLColor.FromHtml("#F8C9C4");
    private static readonly XLColor Missing = XLColor.FromHtml("#EEEEEE");

    public static byte[] Build(ProvinceDashboard d, DateTimeOffset generatedAt) => Save(book =>
    {
        Ranking(book, d.Carriers, $"{d.ProvinceName}电信企业实名制落实情况排名（{Months.Label(d.Period)}）", generatedAt);
        Ranking(book, d.Cities, $"{d.ProvinceName}地市分公司排名（{Months.Label(d.Period)}）", generatedAt);
        Heat(book, d.HeatMap, $"{d.ProvinceName}{d.HeatMap.Indicator.Name}：地市 × 企业（{Months.Label(d.Period)}）");
        Method(book, d.Carriers.Indicators, [.. d.Carriers.Method, d.Cities.Method[^1]]);
    });

    public static byte[] Build(MinistryDashboard d, DateTimeOffset generatedAt) => Save(book =>
    {
        Ranking(book, d.Provinces, $"各省（区、市）实名制落实情况排名（{Months.Label(d.Period)}）", generatedAt);
        Method(book, d.Provinces.Indicators, d.Provinces.Method);
    });

    private static byte[] Save(Action<XLWorkbook> fill)
    {
        using var book = new XLWorkbook();
        fill(book);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Ranking(XLWorkbook book, RankingTable table, string title, DateTimeOffset generatedAt)
    {
        var sheet = book.Worksheets.Add(table.Level switch { RankingLevel.City => "地市分公司排名", RankingLevel.Province => "省份排名", _ => "企业排名" });
        var indicators = table.Indicators;
        var last = 6 + indicators.Count * 2 + 1;
        sheet.Range(1, 1, 1, last).Merge().Value = title;
        sheet.Range(1, 1, 1, last).Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var note = sheet.Range(2, 1, 2, last).Merge();
        WorkbookExport.WriteText(note.FirstCell(), $"导出时间：{BeijingTime.Local(generatedAt):yyyy-MM-dd HH:mm}；{table.Participation}；名次变化与{Months.Label(table.PreviousPeriod)}比较；总分0–100，计算方法见“计算方法”工作表。");
        note.Style.Font.SetFontColor(XLColor.Gray);

        string[] fixedHeaders = ["名次", "较上月", table.Level == RankingLevel.Province ? "省份" : "单位", table.Level switch { RankingLevel.Province => "月报已受理", RankingLevel.City => "企业", _ => "类别" }, "总分", "状态"];
        for (var c = 0; c < fixedHeaders.Length; c++)
        {
            sheet.Range(3, c + 1, 4, c + 1).Merge().Value = fixedHeaders[c];
        }
        for (var i = 0; i < indicators.Count; i++)
        {
            var col = 7 + i * 2;
            sheet.Range(3, col, 3, col + 1).Merge().Value = $"{indicators[i].Name}（{indicators[i].Unit}）";
            sheet.Cell(4, col).Value = "数值";
            sheet.Cell(4, col + 1).Value = indicators[i].Weight > 0 ? $"得分（权重{indicators[i].Weight:0.##}）" : "得分（不计分）";
            sheet.Column(col).Width = 11;
            sheet.Column(col + 1).Width = 10;
        }
        sheet.Range(3, last, 4, last).Merge().Value = "说明";
        var header = sheet.Range(3, 1, 4, last);
        header.Style.Font.SetBold().Fill.SetBackgroundColor(Header).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText(true)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        sheet.Row(3).Height = 30;
        foreach (var (col, width) in new[] { (1, 8.0), (2, 8.0), (3, 26.0), (4, 12.0), (5, 9.0), (6, 9.0) }) sheet.Column(col).Width = width;
        sheet.Column(last).Width = 34;

        var row = 4;
        foreach (var r in table.Rows)
        {
            row++;
            WorkbookExport.WriteText(sheet.Cell(row, 1), r.RankLabel);
            WorkbookExport.WriteText(sheet.Cell(row, 2), r.ChangeLabel);
            WorkbookExport.WriteText(sheet.Cell(row, 3), r.Name);
            WorkbookExport.WriteText(sheet.Cell(row, 4), r.Group);
            if (r.Score is { } score)
            {
                sheet.Cell(row, 5).Value = score;
                sheet.Cell(row, 5).Style.NumberFormat.Format = "0.00";
                sheet.Cell(row, 5).Style.Fill.SetBackgroundColor(Band(score));
            }
            WorkbookExport.WriteText(sheet.Cell(row, 6), r.Outcome switch { RankingOutcome.Scored => "参与评分", RankingOutcome.NotReported => "未报送", _ => "无数据" });
            for (var i = 0; i < indicators.Count; i++)
            {
                var col = 7 + i * 2;
                var b = r.Of(indicators[i].Code);
                switch (b?.Reading)
                {
                    case { Status: IndicatorStatus.Reported, Value: { } value }:
                        sheet.Cell(row, col).Value = value;
                        sheet.Cell(row, col).Style.NumberFormat.Format = NumberFormat(indicators[i]);
                        break;
                    case { Status: IndicatorStatus.NotReported }:
                        WorkbookExport.WriteText(sheet.Cell(row, col), "未报送");
                        break;
                    default:
                        WorkbookExport.WriteText(sheet.Cell(row, col), "不适用");
                        break;
                }
                if (b?.Points is { } points)
                {
                    sheet.Cell(row, col + 1).Value = Math.Round(points, 2);
                    sheet.Cell(row, col + 1).Style.NumberFormat.Format = "0.00";
                    sheet.Cell(row, col + 1).Style.Fill.SetBackgroundColor(Band(points));
                }
            }
            WorkbookExport.WriteText(sheet.Cell(row, last), r.Reason ?? string.Join("；", r.Breakdown.Where(b => b.Note.Length > 0 && b.Indicator.Weight > 0 && b.Reading is not null).Select(b => $"{b.Indicator.Name}{b.Note}")));
            if (!r.IsScored) sheet.Range(row, 1, row, last).Style.Fill.SetBackgroundColor(Missing).Font.SetFontColor(XLColor.DimGray);
        }
        var body = sheet.Range(5, 1, Math.Max(row, 5), last);
        body.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Hair);
        sheet.Range(5, 1, Math.Max(row, 5), 2).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.SheetView.Freeze(4, 3);
        WorkbookExport.PrintFitToWidth(sheet);
        sheet.PageSetup.SetRowsToRepeatAtTop(3, 4);
    }

    private static void Heat(XLWorkbook book, HeatMap heat, string title)
    {
        var sheet = book.Worksheets.Add("热力图");
        var last = heat.Carriers.Count + 1;
        sheet.Range(1, 1, 1, Math.Max(2, last)).Merge().Value = title;
        sheet.Range(1, 1, 1, Math.Max(2, last)).Style.Font.SetBold().Font.SetFontSize(14);
        var note = sheet.Range(2, 1, 2, Math.Max(2, last)).Merge();
        WorkbookExport.WriteText(note.FirstCell(), $"颜色按该指标得分：绿≥80分，黄60–80分，红<60分，灰为未报送或不适用。{heat.Indicator.ScoringText}。");
        note.Style.Font.SetFontColor(XLColor.Gray);
        sheet.Cell(3, 1).Value = "地市";
        for (var c = 0; c < heat.Carriers.Count; c++) sheet.Cell(3, c + 2).Value = heat.Carriers[c];
        sheet.Range(3, 1, 3, last).Style.Font.SetBold().Fill.SetBackgroundColor(Header);
        sheet.Column(1).Width = 12;
        var row = 3;
        foreach (var line in heat.Rows)
        {
            row++;
            WorkbookExport.WriteText(sheet.Cell(row, 1), line.City);
            for (var c = 0; c < line.Cells.Count; c++)
            {
                var cell = sheet.Cell(row, c + 2);
                sheet.Column(c + 2).Width = 12;
                if (line.Cells[c] is { Value: { } v })
                {
                    cell.Value = v;
                    cell.Style.NumberFormat.Format = NumberFormat(heat.Indicator);
                    cell.Style.Fill.SetBackgroundColor(Band(heat.Indicator.Points(v, 0, 0)));
                }
                else
                {
                    WorkbookExport.WriteText(cell, line.Cells[c] is null ? "—" : line.Cells[c]!.Status == IndicatorStatus.NotApplicable ? "不适用" : "未报送");
                    cell.Style.Fill.SetBackgroundColor(Missing);
                }
            }
        }
        sheet.Range(3, 1, row, last).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        if (heat.Rows.Count > 0) sheet.Row(row).Style.Font.SetBold();
        sheet.SheetView.Freeze(3, 1);
        WorkbookExport.PrintFitToWidth(sheet);
    }

    private static void Method(XLWorkbook book, IReadOnlyList<RankingIndicator> indicators, IReadOnlyList<string> method)
    {
        var sheet = book.Worksheets.Add("计算方法");
        sheet.Cell(1, 1).Value = "计算方法";
        sheet.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        var row = 1;
        foreach (var line in method)
        {
            row++;
            var range = sheet.Range(row, 1, row, 9).Merge();
            WorkbookExport.WriteText(range.FirstCell(), line);
            range.Style.Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Top);
            sheet.Row(row).Height = Math.Max(18, Math.Ceiling(line.Length / 80.0) * 15);
        }
        row += 2;
        string[] headers = ["指标", "单位", "方向", "计分方式", "目标值（100分）", "及格值（60分）", "零分值", "权重", "数据来源"];
        for (var c = 0; c < headers.Length; c++) sheet.Cell(row, c + 1).Value = headers[c];
        sheet.Range(row, 1, row, headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(Header);
        var first = row;
        foreach (var i in indicators)
        {
            row++;
            WorkbookExport.WriteText(sheet.Cell(row, 1), i.Name);
            WorkbookExport.WriteText(sheet.Cell(row, 2), i.Unit);
            WorkbookExport.WriteText(sheet.Cell(row, 3), i.Direction == IndicatorDirection.HigherIsBetter ? "越高越好" : "越低越好");
            WorkbookExport.WriteText(sheet.Cell(row, 4), i.Normalization == IndicatorNormalization.Target ? "按目标值" : "参评单位间最好/最差");
            if (i.Normalization == IndicatorNormalization.Target)
            {
                if (i.Target is { } t) sheet.Cell(row, 5).Value = t;
                if (i.Pass is { } p) sheet.Cell(row, 6).Value = p;
                if (i.Zero is { } z) sheet.Cell(row, 7).Value = z;
            }
            sheet.Cell(row, 8).Value = i.Weight;
            WorkbookExport.WriteText(sheet.Cell(row, 9), i.SourceText);
        }
        sheet.Range(first, 1, row, headers.Length).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        foreach (var (col, width) in new[] { (1, 18.0), (2, 10.0), (3, 10.0), (4, 18.0), (5, 14.0), (6, 14.0), (7, 10.0), (8, 8.0), (9, 60.0) }) sheet.Column(col).Width = width;
        WorkbookExport.PrintFitToWidth(sheet);
    }

    /// <summary>Counts (处罚决定数, 户) without decimals, as on the page; other values with two.</summary>
    private static string NumberFormat(RankingIndicator indicator) => indicator.IsCount ? "#,##0" : "0.00";

    private static XLColor Band(double points) => points >= 80 ? Good : points >= 60 ? Fair : Poor;
}
