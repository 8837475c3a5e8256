using Supervision.Domain.Common;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Rankings;

/// <summary>The rankings' months (yyyy-MM) as consecutive numbers, so windows and spans are plain arithmetic.</summary>
public static class Months
{
    public static int Index(string month) =>
        ReportingPeriod.TryParse(month, Frequency.Monthly, out var p) ? Index(p.Start)
            : throw new DomainException("period.invalid", $"月份“{month}”格式错误，应写作 2026-10。");

    public static int Index(DateOnly date) => date.Year * 12 + date.Month - 1;

    public static string Name(int index) => $"{index / 12:0000}-{index % 12 + 1:00}";

    public static string Add(string month, int months) => Name(Index(month) + months);

    /// <summary>From <paramref name="from"/> to <paramref name="to"/> inclusive, ascending.</summary>
    public static List<string> Span(string from, string to) =>
        Enumerable.Range(Index(from), Math.Max(0, Index(to) - Index(from) + 1)).Select(Name).ToList();

    /// <summary>The month a return's period ends in: 2026-10 → 2026-10, 2026-Q3 → 2026-09, 2026 → 2026-12.</summary>
    public static int EndIndex(ReportingPeriod period) => Index(period.End);

    /// <summary>2026年10月.</summary>
    public static string Label(string month) =>
        ReportingPeriod.TryParse(month, Frequency.Monthly, out var p) ? p.Label : month;

    public static bool IsMonth(string? text) => ReportingPeriod.TryParse(text, Frequency.Monthly, out _);

    /// <summary>The latest month that has ended on <paramref name="today"/>: what the dashboards open on.</summary>
    public static string LatestEnded(DateOnly today) => ReportingPeriod.LatestEnded(Frequency.Monthly, today).ToString();
}
