using System.Xml;

namespace Supervision.Reports.Submissions.Io;

internal sealed record PackageRelationship(string Id, string Type, string Target, bool External)
{
    public bool IsOfType(string suffix) => Type.EndsWith("/" + suffix, StringComparison.Ordinal);
}

/// <summary>A sheet of the workbook: its name, its id and relationship in workbook.xml and the part it lives in.</summary>
internal sealed record WorkbookSheet(string Name, string SheetId, string RelationshipId, string PartPath, bool IsWorksheet);

/// <summary>The workbook's structure: sheet names resolved to parts through workbook.xml and its relationships.</summary>
internal sealed class WorkbookModel
{
    public required string WorkbookPath { get; init; }
    public required IReadOnlyList<WorkbookSheet> Sheets { get; init; }
    public required IReadOnlyList<PackageRelationship> WorkbookRelationships { get; init; }
    public string? SharedStringsPath { get; init; }
    public string? StylesPath { get; init; }

    public string WorkbookRelsPath => RelsPathFor(WorkbookPath);

    public IEnumerable<WorkbookSheet> Worksheets => Sheets.Where(s => s.IsWorksheet);

    public WorkbookSheet? Find(string name) =>
        Sheets.FirstOrDefault(s => s.IsWorksheet && string.Equals(s.Name, name, StringComparison.Ordinal))
        ?? Sheets.FirstOrDefault(s => s.IsWorksheet && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the structure. A ZIP that is no spreadsheet at all (a .docx, an archive of photos) is not_spreadsheet;
    /// one that looks like a workbook but lacks parts is corrupt.
    /// </summary>
    public static WorkbookModel Load(SafePackage package)
    {
        string? workbookPath = null;
        if (package.Has("_rels/.rels"))
        {
            var office = ReadRelationships(package, "_rels/.rels", "")
                .FirstOrDefault(r => !r.External && r.IsOfType("officeDocument"));
            if (office is not null) workbookPath = office.Target;
        }
        workbookPath ??= "xl/workbook.xml";
        if (!package.Has(workbookPath))
        {
            var looksLikeWorkbook = package.PartNames.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase));
            if (looksLikeWorkbook && !package.Has("xl/workbook.bin")) throw Rejections.Corrupt($"缺少工作簿部件“{workbookPath}”");
            throw Rejections.NotSpreadsheet();
        }

        var relsPath = RelsPathFor(workbookPath);
        if (!package.Has(relsPath)) throw Rejections.Corrupt($"缺少部件“{relsPath}”");
        var rels = ReadRelationships(package, relsPath, workbookPath);
        var byId = new Dictionary<string, PackageRelationship>(StringComparer.Ordinal);
        foreach (var r in rels) byId.TryAdd(r.Id, r);

        var sheets = new List<WorkbookSheet>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var reader = SafeXml.Create(package.OpenPart(workbookPath));
            var inSheets = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "sheets") inSheets = false;
                if (reader.NodeType != XmlNodeType.Element) continue;
                SafeXml.CheckDepth(reader, workbookPath);
                if (reader.LocalName == "sheets" && reader.Depth == 1)
                {
                    inSheets = !reader.IsEmptyElement;
                    continue;
                }
                if (!inSheets || reader.LocalName != "sheet" || reader.Depth != 2) continue;
                var name = reader.GetAttribute("name");
                var sheetId = reader.GetAttribute("sheetId") ?? "";
                var relId = SafeXml.RelationshipId(reader);
                if (string.IsNullOrEmpty(name) || relId is null) throw Rejections.Corrupt("工作簿中的工作表定义不完整");
                if (!names.Add(name)) throw Rejections.Corrupt($"工作表名称“{name}”重复");
                if (!byId.TryGetValue(relId, out var rel) || rel.External) throw Rejections.Corrupt($"找不到工作表“{name}”对应的部件");
                var isWorksheet = rel.IsOfType("worksheet");
                if (isWorksheet && !package.Has(rel.Target)) throw Rejections.Corrupt($"缺少工作表“{name}”的部件“{rel.Target}”");
                sheets.Add(new WorkbookSheet(name, sheetId, relId, rel.Target, isWorksheet));
                if (sheets.Count > package.Limits.MaxSheets) throw Rejections.TooManySheets(package.Limits.MaxSheets);
            }
        }
        catch (XmlException)
        {
            throw Rejections.CorruptPart(workbookPath);
        }
        if (!sheets.Any(s => s.IsWorksheet)) throw Rejections.Corrupt("工作簿中没有工作表");

        var shared = rels.FirstOrDefault(r => !r.External && r.IsOfType("sharedStrings"))?.Target;
        if (shared is not null && !package.Has(shared)) throw Rejections.Corrupt($"缺少共享字符串部件“{shared}”");
        var styles = rels.FirstOrDefault(r => !r.External && r.IsOfType("styles"))?.Target;
        if (styles is not null && !package.Has(styles)) styles = null;
        return new WorkbookModel { WorkbookPath = SafePackage.Normalize(workbookPath), Sheets = sheets, WorkbookRelationships = rels, SharedStringsPath = shared, StylesPath = styles };
    }

    /// <summary>"xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; "" (the package) → "_rels/.rels".</summary>
    public static string RelsPathFor(string part)
    {
        part = SafePackage.Normalize(part);
        var slash = part.LastIndexOf('/');
        return slash < 0 ? $"_rels/{part}.rels" : $"{part[..slash]}/_rels/{part[(slash + 1)..]}.rels";
    }

    /// <summary>"xl/worksheets/_rels/sheet1.xml.rels" → "xl/worksheets/sheet1.xml"; "_rels/.rels" → "" (the package): the inverse of <see cref="RelsPathFor"/>.</summary>
    public static string SourceOfRels(string relsPath)
    {
        relsPath = SafePackage.Normalize(relsPath);
        var marker = relsPath.LastIndexOf("_rels/", StringComparison.Ordinal);
        if (marker < 0 || !relsPath.EndsWith(".rels", StringComparison.Ordinal)) return "";
        return relsPath[..marker] + relsPath[(marker + "_rels/".Length)..^".rels".Length];
    }

    /// <summary>Resolves a relationship target against its source part; returns a normalised part name.</summary>
    public static string ResolveTarget(string sourcePart, string target)
    {
        target = target.Replace('\\', '/');
        var hash = target.IndexOf('#');
        if (hash >= 0) target = target[..hash];
        string combined;
        if (target.StartsWith('/')) combined = target;
        else
        {
            var source = SafePackage.Normalize(sourcePart);
            var slash = source.LastIndexOf('/');
            combined = (slash < 0 ? "" : source[..(slash + 1)]) + Uri.UnescapeDataString(target);
        }
        var stack = new List<string>();
        foreach (var segment in combined.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                continue;
            }
            stack.Add(segment);
        }
        return string.Join('/', stack);
    }

    /// <summary>Reads a .rels part; targets come back resolved against <paramref name="sourcePart"/>.</summary>
    public static List<PackageRelationship> ReadRelationships(SafePackage package, string relsPath, string sourcePart)
    {
        var list = new List<PackageRelationship>();
        try
        {
            using var reader = SafeXml.Create(package.OpenPart(relsPath));
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                SafeXml.CheckDepth(reader, relsPath);
                if (reader.LocalName != "Relationship") continue;
                var id = reader.GetAttribute("Id");
                var type = reader.GetAttribute("Type");
                var target = reader.GetAttribute("Target");
                if (id is null || type is null || target is null) continue;
                var external = string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase);
                list.Add(new PackageRelationship(id, type, external ? target : ResolveTarget(sourcePart, target), external));
            }
        }
        catch (XmlException)
        {
            throw Rejections.CorruptPart(relsPath);
        }
        return list;
    }
}
