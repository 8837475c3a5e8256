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
}
