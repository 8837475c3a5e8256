using Microsoft.Extensions.Configuration;
using System.Globalization;

namespace Supervision.Benchmarks;

/// <summary>A measured scenario: it makes its own data, runs, and reports figures.</summary>
public interface IScenario
{
    string Name { get; }
    Task RunAsync(BenchContext context);
}

/// <summary>Where a scenario reports figures (one line each: <c>BENCH scenario name=value</c>) and keeps files.</summary>
public sealed class BenchContext(string scenario, string? outDir, IReadOnlyList<string>? args = null)
{
    /// <summary>The value after <paramref name="option"/> on the command line (e.g. "--seconds 20"), or null.</summary>
    public string? Option(string option)
    {
        var list = args ?? [];
        for (var i = 0; i + 1 < list.Count; i++)
            if (list[i] == option) return list[i + 1];
        return null;
    }

    public string Scenario { get; } = scenario;

    /// <summary>The directory asked for with --out, or null when the scenario's files may be thrown away.</summary>
    public string? OutDir { get; } = outDir is null ? null : Directory.CreateDirectory(Path.Combine(outDir, scenario)).FullName;

    /// <summary>A scratch directory: OutDir when given, else a temporary one.</summary>
    public string WorkDir => OutDir ?? Directory.CreateTempSubdirectory($"bench-{Scenario}-").FullName;

    public void Report(string figure, double value) =>
        Console.WriteLine($"BENCH {Scenario} {figure}={value.ToString("0.###", CultureInfo.InvariantCulture)}");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Supervision.sln")))
                    return dir.FullName;
            throw new InvalidOperationException("Supervision.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// Runs this benchmark program again with <paramref name="args"/> in a fresh process (for figures that need a
    /// cold start or a process of their own) and returns the name=value lines it prints.
    /// </summary>
    public static async Task<Dictionary<string, double>> RunChildAsync(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(BenchContext).Assembly.Location, .. args]) { RedirectStandardOutput = true };
        using var child = System.Diagnostics.Process.Start(psi)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var figures = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => double.Parse(p[1], CultureInfo.InvariantCulture));
        if (child.ExitCode != 0 || figures.Count == 0)
            throw new InvalidOperationException($"benchmark child {string.Join(' ', args)} failed: {output}");
        return figures;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

public static class Scenarios
{
    /// <summary>The settings issued documents need from configuration: the public verification address of their QR codes (a demo one).</summary>
    public static Microsoft.Extensions.Configuration.IConfiguration DocumentSettings() =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PublicSite:BaseUrl"] = "https://gxt.nx.example.gov.cn" }).Build();

    public static readonly IReadOnlyList<IScenario> All =
    [
        new StartupScenario(),
        new ImportScenario(),
        new XlsxReadScenario(),
        new PdfDecisionScenario(),
        new PublicListScenario(),
        new RankingsScenario(),
        new LoadScenario(),
        new SessionCheckScenario(),
        new CircuitsScenario(),
        new DeadlineDayScenario(),
    ];
}
