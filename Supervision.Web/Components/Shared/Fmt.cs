using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Web.Components.Shared;

/// <summary>How the UI writes dates, times and money: 2026年11月28日, 2026年11月28日 14:05 in Beijing time, ¥10,000.00.</summary>
public static class Fmt
{
    public static string Date(DateOnly? date) => date is { } d ? Supervision.Domain.Common.ChineseDate.Format(d) : "—";

    /// <summary>2026年12月7日 14:05 — the one way a moment is shown, in the province's time (UTC+8).</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? Supervision.Domain.Common.ChineseDate.Time(t) : "—";

    public static string Money(decimal? amount) => amount is { } a ? Supervision.Domain.Common.ChineseMoney.Yuan(a) : "—";

    /// <summary>
    /// A stored file's name as shown or offered for download: rows stored before names were checked on upload may still
    /// hold bidi overrides or control characters ("rn\u202Exslx.exe" shown as "rnexe.xlsx"); they are dropped here.
    /// </summary>
    public static string FileName(string name) => Supervision.Domain.Files.StoredFile.SafeName(name);

    /// <summary>2026年11月28日 — unpadded, as in official documents.</summary>
    public static string ChineseDate(DateOnly date) => Supervision.Domain.Common.ChineseDate.Format(date);
}
