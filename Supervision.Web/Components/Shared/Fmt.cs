using System.Globalization;

namespace Supervision.Web.Components.Shared;

/// <summary>How the UI writes dates, times and money: 2026-11-28 in tables, Beijing time, ¥10,000.00.</summary>
public static class Fmt
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? Supervision.Domain.Common.BeijingTime.Local(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string Money(decimal? amount) => amount?.ToString("¥#,0.00", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>2026年11月28日 — unpadded, as in official documents.</summary>
    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}
