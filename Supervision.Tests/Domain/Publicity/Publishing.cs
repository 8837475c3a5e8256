using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;

namespace Supervision.Tests.Domain.Publicity;

/// <summary>The categories as seed-data/publication-categories.json has them, and the terms an officer publishes with.</summary>
public static class Publishing
{
    public static readonly PublicationCategory Minor = new() { Id = 1, Code = "minor", Name = "轻微失信行为", MinMonths = 0, MaxMonths = 3 };
    public static readonly PublicationCategory Ordinary = new() { Id = 2, Code = "ordinary", Name = "一般失信行为", MinMonths = 3, MaxMonths = 12 };
    public static readonly PublicationCategory Serious = new() { Id = 3, Code = "serious", Name = "严重失信行为", MinMonths = 12, MaxMonths = 36 };

    public static readonly LegalBasis AgentBasis = new()
    {
        Id = 1, Code = "ATFL-39", Statute = "《中华人民共和国反电信网络诈骗法》", DutyArticle = "第九条", PenaltyArticle = "第三十九条",
        AllowedSanctions = [SanctionKind.Warning, SanctionKind.Criticism], Verified = true,
    };

    /// <summary>
    /// An agent entry whose agent was told (告知, 行政处罚法第四十四条) ten days before <paramref name="publishOn"/>: its period to state its case
    /// has run out by then with nothing stated. Other kinds are returned as they are.
    /// </summary>
    public static Announcement Notified(Announcement a, DateOnly publishOn)
    {
        if (a.Kind != AnnouncementKind.ViolatingAgent) return a;
        var at = new DateTimeOffset(publishOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        a.RecordAgentNotice(publishOn.AddDays(-10), ServiceMethods.InPerson, new EnforcementSettings(), new WorkingDayCalendar([], [publishOn.Year - 1, publishOn.Year]), "inspector.nx", at);
        return a;
    }

    /// <summary>A decision as 一般失信行为 for the longest period, an agent under an enabled list, anything else by the settings.</summary>
    public static PublicationTerms Terms(EnforcementSettings? settings = null, PublicationCategory? category = null, int? months = null, LegalBasis? basis = null) =>
        new(settings ?? new EnforcementSettings(), category ?? Ordinary, months, basis ?? AgentBasis);
}
