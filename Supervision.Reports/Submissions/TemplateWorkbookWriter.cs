using Supervision.Domain.Submissions;

namespace Supervision.Reports.Submissions;

/// <summary>A web draft as the template workbook (<see cref="TemplateWorkbook.Build(TemplateFill, IReadOnlyDictionary{string, IReadOnlyList{IReadOnlyList{string?}}}?)"/>).</summary>
public sealed class TemplateWorkbookWriter : IReturnWorkbookWriter
{
    public byte[] Write(TemplateFill fill, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string?>>> rows) => TemplateWorkbook.Build(fill, rows);
}
