using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Web.Components.Shared;

/// <summary>How the UI writes dates, times and money: 2026年11月28日, 2026年11月28日 14:05 in Beijing time, ¥10,000.00.</summary>
public static class Fmt
{
    /// <summary>The format every date picker shows and takes (2026年12月7日), with <see cref="Culture"/> for its month and day names.</summary>
    public const string DateInput = "yyyy年M月d日";

    /// <summary>The date a picker's calendar shows in its title bar: 12月8日 周二 (MudBlazor's own is "周二, 08 12月").</summary>
    public const string DateTitle = "M月d日 ddd";

    /// <summary>The culture of the people who use the portal (zh-CN), given to every date picker explicitly.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    public static string Date(DateOnly? date) => date is { } d ? Supervision.Domain.Common.ChineseDate.Format(d) : "—";

    /// <summary>2026年12月7日 14:05 — the one way a moment is shown, in the province's time (UTC+8).</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? Supervision.Domain.Common.ChineseDate.Time(t) : "—";

    public static string Money(decimal? amount) => amount is { } a ? Supervision.Domain.Common.ChineseMoney.Yuan(a) : "—";

    /// <summary>
    /// A stored file's name as shown or offered for download: rows stored before names were checked on upload may still
    /// hold bidi overrides or control characters ("rn\u202Exslx.exe" shown as "rnexe.xlsx"); they are dropped here.
    /// </summary>
    public static string FileName(string name) => Supervision.Domain.Files.StoredFile.SafeName(name);

    /// <summary>A reporting period as people say it: 2026-11 → 2026年11月, 2026-Q3 → 2026年第三季度, 2026 → 2026年度.</summary>
    public static string Period(string? period)
    {
        foreach (var frequency in new[] { Supervision.Domain.Submissions.Frequency.Monthly, Supervision.Domain.Submissions.Frequency.Quarterly, Supervision.Domain.Submissions.Frequency.Annual })
            if (Supervision.Domain.Submissions.ReportingPeriod.TryParse(period, frequency, out var p)) return p.Label;
        return period ?? "—";
    }

    /// <summary>The example beside a period a carrier types (the upload and web entry forms): the format the field takes.</summary>
    public static string PeriodHint(Supervision.Domain.Submissions.Frequency? frequency) => frequency switch
    {
        Supervision.Domain.Submissions.Frequency.Monthly => "如 2026-10",
        Supervision.Domain.Submissions.Frequency.Quarterly => "如 2026-Q3",
        _ => "如 2026",
    };

    /// <summary>
    /// A blank return's file name as it lands in a carrier's downloads folder: who, which period, which return
    /// (中国移动通信集团宁夏有限公司2026年11月实名制落实情况月报.xlsx), never codes. Browsers get it as UTF-8 (filename*).
    /// </summary>
    public static string TemplateFileName(Supervision.Domain.Submissions.TemplateFill fill, string extension) =>
        FileName($"{fill.BranchName}{fill.Period.Label}{fill.Template.Name}.{extension}");

    /// <summary>2026年11月28日 — unpadded, as in official documents.</summary>
    public static string ChineseDate(DateOnly date) => Supervision.Domain.Common.ChineseDate.Format(date);
}
