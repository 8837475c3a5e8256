using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Organizations;

/// <summary>One version of a branch's 送达地址确认书 as lists show it: the recipient's phone and the e-mail masked.</summary>
public sealed record ServiceAddressRow(long Id, DateOnly SignedOn, string PostalAddress, string RecipientName, string RecipientPhone, string? Email,
    bool ConsentsToElectronicService, string ResponsiblePerson, string AttestedBy, DateTimeOffset AttestedAt, bool Current,
    ServiceConsentForm Form = ServiceConsentForm.PortalConfirmation, string FormLabel = "");

/// <summary>
/// The 送达地址确认书 of carrier branches: the branch's 企业管理员 records a new version (with the attestation); the branch's users
/// and the administration's staff see the current one and the history; enforcement asks which one was in force on a day.
/// </summary>
public sealed class ServiceAddressService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, IDocumentRenderer renderer)
{
    /// <summary>Records a new version for <paramref name="branchId"/>: only a 企业管理员 of a branch in the acting user's scope may.</summary>
    public async Task<long> RecordAsync(int branchId, ServiceAddressInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == branchId, ct) ?? throw new NotFoundException("分支机构");
        var me = await CarrierAdminAsync(db, ct);
        var now = clock.GetUtcNow();
        PersonName.Require(me.DisplayName, "确认送达地址");
        var confirmation = ServiceAddressConfirmation.Record(branch, input, me.DisplayName, me.Id, now);
        db.Add(confirmation);
        await db.SaveChangesAsync(ct);
        return confirmation.Id;
    }

    /// <summary>
    /// Records a version signed and sealed on paper, from its scanned original: the branch's 企业管理员 uploads it in the portal. The
    /// file is checked by content and size before anything is kept; the confirmation and the file (with its SHA-256) are kept together.
    /// </summary>
    public async Task<long> RecordOriginalAsync(int branchId, ServiceAddressInput input, string fileName, byte[] bytes, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == branchId, ct) ?? throw new NotFoundException("分支机构");
        var me = await CarrierAdminAsync(db, ct);
        var confirmation = ServiceAddressConfirmation.RecordOriginal(branch, input, fileName, bytes, me.DisplayName, me.Id, clock.GetUtcNow());
        db.Add(confirmation);
        await db.SaveChangesAsync(ct);
        return confirmation.Id;
    }

    /// <summary>
    /// The scanned signed original of a confirmation, for the administration's staff and the branch's own users (the branch scope:
    /// another carrier's is not found); a confirmation given in the portal has none.
    /// </summary>
    public async Task<(string FileName, string ContentType, byte[] Bytes)> OriginalAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.ServiceAddressConfirmations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("送达地址确认书");
        if (c.OriginalFileId is not { } fileId) throw new NotFoundException("送达地址确认书原件");
        var file = await db.StoredFiles.AsNoTracking().Where(f => f.Id == fileId).Select(f => new { f.FileName, f.ContentType, f.Content!.Bytes }).FirstAsync(ct);
        return (file.FileName, file.ContentType, file.Bytes);
    }

    /// <summary>Whether the signed-in user may record a confirmation for the branch (a 企业管理员 of a branch in scope).</summary>
    public async Task<bool> MayRecordAsync(int branchId, CancellationToken ct = default)
    {
        if (!access.Scope.IsCarrier || !access.Scope.BranchIds.Contains(branchId)) return false;
        await using var db = await factory.CreateDbContextAsync(ct);
        try { await CarrierAdminAsync(db, ct); return true; }
        catch (AccessDeniedException) { return false; }
    }

    private async Task<AppUser> CarrierAdminAsync(SupervisionDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var me = access.Scope.IsCarrier && access.UserId is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (me is not { Role: UserRole.CarrierUser, CarrierAdmin: true } || me.LockoutEnd is { } end && end > now)
            throw new AccessDeniedException("送达地址确认书由本单位企业管理员登记。");
        return me;
    }

    /// <summary>Every version for the branch, newest first; the one in force today marked.</summary>
    public async Task<IReadOnlyList<ServiceAddressRow>> HistoryAsync(int branchId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Branches.AnyAsync(b => b.Id == branchId, ct)) throw new NotFoundException("分支机构");
        var all = await db.ServiceAddressConfirmations.AsNoTracking().Where(c => c.BranchId == branchId)
            .OrderByDescending(c => c.SignedOn).ThenByDescending(c => c.Id).ToListAsync(ct);
        var current = InForce(all, BeijingTime.Today(clock));
        return all.Select(c => new ServiceAddressRow(c.Id, c.SignedOn, c.PostalAddress, c.RecipientName, Contact.MaskMobile(c.RecipientPhone),
            c.Email is null ? null : Contact.MaskEmail(c.Email), c.ConsentsToElectronicService, c.ResponsiblePerson, c.AttestedBy, c.AttestedAt, c == current,
            c.Form, c.FormLabel)).ToList();
    }

    /// <summary>
    /// The printable 送达地址确认书 of one recorded version, laid out as the case documents are (in the administration's own fonts),
    /// for the administration's staff and the branch's own users: another carrier's branch is not found (the branch scope).
    /// </summary>
    public async Task<(string FileName, byte[] Pdf)> DocumentAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.ServiceAddressConfirmations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("送达地址确认书");
        var branch = await db.Branches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == c.BranchId, ct) ?? throw new NotFoundException("分支机构");
        var authority = await db.Provinces.Where(p => p.Id == c.ProvinceId).Select(p => p.AuthorityName).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("省级管理局");
        // Replaced by the next version signed (and in force) by today, if any.
        var today = BeijingTime.Today(clock);
        var successor = await db.ServiceAddressConfirmations.AsNoTracking()
            .Where(x => x.BranchId == c.BranchId && x.Id != c.Id && x.SignedOn <= today && (x.SignedOn > c.SignedOn || x.SignedOn == c.SignedOn && x.Id > c.Id))
            .OrderBy(x => x.SignedOn).ThenBy(x => x.Id).Select(x => (DateOnly?)x.SignedOn).FirstOrDefaultAsync(ct);
        var data = ServiceAddressConfirmationData.Of(c, branch, authority, successor);
        var fonts = await OrganizationService.FontsAsync(db, c.ProvinceId, ct);
        var pdf = renderer.Render(data, faces: fonts.Count > 0 ? [.. fonts.Select(f => f.Face)] : null);
        return ($"送达地址确认书_{branch.ShortName}_{c.SignedOn:yyyyMMdd}.pdf", pdf);
    }

    /// <summary>The branch's confirmation in force on <paramref name="on"/> (the latest signed by then), read in the caller's context.</summary>
    public static async Task<ServiceAddressConfirmation?> InForceAsync(SupervisionDbContext db, int branchId, DateOnly on, CancellationToken ct = default) =>
        await db.ServiceAddressConfirmations.AsNoTracking().Where(c => c.BranchId == branchId && c.SignedOn <= on)
            .OrderByDescending(c => c.SignedOn).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>The branch's confirmation in force on <paramref name="on"/>.</summary>
    public async Task<ServiceAddressConfirmation?> InForceAsync(int branchId, DateOnly on, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InForceAsync(db, branchId, on, ct);
    }

    private static ServiceAddressConfirmation? InForce(IEnumerable<ServiceAddressConfirmation> newestFirst, DateOnly on) =>
        newestFirst.FirstOrDefault(c => c.SignedOn <= on);
}
