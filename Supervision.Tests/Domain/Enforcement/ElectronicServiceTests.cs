using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Notifications;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// Electronic service only with the party's consent (行政处罚法第六十一条第二款): the carrier's 企业管理员 records the branch's
/// 送达地址确认书; a decision sent through the portal is served on the day the party first opens it, and the periods run from then.
/// </summary>
public class ElectronicServiceTests(Portal portal) : IClassFixture<Portal>
{
    private static ServiceAddressInput Input(DateOnly signedOn, bool consent = true, bool attested = true, string? email = "wenshu@nx.chinamobile.example") => new()
    {
        PostalAddress = "宁夏银川市金凤区宁安大街100号", RecipientName = "马丽", RecipientPhone = "13909511234", Email = email,
        ConsentsToElectronicService = consent, ResponsiblePerson = "王强", SignedOn = signedOn, Attested = attested,
    };

    private async Task<(int Branch, int Basis, string[] Investigators)> PartyAsync(string branchCode)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == branchCode);
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        return (branch.Id, basis.Id, investigators);
    }

    /// <summary>A case against the branch decided on 2026-05-06 (notice served in person, statement waived), not yet served.</summary>
    private async Task<long> DecidedAsync(string branchCode, string title)
    {
        var (branch, basis, investigators) = await PartyAsync(branchCode);
        portal.Today(new DateOnly(2026, 5, 6));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch, basis, title,
            "2026年3月10日，执法人员暗访发现某合作营业厅在用户未出示有效证件的情况下为其办理入网手续。", new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), investigators));
        var c = await cases.GetAsync(id);
        c = await cases.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份及入网工单三份", new DateOnly(2026, 4, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，建议给予警告并处罚款。");
        SanctionInput[] sanctions = [Lawful.Correction(basis), new(SanctionKind.Warning, basis, null, "警告"), new(SanctionKind.Fine, basis, 10_000m, "罚款")];
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        await cases.RecordStatementAsync(id, "放弃陈述申辩。", waiver: true, null);
        // The authority's seal: a decision sent through the portal is the original and must carry it (Art. 59 para 2).
        await using (var db = portal.Db())
        {
            using var admin = await portal.AsUserAsync("admin");
            await admin.Get<OrganizationService>().SetSealAsync((await db.Branches.SingleAsync(b => b.Id == branch)).ProvinceId, "宁夏局公章.png",
                Supervision.Tests.Reports.Documents.TestImages.RedRing(400));
        }
        await LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, new DateOnly(2026, 5, 6), sanctions);
        return id;
    }

    /// <summary>
    /// A 填报人 (who prepares returns) sees the company's case but does not act for it: a waiver of the statement and hearing
    /// rights, a statement or a hearing request from that user is refused with a stable code, and nothing changes; the
    /// company's 签报人 or 企业管理员 acts.
    /// </summary>
    [Fact]
    public async Task A_preparer_cannot_waive_or_state_the_companys_case_and_its_signatory_can()
    {
        var (branch, basis, investigators) = await PartyAsync("CMCC-64");
        portal.Today(new DateOnly(2026, 4, 30));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch, basis, "营业厅未查验证件（填报人不得代为放弃）",
            "2025年11月10日，执法人员暗访发现某自有营业厅在用户未出示有效证件的情况下为其办理入网手续。", new DateOnly(2025, 11, 10), new DateOnly(2026, 4, 20), investigators));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿。");
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, [Lawful.Correction(basis), new(SanctionKind.Warning, basis, null, "警告")]);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));

        using var preparer = await portal.AsUserAsync("preparer.cmcc.nx");
        var asPreparer = preparer.Get<EnforcementService>();
        Assert.Equal(Acting.Party, asPreparer.Acting);
        Assert.False(await asPreparer.ActsForPartyAsync());
        var waived = await Assert.ThrowsAsync<AccessDeniedException>(() => asPreparer.RecordStatementAsync(id, "放弃陈述申辩和听证。", waiver: true, null));
        Assert.Equal("case.party_representative_required", waived.Code);
        Assert.Contains("签报人", waived.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => asPreparer.RequestHearingAsync(id));
        Assert.Empty((await cases.GetAsync(id)).Statements);

        using var signatory = await portal.AsUserAsync("carrier.cmcc.nx");
        Assert.True(await signatory.Get<EnforcementService>().ActsForPartyAsync());
        await signatory.Get<EnforcementService>().RecordStatementAsync(id, "放弃陈述申辩和听证。", waiver: true, null);
        Assert.Single((await cases.GetAsync(id)).Statements);
    }

    private static string Text(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    [Fact]
    public async Task Only_the_branchs_carrier_admin_records_its_confirmation_and_another_carrier_neither_sees_nor_changes_it()
    {
        portal.Today(new DateOnly(2026, 4, 1));
        var (cmcc, _, _) = await PartyAsync("CMCC-64");
        using var preparer = await portal.AsUserAsync("preparer.cmcc.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => preparer.Get<ServiceAddressService>().RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1))));
        Assert.False(await preparer.Get<ServiceAddressService>().MayRecordAsync(cmcc));
        using var other = await portal.AsUserAsync("carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<ServiceAddressService>().RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1))));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => inspector.Get<ServiceAddressService>().RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1))));

        using var admin = await portal.AsUserAsync("carrier.cmcc.nx");
        var service = admin.Get<ServiceAddressService>();
        Assert.True(await service.MayRecordAsync(cmcc));
        int before;
        await using (var db = portal.Db())
            before = await db.ServiceAddressConfirmations.CountAsync(c => c.BranchId == cmcc);
        Assert.Equal("service_address.attestation_required", (await Assert.ThrowsAsync<DomainException>(() => service.RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1), attested: false)))).Code);
        Assert.Equal("service_address.email_required", (await Assert.ThrowsAsync<DomainException>(() => service.RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1), email: null)))).Code);
        var badPhone = Input(new DateOnly(2026, 4, 1));
        badPhone.RecipientPhone = "12345";
        Assert.Equal("contact.mobile_invalid", (await Assert.ThrowsAsync<DomainException>(() => service.RecordAsync(cmcc, badPhone))).Code);
        await using (var db = portal.Db())
            Assert.Equal(before, await db.ServiceAddressConfirmations.CountAsync(c => c.BranchId == cmcc)); // refused input changed nothing
        await service.RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1)));

        // Staff see it with the phone masked; the other carrier does not see it at all.
        var seen = await inspector.Get<ServiceAddressService>().HistoryAsync(cmcc);
        var current = Assert.Single(seen, r => r.Current);
        string adminName;
        int province;
        await using (var db = portal.Db())
        {
            adminName = (await db.Users.SingleAsync(u => u.UserName == "carrier.cmcc.nx")).DisplayName;
            province = (await db.Branches.SingleAsync(b => b.Id == cmcc)).ProvinceId;
        }
        Assert.Equal(("139****1234", true, adminName), (current.RecipientPhone, current.ConsentsToElectronicService, current.AttestedBy));
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<ServiceAddressService>().HistoryAsync(cmcc));
        var cucc = (await PartyAsync("CUCC-64")).Branch;
        await using (var db = portal.Db(AccessScope.ForBranches(province, 0, [cucc])))
            Assert.False(await db.ServiceAddressConfirmations.AnyAsync(c => c.BranchId == cmcc));
    }

    [Fact]
    public async Task The_printed_confirmation_states_what_the_branch_signed_for_staff_and_its_own_users_and_another_carrier_is_refused()
    {
        portal.Today(new DateOnly(2026, 4, 2));
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-640200");
        using var admin = await portal.AsUserAsync("carrier.cmcc.nx");
        var older = await admin.Get<ServiceAddressService>().RecordAsync(branch.Id, Input(new DateOnly(2026, 3, 20), consent: false, email: null));
        var id = await admin.Get<ServiceAddressService>().RecordAsync(branch.Id, Input(new DateOnly(2026, 4, 2)));

        using var inspector = await portal.AsUserAsync("inspector.nx");
        using var preparer = await portal.AsUserAsync("preparer.cmcc.nx");
        foreach (var reader in new[] { inspector, preparer })
        {
            var (name, pdf) = await reader.Get<ServiceAddressService>().DocumentAsync(id);
            Assert.EndsWith("_20260402.pdf", name);
            using (var read = PdfDocument.Open(pdf)) Assert.Equal(1, read.NumberOfPages); // a form: one page to sign and seal
            var text = Text(pdf);
            Assert.Contains("送达地址确认书", text);
            Assert.Contains(branch.Name, text);
            Assert.Contains("宁夏银川市金凤区宁安大街100号", text);
            Assert.Contains("13909511234", text);                 // the branch's own form: the number to call, in full
            Assert.Contains("■同意", text);
            Assert.Contains("□不同意", text);
            Assert.Contains("wenshu@nx.chinamobile.example", text);
            Assert.Contains("第六十一条第二款", text);
            Assert.Contains("签署确认书的负责人：王强", text);
            Assert.Contains("经电子确认，确认人：", text);
            Assert.DoesNotContain("（签名）：王强", text); // a typed name never stands where a hand signature goes
            Assert.Contains("2026年4月2日", text);
            Assert.DoesNotContain("已被", text);
        }
        // The older version prints as refused consent and as replaced.
        var replaced = Text((await inspector.Get<ServiceAddressService>().DocumentAsync(older)).Pdf);
        Assert.Contains("■不同意", replaced);
        Assert.Contains("本确认书已被2026年4月2日签署的确认书取代", replaced);

        using var other = await portal.AsUserAsync("carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.Get<ServiceAddressService>().DocumentAsync(id));
    }

    [Fact]
    public async Task A_newer_confirmation_replaces_the_older_from_its_date_and_both_are_kept()
    {
        portal.Today(new DateOnly(2026, 3, 1));
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-640100");
        using var admin = await portal.AsUserAsync("carrier.cmcc.nx"); // the provincial company's admin manages its sub-branches
        var service = admin.Get<ServiceAddressService>();
        await service.RecordAsync(branch.Id, Input(new DateOnly(2026, 2, 1), consent: false, email: null));
        await service.RecordAsync(branch.Id, Input(new DateOnly(2026, 3, 1)));
        Assert.False((await service.InForceAsync(branch.Id, new DateOnly(2026, 2, 20)))!.ConsentsToElectronicService);
        Assert.True((await service.InForceAsync(branch.Id, new DateOnly(2026, 3, 1)))!.ConsentsToElectronicService);
        Assert.Null(await service.InForceAsync(branch.Id, new DateOnly(2026, 1, 31)));
        var history = await service.HistoryAsync(branch.Id);
        Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1)], history.Select(h => h.SignedOn));
        Assert.Equal([true, false], history.Select(h => h.Current));
    }

    [Fact]
    public async Task A_decision_sent_with_consent_is_served_on_the_day_the_party_first_opens_it_and_the_periods_run_from_then()
    {
        portal.Today(new DateOnly(2026, 4, 1));
        var (cmcc, _, _) = await PartyAsync("CMCC-64");
        using (var admin = await portal.AsUserAsync("carrier.cmcc.nx"))
            await admin.Get<ServiceAddressService>().RecordAsync(cmcc, Input(new DateOnly(2026, 4, 1)));
        var id = await DecidedAsync("CMCC-64", "未按规定查验入网用户身份证件（电子送达）");

        portal.Today(new DateOnly(2026, 5, 7));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var c = await cases.SendElectronicallyAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        Assert.Equal((CaseState.Decided, new DateOnly(2026, 5, 7), (DateOnly?)null), (c.State, c.ElectronicallySentOn, c.ServedOn));
        Assert.Equal(new DateOnly(2026, 4, 1), c.ServiceAddressConfirmedOn); // the standing confirmation, signed before the case was filed
        await using (var db = portal.Db())
        {
            // The e-mail to the service address was committed with the sending, and carries no personal data.
            var mail = await db.OutboxMessages.SingleAsync(m => m.ServiceConfirmationId != null && m.Link == $"/cases/{id}");
            Assert.Equal((DeliveryChannel.Email, OutboxStatus.Pending), (mail.Channel, mail.Status));
            Assert.DoesNotContain("13909511234", mail.Body);
            Assert.DoesNotContain("马丽", mail.Body);
        }
        Assert.Equal("case.already_sent", (await Assert.ThrowsAsync<DomainException>(() => cases.SendElectronicallyAsync(id, c.ConcurrencyToken))).Code);

        // The party has the decision in its portal; the first opening, two days later, is the receipt.
        portal.Today(new DateOnly(2026, 5, 9));
        using var party = await portal.AsUserAsync("carrier.cmcc.nx");
        party.Get<AccessContext>().ClientAddress = "10.64.1.23";
        var partyCases = party.Get<EnforcementService>();
        var decision = (await party.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, id.ToString())).Single(d => d.Kind == DocumentKind.PenaltyDecision);
        Assert.Contains((await partyCases.GetAsync(id)).ActionsFor(Acting.Party, new DateOnly(2026, 5, 9)), a => a.Key == "read-served");
        var (_, pdf) = await partyCases.OpenDocumentAsync(id, decision.Id);

        c = await cases.GetAsync(id);
        Assert.Equal((CaseState.Served, new DateOnly(2026, 5, 9), EnforcementCase.PortalService), (c.State, c.ServedOn, c.ServiceMethod));
        Assert.Equal(new DateOnly(2026, 5, 25), c.PaymentDueDate);     // 15 days from service (Art. 67), not from sending; off the Sunday
        Assert.Equal(new DateOnly(2026, 7, 8), c.ReviewPeriodEnds);    // 60 days (行政复议法第二十条)
        Assert.Equal(new DateOnly(2026, 11, 9), c.SuitPeriodEnds);     // six months (行政诉讼法第四十六条)
        Assert.NotNull(c.AcknowledgedAt);
        var receipt = await cases.ElectronicServiceAsync(id);
        var me = await portal.Db().Users.SingleAsync(u => u.UserName == "carrier.cmcc.nx");
        Assert.Equal((me.Id, "10.64.1.23", Convert.ToHexStringLower(SHA256.HashData(pdf))), (receipt!.OpenedByUserId, receipt.OpenedFromAddress, receipt.DocumentSha256));

        // A second opening, by a colleague days later, moves nothing.
        portal.Today(new DateOnly(2026, 5, 12));
        using (var colleague = await portal.AsUserAsync("preparer.cmcc.nx"))
            await colleague.Get<EnforcementService>().OpenDocumentAsync(id, decision.Id);
        c = await cases.GetAsync(id);
        Assert.Equal((new DateOnly(2026, 5, 9), new DateOnly(2026, 5, 25)), (c.ServedOn, c.PaymentDueDate));
        Assert.Equal(me.Id, (await cases.ElectronicServiceAsync(id))!.OpenedByUserId);

        // The 送达回证 states the consent, the sending and the opening.
        var documents = await inspector.Get<DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, id.ToString());
        // The notice's receipt first (served in person), then the decision's.
        var returnReceipt = documents.Where(d => d.Kind == DocumentKind.ServiceReceipt).OrderBy(d => d.Id).Last();
        // Issued by the officer who sent the decision, not by the party whose opening produced it; the audit says so too.
        Assert.Equal("inspector.nx", returnReceipt.IssuedBy);
        using (var admin = await portal.AsUserAsync("admin"))
        {
            var entries = await admin.Get<Supervision.Domain.Audit.AuditService>().HistoryAsync(nameof(IssuedDocument), returnReceipt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var created = (await admin.Get<Supervision.Domain.Audit.AuditReading>().ReadAsync(entries)).Single(l => l.Entry.Action == Supervision.Domain.Audit.AuditActions.Create);
            Assert.Equal("马建国（宁夏局网安处）", created.Actor);
            // Issued so from the start: the trail shows no later change of its issuer.
            Assert.DoesNotContain(entries, e => e.Action == Supervision.Domain.Audit.AuditActions.Update);
        }
        var text = Text((await inspector.Get<DocumentRegistry>().DownloadAsync(returnReceipt.Id)).Pdf);
        Assert.Contains("经当事人签署送达地址确认书（2026年4月1日）同意，本文书于2026年5月7日通过平台及电子邮件送达，当事人于2026年5月9日", text);
    }

    [Fact]
    public async Task Without_consent_no_electronic_service_is_offered_and_service_is_in_person_or_by_post()
    {
        var id = await DecidedAsync("CUCC-64", "未按规定查验入网用户身份证件（无电子送达确认书）");
        portal.Today(new DateOnly(2026, 5, 8));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var c = await cases.GetAsync(id);
        int Mails() => portal.Db().OutboxMessages.Count(m => m.Link == $"/cases/{id}" && m.ServiceConfirmationId != null);
        var refused = await Assert.ThrowsAsync<DomainException>(() => cases.SendElectronicallyAsync(id, c.ConcurrencyToken));
        Assert.Equal("case.electronic_service_without_consent", refused.Code);
        Assert.Contains("第六十一条", refused.Message);
        Assert.Equal(0, Mails());
        Assert.Null((await cases.GetAsync(id)).ElectronicallySentOn);
        Assert.Equal("case.electronic_service_without_consent",
            (await Assert.ThrowsAsync<DomainException>(() => cases.ServeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 8), ServiceMethods.Electronic))).Code);
        await cases.ServeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 8), ServiceMethods.Post, details: new ServiceDetails(PostedOn: new DateOnly(2026, 5, 7), TrackingNumber: "1179230645164"));
        c = await cases.GetAsync(id);
        Assert.Equal((CaseState.Served, new DateOnly(2026, 5, 8), new DateOnly(2026, 5, 25)), (c.State, c.ServedOn, c.PaymentDueDate));
        Assert.Null(await cases.ElectronicServiceAsync(id));
    }
}
