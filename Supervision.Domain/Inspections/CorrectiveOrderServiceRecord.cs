using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Inspections;

/// <summary>
/// Service (送达) of the 责令限期改正通知书, on the road case documents take (<see cref="ServiceMethods"/>,
/// <see cref="EnforcementCase.EffectiveService"/>): handed over, posted, left, entrusted or announced with two servers and a 送达回证,
/// or — only on the party's consent in its 送达地址确认书 (行政处罚法第六十一条第二款) — through the portal, served when the party first
/// opens it. The deadline runs from service: a deadline in working days is counted from the date of service.
/// </summary>
public partial class CorrectiveOrder
{
    /// <summary>One of <see cref="ServiceMethods.All"/> (electronic as <see cref="EnforcementCase.PortalService"/>); null until served or sent.</summary>
    public string? ServiceMethod { get; private set; }
    /// <summary>The date of service, from which the deadline runs (by post the date of receipt; by announcement thirty days on).</summary>
    public DateOnly? ServedOn { get; private set; }
    public string? ServiceRecipientName { get; private set; }
    public string? ServiceRecipientPost { get; private set; }
    /// <summary>The two officers who served (送达人), separated by 、.</summary>
    public string? ServiceServers { get; private set; }
    public DateOnly? ServicePostedOn { get; private set; }
    public string? ServiceTrackingNumber { get; private set; }
    /// <summary>The service as the 送达回证 remarks state it (交邮、公告、电子送达的情况).</summary>
    public string? ServiceRecord { get; private set; }
    /// <summary>Through the portal: the party's 送达地址确认书 (its date), the day sent, and the first opening by one of its users.</summary>
    public DateOnly? ElectronicConsentOn { get; private set; }
    public DateOnly? ElectronicSentOn { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public string? OpenedBy { get; private set; }
    /// <summary>The party's acknowledgement of receipt in the portal (签收): who and when.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }

    public bool Served => ServedOn is not null;

    /// <summary>Sent through the portal and not opened yet: not served, no deadline yet.</summary>
    public bool AwaitsOpening => ElectronicSentOn is not null && ServedOn is null;

    /// <summary>
    /// Records service of the issued notice by <paramref name="method"/> (not through the portal: see <see cref="SendElectronically"/>)
    /// as of <paramref name="on"/>, with two servers (<paramref name="defaultServers"/> unless <paramref name="details"/> names them), and
    /// fixes the deadline from the date of service.
    /// </summary>
    public void Serve(string method, DateOnly on, ServiceDetails? details, IReadOnlyList<string> defaultServers, WorkingDayCalendar calendar, DateOnly today)
    {
        if (State == OrderState.Draft) throw new DomainException("order.not_issued", "整改通知尚未下达，不能送达。");
        if (Served) throw new DomainException("order.already_served", $"责令限期改正通知书已于{ChineseDate.Format(ServedOn)}送达。");
        if (string.IsNullOrWhiteSpace(method) || !ServiceMethods.All.Any(m => method.Trim().StartsWith(m, StringComparison.Ordinal)))
            throw new DomainException("order.service_method", $"请选择送达方式（{string.Join("、", ServiceMethods.All)}）。");
        if (ServiceMethods.IsElectronic(method))
            throw new DomainException("order.electronic_service", "电子送达须通过平台发送，以当事人首次查阅之日为送达日期。");
        if (on > today) throw new DomainException("order.service_future", $"送达日期{ChineseDate.Format(on)}晚于今天，请填写实际送达的日期。");
        if (IssuedOn is { } issued && on < issued)
            throw new DomainException("order.service_before_issue", $"送达日期{ChineseDate.Format(on)}不能早于通知书签发日期{ChineseDate.Format(issued)}。");
        var (servedOn, record) = EnforcementCase.EffectiveService(method, on, details);
        var servers = (details?.Servers ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct().ToList();
        if (servers.Count == 0) servers = defaultServers.Take(2).ToList();
        if (servers.Count < 2)
            throw new DomainException("order.servers", "送达人不得少于两人（行政处罚法第四十二条），请填写两名送达人。");
        if (details?.RecipientName is { Length: > 50 } || details?.RecipientPost is { Length: > 50 })
            throw new DomainException("order.recipient", "签收人姓名和职务各不超过50字。");
        FixDeadline(servedOn, calendar, today);
        (ServiceMethod, ServedOn, ServiceRecord, ServiceServers) = (method.Trim(), servedOn, record, string.Join("、", servers));
        (ServiceRecipientName, ServiceRecipientPost) = (Trimmed(details?.RecipientName), Trimmed(details?.RecipientPost));
        (ServicePostedOn, ServiceTrackingNumber) = ServiceMethods.IsPost(method) ? (details?.PostedOn, Trimmed(details?.TrackingNumber)) : (null, null);
        Touch();
    }

    /// <summary>Issued and posted: not served until the date of receipt is recorded (<see cref="Serve"/>); no deadline until then.</summary>
    public void AwaitService()
    {
        if (State == OrderState.Draft || Served) throw new DomainException("order.not_issued", "整改通知尚未下达或已送达。");
        (Deadline, OriginalDeadline, ServiceMethod) = (null, null, ServiceMethods.Post);
        Touch();
    }

    /// <summary>Issued and posted, the date of receipt not recorded yet: the servers still have to record service.</summary>
    public bool AwaitsService => ServiceMethod is not null && ServiceMethods.IsPost(ServiceMethod) && !Served;

    /// <summary>
    /// Sends the issued notice through the portal, on the party's consent to electronic service (<paramref name="consentSignedOn"/>, the date
    /// of its 送达地址确认书, null without consent): it is served — and the deadline runs — from the day the party first opens it.
    /// </summary>
    public void SendElectronically(DateOnly? consentSignedOn, DateOnly today)
    {
        if (State == OrderState.Draft) throw new DomainException("order.not_issued", "整改通知尚未下达，不能送达。");
        if (Served || ElectronicSentOn is not null) throw new DomainException("order.already_served", "责令限期改正通知书已送达或已通过平台发送。");
        if (consentSignedOn is not { } consent || consent > today)
            throw new DomainException("order.electronic_service_without_consent",
                "当事人未签订送达地址确认书同意电子送达，不能采用电子方式送达（行政处罚法第六十一条第二款）；请直接送达或邮寄送达。");
        (ElectronicConsentOn, ElectronicSentOn, ServiceMethod) = (consent, today, EnforcementCase.PortalService);
        (Deadline, OriginalDeadline) = (null, null); // runs from the first opening
        Touch();
    }

    /// <summary>
    /// The party's user opens and acknowledges the notice (签收) in the portal. Sent through the portal, the first opening is the
    /// service: the deadline runs from that day; returns true then. Served otherwise, the acknowledgement is recorded beside it.
    /// </summary>
    public bool Acknowledge(string name, DateTimeOffset at, WorkingDayCalendar calendar, DateOnly today)
    {
        if (State == OrderState.Draft) throw new DomainException("order.not_issued", "整改通知尚未下达。");
        if (!Served && !AwaitsOpening)
            throw new DomainException("order.not_served", "责令限期改正通知书尚未送达，暂不能签收；本局送达后请核对。");
        var servesNow = AwaitsOpening;
        if (servesNow)
        {
            FixDeadline(today, calendar, today);
            (ServedOn, OpenedAt, OpenedBy, ServiceServers) = (today, at, name, "");
            ServiceRecord = $"{ChineseDate.Format(ElectronicSentOn)}通过平台及电子邮件发送，{name}于{BeijingTime.Local(at):yyyy年M月d日 HH:mm}首次查阅";
        }
        if (AcknowledgedAt is null) (AcknowledgedAt, AcknowledgedBy) = (at, name);
        Touch();
        return servesNow;
    }

    /// <summary>The deadline from the date of service: working days counted from it, or the fixed date (which must still lie ahead).</summary>
    private void FixDeadline(DateOnly servedOn, WorkingDayCalendar calendar, DateOnly today)
    {
        var deadline = ComputeDeadline(calendar, servedOn);
        if (deadline <= today)
            throw new DomainException("order.deadline_past", $"自送达之日（{ChineseDate.Format(servedOn)}）起算的整改期限{ChineseDate.Format(deadline)}已过，请重新设定整改期限后再下达。");
        (Deadline, OriginalDeadline) = (deadline, deadline);
    }

    /// <summary>How and when the notice was served, in plain words for the order page: 2026年12月7日直接送达（签收人：王伟（综合部经理））.</summary>
    public string? ServiceSummary => ServedOn is { } on
        ? $"{ChineseDate.Format(on)}{ServiceMethod}" + (OpenedAt is { } opened ? $"（{OpenedBy}于{BeijingTime.Local(opened):yyyy年M月d日 HH:mm}首次查阅）"
            : ServiceRecipientName is { } who ? $"（签收人：{who}{(ServiceRecipientPost is { } post ? $"，{post}" : "")}）" : "")
        : AwaitsOpening ? $"{ChineseDate.Format(ElectronicSentOn)}已通过平台及电子邮件发送，待当事人查阅（首次查阅之日为送达日期）" : null;

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
