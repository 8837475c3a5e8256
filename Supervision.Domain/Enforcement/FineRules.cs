namespace Supervision.Domain.Enforcement;

/// <summary>Late-payment surcharge (行政处罚法 Art. 72): a rate of the fine per day late, from the day after the due date, never more than the fine.</summary>
public static class FineRules
{
    public static decimal Surcharge(decimal fine, DateOnly dueDate, DateOnly asOf, decimal ratePerDay)
    {
        var daysLate = asOf.DayNumber - dueDate.DayNumber;
        if (daysLate <= 0 || fine <= 0) return 0m;
        return Math.Min(fine, decimal.Round(fine * ratePerDay * daysLate, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>Days until the surcharge reaches the fine (the cap), counted from the due date.</summary>
    public static int DaysToCap(decimal ratePerDay) => (int)Math.Ceiling(1m / ratePerDay);
}
