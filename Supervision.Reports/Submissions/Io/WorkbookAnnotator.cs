using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

using Supervision.Domain.Submissions;

namespace Supervision.Reports.Submissions.Io;

/// <summary>A problem found in a carrier's file. Row 1-based, Column 0-based; Row 0 or Column -1 means "no particular cell".</summary>
public sealed record CellIssue(string Sheet, int Row, int Column, string Message);

// Ours because it wins: 3,000 notes and the issue sheet on a 100,000-row sheet in 2.73 s where DocumentFormat.OpenXml needs
// 11.35 s to load, style and save the sheet's DOM and 6.26 s just to stream-copy it (docs/PERFORMANCE.md "Libraries").
/// <summary>
/// Gives the carrier its own workbook back with the problems marked: each issue cell gets a red fill (keeping its
/// number format, font and borders) and a note with the message(s); a last sheet "错误清单" lists every issue.
/// The workbook is streamed part by part: big sheets are never loaded as a DOM.
/// Sheets that already have comments keep them: the messages are merged into the existing comments part and drawing.
/// If a sheet's existing VML drawing cannot be parsed, that sheet's messages go only to "错误清单" (cells still turn red).
/// </summary>
public static class WorkbookAnnotator
{
    public const string IssueSheetName = "错误清单";

    /// <summary>The fill of issue cells (ARGB).</summary>
    public const string FillArgb = "FFFF9999";

    internal const string StrictMainNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string CommentsContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
    private const string VmlContentType = "application/vnd.openxmlformats-officedocument.vmlDrawing";
    private const string StylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

    public static void Annotate(Stream originalXlsx, IReadOnlyList<CellIssue> issues, Stream output) =>
        Annotate(originalXlsx, issues, output, new SpreadsheetLimits());

    /// <summary>
    /// As <see cref="Annotate(Stream, IReadOnlyList{CellIssue}, Stream)"/>, guarding the input with the given limits; the
    /// last sheet is named <paramref name="listSheetName"/> (a ranking trace marks the cells a figure came from, not errors).
    /// </summary>
    public static void Annotate(Stream originalXlsx, IReadOnlyList<CellIssue> issues, Stream output, SpreadsheetLimits limits, string listSheetName = IssueSheetName)
    {
        ArgumentNullException.ThrowIfNull(originalXlsx);
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var issue in issues)
        {
            ArgumentNullException.ThrowIfNull(issue);
            ArgumentNullException.ThrowIfNull(issue.Sheet);
        }

        var (data, owned) = SpreadsheetReader.Seekable(originalXlsx, limits.MaxFileBytes);
        Span<byte> head = stackalloc byte[4];
        var n = data.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        data.Position = 0;
        if (n == 4 && head.SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            if (owned) data.Dispose();
            throw Rejections.LegacyXls();
        }
        if (n < 4 || head[0] != 'P' || head[1] != 'K')
        {
            if (owned) data.Dispose();
            throw Rejections.NotSpreadsheet();
        }
        using var package = SafePackage.Open(data, limits, owned);
        new Job(package, issues, listSheetName).Run(output);
    }

    private sealed class Job
    {
        private readonly SafePackage _package;
        private readonly IReadOnlyList<CellIssue> _issues;
        private readonly WorkbookModel _model;
        private readonly string _mainNs;
        private readonly string _relNs;
        private readonly string _relTypeBase;
        private readonly Dictionary<string, SheetPlan> _plans = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _usedNames;
        private readonly HashSet<string> _deferred = new(StringComparer.OrdinalIgnoreCase);
        private readonly StyleEditor _styles;
        private readonly string _stylesPath;
        private readonly string _issueSheetPath;
        private readonly string _issueSheetName;
        private readonly string _issueSheetRelId;
        private int _nextVmlBlock;

        private readonly string _listSheetName;

        public Job(SafePackage package, IReadOnlyList<CellIssue> issues, string listSheetName)
        {
            _listSheetName = listSheetName;
            _package = package;
            _issues = issues;
            _model = WorkbookModel.Load(package);
            var workbook = SafeXml.LoadDocument(package, _model.WorkbookPath);
            _mainNs = workbook.Root!.Name.NamespaceName;
            var strict = _mainNs == StrictMainNs;
            _relNs = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships" : XlsxWriter.RelNs;
            _relTypeBase = _relNs + "/";
            _usedNames = new HashSet<string>(package.PartNames, StringComparer.OrdinalIgnoreCase);

            foreach (var issue in issues)
            {
                if (issue.Row < 1 || issue.Row > CellAddress.MaxRow || issue.Column < 0 || issue.Column > CellAddress.MaxColumnIndex) continue;
                var sheet = _model.Find(issue.Sheet);
                if (sheet is null) continue;
                if (!_plans.TryGetValue(sheet.PartPath, out var plan)) _plans.Add(sheet.PartPath, plan = new SheetPlan(sheet));
                plan.Add(issue.Row, issue.Column, issue.Message ?? "");
            }

            var existingStyles = _model.StylesPath is null ? null : SafeXml.LoadDocument(package, _model.StylesPath);
            _styles = new StyleEditor(existingStyles, _mainNs) { Created = existingStyles is null };
            _stylesPath = _model.StylesPath ?? Allocate("xl/styles", ".xml", first: "xl/styles.xml");
            _deferred.Add(_stylesPath);

            _nextVmlBlock = VmlPart.MaxBlock(package.PartNames.Where(p => p.EndsWith(".vml", StringComparison.OrdinalIgnoreCase)).Select(ReadText)) + 1;
            foreach (var plan in _plans.Values) Prepare(plan);

            _issueSheetName = UniqueSheetName();
            _issueSheetPath = Allocate("xl/worksheets/sheet", ".xml");
            _issueSheetRelId = UniqueId(_model.WorkbookRelationships.Select(r => r.Id), "rId");
        }

        /// <summary>Finds the sheet's relationships, comments and drawings; checks that existing drawings can be merged into.</summary>
        private void Prepare(SheetPlan plan)
        {
            plan.RelsExist = _package.Has(plan.RelsPath);
            if (plan.RelsExist) plan.Relationships = WorkbookModel.ReadRelationships(_package, plan.RelsPath, plan.Sheet.PartPath);
            plan.ExistingCommentsPath = plan.Relationships.FirstOrDefault(r => !r.External && r.IsOfType("comments") && _package.Has(r.Target))?.Target;
            plan.VmlPaths = plan.Relationships.Where(r => !r.External && r.IsOfType("vmlDrawing") && _package.Has(r.Target)).Select(r => r.Target).ToList();
            foreach (var vml in plan.VmlPaths)
            {
                try
                {
                    SafeXml.LoadDocument(_package, vml);
                }
                catch (SpreadsheetRejectedException)
                {
                    plan.CommentsEnabled = false;
                }
            }
            if (plan.ExistingCommentsPath is not null)
            {
                try
                {
                    SafeXml.LoadDocument(_package, plan.ExistingCommentsPath);
                }
                catch (SpreadsheetRejectedException)
                {
                    plan.CommentsEnabled = false;
                }
            }
            if (!plan.CommentsEnabled) return;
            var ids = plan.Relationships.Select(r => r.Id).ToList();
            plan.NewCommentsRelId = UniqueId(ids, "rIdComments");
            ids.Add(plan.NewCommentsRelId);
            plan.NewVmlRelId = UniqueId(ids, "rIdVml");
            if (plan.ExistingCommentsPath is null) plan.NewCommentsPath = Allocate("xl/comments", ".xml");
            plan.NewVmlPath = Allocate("xl/drawings/vmlDrawing", ".vml");
            _deferred.Add(plan.RelsPath);
            if (plan.ExistingCommentsPath is not null) _deferred.Add(plan.ExistingCommentsPath);
            foreach (var vml in plan.VmlPaths) _deferred.Add(vml);
        }

        public void Run(Stream output)
        {
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            var contentTypes = "[Content_Types].xml";
            foreach (var entry in _package.Entries)
            {
                var name = SafePackage.Normalize(entry.FullName);
                if (_deferred.Contains(name)) continue;
                if (name.Equals(contentTypes, StringComparison.OrdinalIgnoreCase)) WriteDocument(zip, entry.FullName, ContentTypes(SafeXml.LoadDocument(_package, name)));
                else if (name.Equals(_model.WorkbookPath, StringComparison.OrdinalIgnoreCase)) WriteDocument(zip, entry.FullName, Workbook(SafeXml.LoadDocument(_package, name)));
                else if (name.Equals(_model.WorkbookRelsPath, StringComparison.OrdinalIgnoreCase)) WriteDocument(zip, entry.FullName, WorkbookRels(SafeXml.LoadDocument(_package, name)));
                else if (_plans.TryGetValue(name, out var plan)) RewriteSheet(zip, entry.FullName, plan);
                else Copy(zip, entry);
            }

            var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var plan in _plans.Values.Where(p => p.CommentsEnabled)) FinishComments(zip, plan, written);
            XlsxWriter.WritePart(zip, _issueSheetPath, w => WorksheetWriter.Write(w, IssueRows(), new SheetLayout([16, 9, 70], _styles.HeaderStyle, FreezeHeader: true, AutoFilter: true), null), CompressionLevel.Optimal);
            WriteDocument(zip, _stylesPath, _styles.Finish(FillArgb));
            written.Add(_stylesPath);
            foreach (var entry in _package.Entries)
            {
                var name = SafePackage.Normalize(entry.FullName);
                if (_deferred.Contains(name) && !written.Contains(name)) Copy(zip, entry);
            }
        }

        private void RewriteSheet(ZipArchive zip, string entryName, SheetPlan plan)
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
            using var reader = SafeXml.Create(_package.OpenPart(plan.Sheet.PartPath));
            using var writer = XmlCopy.CreateWriter(entry.Open());
            try
            {
                new SheetRewriter(plan, _styles, plan.CommentsEnabled ? plan.NewVmlRelId : null, _relNs).Run(reader, writer);
            }
            catch (XmlException)
            {
                throw Rejections.CorruptPart(plan.Sheet.PartPath);
            }
        }

        /// <summary>After the sheet pass: the comments part (new or merged), the drawing (new or merged) and the sheet's relationships.</summary>
        private void FinishComments(ZipArchive zip, SheetPlan plan, HashSet<string> written)
        {
            IReadOnlyList<(int Row, int Column, List<string> Messages)> newNotes;
            if (plan.ExistingCommentsPath is { } existing)
            {
                HashSet<(int Row, int Column)> created = [];
                WritePart(zip, existing, (w) =>
                {
                    using var reader = SafeXml.Create(_package.OpenPart(existing));
                    created = CommentsPart.Merge(reader, w, plan, existing);
                });
                written.Add(existing);
                newNotes = plan.AllCells().Where(c => created.Contains((c.Row, c.Column))).ToList();
            }
            else
            {
                XlsxWriter.WritePart(zip, plan.NewCommentsPath!, w => CommentsPart.WriteNew(w, plan, _mainNs));
                newNotes = plan.AllCells().ToList();
            }

            var legacyVml = plan.ExistingLegacyDrawingRelId is { } legacyId
                ? plan.Relationships.FirstOrDefault(r => r.Id == legacyId && !r.External && _package.Has(r.Target))?.Target
                : null;
            var addVml = plan.ExistingLegacyDrawingRelId is null;
            if (legacyVml is not null)
            {
                WritePart(zip, legacyVml, w =>
                {
                    using var reader = SafeXml.Create(_package.OpenPart(legacyVml));
                    VmlPart.Merge(reader, w, newNotes, legacyVml);
                }, declaration: false);
                written.Add(legacyVml);
            }
            else if (addVml)
            {
                var first = _nextVmlBlock;
                _nextVmlBlock += VmlPart.BlocksFor(newNotes.Count);
                WritePart(zip, plan.NewVmlPath, w => VmlPart.WriteNew(w, newNotes, first), declaration: false);
            }

            var rels = plan.RelsExist ? SafeXml.LoadDocument(_package, plan.RelsPath) : new XDocument(new XElement(XName.Get("Relationships", XlsxWriter.PackageRelNs)));
            var root = rels.Root!;
            var ns = root.Name.Namespace;
            if (plan.NewCommentsPath is not null)
                root.Add(Relationship(ns, plan.NewCommentsRelId, _relTypeBase + "comments", RelativeTarget(plan.Sheet.PartPath, plan.NewCommentsPath)));
            if (addVml)
                root.Add(Relationship(ns, plan.NewVmlRelId, _relTypeBase + "vmlDrawing", RelativeTarget(plan.Sheet.PartPath, plan.NewVmlPath)));
            WriteDocument(zip, plan.RelsPath, rels);
            written.Add(plan.RelsPath);
        }

        private IEnumerable<IReadOnlyList<object?>> IssueRows()
        {
            yield return ["工作表", "单元格", "说明"];
            var order = _model.Sheets.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
            var sorted = _issues
                .Select((issue, index) => (issue, index, hasCell: issue.Row >= 1 && issue.Row <= CellAddress.MaxRow && issue.Column >= 0 && issue.Column <= CellAddress.MaxColumnIndex))
                .OrderBy(x => order.TryGetValue(x.issue.Sheet, out var i) ? i : int.MaxValue)
                .ThenBy(x => x.issue.Sheet, StringComparer.Ordinal)
                .ThenBy(x => x.hasCell ? x.issue.Row : 0)
                .ThenBy(x => x.hasCell ? x.issue.Column : -1)
                .ThenBy(x => x.index);
            foreach (var (issue, _, hasCell) in sorted)
            {
                var sheetName = _model.Find(issue.Sheet)?.Name ?? issue.Sheet;
                yield return [sheetName, hasCell ? CellAddress.Format(issue.Row, issue.Column) : "—", issue.Message ?? ""];
            }
        }

        private XDocument ContentTypes(XDocument doc)
        {
            var root = doc.Root!;
            var ns = root.Name.Namespace;
            bool HasOverride(string part) => root.Elements(ns + "Override").Any(e => string.Equals((string?)e.Attribute("PartName"), "/" + part, StringComparison.OrdinalIgnoreCase));
            void AddOverride(string part, string type)
            {
                if (!HasOverride(part)) root.Add(new XElement(ns + "Override", new XAttribute("PartName", "/" + part), new XAttribute("ContentType", type)));
            }
            AddOverride(_issueSheetPath, XlsxWriter.WorksheetContentType);
            if (_styles.Created) AddOverride(_stylesPath, StylesContentType);
            foreach (var plan in _plans.Values.Where(p => p.CommentsEnabled))
            {
                if (plan.NewCommentsPath is not null) AddOverride(plan.NewCommentsPath, CommentsContentType);
                if (!root.Elements(ns + "Default").Any(e => string.Equals((string?)e.Attribute("Extension"), "vml", StringComparison.OrdinalIgnoreCase)))
                    root.AddFirst(new XElement(ns + "Default", new XAttribute("Extension", "vml"), new XAttribute("ContentType", VmlContentType)));
            }
            return doc;
        }

        private XDocument Workbook(XDocument doc)
        {
            var root = doc.Root!;
            var ns = root.Name.Namespace;
            var sheets = root.Element(ns + "sheets") ?? throw Rejections.Corrupt("工作簿中没有工作表列表");
            var maxId = sheets.Elements(ns + "sheet").Select(s => int.TryParse((string?)s.Attribute("sheetId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).DefaultIfEmpty(0).Max();
            sheets.Add(new XElement(ns + "sheet",
                new XAttribute("name", _issueSheetName),
                new XAttribute("sheetId", (maxId + 1).ToString(CultureInfo.InvariantCulture)),
                new XAttribute(XName.Get("id", _relNs), _issueSheetRelId)));
            return doc;
        }

        private XDocument WorkbookRels(XDocument doc)
        {
            var root = doc.Root!;
            var ns = root.Name.Namespace;
            root.Add(Relationship(ns, _issueSheetRelId, _relTypeBase + "worksheet", RelativeTarget(_model.WorkbookPath, _issueSheetPath)));
            if (_styles.Created)
                root.Add(Relationship(ns, UniqueId(_model.WorkbookRelationships.Select(r => r.Id).Append(_issueSheetRelId), "rIdStyles"), _relTypeBase + "styles", RelativeTarget(_model.WorkbookPath, _stylesPath)));
            return doc;
        }

        private static XElement Relationship(XNamespace ns, string id, string type, string target) =>
            new(ns + "Relationship", new XAttribute("Id", id), new XAttribute("Type", type), new XAttribute("Target", target));

        /// <summary>The target of a relationship from <paramref name="source"/> to <paramref name="target"/>, relative ("../comments1.xml").</summary>
        internal static string RelativeTarget(string source, string target)
        {
            var from = SafePackage.Normalize(source).Split('/')[..^1];
            var to = SafePackage.Normalize(target).Split('/');
            var common = 0;
            while (common < from.Length && common < to.Length - 1 && string.Equals(from[common], to[common], StringComparison.OrdinalIgnoreCase)) common++;
            return string.Concat(Enumerable.Repeat("../", from.Length - common)) + string.Join('/', to[common..]);
        }

        private string UniqueSheetName()
        {
            var names = new HashSet<string>(_model.Sheets.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
            var name = _listSheetName;
            for (var i = 2; names.Contains(name); i++) name = $"{_listSheetName}({i})";
            return name;
        }

        private static string UniqueId(IEnumerable<string> existing, string prefix)
        {
            var set = new HashSet<string>(existing, StringComparer.Ordinal);
            for (var i = 1; ; i++)
                if (!set.Contains(prefix + i.ToString(CultureInfo.InvariantCulture))) return prefix + i.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>A part name not used in the package nor allocated before: stem + N + extension.</summary>
        private string Allocate(string stem, string extension, string? first = null)
        {
            if (first is not null && _usedNames.Add(first)) return first;
            for (var i = 1; ; i++)
            {
                var name = $"{stem}{i.ToString(CultureInfo.InvariantCulture)}{extension}";
                if (_usedNames.Add(name)) return name;
            }
        }

        private string ReadText(string part)
        {
            using var reader = new StreamReader(_package.OpenPart(part), Encoding.UTF8);
            var buffer = new char[64 * 1024];
            var n = reader.ReadBlock(buffer, 0, buffer.Length);
            return new string(buffer, 0, n);
        }

        private void Copy(ZipArchive zip, ZipArchiveEntry entry)
        {
            var target = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            target.LastWriteTime = entry.LastWriteTime;
            if (entry.FullName.EndsWith('/')) return;
            using var source = _package.OpenEntry(entry);
            using var destination = target.Open();
            source.CopyTo(destination);
        }

        private static void WritePart(ZipArchive zip, string name, Action<XmlWriter> body, bool declaration = true)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            var settings = XlsxWriter.WriterSettings;
            settings.OmitXmlDeclaration = !declaration;
            using var writer = XmlWriter.Create(entry.Open(), settings);
            if (declaration) writer.WriteStartDocument(standalone: true);
            try
            {
                body(writer);
            }
            catch (XmlException)
            {
                throw Rejections.CorruptPart(name);
            }
        }

        private static void WriteDocument(ZipArchive zip, string name, XDocument doc)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var writer = XmlWriter.Create(entry.Open(), XlsxWriter.WriterSettings);
            doc.Declaration = new XDeclaration("1.0", "UTF-8", "yes");
            doc.Save(writer);
        }
    }
}
