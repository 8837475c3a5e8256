using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Web.Components.Shared;

/// <summary>How the UI writes dates, times and money: 2026-11-28 in tables, Beijing time, ¥10,000.00.</summary>
public static class Fmt
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? Supervision.Domain.Common.BeijingTime.Local(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string Money(decimal? amount) => amount is { } a ? Supervision.Domain.Common.ChineseMoney.Yuan(a) : "—";

    /// <summary>
    /// A stored file's name as shown or offered for download: rows stored before names were checked on upload may still
    /// hold bidi overrides or control characters ("rn\u202Exslx.exe" shown as "rnexe.xlsx"); they are dropped here.
    /// </summary>
    public static string FileName(string name) => Supervision.Domain.Files.StoredFile.SafeName(name);

    /// <summary>2026年11月28日 — unpadded, as in official documents.</summary>
    public static string ChineseDate(DateOnly date) => Supervision.Domain.Common.ChineseDate.Format(date);
}
