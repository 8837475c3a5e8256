using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Catalog;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Data.Configurations;

internal sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> b)
    {
        b.HasIndex(p => new { p.ProvinceId, p.Year });
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.Property(p => p.CancelReason).HasMaxLength(2000);
        b.Property(p => p.SamplingRatio).HasPrecision(9, 4);
        // Comma lists keep the columns the same on every provider (as LegalBasis.AllowedSanctions does).
        b.Property(p => p.ScopeCodes).HasConversion(
                v => string.Join(',', v),
                s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((x, y) => x!.SequenceEqual(y!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(4000);
        b.Property(p => p.ChecklistItemIds).HasConversion(
                v => string.Join(',', v),
                s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
                new ValueComparer<List<int>>((x, y) => x!.SequenceEqual(y!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i)), v => v.ToList()))
            .HasMaxLength(1000);
    }
}

internal sealed class DrawRiskFactorConfiguration : IEntityTypeConfiguration<DrawRiskFactor>
{
    public void Configure(EntityTypeBuilder<DrawRiskFactor> b)
    {
        b.HasIndex(f => f.Code).IsUnique();
        b.Property(f => f.Code).HasMaxLength(40);
        b.Property(f => f.Name).HasMaxLength(100);
        b.Property(f => f.Unit).HasMaxLength(100);
        b.Property(f => f.Description).HasMaxLength(2000);
        b.Property(f => f.Points).HasPrecision(9, 2);
    }
}

internal sealed class InspectorRecusalConfiguration : IEntityTypeConfiguration<InspectorRecusal>
{
    public void Configure(EntityTypeBuilder<InspectorRecusal> b)
    {
        b.HasIndex(r => new { r.ProvinceId, r.InspectorUserId, r.CarrierId });
        b.Property(r => r.InspectorUserId).HasMaxLength(450);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.HasOne<Carrier>().WithMany().HasForeignKey(r => r.CarrierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionDrawConfiguration : IEntityTypeConfiguration<InspectionDraw>
{
    public void Configure(EntityTypeBuilder<InspectionDraw> b)
    {
        b.HasIndex(d => new { d.ProvinceId, d.PlanId });
        b.HasOne(d => d.Plan).WithMany().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.SamplingRatio).HasPrecision(9, 4);
        b.Property(d => d.EntityRosterJson).HasMaxLength(10_000_000);
        b.Property(d => d.InspectorRosterJson).HasMaxLength(200_000);
        b.Property(d => d.RecusalsJson).HasMaxLength(200_000);
        b.Property(d => d.ResultJson).HasMaxLength(10_000_000);
        b.Property(d => d.InputDigest).HasMaxLength(64).IsFixedLength();
        b.Property(d => d.Seed).HasMaxLength(200);
        b.Property(d => d.Witnesses).HasMaxLength(1000);
        b.Property(d => d.VoidReason).HasMaxLength(2000);
        b.Property(d => d.RedrawReason).HasMaxLength(2000);
        b.Ignore(d => d.Entities);
        b.Ignore(d => d.Inspectors);
        b.Ignore(d => d.Recusals);
        b.Ignore(d => d.Result);
        b.Ignore(d => d.Inputs);
        b.Ignore(d => d.RiskFormula);
        b.Property(d => d.RiskFormulaJson).HasMaxLength(20_000);
    }
}

internal sealed class DrawReplacementConfiguration : IEntityTypeConfiguration<DrawReplacement>
{
    public void Configure(EntityTypeBuilder<DrawReplacement> b)
    {
        b.HasIndex(r => new { r.ProvinceId, r.DrawId });
        b.HasOne<InspectionDraw>().WithMany().HasForeignKey(r => r.DrawId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.EntityKey).HasMaxLength(200);
        b.Property(r => r.ReplacedUserName).HasMaxLength(256);
        b.Property(r => r.ReplacementUserName).HasMaxLength(256);
        b.Property(r => r.ReplacedDisplayName).HasMaxLength(100);
        b.Property(r => r.ReplacementDisplayName).HasMaxLength(100);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.Seed).HasMaxLength(200);
        b.Property(r => r.CandidatesJson).HasMaxLength(200_000);
        b.Property(r => r.Digest).HasMaxLength(64).IsFixedLength();
        b.Ignore(r => r.Candidates);
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.HasIndex(i => new { i.ProvinceId, i.Status });
        b.HasIndex(i => i.PlanId);
        b.HasIndex(i => i.BranchId);
        b.HasOne(i => i.Branch).WithMany().HasForeignKey(i => i.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Plan).WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionDraw>().WithMany().HasForeignKey(i => i.DrawId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Inspectors).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Items).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.EntityKey).HasMaxLength(200);
        b.Property(i => i.Summary).HasMaxLength(2000);
        b.Property(i => i.ConcurrencyToken).IsConcurrencyToken();
    }
}

internal sealed class InspectionInspectorConfiguration : IEntityTypeConfiguration<InspectionInspector>
{
    public void Configure(EntityTypeBuilder<InspectionInspector> b)
    {
        b.HasIndex(x => new { x.InspectionId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.Property(x => x.UserId).HasMaxLength(450);
    }
}

internal sealed class InspectionItemResultConfiguration : IEntityTypeConfiguration<InspectionItemResult>
{
    public void Configure(EntityTypeBuilder<InspectionItemResult> b)
    {
        b.HasIndex(x => new { x.InspectionId, x.ChecklistItemId }).IsUnique();
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.ItemEvidenceHint).HasMaxLength(2000);
    }
}

internal sealed class InspectionAmendmentConfiguration : IEntityTypeConfiguration<InspectionAmendment>
{
    public void Configure(EntityTypeBuilder<InspectionAmendment> b)
    {
        b.HasIndex(x => x.InspectionId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.NotesBefore).HasMaxLength(4000);
        b.Property(x => x.NotesAfter).HasMaxLength(4000);
        b.Property(x => x.Reason).HasMaxLength(2000);
    }
}

internal sealed class InternalNoteConfiguration : IEntityTypeConfiguration<InternalNote>
{
    public void Configure(EntityTypeBuilder<InternalNote> b)
    {
        b.HasIndex(x => new { x.OwnerType, x.OwnerId });
        b.Property(x => x.OwnerType).HasMaxLength(40);
        b.Property(x => x.Text).HasMaxLength(4000);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.HasIndex(x => new { x.OwnerType, x.OwnerId });
        b.Property(x => x.OwnerType).HasMaxLength(40);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasOne(x => x.File).WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.HasIndex(f => new { f.ProvinceId, f.Status });
        b.HasIndex(f => f.InspectionId);
        // One finding per flag and per inspection item: turning a flag into a finding twice is refused by the database too.
        b.HasIndex(f => f.SubmissionFlagId).IsUnique();
        b.HasIndex(f => f.ItemResultId).IsUnique();
        b.HasOne(f => f.Branch).WithMany().HasForeignKey(f => f.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.LegalBasis).WithMany().HasForeignKey(f => f.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.Title).HasMaxLength(200);
        b.Property(f => f.Facts).HasMaxLength(4000);
        b.Property(f => f.DecisionNote).HasMaxLength(2000);
        b.Property(f => f.ConcurrencyToken).IsConcurrencyToken();
    }
}

internal sealed class CorrectiveOrderConfiguration : IEntityTypeConfiguration<CorrectiveOrder>
{
    public void Configure(EntityTypeBuilder<CorrectiveOrder> b)
    {
        b.HasIndex(o => new { o.ProvinceId, o.State });
        b.HasIndex(o => o.FindingId);
        b.HasOne(o => o.Branch).WithMany().HasForeignKey(o => o.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.LegalBasis).WithMany().HasForeignKey(o => o.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Finding>().WithMany().HasForeignKey(o => o.FindingId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Replies).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Extensions).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Property(o => o.Facts).HasMaxLength(4000);
        b.Property(o => o.Requirement).HasMaxLength(4000);
        b.Property(o => o.VerificationOpinion).HasMaxLength(4000);
        b.Property(o => o.EscalationReason).HasMaxLength(2000);
        b.Property(o => o.ResponsibleUserId).HasMaxLength(450);
        b.Property(o => o.ConcurrencyToken).IsConcurrencyToken();
        b.Ignore(o => o.PendingExtension);
    }
}

internal sealed class RectificationReplyConfiguration : IEntityTypeConfiguration<RectificationReply>
{
    public void Configure(EntityTypeBuilder<RectificationReply> b)
    {
        b.Property(r => r.Text).HasMaxLength(8000);
    }
}

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> b)
    {
        b.Property(e => e.Reason).HasMaxLength(2000);
        b.Property(e => e.DecisionReason).HasMaxLength(2000);
    }
}
