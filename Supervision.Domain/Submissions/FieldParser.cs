using System.Globalization;

namespace Supervision.Domain.Submissions;

/// <summary>What the validation of one return needs to know beyond the file.</summary>
public sealed record ValidationContext(
    ReportingPeriod Period,
    string BranchCode,
    /// <summary>City codes of the branch's province: the codes a row may use.</summary>
    IReadOnlySet<string> ProvinceCities,
    /// <summary>Cities the branch covers: every one must appear where a template says so.</summary>
    IReadOnlySet<string> BranchCities,
    /// <summary>Catalog lists (e.g. RnChecklist) by name; the template's own lists come from the template.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> CatalogLists)
{
    public IReadOnlyList<string>? List(TemplateDefinition template, string? name) =>
        name is null ? null : template.Lists.TryGetValue(name, out var own) ? own : CatalogLists.GetValueOrDefault(name);
}

/// <summary>
/// Turns one cell's text into a typed value or a Chinese error. The same rules serve the upload, the API
/// and any form that enters the same fields.
/// </summary>
public static class FieldParser
{
    public static bool TryParse(ColumnDefinition column, string? raw, bool isFormula, IReadOnlyList<string>? list, ValidationContext context,
        out object? value, out (string Code, string Message)? error)
    {
        value = null;
        error = null;
        var text = raw?.Trim() ?? "";
        if (isFormula)
        {
            error = ("CELL_FORMULA", $"“{column.Header}”含公式，请复制后“粘贴为数值”再上传");
            return false;
        }
        if (text.Length == 0)
        {
            if (column.Required) error = ("CELL_REQUIRED", $"“{column.Header}”不能为空");
            return !column.Required;
        }
        switch (column.Type)
        {
            case FieldType.Count:
                if (decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number) && number >= 0 && number <= long.MaxValue)
                {
                    if (OutOfBounds(column, (long)number) is { } bound)
                    {
                        error = ("CELL_OUT_OF_RANGE", $"“{column.Header}”{bound}，实际为{number}{column.Unit}");
                        return false;
                    }
                    value = (long)number;
                    return true;
                }
                error = ("CELL_NOT_COUNT", $"“{column.Header}”应为非负整数，实际为“{Clip(text)}”");
                return false;
            case FieldType.Decimal:
                if (decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount) && amount == Math.Round(amount, 4))
                {
                    value = amount;
                    return true;
                }
                error = ("CELL_NOT_DECIMAL", $"“{column.Header}”应为数字（最多4位小数），实际为“{Clip(text)}”");
                return false;
            case FieldType.Percent:
                // 98.5% typed as text, or 0.985 as a percentage cell stores it.
                var percentSign = text.EndsWith('%') || text.EndsWith('％');
                if (decimal.TryParse(percentSign ? text[..^1].Trim() : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share))
                {
                    var fraction = percentSign ? share / 100 : share;
                    if (fraction is >= 0 and <= 1 && fraction == Math.Round(fraction, 6))
                    {
                        value = fraction;
                        return true;
                    }
                }
                error = ("CELL_NOT_PERCENT", $"“{column.Header}”应为0%至100%之间的百分比（如 98.5%），实际为“{Clip(text)}”");
                return false;
            case FieldType.City:
                if (context.ProvinceCities.Contains(text))
                {
                    value = text;
                    return true;
                }
                error = ("CELL_UNKNOWN_CITY", $"城市代码“{Clip(text)}”不是本省的地市代码");
                return false;
            case FieldType.Choice:
                if (list is not null && list.Contains(text))
                {
                    value = text;
                    return true;
                }
                error = ("CELL_NOT_IN_LIST", $"“{column.Header}”的值“{Clip(text)}”不在可选范围内" + (list is { Count: <= 12 } ? $"（{string.Join("、", list)}）" : ""));
                return false;
            case FieldType.Date:
                if (TryDate(text, out var date))
                {
                    value = date;
                    return true;
                }
                error = ("CELL_NOT_DATE", $"“{column.Header}”应为日期（如 2026-05-01），实际为“{Clip(text)}”");
                return false;
            case FieldType.YesNo:
                if (text is "是" or "否")
                {
                    value = text == "是";
                    return true;
                }
                error = ("CELL_NOT_YESNO", $"“{column.Header}”应填“是”或“否”，实际为“{Clip(text)}”");
                return false;
            default:
                if (text.Length > column.MaxLength)
                {
                    error = ("CELL_TOO_LONG", $"“{column.Header}”不超过{column.MaxLength}个字符，实际{text.Length}个");
                    return false;
                }
                if (ControlCharacterAt(text) is { } at)
                {
                    error = ("CELL_CONTROL_CHAR", $"“{column.Header}”第{at + 1}个字符是不可见的控制字符（U+{(int)text[at]:X4}），请删除后再上传");
                    return false;
                }
                if (LooksLikeFormula(text))
                {
                    error = ("CELL_FORMULA_TEXT", $"“{column.Header}”以“{text[0]}”开头，电子表格打开时会当作公式执行；请删除开头的符号，实际为“{Clip(text)}”");
                    return false;
                }
                if (LooksLikeMarkup(text))
                {
                    error = ("CELL_MARKUP", $"“{column.Header}”不能包含网页标签或脚本，实际为“{Clip(text)}”");
                    return false;
                }
                value = text;
                return true;
        }
    }

    /// <summary>What a count must be and is not, by the column's bounds (null when within them).</summary>
    private static string? OutOfBounds(ColumnDefinition column, long value) => (column.Min, column.Max) switch
    {
        ({ } min, { } max) when value < min || value > max => $"应在{min}至{max}{column.Unit}之间",
        ({ } min, null) when value < min => $"应不小于{min}{column.Unit}",
        (null, { } max) when value > max => $"应不大于{max}{column.Unit}",
        _ => null,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    public static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        // Excel keeps dates as serial numbers (days since 1899-12-30).
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466 && serial == Math.Floor(serial))
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    /// <summary>
    /// Text a spreadsheet would run when the figures are exported again (CSV/formula injection): = + @ at the start,
    /// or a leading minus followed by an expression ("-2+3+cmd|' /C calc'!A0"); a plain "-" or "-5" is data.
    /// </summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && (text[0] is '=' or '+' or '@' || text[0] == '-' && text.AsSpan(1).IndexOfAny("=+|!(@") >= 0);

    /// <summary>
    /// The first control character but tab and line breaks (a cell may hold several lines): nobody types one, Excel
    /// stores them as _x0000_ escapes, and PostgreSQL refuses NUL in text outright.
    /// </summary>
    public static int? ControlCharacterAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsControl(text[i]) && text[i] is not ('\t' or '\n' or '\r'))
                return i;
        return null;
    }

    /// <summary>An HTML/XML tag, comment or declaration: text never needs one, and every page and export would carry it.</summary>
    public static bool LooksLikeMarkup(string text)
    {
        for (var i = text.IndexOf('<'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('<', i + 1))
            if (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?')
                return true;
        return false;
    }

    private static string Clip(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
