using Supervision.Domain.Common;
using Supervision.Domain.Files;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Organizations;

/// <summary>
/// A carrier branch's 送达地址确认书: where documents are served on it, to whom, and whether it agrees to electronic service
/// (the portal and e-mail) — the written consent 行政处罚法第六十一条第二款 requires before service by electronic means. A new
/// one replaces the one before from its date; every version is kept.
/// </summary>
public class ServiceAddressConfirmation : IBranchScoped
{
    /// <summary>What the branch's user confirms on submitting it, as the return's 签报人 attests to a return.</summary>
    public const string AttestationText = "本单位确认上述送达地址和电子送达方式真实、有效，送达至上述地址或电子邮箱即视为送达；地址变更时及时重新签署确认书";

    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public Branch? Branch { get; private set; }
    /// <summary>The postal address for service (送达地址).</summary>
    public string PostalAddress { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public string RecipientPhone { get; private set; } = "";
    /// <summary>The e-mail address for service; required when the branch agrees to electronic service.</summary>
    public string? Email { get; private set; }
    /// <summary>Agrees to electronic service: the document in the portal and a notice to <see cref="Email"/>.</summary>
    public bool ConsentsToElectronicService { get; private set; }
    /// <summary>The responsible person (负责人) who signed it.</summary>
    public string ResponsiblePerson { get; private set; } = "";
    /// <summary>The date it was signed, from which it replaces the one before.</summary>
    public DateOnly SignedOn { get; private set; }
    /// <summary>The user (企业管理员) who recorded and attested to it, by name and id, and when.</summary>
    public string AttestedBy { get; private set; } = "";
    public string AttestedByUserId { get; private set; } = "";
    public DateTimeOffset AttestedAt { get; private set; }

    /// <summary>How the party gave its consent: confirmed in the portal by its responsible account, or a signed and sealed paper original uploaded.</summary>
    public ServiceConsentForm Form { get; private set; }
    /// <summary>The scanned signed and sealed original (<see cref="ServiceConsentForm.SignedOriginal"/>): PDF, JPEG or PNG, with its SHA-256.</summary>
    public long? OriginalFileId { get; private set; }
    public StoredFile? Original { get; private set; }

    /// <summary>The largest scanned original accepted.</summary>
    public const int OriginalMaxBytes = 10 * 1024 * 1024;

    private ServiceAddressConfirmation() { }

    /// <summary>How a consent was given, as the case page and the case record state it.</summary>
    public string FormLabel => Form switch
    {
        ServiceConsentForm.SignedOriginal => "当事人签字盖章的确认书原件（扫描件已上传）",
        _ => "当事人企业管理员在平台确认",
    };

    /// <summary>
    /// A confirmation signed and sealed on paper by the party, entered from its scanned original (<paramref name="fileName"/>,
    /// <paramref name="bytes"/>) by an officer or the party's 企业管理员: the file is checked by its content (PDF, JPEG or PNG, at most
    /// <see cref="OriginalMaxBytes"/>) before anything is kept, and kept with its SHA-256 together with the confirmation.
    /// The signature on paper is the party's attestation; <paramref name="recordedBy"/> is who entered it.
    /// </summary>
    public static ServiceAddressConfirmation RecordOriginal(Branch branch, ServiceAddressInput input, string fileName, byte[] bytes, string recordedBy,
        string recordedByUserId, DateTimeOffset now)
    {
        if (bytes is null || bytes.Length == 0)
            throw new DomainException("service_address.original_required", "请上传当事人签字盖章的送达地址确认书原件扫描件（PDF、JPG或PNG）。");
        var contentType = EvidenceFiles.Check(fileName, bytes, OriginalMaxBytes);
        var c = Record(branch, input with { Attested = true }, recordedBy, recordedByUserId, now);
        c.Form = ServiceConsentForm.SignedOriginal;
        c.Original = StoredFile.From(fileName, contentType, bytes, recordedBy, now);
        return c;
    }

    /// <summary>The channel a case records as consented to: the portal and the e-mail address; null without consent.</summary>
    public string? ElectronicChannel => ConsentsToElectronicService ? $"平台及电子邮件（{Email}）" : null;

    public static ServiceAddressConfirmation Record(Branch branch, ServiceAddressInput input, string attestedBy, string attestedByUserId, DateTimeOffset now)
    {
        static string Required(string? value, string field, int max = 200)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v)) throw new DomainException("service_address.required", $"请填写{field}。");
            if (v.Length > max) throw new DomainException("service_address.too_long", $"{field}不能超过{max}个字。");
            return v;
        }
        var address = Required(input.PostalAddress, "送达地址", 300);
        var recipient = Required(input.RecipientName, "收件人", 50);
        var phone = Phone(input.RecipientPhone);
        var email = Contact.Email(input.Email, "送达电子邮箱");
        if (input.ConsentsToElectronicService && email is null)
            throw new DomainException("service_address.email_required", "同意电子送达的，请填写接收文书的电子邮箱（送达电子邮箱）。");
        var responsible = Required(input.ResponsiblePerson, "签署确认书的负责人", 50);
        if (input.SignedOn is not { } signed) throw new DomainException("service_address.date_required", "请填写确认书的签署日期。");
        if (signed > BeijingTime.Today(now)) throw new DomainException("service_address.future", "确认书的签署日期不能晚于今天。");
        if (!input.Attested) throw new DomainException("service_address.attestation_required", $"请勾选确认：“{AttestationText}”。");
        return new ServiceAddressConfirmation
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, PostalAddress = address, RecipientName = recipient, RecipientPhone = phone,
            Email = email, ConsentsToElectronicService = input.ConsentsToElectronicService, ResponsiblePerson = responsible, SignedOn = signed,
            AttestedBy = attestedBy, AttestedByUserId = attestedByUserId, AttestedAt = now,
        };
    }

    /// <summary>A mobile number, or a landline with its area code (0951-1234567).</summary>
    private static string Phone(string? value)
    {
        var v = value?.Trim().Replace(" ", "");
        if (string.IsNullOrEmpty(v)) throw new DomainException("service_address.required", "请填写收件人联系电话。");
        if (System.Text.RegularExpressions.Regex.IsMatch(v, @"^0\d{2,3}-?\d{7,8}$")) return v;
        return Contact.Mobile(v, "收件人联系电话（手机号码或带区号的固定电话）")!;
    }
}

/// <summary>How the party consented to electronic service (行政处罚法第六十一条第二款：当事人同意并签订确认书).</summary>
public enum ServiceConsentForm
{
    /// <summary>Confirmed in the portal by the party's 企业管理员 (its responsible account), with the attestation.</summary>
    PortalConfirmation = 0,
    /// <summary>Signed and sealed on paper; the scanned original is uploaded and kept with its SHA-256.</summary>
    SignedOriginal = 1,
}

public sealed record ServiceAddressInput
{
    public string? PostalAddress { get; set; }
    public string? RecipientName { get; set; }
    public string? RecipientPhone { get; set; }
    public string? Email { get; set; }
    public bool ConsentsToElectronicService { get; set; }
    public string? ResponsiblePerson { get; set; }
    public DateOnly? SignedOn { get; set; }
    public bool Attested { get; set; }
}
