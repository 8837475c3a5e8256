using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Organizations;

/// <summary>
/// What a printed 送达地址确认书 states: the party (受送达人), where and to whom documents are served, whether it agrees to
/// electronic service and at which address, what it confirmed, and who signed it for the branch and when — as recorded in the
/// portal (<see cref="ServiceAddressConfirmation"/>). The party signs it; the administration receives it (no seal, no 文号).
/// </summary>
public sealed record ServiceAddressConfirmationData : DocumentData
{
    /// <summary>The administration the confirmation is addressed to (受文机关).</summary>
    public string Authority { get; init; } = "";
    public PartyInfo Party { get; init; } = new("", null, null, null);
    public string PostalAddress { get; init; } = "";
    public string RecipientName { get; init; } = "";
    public string RecipientPhone { get; init; } = "";
    public string? Email { get; init; }
    public bool ConsentsToElectronicService { get; init; }
    public string ResponsiblePerson { get; init; } = "";
    public DateOnly SignedOn { get; init; }
    /// <summary>The branch's user who recorded it in the portal and attested to it, and when.</summary>
    public string AttestedBy { get; init; } = "";
    public DateTimeOffset AttestedAt { get; init; }
    /// <summary>Whether a newer confirmation replaced it (printed as such: a superseded one is no consent for service today).</summary>
    public DateOnly? SupersededOn { get; init; }

    public static ServiceAddressConfirmationData Of(ServiceAddressConfirmation c, Branch branch, string authority, DateOnly? supersededOn) => new()
    {
        Authority = authority,
        Party = new PartyInfo(branch.Name, branch.CreditCode, branch.Address, branch.LegalRepresentative, PartyInfo.HeadTitleOf(branch.Name)),
        PostalAddress = c.PostalAddress, RecipientName = c.RecipientName, RecipientPhone = c.RecipientPhone, Email = c.Email,
        ConsentsToElectronicService = c.ConsentsToElectronicService, ResponsiblePerson = c.ResponsiblePerson, SignedOn = c.SignedOn,
        AttestedBy = c.AttestedBy, AttestedAt = c.AttestedAt, SupersededOn = supersededOn,
    };
}
