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
    /// <summary>The entered values as JSON: sheet name → rows → values in the sheet's column order (<see cref="EntryValues"/>).</summary>
    public string ValuesJson { get; private set; } = "{}";
    public string SavedById { get; private set; } = "";
    /// <summary>The last saver's display name (never the login name).</summary>
    public string SavedByName { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    private ReturnDraft() { }

    public static ReturnDraft Start(int provinceId, int branchId, string templateCode, string period) =>
        new() { ProvinceId = provinceId, BranchId = branchId, TemplateCode = templateCode, Period = period };

    public EntryValues Values => EntryValues.FromJson(ValuesJson);

    /// <summary>Keeps the values (checked to fit the template's form, <see cref="EntryValues.Problems"/>) as saved by this person now.</summary>
    public void Save(TemplateDefinition template, EntryValues values, string byId, string byName, DateTimeOffset now)
    {
        if (values.Problems(template).FirstOrDefault() is { } problem)
            throw new DomainException("entry.invalid", problem);
        var json = values.ToJson();
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
