using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;

using Supervision.Domain.Submissions;

namespace Supervision.Reports.Submissions.Io;

/// <summary>The issue cells of one worksheet, by row then column, each with its messages.</summary>
internal sealed class SheetPlan(WorkbookSheet sheet)
{
    public WorkbookSheet Sheet { get; } = sheet;
    public SortedDictionary<int, SortedDictionary<int, List<string>>> Cells { get; } = [];

    public string RelsPath => WorkbookModel.RelsPathFor(Sheet.PartPath);
    public bool RelsExist { get; set; }
    public List<PackageRelationship> Relationships { get; set; } = [];
    public string? ExistingCommentsPath { get; set; }
    public List<string> VmlPaths { get; set; } = [];

    /// <summary>False when an existing VML drawing of the sheet cannot be parsed: then the messages go only to the issue list.</summary>
    public bool CommentsEnabled { get; set; } = true;

    public string NewCommentsRelId { get; set; } = "";
    public string NewVmlRelId { get; set; } = "";
    public string? NewCommentsPath { get; set; }
    public string NewVmlPath { get; set; } = "";

    /// <summary>Set by the sheet pass: the r:id of a legacyDrawing the sheet already had.</summary>
    public string? ExistingLegacyDrawingRelId { get; set; }

    public IEnumerable<(int Row, int Column, List<string> Messages)> AllCells() =>
        Cells.SelectMany(r => r.Value.Select(c => (r.Key, c.Key, c.Value)));

    public void Add(int row, int column, string message)
    {
        if (!Cells.TryGetValue(row, out var columns)) Cells.Add(row, columns = []);
        if (!columns.TryGetValue(column, out var messages)) columns.Add(column, messages = []);
        messages.Add(message);
    }
}

/// <summary>
/// Streams a worksheet part through, changing only what the annotation needs: issue cells get a red copy of their
/// format (missing cells and rows are inserted in order), the dimension grows to cover them, and a legacyDrawing
/// element is added for the comments' VML when the sheet had none.
/// </summary>
internal sealed class SheetRewriter(SheetPlan plan, StyleEditor styles, string? newLegacyRelId, string relNs)
{
    /// <summary>Worksheet children that come after legacyDrawing in the schema's sequence.</summary>
    private static readonly HashSet<string> AfterLegacyDrawing = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    private readonly int[] _issueRows = plan.Cells.Keys.ToArray();
    private readonly List<(int Min, int Max, int Style)> _columnStyles = [];
    private int _nextIssueRow;
    private string _ns = XlsxWriter.MainNs;
    private int[]? _rowColumns;
    private int _nextColumn;
    private int _rowNumber;
    private int _rowStyle = -1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(XmlReader r, XmlWriter w)
    {
        var part = plan.Sheet.PartPath;
        var legacyPending = newLegacyRelId is not null;
        var inSheetData = false;
        var inCols = false;
        var inRow = false;
        var lastRow = 0;
        var lastColumn = -1;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Element:
                {
                    SafeXml.CheckDepth(r, part);
                    var depth = r.Depth;
                    var name = r.LocalName;
                    if (depth == 0)
                    {
                        _ns = r.NamespaceURI;
                        XmlCopy.Current(r, w);
                        if (r.IsEmptyElement) throw Rejections.Corrupt($"工作表“{plan.Sheet.Name}”为空");
                        continue;
                    }
                    if (depth == 1)
                    {
                        if (legacyPending && AfterLegacyDrawing.Contains(name))
                        {
                            WriteLegacyDrawing(w);
                            legacyPending = false;
                        }
                        switch (name)
                        {
                            case "legacyDrawing":
                                plan.ExistingLegacyDrawingRelId = SafeXml.RelationshipId(r);
                                legacyPending = false;
                                break;
                            case "dimension":
                                WriteDimension(r, w);
                                continue;
                            case "cols":
                                inCols = !r.IsEmptyElement;
                                break;
                            case "sheetData":
                                XmlCopy.StartWithout(r, w, "");
                                if (r.IsEmptyElement)
                                {
                                    WriteIssueRowsBefore(w, int.MaxValue);
                                    w.WriteEndElement();
                                }
                                else inSheetData = true;
                                continue;
                        }
                        XmlCopy.Current(r, w);
                        continue;
                    }
                    if (inCols && depth == 2 && name == "col")
                    {
                        RememberColumnStyle(r);
                        XmlCopy.Current(r, w);
                        continue;
                    }
                    if (inSheetData && depth == 2 && name == "row")
                    {
                        var rowNumber = lastRow + 1;
                        var rAttr = r.GetAttribute("r");
                        if (rAttr is not null && !int.TryParse(rAttr, NumberStyles.None, CultureInfo.InvariantCulture, out rowNumber))
                            throw Rejections.Corrupt($"工作表“{plan.Sheet.Name}”的行号无效");
                        lastRow = rowNumber;
                        lastColumn = -1;
                        WriteIssueRowsBefore(w, rowNumber);
                        _rowColumns = null;
                        if (_nextIssueRow < _issueRows.Length && _issueRows[_nextIssueRow] == rowNumber)
                        {
                            _rowColumns = plan.Cells[rowNumber].Keys.ToArray();
                            _nextIssueRow++;
                        }
                        _rowNumber = rowNumber;
                        _nextColumn = 0;
                        _rowStyle = r.GetAttribute("customFormat") is "1" or "true" && int.TryParse(r.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var rs) ? rs : -1;
                        if (_rowColumns is null && rAttr is not null) XmlCopy.Current(r, w);
                        else
                        {
                            XmlCopy.StartWithout(r, w, "spans", "r");
                            w.WriteAttributeString("r", rowNumber.ToString(CultureInfo.InvariantCulture));
                            if (r.IsEmptyElement)
                            {
                                WriteIssueCellsBefore(w, int.MaxValue);
                                w.WriteEndElement();
                            }
                        }
                        inRow = !r.IsEmptyElement;
                        continue;
                    }
                    if (inRow && depth == 3)
                    {
                        if (name != "c")
                        {
                            WriteIssueCellsBefore(w, int.MaxValue);
                            XmlCopy.Current(r, w);
                            continue;
                        }
                        var column = lastColumn + 1;
                        var cAttr = r.GetAttribute("r");
                        if (cAttr is not null && !CellAddress.TryParse(cAttr, out column, out _))
                            throw Rejections.Corrupt($"工作表“{plan.Sheet.Name}”第{_rowNumber}行的单元格引用无效");
                        lastColumn = column;
                        var isIssue = false;
                        if (_rowColumns is not null)
                        {
                            WriteIssueCellsBefore(w, column);
                            if (_nextColumn < _rowColumns.Length && _rowColumns[_nextColumn] == column)
                            {
                                isIssue = true;
                                _nextColumn++;
                            }
                        }
                        if (!isIssue && cAttr is not null)
                        {
                            XmlCopy.Current(r, w);
                            continue;
                        }
                        var style = int.TryParse(r.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                        XmlCopy.StartWithout(r, w, "r", isIssue ? "s" : null);
                        w.WriteAttributeString("r", CellAddress.Format(_rowNumber, column));
                        if (isIssue) w.WriteAttributeString("s", styles.RedFor(style).ToString(CultureInfo.InvariantCulture));
                        if (r.IsEmptyElement) w.WriteEndElement();
                        continue;
                    }
                    XmlCopy.Current(r, w);
                    continue;
                }
                case XmlNodeType.EndElement:
                    if (inRow && r.Depth == 2)
                    {
                        WriteIssueCellsBefore(w, int.MaxValue);
                        inRow = false;
                        _rowColumns = null;
                    }
                    else if (inSheetData && r.Depth == 1)
                    {
                        WriteIssueRowsBefore(w, int.MaxValue);
                        inSheetData = false;
                    }
                    else if (inCols && r.Depth == 1) inCols = false;
                    else if (r.Depth == 0 && legacyPending)
                    {
                        WriteLegacyDrawing(w);
                        legacyPending = false;
                    }
                    w.WriteFullEndElement();
                    continue;
                default:
                    XmlCopy.Current(r, w);
                    continue;
            }
        }
    }

    private void RememberColumnStyle(XmlReader r)
    {
        if (int.TryParse(r.GetAttribute("min"), NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(r.GetAttribute("max"), NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && int.TryParse(r.GetAttribute("style"), NumberStyles.None, CultureInfo.InvariantCulture, out var style))
            _columnStyles.Add((min - 1, max - 1, style));
    }

    /// <summary>The format an empty cell shows: its row's, else its column's, else the default.</summary>
    private int InheritedStyle(int column)
    {
        if (_rowStyle >= 0) return _rowStyle;
        foreach (var (min, max, style) in _columnStyles)
            if (column >= min && column <= max) return style;
        return 0;
    }

    private void WriteIssueCellsBefore(XmlWriter w, int column)
    {
        if (_rowColumns is null) return;
        while (_nextColumn < _rowColumns.Length && _rowColumns[_nextColumn] < column)
            WriteEmptyIssueCell(w, _rowNumber, _rowColumns[_nextColumn++]);
    }

    private void WriteIssueRowsBefore(XmlWriter w, int row)
    {
        while (_nextIssueRow < _issueRows.Length && _issueRows[_nextIssueRow] < row)
        {
            var number = _issueRows[_nextIssueRow++];
            _rowStyle = -1;
            w.WriteStartElement("row", _ns);
            w.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
            foreach (var column in plan.Cells[number].Keys) WriteEmptyIssueCell(w, number, column);
            w.WriteEndElement();
        }
    }

    private void WriteEmptyIssueCell(XmlWriter w, int row, int column)
    {
        w.WriteStartElement("c", _ns);
        w.WriteAttributeString("r", CellAddress.Format(row, column));
        w.WriteAttributeString("s", styles.RedFor(InheritedStyle(column)).ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private void WriteLegacyDrawing(XmlWriter w)
    {
        w.WriteStartElement("legacyDrawing", _ns);
        w.WriteAttributeString(w.LookupPrefix(relNs) ?? "r", "id", relNs, newLegacyRelId);
        w.WriteEndElement();
    }

    /// <summary>&lt;dimension ref="A1:H100"/&gt; grown to cover the issue cells.</summary>
    private void WriteDimension(XmlReader r, XmlWriter w)
    {
        var reference = r.GetAttribute("ref") ?? "";
        var parts = reference.Split(':');
        int minRow = int.MaxValue, minCol = int.MaxValue, maxRow = 0, maxCol = -1;
        foreach (var p in parts)
        {
            if (!CellAddress.TryParse(p, out var c, out var row) || row == 0) continue;
            minRow = Math.Min(minRow, row);
            maxRow = Math.Max(maxRow, row);
            minCol = Math.Min(minCol, c);
            maxCol = Math.Max(maxCol, c);
        }
        foreach (var (row, columns) in plan.Cells)
        {
            minRow = Math.Min(minRow, row);
            maxRow = Math.Max(maxRow, row);
            minCol = Math.Min(minCol, columns.Keys.First());
            maxCol = Math.Max(maxCol, columns.Keys.Last());
        }
        XmlCopy.StartWithout(r, w, "ref");
        w.WriteAttributeString("ref", minRow == maxRow && minCol == maxCol
            ? CellAddress.Format(minRow, minCol)
            : $"{CellAddress.Format(minRow, minCol)}:{CellAddress.Format(maxRow, maxCol)}");
        if (r.IsEmptyElement) w.WriteEndElement();
    }
}
