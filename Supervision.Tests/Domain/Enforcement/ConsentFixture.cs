using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>The party's 送达地址确认书 as a case adopts it: confirmed in the portal, or signed on paper and uploaded.</summary>
public static class ConsentFixture
{
    /// <summary>A minimal PDF: what a scanned original is recognised as by its content.</summary>
    public static readonly byte[] ScannedPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    public static ServiceAddressInput Input(string email, DateOnly signedOn, string address = "银川市金凤区北京中路1号") => new()
    {
        PostalAddress = address, RecipientName = "马丽", RecipientPhone = "0951-5012345", Email = email, ConsentsToElectronicService = true,
        ResponsiblePerson = "王强", SignedOn = signedOn, Attested = true,
    };

    /// <summary>Confirmed in the portal by the party's 企业管理员.</summary>
    public static ServiceAddressConfirmation Portal(string email, DateOnly signedOn, string address = "银川市金凤区北京中路1号") =>
        ServiceAddressConfirmation.Record(CaseFixture.Party, Input(email, signedOn, address), "李娟", "u-carrier", CaseFixture.Now);

    /// <summary>Signed and sealed on paper, its scanned original uploaded.</summary>
    public static ServiceAddressConfirmation Original(string email, DateOnly signedOn, string address = "银川市金凤区北京中路1号") =>
        ServiceAddressConfirmation.RecordOriginal(CaseFixture.Party, Input(email, signedOn, address) with { Attested = false }, "确认书.pdf", ScannedPdf, "张明远", "u-officer", CaseFixture.Now);

    /// <summary>The case adopts the party's consent (as the service step does with the one in force).</summary>
    public static void Consent(this EnforcementCase c, string email, DateOnly signedOn, string address = "银川市金凤区北京中路1号") =>
        c.AdoptServiceConfirmation(Portal(email, signedOn, address), "i", CaseFixture.Now);
}
