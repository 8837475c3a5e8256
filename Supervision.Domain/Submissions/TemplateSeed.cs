using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>Loads the return templates of seed-data/templates/*.json into an empty table.</summary>
internal static class TemplateSeed
{
    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        if (await db.ReturnTemplates.AnyAsync(ct)) return;
        var folder = Path.Combine(dir, "templates");
        if (!Directory.Exists(folder)) throw new DomainException("seed.missing", $"报表模板目录不存在：{folder}");
        foreach (var file in Directory.GetFiles(folder, "*.json").Order())
        {
            TemplateDefinition definition;
            try { definition = TemplateDefinition.FromJson(await File.ReadAllTextAsync(file, ct)); }
            catch (System.Text.Json.JsonException ex) { throw new DomainException("seed.invalid", $"报表模板 {Path.GetFileName(file)} 格式错误：{ex.Message}"); }
            db.ReturnTemplates.Add(ReturnTemplate.From(definition));
        }
        await db.SaveChangesAsync(ct);
    }
}
