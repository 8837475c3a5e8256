using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Organizations;
using Supervision.Reports.Documents;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Reports.Documents;
using Supervision.Web.Demo;

namespace Supervision.Tests.Domain.Organizations;

/// <summary>An administration's own fonts: only administrators set them, a refused file stores nothing, issued documents use them.</summary>
public class ProvinceFontTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);

    private T As<T>(AccessScope scope, string actor) where T : notnull => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    private static byte[] Bundled(string file)
    {
        using var stream = typeof(OfficialFontResolver).Assembly.GetManifestResourceStream("Supervision.Reports.Fonts." + file)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task An_uploaded_face_sets_the_provinces_documents_until_it_is_removed()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CTCC-64");
        var inspector = AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector);
        // Any complete TrueType face serves the test: the bundled title face, uploaded as the province's 仿宋.
        var font = Bundled("noto-serif-sc-bold-gb2312.ttf");

        await Assert.ThrowsAsync<AccessDeniedException>(() => As<OrganizationService>(inspector, "inspector.nx").SetFontAsync(branch.ProvinceId, DocumentFaceRole.Fang, "仿宋_GB2312.ttf", font));
        var refused = await Assert.ThrowsAsync<DomainException>(() => As<OrganizationService>(Admin, "admin").SetFontAsync(branch.ProvinceId, DocumentFaceRole.Fang, "坏.ttf", [.. "OTTO"u8, .. new byte[64]]));
        Assert.Equal("font.cff", refused.Code);
        Assert.Empty(await As<OrganizationService>(Admin, "admin").FontListAsync(branch.ProvinceId));

        await As<OrganizationService>(Admin, "admin").SetFontAsync(branch.ProvinceId, DocumentFaceRole.Fang, "仿宋_GB2312.ttf", font);
        Assert.Equal([(DocumentFaceRole.Fang, "仿宋_GB2312.ttf")], (await As<OrganizationService>(Admin, "admin").FontListAsync(branch.ProvinceId)).Select(f => (f.Role, f.FileName)));

        var withFont = await IssueAsync(inspector, branch);
        Assert.Contains(PdfReading.EmbeddedFonts(withFont.Pdf), f => f.FontName.Contains("Noto Serif CJK SC", StringComparison.Ordinal));
        Assert.DoesNotContain(PdfReading.EmbeddedFonts(withFont.Pdf), f => f.FontName.Contains("FandolFang", StringComparison.Ordinal));
        Assert.Contains(DocumentFaceRole.Fang, DocumentData.FromJson<Supervision.Domain.Inspections.InspectionRecordData>(withFont.Document.DataJson).FontFileIds!.Keys);

        await As<OrganizationService>(Admin, "admin").SetFontAsync(branch.ProvinceId, DocumentFaceRole.Fang, null, null);
        var bundled = await IssueAsync(inspector, branch);
        Assert.Contains(PdfReading.EmbeddedFonts(bundled.Pdf), f => f.FontName.Contains("FandolFang", StringComparison.Ordinal));
        Assert.Null(DocumentData.FromJson<Supervision.Domain.Inspections.InspectionRecordData>(bundled.Document.DataJson).FontFileIds);
    }

    private async Task<(IssuedDocument Document, byte[] Pdf)> IssueAsync(AccessScope scope, Supervision.Domain.Organizations.Branch branch)
    {
        var services = portal.ScopeFor(scope, "inspector.nx").ServiceProvider;
        var registry = services.GetRequiredService<DocumentRegistry>();
        await using var db = await services.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var document = await registry.IssueAsync(db, new DocumentRequest(DocumentKind.InspectionRecord, branch.ProvinceId, branch.Id, "FontTest", Guid.NewGuid().ToString("N"), false,
            new DateOnly(2026, 11, 28)), _ => DocumentSamples.Of(DocumentKind.InspectionRecord), default);
        await tx.CommitAsync();
        return await registry.DownloadAsync(document.Id);
    }
}
