using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Data.Configurations;

internal sealed class EnforcementCaseConfiguration : IEntityTypeConfiguration<EnforcementCase>
{
    public void Configure(EntityTypeBuilder<EnforcementCase> b)
    {
        b.HasIndex(c => new { c.ProvinceId, c.State });
        b.HasIndex(c => c.BranchId);
        b.HasIndex(c => c.ActKey);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Facts).HasMaxLength(8000);
        b.Property(c => c.ReviewConclusion).HasMaxLength(4000);
        b.Property(c => c.HearingRecord).HasMaxLength(8000);
        b.Property(c => c.ExitReason).HasMaxLength(2000);
        b.Property(c => c.AppliedLawNote).HasMaxLength(2000);
        b.Property(c => c.ActKey).HasMaxLength(120);
        b.Property(c => c.ConcurrencyToken).IsConcurrencyToken();
        b.Ignore(c => c.Fine);
        b.Ignore(c => c.FineAmount);
        b.Ignore(c => c.Paid);
        b.Ignore(c => c.EffectiveDecisionDueDate);
        b.Ignore(c => c.EffectivePaymentDueDate);
        b.Ignore(c => c.CorrectiveOrderDisregarded);
        b.HasOne(c => c.CorrectiveOrder).WithMany().HasForeignKey(c => c.CorrectiveOrderId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.HearingChairUserId).HasMaxLength(450);
        b.Property(c => c.HearingChairName).HasMaxLength(100);
        b.Property(c => c.HearingMembers).HasMaxLength(400);
        b.Property(c => c.HearingClerk).HasMaxLength(100);
        b.Property(c => c.StatementAdoptionReason).HasMaxLength(2000);
        b.Ignore(c => c.HasStatements);
        b.Ignore(c => c.StatementReviewText);
        b.Property(c => c.ServiceAddress).HasMaxLength(400);
        b.Property(c => c.ElectronicServiceChannel).HasMaxLength(200);
        b.Property(c => c.ServiceRecord).HasMaxLength(2000);
        b.Property(c => c.HearingNoticeServiceMethod).HasMaxLength(100);
        b.Property(c => c.NoPenaltyGroundCode).HasMaxLength(40);
        b.Property(c => c.NoPenaltyArticle).HasMaxLength(400);
        b.Property(c => c.NoPenaltyNumber).HasMaxLength(100);
        b.Property(c => c.AggravatingFacts).HasMaxLength(2000);
        b.Property(c => c.ExtendedLimitationFacts).HasMaxLength(2000);
        b.HasOne(c => c.Branch).WithMany().HasForeignKey(c => c.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.LegalBasis).WithMany().HasForeignKey(c => c.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Investigators).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Evidence).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Sanctions).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Statements).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Payments).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Approvals).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Steps).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Services).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.SignificanceReason).HasMaxLength(2000);
        b.Ignore(c => c.CurrentLegalReview);
        b.Ignore(c => c.SignificanceText);
        b.HasMany(c => c.LegalReviews).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Discussions).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseChildConfigurations :
    IEntityTypeConfiguration<CaseSanction>, IEntityTypeConfiguration<CaseEvidence>, IEntityTypeConfiguration<CaseStatement>, IEntityTypeConfiguration<CaseStep>
{
    public void Configure(EntityTypeBuilder<CaseSanction> b)
    {
        b.Property(s => s.Description).HasMaxLength(2000);
        b.Ignore(s => s.Label);
        b.HasOne(s => s.LegalBasis).WithMany().HasForeignKey(s => s.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CaseEvidence> b)
    {
        b.Property(e => e.Description).HasMaxLength(2000);
        b.HasOne(e => e.File).WithMany().HasForeignKey(e => e.FileId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CaseStatement> b)
    {
        b.Property(s => s.Text).HasMaxLength(8000);
        b.HasOne(s => s.File).WithMany().HasForeignKey(s => s.FileId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CaseStep> b) => b.Property(s => s.Detail).HasMaxLength(2000);
}

internal sealed class CaseDeliberationConfigurations : IEntityTypeConfiguration<CaseLegalReview>, IEntityTypeConfiguration<CaseDiscussion>
{
    public void Configure(EntityTypeBuilder<CaseLegalReview> b)
    {
        b.Property(r => r.ReviewerId).HasMaxLength(450);
        b.Property(r => r.ReviewerName).HasMaxLength(100);
        b.Property(r => r.Text).HasMaxLength(4000);
        b.Property(r => r.Proposal).HasMaxLength(2000);
        b.Ignore(r => r.Approves);
    }

    public void Configure(EntityTypeBuilder<CaseDiscussion> b)
    {
        b.Property(d => d.Participants).HasMaxLength(400);
        b.Property(d => d.Conclusion).HasMaxLength(4000);
    }
}

internal sealed class EnforcementSettingsConfiguration : IEntityTypeConfiguration<EnforcementSettings>
{
    public void Configure(EntityTypeBuilder<EnforcementSettings> b)
    {
        b.HasIndex(s => s.ProvinceId).IsUnique();
        b.Property(s => s.SurchargeRatePerDay).HasPrecision(6, 4);
        b.Property(s => s.PaymentInstructions).HasMaxLength(1000);
        b.Property(s => s.PayeeBank).HasMaxLength(100);
        b.Property(s => s.PayeeAccountName).HasMaxLength(100);
        b.Property(s => s.PayeeAccountNumber).HasMaxLength(40);
        b.Property(s => s.Court).HasMaxLength(100);
        b.HasOne<Catalog.LegalBasis>().WithMany().HasForeignKey(s => s.AgentListLegalBasisId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ElectronicServiceConfiguration : IEntityTypeConfiguration<ElectronicService>
{
    public void Configure(EntityTypeBuilder<ElectronicService> b)
    {
        // One electronic service per document: sending it twice would make two receipts.
        b.HasIndex(s => s.DocumentId).IsUnique();
        b.HasIndex(s => s.CaseId);
        b.HasOne<EnforcementCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Supervision.Domain.Organizations.ServiceAddressConfirmation>().WithMany().HasForeignKey(s => s.ConfirmationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.SentBy).HasMaxLength(200);
        b.Property(s => s.OpenedByUserId).HasMaxLength(450);
        b.Property(s => s.OpenedByName).HasMaxLength(100);
        b.Property(s => s.OpenedFromAddress).HasMaxLength(60);
        b.Property(s => s.DocumentSha256).HasMaxLength(64);
    }
}

internal sealed class CaseServiceRecordConfiguration : IEntityTypeConfiguration<CaseServiceRecord>
{
    public void Configure(EntityTypeBuilder<CaseServiceRecord> b)
    {
        b.Property(s => s.Method).HasMaxLength(100);
        b.Property(s => s.RecipientName).HasMaxLength(50);
        b.Property(s => s.RecipientPost).HasMaxLength(50);
        b.Property(s => s.Servers).HasMaxLength(200);
        b.Property(s => s.TrackingNumber).HasMaxLength(40);
        b.Property(s => s.OpenedBy).HasMaxLength(100);
        b.Property(s => s.Record).HasMaxLength(2000);
        b.Property(s => s.RecordedBy).HasMaxLength(450);
        b.Ignore(s => s.Recipient);
    }
}
