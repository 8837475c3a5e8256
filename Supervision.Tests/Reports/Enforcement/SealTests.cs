using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;
using Supervision.Reports.Enforcement;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Reports.Documents;
using UglyToad.PdfPig;

namespace Supervision.Tests.Reports.Enforcement;

public class SealImageTests
{
    [Fact]
    public void A_transparent_square_png_of_printable_resolution_is_accepted()
    {
        var png = TestImages.RedRing(400);
        Assert.Same(png, SealImage.Check("宁夏局公章.png", png));
    }

    [Theory]
    [InlineData("small", "seal.size")]
    [InlineData("oblong", "seal.shape")]
    [InlineData("opaque", "seal.opaque")]
    [InlineData("jpeg", "seal.type")]
    [InlineData("empty", "seal.empty")]
    public void Anything_else_is_refused_with_the_reason(string kind, string code)
    {
        var bytes = kind switch
        {
            "small" => TestImages.RedRing(240),
            "oblong" => TestImages.RedRing(400, height: 600),
            "opaque" => TestImages.RedRing(400, transparent: false),
            "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[64]],
            _ => [],
        };
        Assert.Equal(code, Assert.Throws<DomainException>(() => SealImage.Check("seal.png", bytes)).Code);
    }
}

public class SealTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);

    private T As<T>(AccessScope scope, string actor) where T : notnull => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    private static int Images(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return d.GetPages().Sum(p => p.GetImages().Count());
    }

    [Fact]
    public async Task Documents_to_the_party_carry_the_uploaded_seal_the_internal_approval_and_previews_do_not_and_issued_ones_keep_theirs()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CTCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        var inspector = AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector);

        // Only an administrator sets the seal.
        var seal = TestImages.RedRing(400);
        await Assert.ThrowsAsync<AccessDeniedException>(() => As<OrganizationService>(inspector, "inspector.nx").SetSealAsync(branch.ProvinceId, "seal.png", seal));
        await As<OrganizationService>(Admin, "admin").SetSealAsync(branch.ProvinceId, "宁夏局公章.png", seal);

        portal.Today(new DateOnly(2026, 3, 20));
        var docs = As<EnforcementService>(inspector, "inspector.nx");
        var cases = As<EnforcementService>(inspector, "inspector.nx");
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, docs, new FileCaseInput(branch.Id, basis.Id, "营业网点未按规定查验身份证件", "暗访发现营业网点未查验证件即办理入网。",
            new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9), investigators));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像", new DateOnly(2026, 3, 10), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "事实清楚，证据确凿。");
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告")]);
        Assert.Equal(0, Images(await docs.PreviewAsync(id, EnforcementService.PreviewKind.PriorNotice, new DateOnly(2026, 3, 20))));
        var notice = await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 3, 20));

        var registry = As<DocumentRegistry>(inspector, "inspector.nx");
        var issued = await registry.ForOwnerAsync(EnforcementService.OwnerType, id.ToString());
        var approval = issued.Single(d => d.Kind == DocumentKind.CaseFilingApproval);
        Assert.Equal(0, Images((await registry.DownloadAsync(approval.Id)).Pdf));
        var noticePdf = (await registry.DownloadAsync(notice.Id)).Pdf;
        Assert.Equal(1, Images(noticePdf));

        // A new seal (or none) changes later documents only; the issued notice re-renders with the seal it was issued with.
        await As<OrganizationService>(Admin, "admin").SetSealAsync(branch.ProvinceId, null, null);
        var data = DocumentData.FromJson<CaseDocumentData>(notice.DataJson);
        Assert.NotNull(data.SealFileId);
        var again = CasePdf.Render(data, await OrganizationService.SealBytesAsync(db, data.SealFileId));
        Assert.Equal(1, Images(again));
        Assert.Equal(PdfText(noticePdf), PdfText(again));
        Assert.Equal(1, Images((await registry.DownloadAsync(notice.Id)).Pdf));
    }

    private static string PdfText(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text));
    }
}
