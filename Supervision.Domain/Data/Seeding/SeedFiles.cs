using System.Text.Json;
using System.Text.Json.Serialization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Data.Seeding;

/// <summary>Reads one JSON file of <c>seed-data/</c>; a broken file stops start-up with its name and the reason.</summary>
public static class SeedFiles
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static List<T> Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
            throw new DomainException("seed.missing", $"基础数据文件不存在：{path}");
        try
        {
            return JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), Options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new DomainException("seed.invalid", $"基础数据文件 {file} 格式错误（第{ex.LineNumber + 1}行）：{ex.Message}");
        }
    }

    /// <summary>The seed folder next to the running assembly (copied there by the build), unless configured.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "seed-data");
}
