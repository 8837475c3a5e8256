using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>Filing a return is the 签报人's attested act: a 填报人 prepares drafts, only a 签报人 who attests files them.</summary>
public class AttestationTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly byte[] File = [1, 2, 3];

    private async Task<(int Branch, Submission Draft)> DraftAsync(string user, string period)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        using var services = await portal.AsUserAsync(user);
        var stored = await services.Get<SubmissionService>().StoreAsync(new StoreCommand(branch.Id, "RN-MONTHLY", period, "月报.xlsx", "web", SubmitNow: false), ValidRnMonthly(period), File, null);
        return (branch.Id, stored.Submission!);
    }

    [Fact]
    public async Task A_preparer_uploads_drafts_but_cannot_file_and_is_told_who_can()
    {
        var (branch, draft) = await DraftAsync("preparer.cmcc.nx", "2026-03");
        Assert.Equal(SubmissionStatus.Draft, draft.Status);
        using var preparer = await portal.AsUserAsync("preparer.cmcc.nx");
        var submissions = preparer.Get<SubmissionService>();
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => submissions.SubmitAsync(draft.Id, attested: true));
        Assert.Equal(Attestation.NotSignatoryCode, refused.Code);
        Assert.Contains("不是本单位的签报人", refused.Message);
        Assert.Contains("宁夏移动实名制管理员", refused.Message);
        // Nor by filing at upload.
        var atUpload = await Assert.ThrowsAsync<AccessDeniedException>(() => submissions.StoreAsync(
            new StoreCommand(branch, "RN-MONTHLY", "2026-03", "月报.xlsx", "web", SubmitNow: true, Attested: true), ValidRnMonthly("2026-03"), File, null));
        Assert.Equal(Attestation.NotSignatoryCode, atUpload.Code);
        var signing = await submissions.SigningAsync(branch);
        Assert.Null(signing.UserName);
        Assert.Equal(["杨帆（宁夏移动实名制管理员）"], signing.Signatories);
        Assert.Equal("submit", Assert.Single(draft.ActionsFor(Acting.Party, SubmissionStatus.Draft, signing.Refusal?.Message), a => !a.Allowed).Key);
        await using var db = portal.Db();
        Assert.Equal(SubmissionStatus.Draft, (await db.Submissions.SingleAsync(s => s.Id == draft.Id)).Status);
    }

    [Fact]
    public async Task An_unattested_filing_is_refused_and_an_attested_one_records_the_signatory_on_the_version_and_its_receipt()
    {
        var (_, draft) = await DraftAsync("preparer.cmcc.nx", "2026-04");
        using var signatory = await portal.AsUserAsync("carrier.cmcc.nx");
        var submissions = signatory.Get<SubmissionService>();
        var unattested = await Assert.ThrowsAsync<DomainException>(() => submissions.SubmitAsync(draft.Id, attested: false));
        Assert.Equal((Attestation.RequiredCode, true), (unattested.Code, unattested.Message.Contains(Attestation.Text)));
        await using (var db = portal.Db())
        {
            var stored = await db.Submissions.Where(s => s.Id == draft.Id).Select(s => new { s.Status, s.AttestedBy }).SingleAsync();
            Assert.Equal((SubmissionStatus.Draft, null), (stored.Status, stored.AttestedBy));
        }

        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 6, 9, 30, 0, TimeSpan.FromHours(8)));
        var filed = await submissions.SubmitAsync(draft.Id, attested: true);
        Assert.Equal(("carrier.cmcc.nx", new DateTimeOffset(2026, 5, 6, 1, 30, 0, TimeSpan.Zero)), (filed.AttestedBy, filed.AttestedAt));
        await using (var db = portal.Db())
        {
            var stored = await db.Submissions.SingleAsync(s => s.Id == draft.Id);
            Assert.Equal(("carrier.cmcc.nx", filed.AttestedAt!.Value.UtcTicks), (stored.AttestedBy, stored.AttestedAt!.Value.UtcTicks));
        }
        var registry = signatory.Get<DocumentRegistry>();
        var receipt = Assert.Single(await registry.ForOwnerAsync(SubmissionService.ReceiptOwnerType, draft.Id.ToString()));
        var (_, pdf) = await registry.DownloadAsync(receipt.Id);
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
        Assert.Contains("签报人杨帆于2026年5月6日09:30:00确认：本单位对所报数据的真实性、准确性负责。", text);
        System.IO.File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "receipt-attested.pdf"), pdf);
        Assert.Equal("杨帆", DocumentData.FromJson<ReceiptData>(receipt.DataJson).Signatory);
    }

    /// <summary>The receipt names the signatory as a person: an account whose display name is only a title cannot attest, and is told
    /// (with a stable code) that the administrator must enter the person's name; nothing is filed.</summary>
    [Fact]
    public async Task A_signatory_account_named_only_by_a_title_cannot_file_until_the_person_s_name_is_entered()
    {
        var (_, draft) = await DraftAsync("preparer.cmcc.nx", "2026-01");
        await using (var db = portal.Db())
            await db.Users.Where(u => u.UserName == "carrier.cmcc.nx").ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "宁夏移动实名制管理员"));
        try
        {
            using var signatory = await portal.AsUserAsync("carrier.cmcc.nx");
            var refused = await Assert.ThrowsAnyAsync<DomainException>(() => signatory.Get<SubmissionService>().SubmitAsync(draft.Id, attested: true));
            Assert.Equal(PersonName.MissingCode, refused.Code);
            Assert.Contains("宁夏移动实名制管理员", refused.Message);
            Assert.Contains("姓名", refused.Message);
            await using var db = portal.Db();
            Assert.Equal(SubmissionStatus.Draft, (await db.Submissions.SingleAsync(s => s.Id == draft.Id)).Status);
        }
        finally
        {
            await using var db = portal.Db();
            await db.Users.Where(u => u.UserName == "carrier.cmcc.nx").ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "杨帆（宁夏移动实名制管理员）"));
        }
    }

    [Fact]
    public async Task A_locked_signatory_files_no_more()
    {
        var signatory = await portal.SignatoryAsync("CTCC-64");
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CTCC-64");
        using var services = await portal.AsUserAsync(signatory);
        var draft = (await services.Get<SubmissionService>().StoreAsync(new StoreCommand(branch.Id, "RN-MONTHLY", "2026-02", "月报.xlsx", "web", SubmitNow: false),
            ValidRnMonthly("2026-02", "CTCC-64"), File, null)).Submission!;
        await db.Users.Where(u => u.UserName == signatory).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue));
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => services.Get<SubmissionService>().SubmitAsync(draft.Id, attested: true));
        Assert.Equal(Attestation.NotSignatoryCode, refused.Code);
    }
}
