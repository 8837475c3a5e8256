using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Files;

namespace Supervision.Domain.Submissions;

/// <summary>One stored version of a template as the administrator's list shows it.</summary>
public sealed record TemplateVersion(int Id, string Code, int Version, string Name, Frequency Frequency, bool IsDraft, bool InUse, int Returns, DateTimeOffset? PublishedAt = null)
{
    public string State => IsDraft ? "草稿" : InUse ? "使用中" : "历史版本";

    /// <summary>Since when a published version is in use, as pages write it (a seeded version: since the portal was set up).</summary>
    public string Since => PublishedAt is { } at ? $"自{ChineseDate.Time(at)}起使用" : "自系统启用起使用";
}

/// <summary>A branch a template can be previewed and tried for.</summary>
public sealed record TemplateBranch(int Id, string Code, string Name);

/// <summary>
/// Template design (administrators only): versions, drafts, publishing, the workbook a definition would generate and what
/// a sample file would meet against it. Saving makes a new draft version; publishing makes a draft the version carriers
/// file against; returns keep the version they were filed under.
/// </summary>
public sealed partial class SubmissionService
{
    private void RequireAdministrator()
    {
        if (!access.Scope.IsAdministrator) throw new AccessDeniedException("只有系统管理员可以设计报表模板。");
    }

    /// <summary>Every version of every template, newest first within a code, with how many returns were filed under it.</summary>
    public async Task<IReadOnlyList<TemplateVersion>> TemplateVersionsAsync(CancellationToken ct = default)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ReturnTemplates.AsNoTracking()
            .Select(t => new { t.Id, t.Code, t.Version, t.Name, t.Frequency, t.IsActive, t.PublishedAt }).ToListAsync(ct);
        var returns = await db.Submissions.GroupBy(s => s.TemplateId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var inUse = rows.Where(t => t.IsActive).GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.Max(t => t.Version));
        return rows.OrderBy(t => t.Code).ThenByDescending(t => t.Version)
            .Select(t => new TemplateVersion(t.Id, t.Code, t.Version, t.Name, t.Frequency, !t.IsActive, t.IsActive && inUse[t.Code] == t.Version, returns.GetValueOrDefault(t.Id), t.PublishedAt))
            .ToList();
    }

    /// <summary>The definition of one stored version (a draft or a published one).</summary>
    public async Task<TemplateDefinition> TemplateDefinitionAsync(int id, CancellationToken ct = default)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var template = await db.ReturnTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("报表模板版本");
        return template.Definition with { Version = template.Version };
    }

    /// <summary>
    /// Saves a definition (edited in the designer or imported as JSON) as the next version of its code, a draft; returns its
    /// id. A template with returns filed keeps its frequency: their periods are read by it.
    /// </summary>
    public async Task<int> SaveTemplateAsync(TemplateDefinition definition, CancellationToken ct = default)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var versions = db.ReturnTemplates.Where(t => t.Code == definition.Code);
        var latest = await versions.MaxAsync(t => (int?)t.Version, ct) ?? 0;
        if (await versions.AnyAsync(t => t.Frequency != definition.Frequency, ct)
            && await db.Submissions.AnyAsync(s => s.TemplateCode == definition.Code, ct))
            throw new DomainException("template.frequency_fixed", $"“{definition.Name}”已有报送数据，报送频率不能改为{TemplateNames.Of(definition.Frequency)}；如需不同频率，请导入为新的模板编码。");
        var draft = ReturnTemplate.From(definition with { Version = latest + 1 }, published: false);
        db.ReturnTemplates.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    /// <summary>Makes a draft the version carriers file against from now on.</summary>
    public async Task PublishTemplateAsync(int id, CancellationToken ct = default)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var draft = await db.ReturnTemplates.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("报表模板版本");
        var published = await db.ReturnTemplates.Where(t => t.Code == draft.Code && t.IsActive).MaxAsync(t => (int?)t.Version, ct);
        draft.Publish(published, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The branches that would file <paramref name="definition"/> (to preview and try it for one of them).</summary>
    public async Task<IReadOnlyList<TemplateBranch>> TemplateBranchesAsync(TemplateDefinition definition, CancellationToken ct = default)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync(ct);
        var branches = await db.Branches.AsNoTracking().Include(b => b.Carrier).OrderBy(b => b.ProvinceId).ThenBy(b => b.Code).ToListAsync(ct);
        return branches.Where(b => AppliesTo(definition, b, b.Carrier!)).Select(b => new TemplateBranch(b.Id, b.Code, b.Name)).ToList();
    }

    /// <summary>The period a preview or a try is for unless the administrator picks another: the latest that has ended.</summary>
    public string DefaultPeriod(Frequency frequency) => ReportingPeriod.LatestEnded(frequency, Today(clock.GetUtcNow())).ToString();

    /// <summary>
    /// What the workbook of <paramref name="definition"/> (saved or not) is filled with for a branch and period — the same
    /// fill the real template download uses. A definition with errors is refused with them.
    /// </summary>
    public async Task<TemplateFill> PreviewTemplateAsync(TemplateDefinition definition, int branchId, string period, CancellationToken ct = default)
    {
        RequireAdministrator();
        return await TemplateFillAsync(Unsaved(definition), branchId, period, ct);
    }

    /// <summary>
    /// What a sample file would meet if a branch uploaded it for a period against <paramref name="definition"/> — a draft
    /// not yet published: read and checked exactly as a real upload (<see cref="UploadAsync"/>), nothing stored, nothing logged.
    /// </summary>
    public async Task<IReadOnlyList<ValidationIssue>> TryTemplateAsync(TemplateDefinition definition, int branchId, string period, string fileName, byte[] content,
        Attachment? pdf = null, CancellationToken ct = default)
    {
        RequireAdministrator();
        StoredFile.CheckName(fileName);
        var target = await TargetAsync(Unsaved(definition), branchId, period, ct);
        using var slot = await gate.EnterAsync(content.LongLength, ct);
        var parsed = reader.Read(definition, fileName, content, target.Context, null, ct);
        return Check(target, parsed, pdf);
    }

    private static TemplateInfo Unsaved(TemplateDefinition definition)
    {
        var errors = definition.Validate();
        if (errors.Count > 0) throw new DomainException("template.invalid", $"模板定义有误：{string.Join(" ", errors)}");
        return new TemplateInfo(0, definition.Code, definition.Version, definition.Name, definition.Frequency, definition);
    }
}
