using Supervision.Domain.Common;
using Supervision.Domain.Documents;

namespace Supervision.Domain.Enforcement;

/// <summary>The ways a case document is served (行政处罚法第六十一条, 民事诉讼法): only the electronic one needs the party's consent.</summary>
public static class ServiceMethods
{
    public const string InPerson = "直接送达";
    public const string Post = "邮寄送达";
    public const string Left = "留置送达";
    public const string Entrusted = "委托送达";
    public const string Announcement = "公告送达";
    public const string Electronic = "电子送达";

    public static readonly IReadOnlyList<string> All = [InPerson, Post, Left, Entrusted, Announcement, Electronic];

    /// <summary>Fax, e-mail, the portal: service by electronic means (Art. 61 para 2).</summary>
    public static bool IsElectronic(string method) => method.Trim().StartsWith(Electronic, StringComparison.Ordinal);

    public static bool IsPost(string method) => method.Trim().StartsWith(Post, StringComparison.Ordinal);

    /// <summary>Handed to someone who signs (or refuses to sign) for the party: 直接送达, 留置送达, 委托送达.</summary>
    public static bool IsHanded(string method) => method.Trim() is InPerson or Left or Entrusted
        || method.Trim().StartsWith(InPerson, StringComparison.Ordinal) || method.Trim().StartsWith(Left, StringComparison.Ordinal) || method.Trim().StartsWith(Entrusted, StringComparison.Ordinal);
}

/// <summary>
/// What service by post or by announcement needs besides its method and date: the day the document was posted (service by post
/// takes effect on the date the return receipt shows, which is the date recorded), or what was tried before an announcement.
/// For electronic service through the portal (<see cref="EnforcementCase.SendDecisionElectronically"/>): the day it was sent, and
/// when and by whom the party first opened it (the date of service). For every method: who signed for the party (name and post)
/// and the two officers who served (else the case's first two investigators); by post, the 邮件号 of the tracking record.
/// </summary>
public sealed record ServiceDetails(DateOnly? PostedOn = null, string? FailedAttempts = null, DateOnly? SentOn = null, DateTimeOffset? OpenedAt = null,
    string? OpenedBy = null, string? RecipientName = null, string? RecipientPost = null, IReadOnlyList<string>? Servers = null, string? TrackingNumber = null);

/// <summary>Service of the decision: electronic service only with the party's written consent (送达地址确认书, Art. 61 para 2).</summary>
public partial class EnforcementCase
{
    /// <summary>The address the party confirmed for service (送达地址确认书).</summary>
    public string? ServiceAddress { get; private set; }
    /// <summary>The electronic channel the party consented to (e-mail address, fax number, the portal); null: no consent to electronic service.</summary>
    public string? ElectronicServiceChannel { get; private set; }
    /// <summary>How service by post or by announcement of the decision was carried out (交邮日期; 公告日期 and the attempts before it).</summary>
    public string? ServiceRecord { get; private set; }
    /// <summary>The date of the 送达地址确认书.</summary>
    public DateOnly? ServiceAddressConfirmedOn { get; private set; }
    /// <summary>The party's 送达地址确认书 the consent to electronic service rests on (<see cref="AdoptServiceConfirmation"/>).</summary>
    public long? ServiceConsentId { get; private set; }
    /// <summary>How that consent was given: confirmed in the portal, or the signed and sealed original uploaded; null: none on record.</summary>
    public Organizations.ServiceConsentForm? ServiceConsentForm { get; private set; }
    /// <summary>The day the decision was sent through the portal and by e-mail; it is served when the party first opens it.</summary>
    public DateOnly? ElectronicallySentOn { get; private set; }
    /// <summary>When the party first opened the decision sent electronically: the moment of service.</summary>
    public DateTimeOffset? ElectronicallyOpenedAt { get; private set; }

    /// <summary>The method recorded for service through the portal with notice by e-mail.</summary>
    public const string PortalService = ServiceMethods.Electronic + "（平台及电子邮件）";

    private readonly List<CaseServiceRecord> _services = [];
    /// <summary>How each document served on the party was served (事先告知书, 听证通知书, 决定书), in order.</summary>
    public IReadOnlyList<CaseServiceRecord> Services => _services;

    /// <summary>The latest service of a document of this kind, if it was served.</summary>
    public CaseServiceRecord? ServiceOf(DocumentKind document) => _services.Where(s => s.Document == document).OrderBy(s => s.RecordedAt).ThenBy(s => s.Id).LastOrDefault();

    /// <summary>The day the 事先告知书 was sent through the portal and by e-mail; it is served when the party first opens it.</summary>
    public DateOnly? PriorNoticeSentOn { get; private set; }

    /// <summary>
    /// The service of <paramref name="document"/> by <paramref name="method"/> as recorded on <paramref name="on"/>, checked — a method the
    /// law allows that day (electronic only on consent), by post with its posting date and 邮件号 and dated by the receipt, the two
    /// servers — but not yet kept: the step that serves adds it (<see cref="KeepService"/>) once all its own checks passed.
    /// </summary>
    private CaseServiceRecord PrepareService(DocumentKind document, string method, DateOnly on, ServiceDetails? details, string by, DateTimeOffset now)
    {
        Check(ServiceMethodRefusal(method, on));
        var (servedOn, record) = EffectiveService(method, on, details);
        var servers = (details?.Servers ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct().ToList();
        if (servers.Count == 0) servers = Investigators.Take(2).Select(i => i.Name).ToList();
        if (servers.Count < 2 && !ServiceMethods.IsElectronic(method))
            throw new DomainException("case.servers", "送达人不得少于两人（行政处罚法第四十二条），请填写两名送达人。");
        if (details?.RecipientName is { Length: > 50 } || details?.RecipientPost is { Length: > 50 })
            throw new DomainException("case.recipient", "签收人姓名和职务各不超过50字。");
        return CaseServiceRecord.Of(document, method, servedOn, record, servers, details, by, now);
    }

    private void KeepService(CaseServiceRecord service) => _services.Add(service);

    /// <summary>
    /// Sends the 事先告知书 electronically (the party consented: Art. 61 para 2): it is in the party's portal and its service e-mail
    /// is told; it is served — and the statement and hearing request periods start — when the party first opens it
    /// (<see cref="ServePriorNotice"/> with that day). Until then the proposed penalty stays as sent.
    /// </summary>
    public void SendPriorNoticeElectronically(DateOnly on, string by, DateTimeOffset now)
    {
        Require(CaseState.UnderReview, "电子送达事先告知书");
        Check(NoticeRefusal());
        Check(NoticeSentRefusal());
        NotFuture(on, now, "发送日期");
        Check(ServiceMethodRefusal(ServiceMethods.Electronic, on));
        PriorNoticeSentOn = on;
        VisibleToParty = true; // the party opens the notice in its portal
        Step(by, now, "电子送达事先告知书（已发送）", $"通过{ElectronicServiceChannel}发送；以当事人首次查阅之日为送达日期，陈述申辩和听证申请期限自该日起计算");
    }

    /// <summary>
    /// Takes the party's 送达地址确认书 (confirmed in the portal by its 企业管理员, or signed on paper and uploaded as a scanned
    /// original) as its consent to electronic service here, unless the case already records one as recent. The case keeps which
    /// confirmation it rests on and how it was given.
    /// </summary>
    public void AdoptServiceConfirmation(Organizations.ServiceAddressConfirmation consent, string by, DateTimeOffset now)
    {
        if (consent.ElectronicChannel is not { } channel) return;
        // A later version (or the same one) already adopted stays.
        if (ServiceConsentForm is not null && (ServiceAddressConfirmedOn > consent.SignedOn || ServiceAddressConfirmedOn == consent.SignedOn && ServiceConsentId >= consent.Id)) return;
        (ServiceAddress, ElectronicServiceChannel, ServiceAddressConfirmedOn) = (consent.PostalAddress.Trim(), channel, consent.SignedOn);
        (ServiceConsentId, ServiceConsentForm) = (consent.Id, consent.Form);
        Step(by, now, "采用当事人的送达地址确认书",
            $"{ChineseDate.Format(consent.SignedOn)}签署；同意方式：{consent.FormLabel}；送达地址：{ServiceAddress}；同意电子送达：{channel}");
    }

    /// <summary>
    /// Sends the decision electronically (the party consented: Art. 61 para 2): it is in the party's portal and its service
    /// e-mail is told; service takes effect when the party first opens it (<see cref="Serve"/> with that day).
    /// </summary>
    public void SendDecisionElectronically(DateOnly on, string by, DateTimeOffset now)
    {
        Require(CaseState.Decided, "电子送达处罚决定书");
        if (ElectronicallySentOn is { } sent) throw new DomainException("case.already_sent", $"处罚决定书已于{ChineseDate.Format(sent)}通过平台及电子邮件发送，待当事人查阅。");
        NotFuture(on, now, "发送日期");
        Check(ServiceMethodRefusal(ServiceMethods.Electronic, on));
        ElectronicallySentOn = on;
        Step(by, now, "电子送达处罚决定书（已发送）", $"通过{ElectronicServiceChannel}发送；以当事人首次查阅之日为送达日期");
    }

    /// <summary>A 送达地址确认书 is recorded on a case until its decision is served.</summary>
    public void CheckServiceConsentOpen()
    {
        if (!(Undecided || State == CaseState.Decided)) throw Refused("登记送达地址确认书", "处罚决定书送达之前");
    }

    /// <summary>
    /// Records the address the party gave for service (送达地址). Consent to electronic service is not typed in: it rests on a
    /// 送达地址确认书 on record — confirmed by the party in the portal or signed on paper and uploaded (<see cref="AdoptServiceConfirmation"/>).
    /// </summary>
    public void RecordServiceAddress(string address, string? electronicChannel, DateOnly confirmedOn, string by, DateTimeOffset now)
    {
        CheckServiceConsentOpen();
        if (string.IsNullOrWhiteSpace(address)) throw new DomainException("case.service_address", "请填写当事人确认的送达地址。");
        if (!string.IsNullOrWhiteSpace(electronicChannel))
            throw new DomainException("case.electronic_consent_original_required",
                "当事人同意电子送达，须“当事人同意并签订确认书”（行政处罚法第六十一条第二款）：请上传当事人签字盖章的送达地址确认书原件扫描件，或由当事人企业管理员在平台确认；不能只填写电子送达方式。");
        if (confirmedOn < FiledOn) throw new DomainException("case.date_before_filing", "送达地址确认书的日期不能早于立案日。");
        NotFuture(confirmedOn, now, "确认书日期");
        ServiceAddress = address.Trim();
        if (ServiceConsentForm is null) (ElectronicServiceChannel, ServiceAddressConfirmedOn) = (null, confirmedOn);
        Step(by, now, "登记送达地址", $"送达地址：{ServiceAddress}" + (ServiceConsentForm is null ? "；未同意电子送达" : ""));
    }

    /// <summary>
    /// The day service by <paramref name="method"/> recorded as of <paramref name="on"/> takes effect, from which the periods it
    /// starts run (行政处罚法第六十一条第一款 serves the decision under the 民事诉讼法), and what the record says of it: by post, the
    /// date on the return receipt (the date recorded, not the posting date, which <paramref name="details"/> gives); by
    /// announcement — only when the other methods failed, which <paramref name="details"/> states — thirty days after the
    /// announcement published on <paramref name="on"/> (民事诉讼法第九十五条); any other method, the day itself.
    /// </summary>
    public static (DateOnly Effective, string? Record) EffectiveService(string method, DateOnly on, ServiceDetails? details)
    {
        if (method.Trim().StartsWith(ServiceMethods.Post, StringComparison.Ordinal))
        {
            if (details?.PostedOn is not { } posted)
                throw new DomainException("case.postal_receipt",
                    "邮寄送达的，以回执上注明的收件日期为送达日期（行政处罚法第六十一条第一款依照民事诉讼法的规定）：请填写交邮日期，送达日期填写回执上的收件日期。");
            if (posted > on)
                throw new DomainException("case.postal_receipt", $"回执上的收件日期（{ChineseDate.Format(on)}）不能早于交邮日期（{ChineseDate.Format(posted)}）。");
            if (details.TrackingNumber?.Trim() is not { Length: >= 6 and <= 40 } tracking)
                throw new DomainException("case.postal_tracking",
                    "邮寄送达的，请填写邮件号（挂号信或特快专递的单号），送达日期以邮件查询记录或回执上的收件日期为准（行政处罚法第六十一条第一款依照民事诉讼法的规定）。");
            return (on, $"{ChineseDate.Format(posted)}交邮（邮件号{tracking}），回执收件日期{ChineseDate.Format(on)}");
        }
        if (method.Trim().StartsWith(ServiceMethods.Announcement, StringComparison.Ordinal))
        {
            var tried = details?.FailedAttempts?.Trim();
            if (tried is not { Length: >= 10 })
                throw new DomainException("case.announcement_service",
                    "受送达人下落不明，或者用直接送达、留置送达、邮寄送达等其他方式无法送达的，才可以公告送达（民事诉讼法第九十五条）：请写明已采取的送达方式和无法送达的情况（至少10个字）。");
            var effective = on.AddDays(30);
            return (effective, $"{ChineseDate.Format(on)}发出公告，经过三十日即{ChineseDate.Format(effective)}视为送达（民事诉讼法第九十五条）；此前：{tried}");
        }
        if (ServiceMethods.IsElectronic(method) && details?.SentOn is { } sentOn && details.OpenedAt is { } opened)
            return (on, $"{ChineseDate.Format(sentOn)}通过平台及电子邮件发送，{details.OpenedBy}于{BeijingTime.Local(opened):yyyy年M月d日 HH:mm}首次查阅");
        return (on, null);
    }

    /// <summary>
    /// A method of service the law allows on <paramref name="servedOn"/> (null: it does): one of <see cref="ServiceMethods.All"/>;
    /// electronic only once the party consented in a 送达地址确认书 dated no later than the service.
    /// </summary>
    public DomainException? ServiceMethodRefusal(string method, DateOnly servedOn)
    {
        if (string.IsNullOrWhiteSpace(method) || !ServiceMethods.All.Any(m => method.Trim().StartsWith(m, StringComparison.Ordinal)))
            return new("case.service_method", $"请选择送达方式（{string.Join("、", ServiceMethods.All)}）。");
        if (!ServiceMethods.IsElectronic(method)) return null;
        if (ElectronicServiceChannel is null || ServiceConsentForm is null || ServiceAddressConfirmedOn is not { } on)
            return new("case.electronic_service_without_consent",
                "当事人未签订送达地址确认书同意电子送达，不能采用电子方式送达（行政处罚法第六十一条第二款）；请直接送达或邮寄送达，或先登记当事人的送达地址确认书。");
        return on > servedOn
            ? new("case.electronic_service_without_consent", $"当事人于{ChineseDate.Format(on)}才签订送达地址确认书同意电子送达，此前不能采用电子方式送达（行政处罚法第六十一条第二款）。")
            : null;
    }
}
