using Supervision.Reports.Submissions.Io;
using ClosedXML.Excel;
using Supervision.Domain.Submissions;
using Supervision.Reports.Common;
using Supervision.Domain.Common;

namespace Supervision.Reports.Submissions;

/// <summary>
/// The return template a carrier downloads: instructions, Chinese headers, the branch and period filled in,
/// dropdowns for city codes and lists, the branch's cities (or checklist items) pre-filled, a frozen header.
/// </summary>
/// <summary>A row of a sheet taken from a carrier's file: its row number there and its cells in the template's column order.</summary>
public sealed record CopiedRow(int RowNumber, IReadOnlyList<RawCell?> Cells);

public static class TemplateWorkbook
{
    private const int ValidatedRows = 200_000;

    public static byte[] Build(TemplateFill request) => Build(request, null);

    /// <summary>
    /// The template filled with the rows entered in the browser, by sheet name and the sheet's column order (a sheet not
    /// given starts as a fresh template does): the workbook a web draft is downloaded as and filed through.
    /// </summary>
    public static byte[] Build(TemplateFill request, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string?>>>? entered) => Build(request, entered, null);

    /// <summary>
    /// As above, with the sheets kept to files (网点明细) taken from the carrier's file: each cell as the file stored it, in the
    /// template's column and at the row number it had there, so the reader meets the carrier's own values at their own rows.
    /// </summary>
    public static byte[] Build(TemplateFill request, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string?>>>? entered,
        IReadOnlyDictionary<string, IReadOnlyList<CopiedRow>>? copied)
    {
        var t = request.Template;
        using var workbook = new XLWorkbook();
        Instructions(workbook.Worksheets.Add("填报说明"), request);
        var lists = workbook.Worksheets.Add("_lists");
        var listRanges = WriteLists(lists, request);
        lists.Visibility = XLWorksheetVisibility.Hidden;

        foreach (var def in t.Sheets)
        {
            var sheet = workbook.Worksheets.Add(def.Name);
            var last = def.Columns.Count;
            var title = sheet.Range(1, 1, 1, Math.Max(last, 6)).Merge();
            title.Value = $"{t.Name}（{def.Name}）";
            title.Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            sheet.Cell(2, 1).Value = "报送单位";
            Text(sheet.Cell(2, 2), request.BranchCode);
            sheet.Cell(2, 3).Value = "报送期间";
            Text(sheet.Cell(2, 4), request.Period.ToString());
            sheet.Cell(2, 5).Value = "单位名称";
            Text(sheet.Cell(2, 6), request.BranchName);
            sheet.Range(2, 1, 2, 6).Style.Font.SetFontColor(XLColor.FromHtml("#0d3c7a"));
            foreach (var c in new[] { 1, 3, 5 }) sheet.Cell(2, c).Style.Font.SetBold();

            for (var i = 0; i < last; i++)
            {
                var column = def.Columns[i];
                var cell = sheet.Cell(def.HeaderRow, i + 1);
                cell.Value = column.Header;
                sheet.Column(i + 1).Width = Math.Max(column.Width, column.Header.Length * 2.2);
                var data = sheet.Range(def.HeaderRow + 1, i + 1, def.HeaderRow + ValidatedRows, i + 1);
                Validate(data, column, listRanges);
                if (column.Type is FieldType.City or FieldType.Choice or FieldType.Text or FieldType.Date)
                    sheet.Column(i + 1).Style.NumberFormat.SetFormat("@"); // text, so 640100 or 2026-05-01 never turn into numbers or dates
                else if (column.Type == FieldType.Percent)
                    sheet.Column(i + 1).Style.NumberFormat.SetFormat("0.0%"); // typing 98.5 gives 98.5% (stored 0.985)
            }
            var header = sheet.Range(def.HeaderRow, 1, def.HeaderRow, last);
            header.Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#DCE6F2")).Alignment.SetWrapText()
                .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
            sheet.Row(def.HeaderRow).Height = 32;
            sheet.SheetView.FreezeRows(def.HeaderRow);
            if (copied?.GetValueOrDefault(def.Name) is { } rows)
                Copy(sheet, rows);
            else
                Rows(sheet, def, request, entered?.GetValueOrDefault(def.Name));
        }
        foreach (var sheet in workbook.Worksheets)
            WorkbookExport.PrintFitToWidth(sheet);
        workbook.Worksheet(t.Sheets[0].Name).SetTabActive();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The same layout as a CSV file (single-sheet returns): line 2 carries branch and period, line 3 the headers.</summary>
    public static byte[] BuildCsv(TemplateFill request)
    {
        var def = request.Template.Sheets.Single();
        var lines = new List<string>
        {
            Csv([$"{request.Template.Name}（{def.Name}）"]),
            Csv(["报送单位", request.BranchCode, "报送期间", request.Period.ToString(), "单位名称", request.BranchName]),
            Csv(def.Columns.Select(c => c.Header)),
        };
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];
    }

    private static string Csv(IEnumerable<string> cells) => string.Join(",", cells.Select(c => c.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));

    private static void Instructions(IXLWorksheet sheet, TemplateFill request)
    {
        var t = request.Template;
        sheet.Column(1).Width = 18;
        sheet.Column(2).Width = 100;
        sheet.Cell(1, 1).Value = $"{t.Name}填报说明";
        sheet.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        var row = 3;
        foreach (var (label, value) in new[]
                 {
                     ("报表编码", $"{t.Code}（第{t.Version}版）"), ("报送单位", $"{request.BranchName}（{request.BranchCode}）"),
                     ("报送期间", request.Period.Label), ("截止日期", ChineseDate.Format(request.DueDate)),
                 })
        {
            sheet.Cell(row, 1).Value = label;
            sheet.Cell(row, 1).Style.Font.SetBold();
            Text(sheet.Cell(row++, 2), value);
        }
        row++;
        sheet.Cell(row++, 1).Value = "填报要求";
        foreach (var (line, i) in t.Instructions.Select((l, i) => (l, i + 1)))
        {
            sheet.Cell(row, 1).Value = $"{i}.";
            WorkbookExport.WriteText(sheet.Cell(row++, 2), line);
        }
        row++;
        foreach (var def in t.Sheets)
        {
            sheet.Cell(row++, 1).Value = $"“{def.Name}”各列";
            foreach (var c in def.Columns)
            {
                sheet.Cell(row, 1).Value = c.Header;
                WorkbookExport.WriteText(sheet.Cell(row++, 2), Describe(c) + (c.Required ? "；必填" : "；选填") + (c.Hint is null ? "" : "；" + c.Hint));
            }
            row++;
        }
        sheet.Column(2).Style.Alignment.SetWrapText();
    }

    private static string Describe(ColumnDefinition c) => c.Type switch
    {
        FieldType.City => "本省地市的6位行政区划代码（下拉选择）",
        FieldType.Choice => "从下拉列表中选择",
        FieldType.Count => "非负整数，不得使用公式" + (c.Unit is { Length: > 0 } unit ? $"；单位：{unit}" : "") + c switch
        {
            { Min: { } min, Max: { } max } => $"；{min}至{max}之间",
            { Min: { } min } => $"；不小于{min}",
            { Max: { } max } => $"；不大于{max}",
            _ => "",
        },
        FieldType.Date => "日期，格式为 2026-05-01",
        FieldType.YesNo => "填“是”或“否”",
        FieldType.Decimal => "数字，最多4位小数，不得使用公式",
        FieldType.Percent => "百分比，0%至100%之间（如 98.5%），不得使用公式",
        _ => $"文字，不超过{c.MaxLength}个字符",
    };

    private static Dictionary<string, IXLRange> WriteLists(IXLWorksheet sheet, TemplateFill request)
    {
        var ranges = new Dictionary<string, IXLRange>();
        var column = 1;
        void Write(string name, IReadOnlyList<string> values)
        {
            if (values.Count == 0) return;
            sheet.Cell(1, column).Value = name;
            for (var i = 0; i < values.Count; i++) Text(sheet.Cell(i + 2, column), values[i]);
            ranges[name] = sheet.Range(2, column, values.Count + 1, column);
            column++;
        }
        Write("City", request.ProvinceCities);
        foreach (var (name, values) in request.Template.Lists) Write(name, values);
        foreach (var (name, values) in request.CatalogLists) Write(name, values);
        return ranges;
    }

    private static void Validate(IXLRange range, ColumnDefinition column, Dictionary<string, IXLRange> lists)
    {
        var listName = column.Type switch { FieldType.City => "City", FieldType.Choice => column.List, _ => null };
        if (listName is not null && lists.TryGetValue(listName, out var source))
        {
            var v = range.SetDataValidation();
            v.List(source, true);
            v.ErrorTitle = "不在可选范围内";
            v.ErrorMessage = $"请从下拉列表中选择“{column.Header}”。";
        }
        else if (column.Type == FieldType.YesNo)
        {
            var v = range.SetDataValidation();
            v.List("\"是,否\"", true);
            v.ErrorMessage = "请填“是”或“否”。";
        }
        else if (column.Type == FieldType.Decimal)
        {
            var v = range.SetDataValidation();
            v.Decimal.Between(-1e15, 1e15);
            v.ErrorTitle = "应为数字";
            v.ErrorMessage = $"“{column.Header}”应为数字。";
        }
        else if (column.Type == FieldType.Percent)
        {
            var v = range.SetDataValidation();
            v.Decimal.Between(0, 1);
            v.ErrorTitle = "应为百分比";
            v.ErrorMessage = $"“{column.Header}”应为0%至100%之间的百分比。";
        }
        else if (column.Type == FieldType.Count)
        {
            var v = range.SetDataValidation();
            // Excel's whole-number check takes 32-bit bounds; a wider one is left to the portal's own check on upload.
            var min = (int)Math.Min(column.Min ?? 0, int.MaxValue);
            if (column.Max is { } max and <= int.MaxValue) v.WholeNumber.Between(min, (int)max);
            else v.WholeNumber.EqualOrGreaterThan(min);
            v.ErrorTitle = "应为非负整数";
            v.ErrorMessage = $"“{column.Header}”应为非负整数" + (column.Max is { } m ? $"，{column.Min ?? 0}至{m}之间" : column.Min is { } n ? $"，不小于{n}" : "") + "。";
        }
    }

    private static void Copy(IXLWorksheet sheet, IReadOnlyList<CopiedRow> rows)
    {
        foreach (var row in rows)
            for (var i = 0; i < row.Cells.Count; i++)
            {
                if (row.Cells[i] is not { } cell || cell.Value.Length == 0) continue;
                var target = sheet.Cell(row.RowNumber, i + 1);
                if (cell.Type is RawCellType.Number or RawCellType.Formula
                    && double.TryParse(cell.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    target.Value = number;
                else if (cell.Type == RawCellType.Boolean)
                    target.Value = cell.Value == "1";
                else
                    Text(target, cell.Value);
            }
    }

    /// <summary>The sheet's rows: the values entered (a web draft), else the rows a fresh template starts with.</summary>
    private static void Rows(IXLWorksheet sheet, SheetDefinition def, TemplateFill request, IReadOnlyList<IReadOnlyList<string?>>? entered)
    {
        var row = def.HeaderRow + 1;
        foreach (var values in entered ?? request.PrefillRows(def))
        {
            for (var i = 0; i < def.Columns.Count && i < values.Count; i++)
                if (values[i] is { Length: > 0 } value) Value(sheet.Cell(row, i + 1), def.Columns[i], value);
            row++;
        }
    }

    /// <summary>
    /// A value entered in the browser, as a carrier would have typed it into Excel: a number into a number column (98.5% as
    /// the share 0.985), anything else — and any number a double would not keep exactly — as the text it is, so the reader
    /// finds in the cell exactly what was entered.
    /// </summary>
    private static void Value(IXLCell cell, ColumnDefinition column, string value)
    {
        if (column.Type is FieldType.Count or FieldType.Decimal or FieldType.Percent)
        {
            var text = value.Trim();
            var percent = column.Type == FieldType.Percent && (text.EndsWith('%') || text.EndsWith('％'));
            if (decimal.TryParse(percent ? text[..^1].Trim() : text, System.Globalization.NumberStyles.Float | System.Globalization.NumberStyles.AllowThousands,
                    System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                if (percent) number /= 100;
                var exact = (double)number;
                if ((decimal)exact == number && Math.Abs(exact) < 1e15)
                {
                    cell.Value = exact;
                    return;
                }
            }
        }
        Text(cell, value);
    }

    private static void Text(IXLCell cell, string value) => WorkbookExport.WriteText(cell, value);
}
