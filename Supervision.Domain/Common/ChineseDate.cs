using System.Globalization;

namespace Supervision.Domain.Common;

/// <summary>Dates as official documents (GB/T 9704-2012 7.3.5) and every Chinese sentence of the portal write them: Arabic numerals, no padding.</summary>
public static class ChineseDate
{
    /// <summary>e.g. 2026-11-28 → 2026年11月28日; 2026-01-05 → 2026年1月5日.</summary>
    public static string Format(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>
    /// A date as a person may type it: 2026年12月7日 (as the portal shows it), 2026-12-07, 2026/12/7 or 2026.12.7 (padding optional,
    /// spaces and a missing 日 tolerated). False for anything else, and for days that do not exist (2026年2月30日).
    /// </summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim().Replace(" ", "", StringComparison.Ordinal),
            @"^(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|([-/.])(\d{1,2})\4(\d{1,2}))$");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Success ? match.Groups[2].Value : match.Groups[5].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Success ? match.Groups[3].Value : match.Groups[6].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// A time of day as a notice states it: 9:30 → 上午9时30分, 14:00 → 下午2时, 12:00 → 中午12时 (the 12-hour clock with its part of the day,
    /// as in "定于2026年12月21日上午9时30分在……举行听证").
    /// </summary>
    public static string FormatTime(TimeOnly time)
    {
        var (part, hour) = time.Hour switch
        {
            < 12 => ("上午", time.Hour),
            12 => ("中午", 12),
            _ => ("下午", time.Hour - 12),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{part}{hour}时") + (time.Minute == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{time.Minute}分"));
    }

    /// <summary>A day and its hour: 2026年12月21日上午9时30分.</summary>
    public static string Format(DateOnly date, TimeOnly? time) => Format(date) + (time is { } t ? FormatTime(t) : "");

    /// <summary>A date that may be unset: "—" when it is.</summary>
    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "—";

    /// <summary>A moment as people read it, in the province's time (UTC+8): 2026年12月7日 14:05.</summary>
    public static string Time(DateTimeOffset at)
    {
        var local = BeijingTime.Local(at);
        return string.Create(CultureInfo.InvariantCulture, $"{Format(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}");
    }

    /// <summary>A waiting time in words: 不足1小时, 5小时, 2天 (whole hours under a day, whole days after).</summary>
    public static string Elapsed(TimeSpan elapsed) => elapsed.TotalHours switch
    {
        < 1 => "不足1小时",
        < 24 and var h => $"{(int)h}小时",
        var h => $"{(int)(h / 24)}天",
    };
}
