using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Inspections;

/// <summary>Inspectors' internal notes on inspections, findings and orders; the scope filter keeps them from carriers.</summary>
public sealed class InternalNoteService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock)
{
    public async Task<IReadOnlyList<InternalNote>> ListAsync(string ownerType, long ownerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InternalNotes.AsNoTracking().Where(n => n.OwnerType == ownerType && n.OwnerId == ownerId).OrderBy(n => n.Id).ToListAsync(ct);
    }

    public async Task AddAsync(string ownerType, long ownerId, string text, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        text = Inspection.Clean(text, 4000) ?? throw new DomainException("note.empty", "备注内容不能为空。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = ownerType switch
        {
            InspectionService.OwnerType => await db.Inspections.Where(x => x.Id == ownerId).Select(x => new { x.ProvinceId, x.BranchId }).FirstOrDefaultAsync(ct),
            FindingService.OwnerType => await db.Findings.Where(x => x.Id == ownerId).Select(x => new { x.ProvinceId, x.BranchId }).FirstOrDefaultAsync(ct),
            CorrectiveOrderService.OwnerType => await db.CorrectiveOrders.Where(x => x.Id == ownerId).Select(x => new { x.ProvinceId, x.BranchId }).FirstOrDefaultAsync(ct),
            _ => null,
        } ?? throw new NotFoundException("记录");
        db.InternalNotes.Add(new InternalNote
        {
            ProvinceId = owner.ProvinceId, BranchId = owner.BranchId, OwnerType = ownerType, OwnerId = ownerId, Text = text, By = access.Actor, At = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }
}
