namespace Supervision.Domain.Enforcement;

/// <summary>Late-payment surcharge (行政处罚法 Art. 72): a rate of the fine per day late, from the day after the due date, never more than the fine.</summary>
public static class FineRules
{
    public static decimal Surcharge(decimal fine, DateOnly dueDate, DateOnly asOf, decimal ratePerDay) => Surcharge(fine, dueDate, asOf, ratePerDay, []);

    /// <summary>
    /// The surcharge counting only the days late outside <paramref name="paused"/> (inclusive ranges): while a review or suit
    /// runs it is not counted (行政处罚法第七十三条第三款).
    /// </summary>
    public static decimal Surcharge(decimal fine, DateOnly dueDate, DateOnly asOf, decimal ratePerDay, IReadOnlyList<(DateOnly From, DateOnly To)> paused)
    {
        var daysLate = asOf.DayNumber - dueDate.DayNumber - PausedDays(dueDate, asOf, paused);
        if (daysLate <= 0 || fine <= 0) return 0m;
        return Math.Min(fine, decimal.Round(fine * ratePerDay * daysLate, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>How many of the days after <paramref name="dueDate"/> up to <paramref name="asOf"/> fall in any of the (possibly overlapping) paused ranges.</summary>
    public static int PausedDays(DateOnly dueDate, DateOnly asOf, IReadOnlyList<(DateOnly From, DateOnly To)> paused)
    {
        var days = 0;
        for (var d = dueDate.AddDays(1); d <= asOf; d = d.AddDays(1))
            if (paused.Any(p => p.From <= d && d <= p.To)) days++;
        return days;
    }

    /// <summary>Days until the surcharge reaches the fine (the cap), counted from the due date.</summary>
    public static int DaysToCap(decimal ratePerDay) => (int)Math.Ceiling(1m / ratePerDay);
}
