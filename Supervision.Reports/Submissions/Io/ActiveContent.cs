using System.Text.RegularExpressions;
using System.Xml;

namespace Supervision.Reports.Submissions.Io;

/// <summary>
/// What a return may not carry even when its sheets are valid, because opening the stored original in Excel would run it
/// or reach out: a VBA project or macro sheets, embedded objects and ActiveX controls, external workbook links, data
/// connections and web queries, and any relationship to something outside the file (a hyperlink in a cell excepted);
/// formulas, in any worksheet or defined name, that reach outside (<see cref="ReachesOutside"/>). Looked for by part
/// name and by every relationship in the package, so a renamed part is found by what points at it.
/// </summary>
internal static partial class ActiveContent
{
    private static readonly string[] MacroTypes = ["vbaProject", "xlMacrosheet", "xlIntlMacrosheet", "vbaProjectSignature", "vbaProjectSignatureAgile", "vbaProjectSignatureV3"];
    private static readonly string[] ObjectTypes = ["oleObject", "package", "control", "activeXControlBinary"];
    private static readonly string[] LinkTypes = ["externalLink", "externalLinkPath", "xlExternalLinkPath/xlPathMissing", "connections", "queryTable"];

    public static void Refuse(SafePackage package)
    {
        foreach (var name in package.PartNames)
        {
            var part = name.ToLowerInvariant();
            if (part.EndsWith("vbaproject.bin", StringComparison.Ordinal) || part.StartsWith("xl/macrosheets/", StringComparison.Ordinal))
                throw Rejections.Macro(name);
            if (part.StartsWith("xl/embeddings/", StringComparison.Ordinal) || part.StartsWith("xl/activex/", StringComparison.Ordinal))
                throw Rejections.EmbeddedObject(name);
            if (part.StartsWith("xl/externallinks/", StringComparison.Ordinal) || part == "xl/connections.xml" || part.StartsWith("xl/querytables/", StringComparison.Ordinal))
                throw Rejections.ExternalLink(name);
        }
        foreach (var rels in package.PartNames.Where(n => n.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            foreach (var relationship in WorkbookModel.ReadRelationships(package, rels, WorkbookModel.SourceOfRels(rels)))
            {
                if (MacroTypes.Any(relationship.IsOfType)) throw Rejections.Macro(relationship.Target);
                if (ObjectTypes.Any(relationship.IsOfType)) throw Rejections.EmbeddedObject(relationship.Target);
                if (LinkTypes.Any(relationship.IsOfType) || (relationship.External && !relationship.IsOfType("hyperlink")))
                    throw Rejections.ExternalLink(relationship.Target);
            }
        }
    }

    /// <summary>
    /// Refuses a formula that reaches outside when the workbook is opened or recalculated: a reference to another workbook
    /// (<c>[1]Sheet!A1</c>, <c>'C:\x\[a.xlsx]S'!A1</c>), a function that fetches or calls (WEBSERVICE, FILTERXML, RTD, CALL,
    /// REGISTER.ID, IMAGE), a DDE link (<c>cmd|' /c calc'!A0</c>), a UNC path (<c>\\host\share</c>), a HYPERLINK to a file.
    /// Every worksheet is read (a sheet the return does not use opens in Excel all the same), and the workbook's defined names.
    /// </summary>
    public static void RefuseExternalFormulas(SafePackage package, WorkbookModel model)
    {
        var chunk = new char[4096];
        var text = new CharBuilder();
        foreach (var sheet in model.Worksheets)
            Scan(package, sheet.PartPath, "f", chunk, text, (cell, what) => Rejections.ExternalFormula(sheet.Name, cell, what));
        Scan(package, model.WorkbookPath, "definedName", chunk, text, Rejections.ExternalName);
    }

    /// <summary>Excel's longest formula, in characters; of a longer text only the start is checked.</summary>
    private const int MaxFormula = 8192;

    /// <summary>Reads each <paramref name="element"/> of a part: a cell's formula (where: its address) or a defined name (its name).</summary>
    private static void Scan(SafePackage package, string part, string element, char[] chunk, CharBuilder text,
        Func<string, string, SpreadsheetRejectedException> refusal)
    {
        if (!package.Has(part)) return;
        var cell = "";
        try
        {
            using var reader = SafeXml.Create(package.OpenPart(part));
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                SafeXml.CheckDepth(reader, part);
                if (reader.LocalName == "c") cell = reader.GetAttribute("r") ?? "";
                if (reader.LocalName != element) continue;
                var where = element == "f" ? cell : reader.GetAttribute("name") ?? "";
                text.Clear();
                SafeXml.ReadText(reader, text, MaxFormula, chunk, part);
                if (ReachesOutside(text.ToString()) is { } what) throw refusal(where, what);
            }
        }
        catch (XmlException)
        {
            throw Rejections.CorruptPart(part);
        }
    }

    /// <summary>What in a formula reaches outside the file (shown in the message), or null.</summary>
    public static string? ReachesOutside(string formula)
    {
        if (formula.Length == 0) return null;
        if (Unc().IsMatch(formula)) return "网络共享路径";
        if (LinkToFile().IsMatch(formula)) return "指向文件的HYPERLINK";
        var code = StringLiteral().Replace(formula, "\"\""); // what is inside quotes is text, not a reference or a call
        if (Fetching().Match(code) is { Success: true } call) return call.Groups["name"].Value.ToUpperInvariant() + "函数";
        if (code.Contains('|')) return "DDE链接";
        if (OtherWorkbook().IsMatch(code)) return "其他工作簿的单元格";
        return null;
    }

    [GeneratedRegex(@"\\\\[^\\/\s""]+[\\/]", RegexOptions.CultureInvariant)]
    private static partial Regex Unc();

    [GeneratedRegex(@"HYPERLINK\s*\(.*file:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LinkToFile();

    [GeneratedRegex(@"""(?:[^""]|"""")*""", RegexOptions.CultureInvariant)]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w.])(?:_xlfn\.|_xlws\.)?(?<name>WEBSERVICE|FILTERXML|RTD|CALL|REGISTER\.ID|REGISTER|IMAGE)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Fetching();

    /// <summary>
    /// [1]Sheet!A1, [1]!Name, '[a.xlsx]Sheet 1'!A1, 'C:\x\[a.xlsx]S'!A1 — not a table's Table1[Column], [@Column] or
    /// [[#This Row],[Column]] (no "!" after the bracket, or a name before it).
    /// </summary>
    [GeneratedRegex(@"'[^']*\[[^\]]+\][^']*'!|(?<![\w\]])\[[^\[\]]+\][\w.]*!", RegexOptions.CultureInvariant)]
    private static partial Regex OtherWorkbook();
}
