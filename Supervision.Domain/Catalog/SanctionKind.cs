namespace Supervision.Domain.Catalog;

/// <summary>What a legal basis lets the administration impose (行政处罚法 Art. 9, plus the corrective order).</summary>
public enum SanctionKind
{
    /// <summary>责令限期改正 — not a penalty (Art. 28), but ordered under the same article.</summary>
    CorrectiveOrder,
    /// <summary>警告.</summary>
    Warning,
    /// <summary>罚款.</summary>
    Fine,
    /// <summary>向社会公告.</summary>
    PublicAnnouncement,
    /// <summary>责令暂停相关业务 / 停业整顿.</summary>
    SuspendBusiness,
    /// <summary>通报批评 (行政处罚法 Art. 9 (一); 反电信网络诈骗法 Art. 39).</summary>
    Criticism,
    /// <summary>吊销相关业务许可证或者营业执照.</summary>
    RevokeLicence,
}

public static class SanctionLabels
{
    public static string Label(SanctionKind kind) => kind switch
    {
        SanctionKind.CorrectiveOrder => "责令限期改正",
        SanctionKind.Warning => "警告",
        SanctionKind.Fine => "罚款",
        SanctionKind.PublicAnnouncement => "向社会公告",
        SanctionKind.SuspendBusiness => "责令暂停相关业务、停业整顿",
        SanctionKind.Criticism => "通报批评",
        SanctionKind.RevokeLicence => "吊销相关业务许可证或者营业执照",
        _ => kind.ToString(),
    };

    /// <summary>
    /// A heavier sanction that gives the party the right to a hearing whatever any fine amounts to (行政处罚法第六十三条第一款第（三）、（四）项:
    /// 吊销许可证件; 责令停产停业). A fine does so at the province's threshold (较大数额罚款, its (一)).
    /// </summary>
    public static bool GivesHearingRight(SanctionKind kind) => kind is SanctionKind.SuspendBusiness or SanctionKind.RevokeLicence;

    /// <summary>How heavy a sanction is, to compare versions of an article (行政处罚法第三十七条 处罚较轻): the order of 第九条, the corrective order lightest.</summary>
    public static int Severity(SanctionKind kind) => kind switch
    {
        SanctionKind.CorrectiveOrder => 0,
        SanctionKind.Warning => 1,
        SanctionKind.Criticism => 2,
        SanctionKind.PublicAnnouncement => 3,
        SanctionKind.Fine => 4,
        SanctionKind.SuspendBusiness => 5,
        SanctionKind.RevokeLicence => 6,
        _ => 0,
    };
}

/// <summary>What a tier of a penalty article rests on, which the case must record before its sanctions (beyond a corrective order).</summary>
public enum TierCondition
{
    /// <summary>No condition beyond the violation.</summary>
    None,
    /// <summary>情节严重 (反电信网络诈骗法第三十九条): the case records the facts that make it serious.</summary>
    Serious,
    /// <summary>拒不改正或者导致危害后果 (网络安全法 2025 serious tier): a corrective order not complied with, or the harm recorded.</summary>
    RefusedOrHarm,
    /// <summary>拒不改正或者情节严重 (网络安全法 2016 第六十一条): a corrective order not complied with, or the serious facts recorded.</summary>
    RefusedOrSerious,
}

public static class TierConditions
{
    public static string Label(TierCondition c) => c switch
    {
        TierCondition.None => "无",
        TierCondition.Serious => "情节严重",
        TierCondition.RefusedOrHarm => "拒不改正或者导致危害后果",
        TierCondition.RefusedOrSerious => "拒不改正或者情节严重",
        _ => c.ToString(),
    };
}

/// <summary>
/// Where the basis stands among the sources of law (立法法: 法律 above 行政法规 above 部门规章): where a statute and a departmental
/// rule both cover the act, the statute applies.
/// </summary>
public enum LegalRank
{
    /// <summary>法律 (反电信网络诈骗法, 网络安全法, 反恐怖主义法).</summary>
    Law,
    /// <summary>行政法规 (电信条例).</summary>
    AdministrativeRegulation,
    /// <summary>部门规章 (工业和信息化部令第24号、第25号).</summary>
    DepartmentalRule,
}

public static class LegalRanks
{
    public static string Label(LegalRank r) => r switch
    {
        LegalRank.Law => "法律",
        LegalRank.AdministrativeRegulation => "行政法规",
        LegalRank.DepartmentalRule => "部门规章",
        _ => r.ToString(),
    };
}
