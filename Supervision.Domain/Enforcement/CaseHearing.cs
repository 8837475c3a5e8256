using Supervision.Domain.Catalog;
using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>Who conducts a hearing (行政处罚法第六十四条第（四）项): a chair the administration names who did not investigate the case, members and the clerk.</summary>
public sealed record HearingPanel(string ChairUserId, string ChairName, string? Members, string Clerk);

/// <summary>Why a hearing is not held in public: the only grounds Art. 64 (三) allows.</summary>
public enum HearingPrivacyGround
{
    StateSecret,
    TradeSecret,
    PersonalPrivacy,
}

public static class HearingPrivacyGrounds
{
    /// <summary>国家秘密 / 商业秘密 / 个人隐私.</summary>
    public static string Label(HearingPrivacyGround g) => g switch
    {
        HearingPrivacyGround.StateSecret => "国家秘密",
        HearingPrivacyGround.TradeSecret => "商业秘密",
        _ => "个人隐私",
    };
}

/// <summary>The hearing: when the party has the right to one (Art. 63), who conducts it and whether in public (Art. 64).</summary>
public partial class EnforcementCase
{
    /// <summary>
    /// Why the hearing is not public (Art. 64 (三): public unless it concerns a state secret, a trade secret or personal
    /// privacy); null: it is held in public. Set when the hearing is scheduled; the 听证通知书 states it.
    /// </summary>
    public HearingPrivacyGround? HearingClosedGround { get; private set; }

    /// <summary>The hearing's chair (主持人): a user of the administration who is not an investigator of the case.</summary>
    public string? HearingChairUserId { get; private set; }
    public string? HearingChairName { get; private set; }
    /// <summary>听证员, as names separated by 、.</summary>
    public string? HearingMembers { get; private set; }
    /// <summary>记录员.</summary>
    public string? HearingClerk { get; private set; }

    /// <summary>
    /// Whether the penalty stated in the prior notice gives the party the right to a hearing (Art. 63): a fine at or above the
    /// province's threshold (较大数额罚款, (一)), or a heavier sanction whatever the amount — 吊销许可证件 ((三)), 责令停产停业 ((四)).
    /// </summary>
    /// <remarks>
    /// While no administrator verified the province's threshold (<see cref="EnforcementSettings.HearingThresholdVerified"/>), any
    /// fine is read the way that favours the party: the hearing right is offered rather than refused on an unchecked amount.
    /// </remarks>
    private bool GivesHearingRight(EnforcementSettings settings) =>
        FineAmount >= settings.HearingThreshold
        || FineAmount > 0 && !settings.HearingThresholdVerified
        || Sanctions.Any(s => s.Status == SanctionStatus.Proposed && SanctionLabels.GivesHearingRight(s.Kind));

    /// <summary>
    /// Whether the penalty gives the party a hearing right and why, as the 审批表 states it (行政处罚法第六十三条): the heavier
    /// sanction, or the fine against the province's 较大数额 threshold and its source — the setting the 事先告知书 applies. An
    /// unverified threshold is not cited as law: the form says the right was offered on the reading that favours the party.
    /// </summary>
    public string HearingRightText(EnforcementSettings settings)
    {
        var current = Sanctions.Where(s => s.Status != SanctionStatus.Superseded).ToList();
        var offered = PriorNoticeServedOn is null ? GivesHearingRight(settings) : HearingOffered;
        var heavier = current.Where(s => SanctionLabels.GivesHearingRight(s.Kind)).Select(s => SanctionLabels.Label(s.Kind)).Distinct().ToList();
        if (heavier.Count > 0)
            return $"拟作出{string.Join("、", heavier)}，属于《中华人民共和国行政处罚法》第六十三条第一款规定的听证范围，当事人有权要求听证。";
        var threshold = $"罚款{ChineseMoney.Yuan(settings.HearingThreshold)}以上";
        if (FineAmount > 0 && !settings.HearingThresholdVerified && FineAmount < settings.HearingThreshold)
            return $"拟罚款{ChineseMoney.Yuan(FineAmount)}。本省较大数额罚款标准（{threshold}）的依据尚未经核对，按照有利于当事人的原则"
                   + (offered ? "告知了听证权利" : "应当告知听证权利") + "（《中华人民共和国行政处罚法》第六十三条第一款第（一）项）。";
        if (FineAmount >= settings.HearingThreshold)
            return $"拟罚款{ChineseMoney.Yuan(FineAmount)}，达到本省较大数额罚款标准（{threshold}"
                   + (settings.HearingThresholdVerified ? $"，依据：{settings.HearingThresholdSource.Trim()}" : "") + "），当事人有权要求听证（《中华人民共和国行政处罚法》第六十三条第一款第（一）项）。";
        if (FineAmount > 0)
            return $"拟罚款{ChineseMoney.Yuan(FineAmount)}，未达到本省较大数额罚款标准（{threshold}，依据：{settings.HearingThresholdSource.Trim()}），"
                   + "不属于《中华人民共和国行政处罚法》第六十三条规定的听证范围。";
        return "拟作出的处罚不含罚款、吊销许可证件或者责令停产停业，不属于《中华人民共和国行政处罚法》第六十三条规定的听证范围。";
    }

    /// <summary>Records who conducts the hearing; an investigator of the case cannot chair it (Art. 64 (四)).</summary>
    private void AppointHearingPanel(HearingPanel panel)
    {
        Check(HearingChairRefusal(panel.ChairUserId));
        if (string.IsNullOrWhiteSpace(panel.ChairName)) throw new DomainException("case.hearing_chair", "请指定听证主持人。");
        if (string.IsNullOrWhiteSpace(panel.Clerk)) throw new DomainException("case.hearing_clerk", "请指定听证记录员。");
        var members = string.IsNullOrWhiteSpace(panel.Members) ? null : panel.Members.Trim();
        if (panel.Clerk.Trim() == panel.ChairName.Trim())
            throw new DomainException("case.hearing_clerk", "听证主持人不能同时担任记录员。");
        (HearingChairUserId, HearingChairName, HearingMembers, HearingClerk) = (panel.ChairUserId, panel.ChairName.Trim(), members, panel.Clerk.Trim());
    }

    /// <summary>The chair the administration names must not have investigated the case (Art. 64 (四)).</summary>
    public DomainException? HearingChairRefusal(string? chairUserId)
    {
        if (string.IsNullOrWhiteSpace(chairUserId)) return new("case.hearing_chair", "请指定听证主持人（非本案调查人员，行政处罚法第六十四条第（四）项）。");
        return Investigators.FirstOrDefault(i => i.UserId == chairUserId) is { } investigator
            ? new("case.hearing_chair_investigator", $"{investigator.Name}是本案调查人员，不能主持听证：听证由行政机关指定的非本案调查人员主持（行政处罚法第六十四条第（四）项）。")
            : null;
    }
}
