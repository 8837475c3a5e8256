using System.Globalization;

namespace Supervision.Web.Components.Shared;

/// <summary>
/// The one way pages read an id from their query string (?branch=12, ?plan=3). [SupplyParameterFromQuery] of a number type
/// throws on "abc" or on a number too large before the page runs (a 500), so pages take the raw string and read it here:
/// a value that is no id is reported to the user as a notice, like an id that does not exist, and the filter is left off.
/// </summary>
public static class QueryFilter
{
    /// <summary>True when the value is absent (id null) or a positive whole number that fits; false for anything else.</summary>
    public static bool TryId(string? raw, out int? id)
    {
        id = TryId(raw, out long? wide) && wide is { } w && w <= int.MaxValue ? (int)w : null;
        return string.IsNullOrEmpty(raw) || id is not null;
    }

    /// <inheritdoc cref="TryId(string?, out int?)"/>
    public static bool TryId(string? raw, out long? id)
    {
        id = null;
        if (string.IsNullOrEmpty(raw)) return true;
        // Digits only: the parser alone would also take "1\0" or "٣" (non-ASCII digits are refused by NumberStyles, trailing NULs are not).
        if (!raw.All(char.IsAsciiDigit) || !long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0) return false;
        id = value;
        return true;
    }

    /// <summary>The notice for a link whose filter names nothing the user can see, e.g. 链接中的报送单位不存在或无权查看，已显示全部记录。</summary>
    public static string Ignored(string what, string shown = "已显示全部记录") => $"链接中的{what}不存在或无权查看，{shown}。";

    /// <summary>
    /// The notice when a page shows another value than its link asked for (?period=abc: the service falls back to the latest
    /// month), or null when it shows what was asked or nothing was.
    /// </summary>
    public static string? Replaced(string? asked, string shown, string what, string shownText) =>
        string.IsNullOrEmpty(asked) || asked == shown ? null : Ignored(what, $"已显示{shownText}");

    /// <summary>
    /// The one notice for a link whose period a page does not show (?period=abc, 2026-13, or 2027-05 not yet ended) and the period
    /// it shows instead: 所选期间“2026-13”不是有效的月份，已显示2026年11月。 / 所选期间2027年5月尚未结束，已显示2026年11月。
    /// Null when the link asked for nothing or for what is shown. <paramref name="shownText"/> overrides the words for what is
    /// shown (全部期间) where a page falls back to no period.
    /// </summary>
    public static string? Period(string? asked, string? shown, DateOnly today, Supervision.Domain.Submissions.Frequency frequency = Supervision.Domain.Submissions.Frequency.Monthly, string? shownText = null)
    {
        if (string.IsNullOrWhiteSpace(asked) || asked.Trim() == shown) return null;
        var instead = $"已显示{shownText ?? Fmt.Period(shown)}。";
        if (!Supervision.Domain.Submissions.ReportingPeriod.TryParse(asked, frequency, out var period))
        {
            var unit = frequency switch { Supervision.Domain.Submissions.Frequency.Monthly => "月份", Supervision.Domain.Submissions.Frequency.Quarterly => "季度", _ => "年度" };
            var text = asked.Trim();
            return $"所选期间“{(text.Length > 20 ? text[..20] + "…" : text)}”不是有效的{unit}，{instead}";
        }
        if (period.ToString() == shown) return null;
        return period.End >= today ? $"所选期间{period.Label}尚未结束，{instead}" : $"所选期间{period.Label}没有可显示的数据，{instead}";
    }

    /// <summary>Whether a period asked for in a link can be shown: it names a period of this frequency that has ended by <paramref name="today"/>.</summary>
    public static bool IsShowablePeriod(string? asked, DateOnly today, Supervision.Domain.Submissions.Frequency frequency = Supervision.Domain.Submissions.Frequency.Monthly) =>
        Supervision.Domain.Submissions.ReportingPeriod.TryParse(asked, frequency, out var period) && period.End < today;
}
