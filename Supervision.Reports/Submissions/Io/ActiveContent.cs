namespace Supervision.Reports.Submissions.Io;

/// <summary>
/// What a return may not carry even when its sheets are valid, because opening the stored original in Excel would run it
/// or reach out: a VBA project or macro sheets, embedded objects and ActiveX controls, external workbook links, data
/// connections and web queries, and any relationship to something outside the file (a hyperlink in a cell excepted).
/// Looked for by part name and by every relationship in the package, so a renamed part is found by what points at it.
/// </summary>
internal static class ActiveContent
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
}
