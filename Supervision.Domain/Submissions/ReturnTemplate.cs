using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>A version of a compliance return template, stored as its JSON definition (data an administrator maintains).</summary>
public class ReturnTemplate : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public Frequency Frequency { get; set; }
    public string DefinitionJson { get; set; } = "";
    public bool IsActive { get; set; } = true;

    private TemplateDefinition? _definition;

    public TemplateDefinition Definition => _definition ??= TemplateDefinition.FromJson(DefinitionJson);

    public static ReturnTemplate From(TemplateDefinition definition)
    {
        var errors = definition.Validate();
        if (errors.Count > 0)
            throw new DomainException("template.invalid", $"模板{definition.Code}定义有误：{string.Join(" ", errors)}");
        return new ReturnTemplate
        {
            Code = definition.Code, Version = definition.Version, Name = definition.Name, Frequency = definition.Frequency,
            DefinitionJson = definition.ToJson(),
        };
    }
}
