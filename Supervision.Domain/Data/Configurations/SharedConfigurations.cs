using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Documents;
using Supervision.Domain.Files;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Data.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.HasIndex(f => f.Sha256);
        b.HasOne(f => f.Content).WithOne().HasForeignKey<FileContent>(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FileContentConfiguration : IEntityTypeConfiguration<FileContent>
{
    public void Configure(EntityTypeBuilder<FileContent> b)
    {
        b.HasKey(c => c.FileId);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasIndex(n => new { n.UserId, n.DedupKey }).IsUnique();
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.Property(n => n.UserId).HasMaxLength(450);
        b.Property(n => n.DedupKey).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(2000);
    }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        // The number itself is unique: the last guard against two documents sharing one.
        b.HasIndex(d => new { d.ProvinceId, d.NumberCode, d.Year, d.Sequence }).IsUnique();
        b.HasIndex(d => new { d.OwnerType, d.OwnerId });
        b.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(d => d.VerificationCode).HasMaxLength(VerificationCodes.Length);
        b.HasIndex(d => d.VerificationCode).IsUnique();
        b.Property(d => d.NumberCode).HasMaxLength(10);
        b.Property(d => d.OwnerType).HasMaxLength(60);
        b.Property(d => d.OwnerId).HasMaxLength(60);
        b.Property(d => d.DataJson).HasMaxLength(200_000);
        b.HasOne(d => d.File).WithMany().HasForeignKey(d => d.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentSequenceConfiguration : IEntityTypeConfiguration<DocumentSequence>
{
    public void Configure(EntityTypeBuilder<DocumentSequence> b)
    {
        b.HasIndex(s => new { s.ProvinceId, s.Code, s.Year }).IsUnique();
        b.Property(s => s.Code).HasMaxLength(10);
    }
}
