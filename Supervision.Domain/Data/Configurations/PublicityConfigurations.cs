using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Data.Configurations;

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> b)
    {
        b.HasIndex(a => new { a.SourceType, a.SourceId, a.Kind }).IsUnique();
        b.HasIndex(a => new { a.ProvinceId, a.Status });
        // The public list: in period, newest first, counted and paged from the index alone (rows carry long texts).
        b.HasIndex(a => new { a.PublishedOn, a.PublicUntil, a.Status, a.Kind, a.ProvinceId });
        b.Property(a => a.SourceType).HasMaxLength(60);
        b.Property(a => a.SourceId).HasMaxLength(60);
        b.Property(a => a.Authority).HasMaxLength(100);
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.PartyName).HasMaxLength(200);
        b.Property(a => a.CreditCode).HasMaxLength(18);
        b.Property(a => a.LegalRepresentative).HasMaxLength(100);
        b.Property(a => a.DocumentNumber).HasMaxLength(60);
        b.Property(a => a.Facts).HasMaxLength(4000);
        b.Property(a => a.PenaltyTypes).HasMaxLength(200);
        b.Property(a => a.LegalBasis).HasMaxLength(1000);
        b.Property(a => a.PenaltyContent).HasMaxLength(2000);
        b.Property(a => a.Body).HasMaxLength(20_000);
        b.Property(a => a.SourceChangeReason).HasMaxLength(2000);
        b.Property(a => a.WithdrawReason).HasMaxLength(2000);
        b.Property(a => a.CategoryName).HasMaxLength(100);
        b.Property(a => a.NotPublishedReason).HasMaxLength(2000);
        b.Property(a => a.RepairReason).HasMaxLength(2000);
        b.Property(a => a.AgentNoticeMethod).HasMaxLength(100);
        b.Property(a => a.AgentNoticeText).HasMaxLength(6000);
        b.Property(a => a.AgentStatement).HasMaxLength(4000);
        b.Property(a => a.AgentStatementReview).HasMaxLength(2000);
        b.Property(a => a.AgentStatementReviewedBy).HasMaxLength(100);
        // The legal basis an agent entry cites (the list's basis when it was published).
        b.HasOne<Catalog.LegalBasis>().WithMany().HasForeignKey(a => a.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.ConcurrencyToken).IsConcurrencyToken();
    }
}

internal sealed class PublicationCategoryConfiguration : IEntityTypeConfiguration<PublicationCategory>
{
    public void Configure(EntityTypeBuilder<PublicationCategory> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Source).HasMaxLength(1000);
    }
}
