using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>
/// A version of a compliance return template, stored as its JSON definition (data an administrator maintains). A saved
/// version is a draft (<see cref="IsActive"/> false) until it is published; carriers file against the latest published
/// version, and a return keeps the version it was filed under.
/// </summary>
public class ReturnTemplate : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public Frequency Frequency { get; set; }
    public string DefinitionJson { get; set; } = "";

    /// <summary>Published: carriers file against the latest published version of the code. False: a draft nobody files against yet.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>When the version was published (null for a draft and for the versions seeded when the portal was set up).</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    private TemplateDefinition? _definition;

    public TemplateDefinition Definition => _definition ??= TemplateDefinition.FromJson(DefinitionJson);

    public bool IsDraft => !IsActive;

    /// <summary>A version of a checked definition; published at once (a seed) or saved as a draft (an edit).</summary>
    public static ReturnTemplate From(TemplateDefinition definition, bool published = true)
    {
        var errors = definition.Validate();
        if (errors.Count > 0)
            throw new DomainException("template.invalid", $"模板{definition.Code}定义有误：{string.Join(" ", errors)}");
        return new ReturnTemplate
        {
            Code = definition.Code, Version = definition.Version, Name = definition.Name, Frequency = definition.Frequency,
            DefinitionJson = definition.ToJson(), IsActive = published,
        };
    }

    /// <summary>
    /// Makes this draft the version carriers file against. Only a draft newer than the version in use can be published
    /// (an older one would silently stay unused behind it).
    /// </summary>
    public void Publish(int? publishedVersion, DateTimeOffset now)
    {
        if (!IsDraft) throw new DomainException("template.not_draft", $"第{Version}版已经发布。");
        if (publishedVersion > Version)
            throw new DomainException("template.draft_outdated", $"第{Version}版草稿早于正在使用的第{publishedVersion}版，不能发布；请在第{publishedVersion}版的基础上修改后再发布。");
        var errors = Definition.Validate();
        if (errors.Count > 0)
            throw new DomainException("template.invalid", $"第{Version}版定义有误，不能发布：{string.Join(" ", errors)}");
        IsActive = true;
        PublishedAt = now;
    }
}
