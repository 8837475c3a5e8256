using System.Text.Json;
using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>
/// A return being filled in the browser (在线填报): the values typed so far, by sheet and row, for one branch, template
/// and period, and who saved them last. Only the branch's own users see it; it becomes a return only when a 签报人 files
/// it — as the template workbook, through the same reader and rules as an uploaded file — and is gone once filed.
/// Not audited: it is work in progress, saved often; what is filed is recorded as the version it becomes.
/// </summary>
[NotAudited]
public class ReturnDraft : IBranchScoped
{
    /// <summary>Longest value of one input (the longest text column a template may define is far shorter).</summary>
    public const int MaxValueLength = 2000;

    /// <summary>Longest a draft's values may be as JSON (a form of the most rows the designer allows, well filled).</summary>
    public const int MaxJsonLength = 2_000_000;

    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public string TemplateCode { get; private set; } = "";
    public string Period { get; private set; } = "";
    /// <summary>
    /// The entered values as JSON, keyed so a new template version cannot shift them into other columns
    /// (<see cref="DraftContent"/>): the template version they were typed for, and per sheet its column headers and rows,
    /// each row a map from column key (<see cref="ColumnDefinition.Field"/>) to the text typed.
    /// </summary>
    public string ValuesJson { get; private set; } = "{}";
    public string SavedById { get; private set; } = "";
    /// <summary>The last saver's display name (never the login name).</summary>
    public string SavedByName { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    private ReturnDraft() { }

    public static ReturnDraft Start(int provinceId, int branchId, string templateCode, string period) =>
        new() { ProvinceId = provinceId, BranchId = branchId, TemplateCode = templateCode, Period = period };

    /// <summary>The values laid out in the columns of <paramref name="template"/> (version <paramref name="version"/>), with what could not be carried over.</summary>
    public CarriedValues ValuesFor(TemplateDefinition template, int version) => DraftContent.Read(ValuesJson, template, version);

    /// <summary>Keeps the values (checked to fit the template's form, <see cref="EntryValues.Problems"/>) as saved by this person now.</summary>
    public void Save(TemplateDefinition template, int version, EntryValues values, string byId, string byName, DateTimeOffset now)
    {
        if (values.Problems(template).FirstOrDefault() is { } problem)
            throw new DomainException("entry.invalid", problem);
        var json = DraftContent.Write(template, version, values);
        if (json.Length > MaxJsonLength)
            throw new DomainException("entry.too_large", "草稿内容过多，不宜在网页上填写：请下载为Excel，填写后上传。");
        ValuesJson = json;
        (SavedById, SavedByName, SavedAt) = (byId, byName, now);
        ConcurrencyToken = Guid.NewGuid();
    }
}

/// <summary>
/// What was typed into the web form: per sheet (by name) its rows, each the values in the sheet's column order, as the text
/// entered. Nothing is parsed here — the reader parses the workbook the values are written into, as for any file.
/// </summary>
public sealed record EntryValues(IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string?>>> Sheets)
{
    public static EntryValues Empty { get; } = new(new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>>());

    public IReadOnlyList<IReadOnlyList<string?>> Rows(string sheet) => Sheets.GetValueOrDefault(sheet) ?? [];

    /// <summary>
    /// Why the values do not fit the template's form (empty when they do): a sheet the template does not have or keeps to
    /// files, more rows than the sheet takes in the browser, more values than columns, a value over the longest length.
    /// </summary>
    public IEnumerable<string> Problems(TemplateDefinition template)
    {
        foreach (var (name, rows) in Sheets)
        {
            var def = template.Sheets.FirstOrDefault(s => s.Name == name);
            if (def is null) { yield return $"报表“{template.Name}”没有工作表“{name}”。"; continue; }
            if (!def.WebEntry) { yield return $"工作表“{name}”只能上传文件填报。"; continue; }
            if (rows.Count > def.WebEntryLimit) yield return $"工作表“{name}”网页填报最多{def.WebEntryLimit}行（现有{rows.Count}行），更多行请下载Excel填写后上传。";
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r].Count > def.Columns.Count) yield return $"工作表“{name}”第{r + 1}行的值多于列数。";
                for (var c = 0; c < rows[r].Count && c < def.Columns.Count; c++)
                    if (rows[r][c] is { Length: > ReturnDraft.MaxValueLength } long_)
                        yield return $"工作表“{name}”第{r + 1}行“{def.Columns[c].Header}”超过{ReturnDraft.MaxValueLength}个字符（现有{long_.Length}个）。";
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(Sheets, TemplateDefinition.Json);

    public static EntryValues FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, List<List<string?>>>>(json, TemplateDefinition.Json)?
                .ToDictionary(s => s.Key, s => (IReadOnlyList<IReadOnlyList<string?>>)s.Value.Select(r => (IReadOnlyList<string?>)r).ToList())
            ?? new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>>());
}

/// <summary>A draft's values laid out in the current template's columns, and what of them the template no longer has room for.</summary>
public sealed record CarriedValues(EntryValues Values, IReadOnlyList<string> NotCarried, int? SavedForVersion);

/// <summary>
/// How a draft is stored: <c>{"templateVersion": 3, "sheets": {"汇总": {"headers": {"CityCode": "城市代码", …}, "rows": [{"CityCode": "640100", …}]}}}</c>.
/// Values are kept by column key, so when an administrator publishes a new template version (a column added, moved or
/// removed) a draft is laid out again by key; what has no column any longer is named to the carrier, never silently dropped
/// into another column. Drafts stored before keys were kept (sheet → rows of values by position) are read by position.
/// </summary>
public static class DraftContent
{
    private sealed record Stored(int TemplateVersion, Dictionary<string, StoredSheet> Sheets);
    private sealed record StoredSheet(Dictionary<string, string> Headers, List<Dictionary<string, string?>> Rows);

    public static string Write(TemplateDefinition template, int version, EntryValues values) =>
        JsonSerializer.Serialize(new Stored(version, values.Sheets.ToDictionary(s => s.Key, s =>
        {
            var columns = template.Sheets.First(d => d.Name == s.Key).Columns;
            return new StoredSheet(columns.ToDictionary(c => c.Field, c => c.Header),
                s.Value.Select(row => columns.Select((c, i) => (c.Field, Value: i < row.Count ? row[i] : null)).Where(x => x.Value is not null)
                    .ToDictionary(x => x.Field, x => x.Value)).ToList());
        })), TemplateDefinition.Json);

    public static CarriedValues Read(string json, TemplateDefinition template, int version)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("templateVersion", out _))
            return new(EntryValues.FromJson(json), [], null); // by position, as saved before keys were kept
        var stored = JsonSerializer.Deserialize<Stored>(json, TemplateDefinition.Json)!;
        var sheets = new Dictionary<string, IReadOnlyList<IReadOnlyList<string?>>>();
        var lost = new List<string>();
        foreach (var (name, sheet) in stored.Sheets)
        {
            var def = template.Sheets.FirstOrDefault(d => d.Name == name && d.WebEntry);
            var filled = sheet.Rows.Count(r => r.Count > 0);
            if (def is null)
            {
                if (filled > 0) lost.Add($"工作表“{name}”已不在网页填报的表中，其中已填写的{filled}行未能带入");
                continue;
            }
            sheets[name] = sheet.Rows.Take(def.WebEntryLimit)
                .Select(r => (IReadOnlyList<string?>)def.Columns.Select(c => r.GetValueOrDefault(c.Field)).ToList()).ToList();
            if (sheet.Rows.Count > def.WebEntryLimit)
                lost.Add($"工作表“{name}”网页填报现在最多{def.WebEntryLimit}行，第{def.WebEntryLimit + 1}行起的{sheet.Rows.Count - def.WebEntryLimit}行未能带入");
            foreach (var key in sheet.Rows.SelectMany(r => r.Keys).Distinct().Where(k => def.Columns.All(c => c.Field != k)))
            {
                var count = sheet.Rows.Count(r => r.ContainsKey(key));
                lost.Add($"工作表“{name}”的“{sheet.Headers.GetValueOrDefault(key, key)}”列已不在模板中，其中已填写的{count}个值未能带入");
            }
        }
        return new(new EntryValues(sheets), lost, stored.TemplateVersion == version ? null : stored.TemplateVersion);
    }
}
