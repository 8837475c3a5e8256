using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// What the law and the catalog require of the sanctions a case proposes and decides, taken together: each basis checked
/// against the published text, the sanctions its article makes mandatory, a fine under a 拒不改正 article only on a
/// corrective order that was not complied with, and one fine for one act (行政处罚法第二十九条).
/// </summary>
public partial class EnforcementCase
{
    /// <summary>
    /// The corrective order (责令限期改正) under the same facts this case rests on, when the party did not comply with it (逾期未改正,
    /// 复查不合格, then 移交立案): a fine under a basis that allows one only if the party refuses to correct needs it.
    /// </summary>
    public long? CorrectiveOrderId { get; private set; }
    public CorrectiveOrder? CorrectiveOrder { get; private set; }

    /// <summary>The linked corrective order was issued and not complied with.</summary>
    public bool CorrectiveOrderDisregarded => CorrectiveOrder?.Disregarded == true;

    /// <summary>Links the corrective order the party did not comply with: the same party, issued, overdue or failed at re-inspection.</summary>
    public void LinkCorrectiveOrder(CorrectiveOrder order, string by, DateTimeOffset now)
    {
        if (!Undecided) throw Refused("关联整改通知", "作出决定之前");
        if (order.BranchId != BranchId)
            throw new DomainException("case.order_other_party", "所选整改通知不是向本案当事人下达的，不能关联。");
        if (!order.Disregarded)
            throw new DomainException("case.order_not_disregarded",
                $"整改通知{order.NoticeNumber}不是逾期未改正或复查不合格的整改通知，不能作为“拒不改正”的依据（当前为“{CorrectiveOrder.StateLabel(order.State)}”）。");
        (CorrectiveOrderId, CorrectiveOrder) = (order.Id, order);
        Step(by, now, "关联整改通知", $"{order.NoticeNumber}：当事人逾期未改正");
    }

    /// <summary>
    /// The facts of 情节严重 or of the harm the act caused, as the officer recorded them: a tier whose
    /// <see cref="LegalBasis.Condition"/> asks for them (反电信网络诈骗法第三十九条 情节严重的) rests on them.
    /// </summary>
    public string? AggravatingFacts { get; private set; }

    /// <summary>Records (or, with an empty text, withdraws) the facts of 情节严重 or of the harm caused, before the decision.</summary>
    public void RecordAggravatingFacts(string? facts, string by, DateTimeOffset now)
    {
        if (!Undecided) throw Refused("认定情节严重或危害后果", "作出决定之前");
        if (string.IsNullOrWhiteSpace(facts))
        {
            if (AggravatingFacts is null) throw new DomainException("case.aggravation_facts", "请写明认定情节严重或危害后果的事实（至少10个字）。");
            AggravatingFacts = null;
            SupersedeLegalReviews();
            Step(by, now, "撤销情节严重或危害后果的认定", null);
            return;
        }
        if (facts.Trim().Length < 10) throw new DomainException("case.aggravation_facts", "请写明认定情节严重或危害后果的事实（至少10个字）。");
        AggravatingFacts = facts.Trim();
        Step(by, now, "认定情节严重或危害后果", AggravatingFacts);
    }

    /// <summary>
    /// The sanctions refused as a whole (null: none): per basis, an unchecked entry, a missing mandatory sanction or a fine
    /// the article allows only after a refusal to correct; and two fines for the one act.
    /// </summary>
    private DomainException? SanctionSetRefusal(IReadOnlyCollection<CaseSanction> sanctions, Func<int, LegalBasis?> basisOf)
    {
        foreach (var group in sanctions.GroupBy(s => s.LegalBasisId).OrderBy(g => g.Key))
        {
            if (basisOf(group.Key) is not { } basis) continue;
            if ((basis.UnverifiedRefusal() ?? basis.TogetherRefusal(group.Select(s => s.Kind).ToList(), CorrectiveOrderDisregarded, AggravatingFacts is not null)) is { } refusal)
                return refusal;
        }
        var chosen = sanctions.Select(s => basisOf(s.LegalBasisId)).OfType<LegalBasis>().DistinctBy(b => b.Id).OrderBy(b => b.Code, StringComparer.Ordinal).ToList();
        var statutes = chosen.Where(b => b.Rank == LegalRank.Law).ToList();
        var rules = chosen.Where(b => b.Rank == LegalRank.DepartmentalRule).ToList();
        if (statutes.Count > 0 && rules.Count > 0)
            return new("case.statute_applies",
                $"同一违法行为，法律和部门规章都有规定的，适用法律的规定（立法法：法律的效力高于规章；行政处罚法第二十九条：同一个违法行为只处罚一次）：请依据{string.Join("、", statutes.Select(b => b.Label))}处罚，"
                + $"删去依据{string.Join("、", rules.Select(b => b.Label))}的处理。");
        var fines = sanctions.Where(s => s.Kind == SanctionKind.Fine).ToList();
        if (fines.Count <= 1) return null;
        var bases = fines.Select(f => basisOf(f.LegalBasisId)).OfType<LegalBasis>().DistinctBy(b => b.Id).ToList();
        if (bases.Count <= 1) return new("case.double_fine", "对同一个违法行为只能处以一次罚款（行政处罚法第二十九条）。");
        var higher = bases.OrderByDescending(b => b.FineMax ?? 0).ThenBy(b => b.Code, StringComparer.Ordinal).First();
        return new("case.double_fine",
            $"同一个违法行为违反多个法律规范应当给予罚款的，只能按照罚款数额高的规定处罚一次（行政处罚法第二十九条）：请只依据{higher.Label}（"
            + $"罚款{higher.FineRangeText}）处以罚款，删去依据{string.Join("、", bases.Where(b => b.Id != higher.Id).Select(b => b.Label))}的罚款。");
    }

    /// <summary>The proposed sanctions as they stand today, checked as a whole against their bases (as loaded with the case).</summary>
    private DomainException? ProposedSetRefusal() =>
        SanctionSetRefusal(Sanctions.Where(s => s.Status == SanctionStatus.Proposed).ToList(),
            id => Sanctions.FirstOrDefault(s => s.LegalBasisId == id && s.LegalBasis is not null)?.LegalBasis);

    /// <summary>
    /// An extension of the decision period beyond the bound the province's rules set (<see cref="EnforcementSettings.MaxDecisionExtensionDays"/>
    /// after the <see cref="EnforcementSettings.DecisionDays"/> from filing), citing that rule.
    /// </summary>
    private DomainException? ExtensionLimitRefusal(DateOnly newDate, EnforcementSettings settings)
    {
        var latest = DecisionDueDate.AddDays(settings.MaxDecisionExtensionDays);
        return newDate > latest
            ? new("case.extension_too_long",
                $"决定期限最多可延长{settings.MaxDecisionExtensionDays}日，即至{ChineseDate.Format(latest)}（{settings.DecisionExtensionSource}）。")
            : null;
    }

    /// <summary>
    /// The officer's steps that record what a gate rests on: the party's 送达地址确认书 (before the decision is served) and, where
    /// a basis fines only on a refusal to correct, the corrective order the party did not comply with; where a tier rests on
    /// 情节严重 or harm, the facts of it.
    /// </summary>
    private IEnumerable<AvailableAction> GateActions()
    {
        if (Undecided || State == CaseState.Decided) yield return new("service-address", "登记送达地址确认书");
        if (Undecided && CorrectiveOrderId is null
            && UsesBasis(b => b.FineOnlyIfNotCorrected || b.Condition is TierCondition.RefusedOrHarm or TierCondition.RefusedOrSerious))
            yield return new("link-order", "关联整改通知");
        if (Undecided && UsesBasis(b => b.Condition != TierCondition.None))
            yield return new("aggravation", AggravatingFacts is null ? "认定情节严重或危害后果" : "修改情节严重或危害后果的认定");
    }

    private bool UsesBasis(Func<LegalBasis, bool> test) => (LegalBasis is { } own && test(own)) || Sanctions.Any(s => s.LegalBasis is { } b && test(b));
}
