using System.Globalization;
using System.Text.RegularExpressions;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

public enum Frequency
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>A reporting period as carriers write it: 2026-10, 2026-Q3 or 2026.</summary>
public readonly partial record struct ReportingPeriod(Frequency Frequency, int Year, int Index)
{
    public DateOnly Start => Frequency switch
    {
        Frequency.Monthly => new DateOnly(Year, Index, 1),
        Frequency.Quarterly => new DateOnly(Year, (Index - 1) * 3 + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly End => Frequency switch
    {
        Frequency.Monthly => Start.AddMonths(1).AddDays(-1),
        Frequency.Quarterly => Start.AddMonths(3).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>
    /// The first day of the <paramref name="months"/> calendar months that end with this period ("日志留存不少于六个月":
    /// for a quarter ending 30 September, 1 April).
    /// </summary>
    public DateOnly MonthsBackFromEnd(int months) => End.AddDays(1).AddMonths(-months);

    public override string ToString() => Frequency switch
    {
        Frequency.Monthly => $"{Year}-{Index:00}",
        Frequency.Quarterly => $"{Year}-Q{Index}",
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    public string Label => Frequency switch
    {
        Frequency.Monthly => $"{Year}年{Index}月",
        Frequency.Quarterly => $"{Year}年第{"一二三四"[Index - 1]}季度",
        _ => $"{Year}年度",
    };

    public ReportingPeriod Previous() => Frequency switch
    {
        Frequency.Monthly => Index == 1 ? new(Frequency, Year - 1, 12) : this with { Index = Index - 1 },
        Frequency.Quarterly => Index == 1 ? new(Frequency, Year - 1, 4) : this with { Index = Index - 1 },
        _ => this with { Year = Year - 1 },
    };

    /// <summary>
    /// The filing deadline: day <paramref name="dueDay"/> of the month <paramref name="monthsAfter"/> months after the period
    /// ends (clamped to the month's length), moved to the next working day when it falls on a weekend or holiday.
    /// </summary>
    public DateOnly DueDate(int dueDay, int monthsAfter, WorkingDayCalendar calendar)
    {
        var month = End.AddDays(1).AddMonths(monthsAfter - 1);
        var day = Math.Min(dueDay, DateTime.DaysInMonth(month.Year, month.Month));
        return calendar.PeriodEnd(new DateOnly(month.Year, month.Month, day));
    }

    /// <summary>The latest period that has ended on <paramref name="today"/> (what carriers report now).</summary>
    public static ReportingPeriod LatestEnded(Frequency frequency, DateOnly today) => frequency switch
    {
        Frequency.Monthly => new ReportingPeriod(frequency, today.Year, today.Month).Previous(),
        Frequency.Quarterly => new ReportingPeriod(frequency, today.Year, (today.Month - 1) / 3 + 1).Previous(),
        _ => new ReportingPeriod(frequency, today.Year - 1, 1),
    };

    /// <summary>The recent ended periods a person chooses among, latest first: 12 months, 8 quarters or 5 years.</summary>
    public static IReadOnlyList<ReportingPeriod> Recent(Frequency frequency, DateOnly today)
    {
        var periods = new List<ReportingPeriod> { LatestEnded(frequency, today) };
        var count = frequency switch { Frequency.Monthly => 12, Frequency.Quarterly => 8, _ => 5 };
        while (periods.Count < count) periods.Add(periods[^1].Previous());
        return periods;
    }

    public static ReportingPeriod Parse(string? text, Frequency frequency) =>
        TryParse(text, frequency, out var p) ? p
            : throw new DomainException("period.invalid", frequency switch
            {
                Frequency.Monthly => $"报送期间“{text}”格式错误，月报应写作 2026-10。",
                Frequency.Quarterly => $"报送期间“{text}”格式错误，季报应写作 2026-Q3。",
                _ => $"报送期间“{text}”格式错误，年报应写作 2026。",
            });

    public static bool TryParse(string? text, Frequency frequency, out ReportingPeriod period)
    {
        period = default;
        text = text?.Trim().ToUpperInvariant() ?? "";
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) return false;
        switch (frequency)
        {
            case Frequency.Monthly when m.Groups["m"].Success && int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) is var month and >= 1 and <= 12:
                period = new(frequency, year, month);
                return true;
            case Frequency.Quarterly when m.Groups["q"].Success:
                period = new(frequency, year, m.Groups["q"].Value[0] - '0');
                return true;
            case Frequency.Annual when !m.Groups["m"].Success && !m.Groups["q"].Success:
                period = new(frequency, year, 1);
                return true;
            default:
                return false;
        }
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?:(?<m>\d{1,2})|Q(?<q>[1-4])))?$")]
    private static partial Regex Pattern();
}
