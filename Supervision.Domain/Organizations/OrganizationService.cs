using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Organizations;

public sealed record ProvinceSummary(int Id, string Code, string Name, string ShortName, string AuthorityName, string DocPrefix, int Cities, int Branches);

public sealed record BranchRow(int Id, string Code, string Name, string ShortName, string Carrier, CarrierKind CarrierKind,
    string Province, string? City, BranchLevel Level, string? CreditCode);

public sealed record BranchQuery(int? ProvinceId = null, int? CarrierId = null, BranchLevel? Level = null);

public sealed record BranchDetails(Branch Branch, IReadOnlyList<BranchRow> Children);

/// <summary>Provinces, carriers and branches as the signed-in user may see them.</summary>
public sealed class OrganizationService(IDbContextFactory<SupervisionDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProvinceSummary>> ListProvincesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Provinces.OrderBy(p => p.SortOrder)
            .Select(p => new ProvinceSummary(p.Id, p.Code, p.Name, p.ShortName, p.AuthorityName, p.DocPrefix,
                p.Cities.Count, db.Branches.Count(b => b.ProvinceId == p.Id)))
            .ToListAsync(ct);
    }

    public async Task<Province> GetProvinceAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Provinces.Include(p => p.Cities.OrderBy(c => c.Code)).FirstOrDefaultAsync(p => p.Id == id, ct)
               ?? throw new NotFoundException("省份");
    }

    public async Task<IReadOnlyList<Carrier>> ListCarriersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var carriers = db.Carriers.AsQueryable();
        if (db.Access.Scope.IsCarrier)
            carriers = carriers.Where(c => c.Id == db.Access.Scope.CarrierId);
        return await carriers.OrderBy(c => c.SortOrder).ToListAsync(ct);
    }

    public async Task<PagedResult<BranchRow>> ListBranchesAsync(BranchQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Branches.AsQueryable();
        if (query.ProvinceId is { } p) q = q.Where(b => b.ProvinceId == p);
        if (query.CarrierId is { } c) q = q.Where(b => b.CarrierId == c);
        if (query.Level is { } l) q = q.Where(b => b.Level == l);
        if (!string.IsNullOrWhiteSpace(page.Search))
            q = q.Where(b => b.Name.Contains(page.Search) || b.ShortName.Contains(page.Search) || b.Code.Contains(page.Search));
        var total = await q.CountAsync(ct);
        q = (page.SortBy, page.Descending) switch
        {
            ("Name", false) => q.OrderBy(b => b.Name),
            ("Name", true) => q.OrderByDescending(b => b.Name),
            ("Carrier", false) => q.OrderBy(b => b.Carrier!.SortOrder).ThenBy(b => b.Code),
            ("Carrier", true) => q.OrderByDescending(b => b.Carrier!.SortOrder).ThenBy(b => b.Code),
            ("Code", true) => q.OrderByDescending(b => b.Code),
            _ => q.OrderBy(b => b.Province!.SortOrder).ThenBy(b => b.Carrier!.SortOrder).ThenBy(b => b.CityId != null).ThenBy(b => b.Code),
        };
        var items = await q.Skip(page.Skip).Take(page.Take).Select(Row).ToListAsync(ct);
        return new(items, total);
    }

    public async Task<BranchDetails> GetBranchAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.AsNoTracking()
            .Include(b => b.Carrier).Include(b => b.Province).Include(b => b.City).Include(b => b.ParentBranch)
            .FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("企业分支机构");
        var children = await db.Branches.Where(b => b.ParentBranchId == id).OrderBy(b => b.Code).Select(Row).ToListAsync(ct);
        return new(branch, children);
    }

    /// <summary>Corrects the registered particulars of a branch (administrators only; checked by the database context).</summary>
    public async Task UpdateBranchAsync(int id, string name, string shortName, string? creditCode, string? address, string? legalRepresentative, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("企业分支机构");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(shortName))
            throw new DomainException("branch.name_required", "名称和简称不能为空。");
        if (!string.IsNullOrWhiteSpace(creditCode) && !CreditCode.IsValid(creditCode))
            throw new DomainException("branch.credit_code", $"统一社会信用代码“{creditCode}”校验不通过，请核对。");
        branch.Name = name.Trim();
        branch.ShortName = shortName.Trim();
        branch.CreditCode = string.IsNullOrWhiteSpace(creditCode) ? null : creditCode.Trim().ToUpperInvariant();
        branch.Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        branch.LegalRepresentative = string.IsNullOrWhiteSpace(legalRepresentative) ? null : legalRepresentative.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The branch's 合规联系人 (name, e-mail, mobile; each optional, the addresses validated).</summary>
    public async Task SetComplianceContactAsync(int id, string? name, string? email, string? mobile, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("企业分支机构");
        branch.ComplianceContact = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        branch.ComplianceEmail = Notifications.Contact.Email(email, "合规联系人电子邮箱");
        branch.ComplianceMobile = Notifications.Contact.Mobile(mobile, "合规联系人手机号码");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets the administration's postal address, postcode and telephone, which the prior notice gives the party for written
    /// statements and hearing requests; only administrators change them (provinces are a catalog).
    /// </summary>
    public async Task SetPostalContactAsync(int provinceId, string? address, string? postalCode, string? phone, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == provinceId, ct) ?? throw new NotFoundException("省份");
        province.SetPostalContact(address, postalCode, phone);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the administration's public site address (公示网站地址), which its documents' QR codes open; only administrators
    /// change it (provinces are a catalog).</summary>
    public async Task SetPublicSiteAsync(int provinceId, string? url, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == provinceId, ct) ?? throw new NotFoundException("省份");
        province.SetPublicSite(url);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets (or with null bytes removes) the administration's seal image. Documents issued before keep the seal they
    /// were issued with; only administrators change it (provinces are a catalog).
    /// </summary>
    public async Task SetSealAsync(int provinceId, string? fileName, byte[]? bytes, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == provinceId, ct) ?? throw new NotFoundException("省份");
        if (bytes is null)
        {
            province.SealFileId = null;
        }
        else
        {
            var png = SealImage.Check(fileName ?? "seal.png", bytes);
            province.Seal = Files.StoredFile.From(fileName ?? "seal.png", "image/png", png, db.Access.Actor, clock.GetUtcNow());
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets (or with null bytes removes) the administration's own font for a role, after <see cref="FontFile.Check"/>.
    /// Documents issued before keep the fonts they were set in; only administrators change them (provinces are a catalog).
    /// </summary>
    public async Task SetFontAsync(int provinceId, DocumentFaceRole role, string? fileName, byte[]? bytes, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Provinces.AnyAsync(p => p.Id == provinceId, ct)) throw new NotFoundException("省份");
        var current = await db.ProvinceFonts.FirstOrDefaultAsync(f => f.ProvinceId == provinceId && f.Role == role, ct);
        if (bytes is null)
        {
            if (current is not null) db.ProvinceFonts.Remove(current);
        }
        else
        {
            var name = fileName ?? "font.ttf";
            var file = Files.StoredFile.From(name, "font/ttf", FontFile.Check(name, bytes), db.Access.Actor, clock.GetUtcNow());
            if (current is null) db.ProvinceFonts.Add(new ProvinceFont { ProvinceId = provinceId, Role = role, File = file });
            else current.File = file;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The fonts a province uploaded: role and file name (for its page), without the bytes.</summary>
    public async Task<IReadOnlyList<(DocumentFaceRole Role, string FileName, DateTimeOffset StoredAt)>> FontListAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ProvinceFonts.Where(f => f.ProvinceId == provinceId).OrderBy(f => f.Role)
            .Select(f => new { f.Role, f.File!.FileName, f.File.StoredAt }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Role, r.FileName, r.StoredAt))];
    }

    /// <summary>The fonts documents of a province are set in now, with their file ids (recorded in issued documents).</summary>
    public static async Task<IReadOnlyList<(long FileId, Documents.DocumentFace Face)>> FontsAsync(SupervisionDbContext db, int provinceId, CancellationToken ct = default)
    {
        var rows = await db.ProvinceFonts.Where(f => f.ProvinceId == provinceId).OrderBy(f => f.Role)
            .Select(f => new { f.FileId, f.Role, f.File!.Sha256, f.File.Content!.Bytes }).ToListAsync(ct);
        return [.. rows.Select(r => (r.FileId, new Documents.DocumentFace(r.Role, r.Sha256, r.Bytes)))];
    }

    /// <summary>The fonts a document was issued with (for rendering it again), by their file ids; still-stored files only.</summary>
    public static async Task<IReadOnlyList<Documents.DocumentFace>> FontsByIdAsync(SupervisionDbContext db,
        IReadOnlyDictionary<DocumentFaceRole, long>? fileIds, CancellationToken ct = default)
    {
        if (fileIds is not { Count: > 0 }) return [];
        var ids = fileIds.Values.ToList();
        var files = await db.StoredFiles.Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.Sha256, f.Content!.Bytes }).ToListAsync(ct);
        return [.. fileIds.Join(files, p => p.Value, f => f.Id, (p, f) => new Documents.DocumentFace(p.Key, f.Sha256, f.Bytes))];
    }

    /// <summary>The current seal of a province: its file id (recorded in issued documents) and bytes, or null.</summary>
    public static async Task<(long Id, byte[] Bytes)?> SealAsync(SupervisionDbContext db, int provinceId, CancellationToken ct = default)
    {
        var seal = await db.Provinces.Where(p => p.Id == provinceId && p.SealFileId != null)
            .Select(p => new { Id = p.SealFileId!.Value, p.Seal!.Content!.Bytes }).FirstOrDefaultAsync(ct);
        return seal is null ? null : (seal.Id, seal.Bytes);
    }

    /// <summary>The bytes of the seal a document was issued with (for re-rendering it), or null.</summary>
    public static async Task<byte[]?> SealBytesAsync(SupervisionDbContext db, long? fileId, CancellationToken ct = default) =>
        fileId is null ? null : await db.FileContents.Where(c => c.FileId == fileId).Select(c => c.Bytes).FirstOrDefaultAsync(ct);

    /// <summary>Whether the province uploaded a seal (without one, documents sent out are stamped by hand).</summary>
    public async Task<bool> HasSealAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Provinces.AnyAsync(p => p.Id == provinceId && p.SealFileId != null, ct);
    }

    public async Task<byte[]?> CurrentSealAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await SealAsync(db, provinceId, ct))?.Bytes;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Branch, BranchRow>> Row = b => new BranchRow(
        b.Id, b.Code, b.Name, b.ShortName, b.Carrier!.ShortName, b.Carrier.Kind, b.Province!.ShortName, b.City != null ? b.City.Name : null, b.Level, b.CreditCode);
}
