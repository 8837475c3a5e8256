using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>One line of the case timeline, written by each transition.</summary>
public class CaseStep
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    /// <summary>When it was entered.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Who entered it (the signed-in user's name).</summary>
    public string By { get; set; } = "";
    public CaseState State { get; set; }
    public string Action { get; set; } = "";
    public string? Detail { get; set; }
    /// <summary>The step's legal date (decided, served, paid on…), where it has one; the documents print this date.</summary>
    public DateOnly? LegalDate { get; set; }

    /// <summary>
    /// 补录: entered after its legal date (a decision made on paper on Monday, entered on Wednesday). The case page and the audit
    /// show it with the entry time and who entered it; the documents print the legal date only.
    /// </summary>
    public bool BackEntered { get; set; }

    public static bool IsBackEntry(DateOnly? legalDate, DateTimeOffset enteredAt) => legalDate is { } on && on < BeijingTime.Today(enteredAt);

    /// <summary>How the case page marks a back-entered step: 补录（2026年5月14日 09:30由张明远录入）.</summary>
    public string? BackEntryNote => BackEntered ? $"补录（{BeijingTime.Local(At):yyyy年M月d日 HH:mm}由{By}录入）" : null;
}
