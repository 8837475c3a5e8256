using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Supervision.Domain.Submissions;

/// <summary>
/// The store of the columns an administrator adds in the designer: no fixed property of the row holds them, so each
/// is kept under its column's stable key (<c>Extra.3</c>, never reused within a sheet and unchanged by a rename) in the
/// row's <see cref="ReturnRow.ExtraValues"/> JSON, typed by the column's kind — text, list and city as strings, counts
/// as integers, decimals and percentages as numbers (a percentage as its fraction), dates as 2026-05-01, yes/no as
/// true/false. Fixed fields keep their own columns (the rankings read them).
/// </summary>
public static partial class ExtraColumns
{
    public const string Prefix = "Extra.";

    /// <summary>Whether a column's storage is the extra-values store rather than a fixed property.</summary>
    public static bool IsExtra(string? field) => field is not null && field.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A well-formed key: Extra. followed by 1 to 40 letters, digits or underscores.</summary>
    public static bool IsValidKey(string field) => KeyPattern().IsMatch(field);

    /// <summary>The next key for a new column of a sheet: one more than the highest key the sheet uses (so a removed column's key is not reused).</summary>
    public static string NextKey(IEnumerable<string> fieldsInUse)
    {
        var highest = fieldsInUse.Where(IsExtra).Select(f => int.TryParse(f[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return Prefix + (highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The JSON of a row's extra values (<paramref name="values"/> in the sheet's column order); null when the sheet has no extra column.</summary>
    public static string? Write(SheetDefinition sheet, object?[] values)
    {
        JsonObject? json = null;
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            var column = sheet.Columns[i];
            if (!IsExtra(column.Field)) continue;
            json ??= [];
            json[column.Field] = values[i] switch
            {
                null => null,
                string s => JsonValue.Create(s),
                long l => JsonValue.Create(l),
                decimal d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                var other => throw new ArgumentException($"No extra value of type {other.GetType().Name}."),
            };
        }
        return json?.ToJsonString();
    }

    /// <summary>Reads one extra column's value back as the type the reader gave it (long, decimal, string, DateOnly, bool); null when absent.</summary>
    public static object? Read(JsonElement? values, ColumnDefinition column)
    {
        if (values is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty(column.Field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return column.Type switch
        {
            FieldType.Count => v.GetInt64(),
            FieldType.Decimal or FieldType.Percent => v.GetDecimal(),
            FieldType.YesNo => v.GetBoolean(),
            FieldType.Date => DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => v.GetString(),
        };
    }

    /// <summary>A row's stored extra values as one JSON object (null when there are none).</summary>
    public static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    [GeneratedRegex(@"^Extra\.[A-Za-z0-9_]{1,40}$")]
    private static partial Regex KeyPattern();
}
