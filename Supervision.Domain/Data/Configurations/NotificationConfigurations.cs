using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Data.Configurations;

internal sealed class MessageKindConfiguration : IEntityTypeConfiguration<MessageKind>
{
    public void Configure(EntityTypeBuilder<MessageKind> b)
    {
        b.HasIndex(k => k.Code).IsUnique();
        b.Property(k => k.Code).HasMaxLength(60);
        b.Property(k => k.Name).HasMaxLength(100);
        b.Ignore(k => k.Prefixes);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.HasIndex(p => new { p.UserId, p.KindCode }).IsUnique();
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.KindCode).HasMaxLength(60);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        // The delivery job's question: what is pending and due.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.ClaimToken);
        // A worker records an outcome only while its claim stands: a claim taken over after the lease ran out makes its save fail.
        b.Property(m => m.ClaimToken).IsConcurrencyToken();
        b.Property(m => m.UserId).HasMaxLength(450);
        b.Property(m => m.KindCode).HasMaxLength(60);
        b.Property(m => m.ClaimedBy).HasMaxLength(200);
        // Optional only for EF: the bell item carries a per-user query filter, which a required end would drag into every join.
        b.HasOne(m => m.Notification).WithMany().HasForeignKey(m => m.NotificationId).IsRequired(false).OnDelete(DeleteBehavior.Cascade);
    }
}
