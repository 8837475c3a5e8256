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
}
