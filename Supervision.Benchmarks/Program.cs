using Supervision.Benchmarks;

// dotnet run -c Release --project Supervision.Benchmarks -- <scenario>|all [--out DIR] [--seconds N (load)]
if (args is ["import-child", var childProvider, var childConnection, var childFile, var childPeriod, .. var childRest])
    return await ImportScenario.ChildAsync(childProvider, childConnection, childFile, childPeriod, warm: childRest is ["warm"]);
if (args is ["pdf-first-child"])
    return PdfDecisionScenario.FirstDocumentChild();
var scenarios = Scenarios.All.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
// Every --option takes a value (--out DIR, --seconds N); the scenario's name is the one argument that is neither.
var name = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault();
var outIndex = Array.IndexOf(args, "--out");
var outDir = outIndex >= 0 && outIndex + 1 < args.Length ? Path.GetFullPath(args[outIndex + 1]) : null;

if (name is null || (name != "all" && !scenarios.ContainsKey(name)))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project Supervision.Benchmarks -- <{string.Join("|", scenarios.Keys)}>|all [--out DIR] [--seconds N]");
    return 2;
}
#if DEBUG
Console.Error.WriteLine("warning: a Debug build; figures are only meaningful with -c Release");
#endif
foreach (var scenario in name == "all" ? scenarios.Values.ToList() : [scenarios[name]])
{
    var context = new BenchContext(scenario.Name, outDir, args);
    await scenario.RunAsync(context);
}
return 0;
