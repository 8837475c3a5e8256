using Supervision.Domain.Common;

namespace Supervision.Domain.Publicity;

/// <summary>
/// A category of penalty information for publication under the credit-repair rules (轻微、一般、严重失信行为): the bounds of
/// its publication period, counted from the decision date. The officer chooses the category when publishing; the
/// period ends at the latest after <see cref="MaxMonths"/>, and credit repair may end it early once <see cref="MinMonths"/>
/// have passed. Catalog data: seeded from seed-data/publication-categories.json, edited by an administrator.
/// </summary>
public class PublicationCategory : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Shortest period: credit repair can end the publication only after it (0: at any time).</summary>
    public int MinMonths { get; set; }
    /// <summary>Longest period: the announcement leaves the public site after it.</summary>
    public int MaxMonths { get; set; }
    public int SortOrder { get; set; }
    /// <summary>The rule the bounds come from.</summary>
    public string? Source { get; set; }

    /// <summary>A period of at least one month (not publishing at all is recorded with its reason instead), within the bounds.</summary>
    public int ShortestPublished => Math.Max(1, MinMonths);

    public string BoundsText => MinMonths == 0 ? $"不予公示或最长{MaxMonths}个月" : $"{MinMonths}至{MaxMonths}个月";

    /// <summary>The period of <paramref name="months"/> (the longest when not chosen), refused outside the category's bounds.</summary>
    public int CheckMonths(int? months)
    {
        var chosen = months ?? MaxMonths;
        if (chosen < ShortestPublished || chosen > MaxMonths)
            throw new DomainException("announcement.period_out_of_bounds", $"{Name}的公示期为{BoundsText}，请在{ShortestPublished}至{MaxMonths}个月之间选择。");
        return chosen;
    }

    /// <summary>Last day of a period of <paramref name="months"/> counted from the decision date.</summary>
    public static DateOnly PeriodEnd(DateOnly decidedOn, int months) => decidedOn.AddMonths(months).AddDays(-1);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add("编码不能为空。");
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("名称不能为空。");
        if (MinMonths is < 0 or > 120) errors.Add("最短公示期应在0至120个月之间。");
        if (MaxMonths is < 1 or > 120) errors.Add("最长公示期应在1至120个月之间。");
        if (MaxMonths < MinMonths) errors.Add("最长公示期不能短于最短公示期。");
        return errors;
    }
}
