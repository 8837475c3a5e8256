namespace Supervision.Domain.Enforcement;

/// <summary>The steps of the Administrative Penalty Law procedure (行政处罚法 2021), and its three exits.</summary>
public enum CaseState
{
    /// <summary>立案.</summary>
    Filed,
    /// <summary>调查取证.</summary>
    Investigating,
    /// <summary>审查.</summary>
    UnderReview,
    /// <summary>事先告知 (served; the statement period runs).</summary>
    PriorNoticeServed,
    /// <summary>听证 (requested by the party).</summary>
    Hearing,
    /// <summary>决定.</summary>
    Decided,
    /// <summary>送达.</summary>
    Served,
    /// <summary>执行.</summary>
    Executing,
    /// <summary>结案.</summary>
    Closed,
    /// <summary>不予处罚 (Art. 33).</summary>
    NoPenalty,
    /// <summary>撤销立案 (facts not established).</summary>
    Withdrawn,
    /// <summary>移送 (e.g. to the public security organs).</summary>
    Transferred,
}

public static class CaseStates
{
    public static string Label(CaseState state) => state switch
    {
        CaseState.Filed => "立案",
        CaseState.Investigating => "调查取证",
        CaseState.UnderReview => "审查",
        CaseState.PriorNoticeServed => "事先告知",
        CaseState.Hearing => "听证",
        CaseState.Decided => "已决定",
        CaseState.Served => "已送达",
        CaseState.Executing => "执行中",
        CaseState.Closed => "结案",
        CaseState.NoPenalty => "不予处罚",
        CaseState.Withdrawn => "撤销立案",
        CaseState.Transferred => "移送",
        _ => state.ToString(),
    };

    public static bool IsOpen(CaseState state) => state is not (CaseState.Closed or CaseState.NoPenalty or CaseState.Withdrawn or CaseState.Transferred);

    /// <summary>From the prior notice on, the party has been told of the case and may see it.</summary>
    public static bool PartyKnows(CaseState state) => state is >= CaseState.PriorNoticeServed and <= CaseState.Closed || state == CaseState.NoPenalty;
}
