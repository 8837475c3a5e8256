using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>What the administration made of the party's 陈述、申辩 after reviewing it (行政处罚法第四十五条).</summary>
public enum StatementAdoption
{
    /// <summary>予以采纳.</summary>
    Adopted,
    /// <summary>部分采纳.</summary>
    PartlyAdopted,
    /// <summary>不予采纳.</summary>
    NotAdopted,
}

public static class StatementAdoptions
{
    public static string Label(StatementAdoption a) => a switch
    {
        StatementAdoption.Adopted => "予以采纳",
        StatementAdoption.PartlyAdopted => "部分采纳",
        _ => "不予采纳",
    };

    /// <summary>How the decision states it: 对你单位的陈述、申辩意见予以采纳 / 部分予以采纳 / 不予采纳.</summary>
    public static string DecisionText(StatementAdoption a) => a switch
    {
        StatementAdoption.Adopted => "对你单位的陈述、申辩意见予以采纳",
        StatementAdoption.PartlyAdopted => "对你单位的陈述、申辩意见部分予以采纳",
        _ => "对你单位的陈述、申辩意见不予采纳",
    };
}

/// <summary>
/// The review of the party's statement (复核): the administration must hear the party, review the facts, reasons and evidence
/// it puts forward and adopt those that hold (行政处罚法第四十五条). The case records whether the statement was adopted and why;
/// the decision states it, and is refused while a statement on record has not been reviewed.
/// </summary>
public partial class EnforcementCase
{
    /// <summary>Whether the statements on record were adopted; null while none was reviewed (or a new one came in since).</summary>
    public StatementAdoption? StatementAdoption { get; private set; }
    /// <summary>Why (经复核，本机关认为……), as the decision recites it.</summary>
    public string? StatementAdoptionReason { get; private set; }

    /// <summary>The party stated its case (a statement that is not a waiver is on record).</summary>
    public bool HasStatements => Statements.Any(s => !s.IsWaiver);

    /// <summary>Records the review of the statements on record: adopted, partly or not, and the reason.</summary>
    public void ReviewStatements(StatementAdoption adoption, string reason, string by, DateTimeOffset now)
    {
        if (!PartyHeard) throw Refused("复核陈述申辩", "事先告知之后、作出决定之前");
        if (!HasStatements) throw new DomainException("case.no_statement", "当事人未提出陈述申辩意见，无需复核；决定书将载明当事人在期限内未提出陈述申辩意见。");
        if (!Enum.IsDefined(adoption)) throw new DomainException("case.statement_adoption", "请选择是否采纳陈述申辩意见。");
        RequireReason(reason, "采纳或者不予采纳的理由");
        (StatementAdoption, StatementAdoptionReason) = (adoption, reason.Trim());
        Step(by, now, "复核陈述申辩", $"{StatementAdoptions.Label(adoption)}：{StatementAdoptionReason}");
    }

    /// <summary>A statement received after the review is reviewed anew: the earlier record no longer covers it.</summary>
    private void StatementReceived()
    {
        if (HasStatements) (StatementAdoption, StatementAdoptionReason) = (null, null);
    }

    /// <summary>The decision waits for the review of every statement on record (Art. 45).</summary>
    private DomainException? StatementReviewRefusal() =>
        HasStatements && StatementAdoption is null
            ? new("case.statement_not_reviewed", "当事人提出了陈述申辩意见，本机关应当对其提出的事实、理由和证据进行复核（行政处罚法第四十五条），请先记录是否采纳及理由，再作出决定。")
            : null;

    private IEnumerable<AvailableAction> StatementReviewActions()
    {
        if (PartyHeard && HasStatements)
            yield return new("statement-review", StatementAdoption is null ? "复核陈述申辩" : "重新复核陈述申辩", Primary: StatementAdoption is null);
    }

    /// <summary>经复核，本机关认为……，对你单位的陈述、申辩意见不予采纳。 (null before the review).</summary>
    public string? StatementReviewText => StatementAdoption is { } a && StatementAdoptionReason is { } reason
        ? $"经复核，本机关认为{reason.TrimEnd('。', '；', ';', '，')}，{StatementAdoptions.DecisionText(a)}。"
        : null;
}
