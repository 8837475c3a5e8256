using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Files;
using Supervision.Domain.Organizations;
using Supervision.Reports.Documents;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// Electronic service rests on a consent on record (行政处罚法第六十一条第二款：当事人同意并签订确认书): confirmed in the portal by
/// the party's 企业管理员, or signed and sealed on paper and uploaded as a scanned original (checked by content and size, kept with
/// its SHA-256 together with the confirmation). The case records which; a typed channel is no consent; another carrier never
/// opens the original.
/// </summary>
public class ServiceConsentTests(Portal portal) : IClassFixture<Portal>
{
    private static ServiceAddressInput Input(DateOnly signedOn, bool consent = true) => new()
    {
        PostalAddress = "宁夏银川市金凤区宁安大街100号", RecipientName = "马丽", RecipientPhone = "13909511234", Email = consent ? "wenshu@nx.chinamobile.example" : null,
        ConsentsToElectronicService = consent, ResponsiblePerson = "王强", SignedOn = signedOn, Attested = true,
    };

    /// <summary>A scanned original as a PDF (the printed confirmation, signed and sealed on paper).</summary>
    private static byte[] ScannedOriginal() => new DocumentRenderer().Render(Supervision.Web.Demo.DocumentSamples.Of(DocumentKind.ServiceAddressConfirmation));

    private Task<long> DecidedAsync(string branchCode, string title) => DecidedAsync(portal, branchCode, title);

    /// <summary>
    /// A case against the branch decided on 2026-05-06, not yet served; the authority's seal is uploaded. The decision is entered
    /// on <paramref name="enteredOn"/> (by default the same day).
    /// </summary>
    internal static async Task<long> DecidedAsync(Portal portal, string branchCode, string title, DateOnly? enteredOn = null)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == branchCode);
        var basis = (await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06")).Id;
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        portal.Today(new DateOnly(2026, 5, 6));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch.Id, basis, title,
            "2026年3月10日，执法人员暗访发现某合作营业厅在用户未出示有效证件的情况下为其办理入网手续。", new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), investigators));
        var c = await cases.GetAsync(id);
        c = await cases.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份及入网工单三份", new DateOnly(2026, 4, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，建议给予警告并处罚款。");
        SanctionInput[] sanctions = [Lawful.Correction(basis), new(SanctionKind.Warning, basis, null, "警告"), new(SanctionKind.Fine, basis, 10_000m, "罚款")];
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        await cases.RecordStatementAsync(id, "放弃陈述申辩。", waiver: true, null);
        using (var admin = await portal.AsUserAsync("admin"))
            await admin.Get<OrganizationService>().SetSealAsync(branch.ProvinceId, "宁夏局公章.png", Supervision.Tests.Reports.Documents.TestImages.RedRing(400));
        c = await cases.GetAsync(id);
        if (c.Requires(ApprovalStep.Decision))
        {
            await cases.RequestApprovalAsync(id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: sanctions), "建议作出处罚决定。");
            await LeaderApproval.ApproveAsync(portal.ScopeFor, id, ApprovalStep.Decision, "同意按报请的内容作出处罚决定。");
            c = await cases.GetAsync(id);
        }
        // Decided on paper on 2026-05-06; entered then, or later (补录).
        portal.Today(enteredOn ?? new DateOnly(2026, 5, 6));
        await cases.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 6), sanctions);
        return id;
    }

    private async Task<(int Confirmations, int Files)> StoredAsync(int branchId)
    {
        await using var db = portal.Db();
        return (await db.ServiceAddressConfirmations.IgnoreQueryFilters().CountAsync(c => c.BranchId == branchId), await db.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task Electronic_service_is_refused_without_consent_and_a_wrong_file_stores_nothing_then_the_signed_original_allows_it()
    {
        var id = await DecidedAsync("CUCC-64", "营业厅未查验证件（纸质确认书原件）");
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var c = await cases.GetAsync(id);

        Assert.False(c.Steps.Single(s => s.Action == "作出行政处罚决定").BackEntered); // entered on its day: no 补录

        var refused = await Assert.ThrowsAsync<DomainException>(() => cases.SendElectronicallyAsync(id, c.ConcurrencyToken));
        Assert.Equal("case.electronic_service_without_consent", refused.Code);
        Assert.Contains("第六十一条第二款", refused.Message);
        // A channel typed in is no consent: the party must have agreed and signed.
        var typed = await Assert.ThrowsAsync<DomainException>(() => cases.RecordServiceAddressAsync(id, c.ConcurrencyToken, "银川市兴庆区", "legal@cucc.example", new DateOnly(2026, 5, 6)));
        Assert.Equal("case.electronic_consent_original_required", typed.Code);

        var before = await StoredAsync(c.BranchId);
        var input = Input(new DateOnly(2026, 5, 6));
        // Named .pdf, but text by content; a PDF over the size limit; an empty file: each refused, nothing kept.
        var notPdf = await Assert.ThrowsAsync<DomainException>(() => cases.RecordServiceConsentAsync(id, c.ConcurrencyToken, input, "确认书.pdf", "这不是PDF"u8.ToArray()));
        Assert.Equal("evidence.type", notPdf.Code);
        var tooLarge = new byte[ServiceAddressConfirmation.OriginalMaxBytes + 1];
        "%PDF-1.4\n"u8.CopyTo(tooLarge);
        Assert.Equal("evidence.too_large", (await Assert.ThrowsAsync<DomainException>(() => cases.RecordServiceConsentAsync(id, c.ConcurrencyToken, input, "确认书.pdf", tooLarge))).Code);
        Assert.Equal("service_address.original_required", (await Assert.ThrowsAsync<DomainException>(() => cases.RecordServiceConsentAsync(id, c.ConcurrencyToken, input, "确认书.pdf", []))).Code);
        Assert.Equal(before, await StoredAsync(c.BranchId));
        Assert.Null((await cases.GetAsync(id)).ServiceConsentForm);

        var original = ScannedOriginal();
        c = await cases.RecordServiceConsentAsync(id, c.ConcurrencyToken, input, "送达地址确认书（签字盖章）.pdf", original);
        Assert.Equal(ServiceConsentForm.SignedOriginal, c.ServiceConsentForm);
        Assert.Equal((before.Confirmations + 1, before.Files + 1), await StoredAsync(c.BranchId));
        await using (var db = portal.Db())
        {
            var consent = await db.ServiceAddressConfirmations.IgnoreQueryFilters().Include(x => x.Original).SingleAsync(x => x.Id == c.ServiceConsentId);
            Assert.Equal((ServiceConsentForm.SignedOriginal, "application/pdf", StoredFile.Hash(original)), (consent.Form, consent.Original!.ContentType, consent.Original.Sha256));
        }
        Assert.Contains(c.Steps, s => s.Action == "采用当事人的送达地址确认书" && s.Detail!.Contains("签字盖章的确认书原件"));

        c = await cases.SendElectronicallyAsync(id, c.ConcurrencyToken);
        Assert.Equal(new DateOnly(2026, 5, 6), c.ElectronicallySentOn);
        var (name, type, bytes) = await inspector.Get<ServiceAddressService>().OriginalAsync(c.ServiceConsentId!.Value);
        Assert.Equal("application/pdf", type);
        Assert.Equal(original, bytes);
        Assert.EndsWith(".pdf", name);
    }

    [Fact]
    public async Task A_portal_confirmation_by_the_partys_admin_allows_electronic_service_and_the_case_records_it_as_such()
    {
        var id = await DecidedAsync("CMCC-64", "营业厅未查验证件（平台确认）");
        await using (var db = portal.Db())
        {
            var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
            await carrier.Get<ServiceAddressService>().RecordAsync(branch.Id, Input(new DateOnly(2026, 5, 6)));
        }
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var c = await cases.SendElectronicallyAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        Assert.Equal((ServiceConsentForm.PortalConfirmation, new DateOnly(2026, 5, 6)), (c.ServiceConsentForm!.Value, c.ElectronicallySentOn!.Value));
        Assert.Contains(c.Steps, s => s.Action == "采用当事人的送达地址确认书" && s.Detail!.Contains("企业管理员在平台确认"));
        // A portal confirmation has no scanned original to open.
        await Assert.ThrowsAsync<NotFoundException>(() => inspector.Get<ServiceAddressService>().OriginalAsync(c.ServiceConsentId!.Value));
    }

    [Fact]
    public async Task A_carrier_cannot_open_another_carriers_signed_original_and_its_own_admin_may_upload_one()
    {
        portal.Today(new DateOnly(2026, 6, 1));
        await using var db = portal.Db();
        var cmcc = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        long id;
        using (var carrier = await portal.AsUserAsync("carrier.cmcc.nx"))
        {
            // The party's admin uploads its signed original; a file that is not one is refused and nothing kept.
            var before = await StoredAsync(cmcc.Id);
            await Assert.ThrowsAsync<DomainException>(() => carrier.Get<ServiceAddressService>().RecordOriginalAsync(cmcc.Id, Input(new DateOnly(2026, 6, 1)), "scan.png", "GIF89a"u8.ToArray()));
            Assert.Equal(before, await StoredAsync(cmcc.Id));
            id = await carrier.Get<ServiceAddressService>().RecordOriginalAsync(cmcc.Id, Input(new DateOnly(2026, 6, 1)), "scan.png",
                Supervision.Tests.Reports.Documents.TestImages.RedRing(300));
            Assert.Equal("image/png", (await carrier.Get<ServiceAddressService>().OriginalAsync(id)).ContentType);
            Assert.Contains((await carrier.Get<ServiceAddressService>().HistoryAsync(cmcc.Id)), r => r.Id == id && r.Form == ServiceConsentForm.SignedOriginal);
        }
        using (var other = await portal.AsUserAsync("carrier.cucc.nx"))
            await Assert.ThrowsAsync<NotFoundException>(() => other.Get<ServiceAddressService>().OriginalAsync(id));
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
            Assert.Equal("image/png", (await inspector.Get<ServiceAddressService>().OriginalAsync(id)).ContentType);
    }

    /// <summary>
    /// A decision made on 2026-05-06 and entered on 2026-05-08 is 补录: its step keeps the legal date, the entry time and who entered
    /// it (the case page and the audit show them); the issued decision is dated 2026-05-06 and says nothing of the late entry.
    /// A step entered on its own day is not marked.
    /// </summary>
    [Fact]
    public async Task A_decision_entered_after_its_date_is_marked_back_entered_and_the_document_prints_the_legal_date_only()
    {
        var id = await DecidedAsync(portal, "CTCC-64", "营业厅未查验证件（纸面决定后录入）", enteredOn: new DateOnly(2026, 5, 8));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var c = await cases.GetAsync(id);
        var decided = c.Steps.Single(s => s.Action == "作出行政处罚决定");
        Assert.True(decided.BackEntered);
        Assert.Equal(new DateOnly(2026, 5, 6), decided.LegalDate);
        Assert.Equal(new DateOnly(2026, 5, 8), BeijingTime.Today(decided.At));
        Assert.StartsWith("补录（2026年5月8日", decided.BackEntryNote);
        Assert.Contains(decided.By, decided.BackEntryNote);
        Assert.All(c.Steps.Where(s => s.LegalDate is null), s => Assert.False(s.BackEntered));

        var documents = await inspector.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var decision = documents.Single(d => d.Kind == DocumentKind.PenaltyDecision);
        Assert.Equal(new DateOnly(2026, 5, 6), decision.IssueDate);
        var (_, pdf) = await cases.OpenDocumentAsync(id, decision.Id);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "back-entered-decision.pdf"), pdf);
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Concat(read.GetPages().Select(p => p.Text)).Replace(" ", "");
        Assert.Contains("2026年5月6日", text);
        Assert.DoesNotContain("补录", text);
        Assert.DoesNotContain("2026年5月8日", text);
    }
}
