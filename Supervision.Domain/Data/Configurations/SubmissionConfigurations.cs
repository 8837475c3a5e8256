using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Access;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Data.Configurations;

internal sealed class ReturnTemplateConfiguration : IEntityTypeConfiguration<ReturnTemplate>
{
    public void Configure(EntityTypeBuilder<ReturnTemplate> b)
    {
        b.HasIndex(t => new { t.Code, t.Version }).IsUnique();
        b.Property(t => t.Code).HasMaxLength(40);
        b.Property(t => t.DefinitionJson).HasMaxLength(200_000);
        b.Ignore(t => t.Definition);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.HasIndex(s => new { s.BranchId, s.TemplateCode, s.Period, s.Version }).IsUnique();
        b.HasIndex(s => new { s.BranchId, s.IdempotencyKey }).IsUnique();
        b.HasIndex(s => new { s.ProvinceId, s.TemplateCode, s.Period, s.Status });
        b.Property(s => s.TemplateCode).HasMaxLength(40);
        b.Property(s => s.Period).HasMaxLength(10);
        b.Property(s => s.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(s => s.IdempotencyKey).HasMaxLength(100);
        b.Property(s => s.ReviewNote).HasMaxLength(2000);
        b.Property(s => s.ConcurrencyToken).IsConcurrencyToken();
        b.HasOne(s => s.Branch).WithMany().HasForeignKey(s => s.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Template).WithMany().HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.File).WithMany().HasForeignKey(s => s.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.AttachmentFile).WithMany().HasForeignKey(s => s.AttachmentFileId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Flags).WithOne().HasForeignKey(f => f.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmissionFlagConfiguration : IEntityTypeConfiguration<SubmissionFlag>
{
    public void Configure(EntityTypeBuilder<SubmissionFlag> b)
    {
        b.HasIndex(f => new { f.ProvinceId, f.Code });
        b.Property(f => f.Message).HasMaxLength(1000);
    }
}

internal sealed class PlausibilityExplanationConfiguration : IEntityTypeConfiguration<PlausibilityExplanation>
{
    public void Configure(EntityTypeBuilder<PlausibilityExplanation> b)
    {
        b.HasIndex(e => e.SubmissionId);
        b.HasIndex(e => new { e.ProvinceId, e.Check });
        b.Property(e => e.Sheet).HasMaxLength(31);
        b.Property(e => e.Cell).HasMaxLength(20);
        b.Property(e => e.Row).HasMaxLength(200);
        b.Property(e => e.Check).HasMaxLength(60);
        b.Property(e => e.Kind).HasMaxLength(20);
        b.Property(e => e.Figure).HasMaxLength(100);
        b.Property(e => e.Value).HasPrecision(20, 4);
        b.Property(e => e.ShownValue).HasMaxLength(40);
        b.Property(e => e.Expected).HasMaxLength(300);
        b.Property(e => e.History).HasMaxLength(1000);
        b.Property(e => e.Explanation).HasMaxLength(PlausibilityExplanation.MaxLength);
        b.Property(e => e.ExplainedBy).HasMaxLength(256);
        b.HasOne<Submission>().WithMany().HasForeignKey(e => e.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmissionCommentConfiguration : IEntityTypeConfiguration<SubmissionComment>
{
    public void Configure(EntityTypeBuilder<SubmissionComment> b)
    {
        b.HasIndex(c => new { c.BranchId, c.TemplateCode, c.Period });
        b.Property(c => c.Text).HasMaxLength(SubmissionComment.MaxLength);
        b.Property(c => c.AuthorName).HasMaxLength(200);
        b.Property(c => c.AuthorId).HasMaxLength(450);
    }
}

internal sealed class ReturnDraftConfiguration : IEntityTypeConfiguration<ReturnDraft>
{
    public void Configure(EntityTypeBuilder<ReturnDraft> b)
    {
        b.HasIndex(d => new { d.BranchId, d.TemplateCode, d.Period }).IsUnique();
        b.Property(d => d.TemplateCode).HasMaxLength(40);
        b.Property(d => d.Period).HasMaxLength(10);
        b.Property(d => d.ValuesJson).HasMaxLength(ReturnDraft.MaxJsonLength);
        b.Property(d => d.SavedById).HasMaxLength(450);
        b.Property(d => d.SavedByName).HasMaxLength(200);
        b.Property(d => d.ConcurrencyToken).IsConcurrencyToken();
        b.HasOne<Supervision.Domain.Organizations.Branch>().WithMany().HasForeignKey(d => d.BranchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubmissionAttemptConfiguration : IEntityTypeConfiguration<SubmissionAttempt>
{
    public void Configure(EntityTypeBuilder<SubmissionAttempt> b)
    {
        b.HasIndex(a => new { a.BranchId, a.TemplateCode, a.Period });
        b.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(a => a.FirstErrors).HasMaxLength(20_000);
    }
}

internal sealed class ReturnRowConfigurations :
    IEntityTypeConfiguration<RnSummaryRow>, IEntityTypeConfiguration<OutletRow>, IEntityTypeConfiguration<LogSystemRow>, IEntityTypeConfiguration<SelfCheckRow>
{
    public void Configure(EntityTypeBuilder<RnSummaryRow> b) => Common(b);
    public void Configure(EntityTypeBuilder<OutletRow> b) => Common(b);
    public void Configure(EntityTypeBuilder<LogSystemRow> b) => Common(b);

    public void Configure(EntityTypeBuilder<SelfCheckRow> b)
    {
        Common(b);
        b.Property(r => r.Narrative).HasMaxLength(2000);
        b.Property(r => r.Remedy).HasMaxLength(2000);
    }

    private static void Common<T>(EntityTypeBuilder<T> b) where T : ReturnRow
    {
        b.HasIndex(r => new { r.SubmissionId, r.RowNumber });
        b.Property(r => r.ExtraValues).HasMaxLength(100_000);
        b.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasIndex(k => k.Prefix).IsUnique();
        b.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        b.Property(k => k.Hash).HasMaxLength(64).IsFixedLength();
    }
}
