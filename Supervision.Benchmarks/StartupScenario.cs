using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Supervision.Benchmarks;

/// <summary>
/// Time from starting the portal process to a healthy <c>/healthz</c>: cold (empty database: migrations
/// and catalogs) and warm (existing database), as a real start, from outside the process.
/// </summary>
public sealed class StartupScenario : IScenario
{
    public string Name => "startup";

    public async Task RunAsync(BenchContext context)
    {
        var dll = Path.Combine(BenchContext.RepositoryRoot, "Supervision.Web", "bin", "Release", "net10.0", "Supervision.Web.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException("Build the portal in Release first (dotnet run -c Release builds it as a reference).", dll);
        var db = Path.Combine(context.WorkDir, "startup.db");
        foreach (var f in Directory.GetFiles(context.WorkDir, "startup.db*")) File.Delete(f);

        context.Report("cold_ms", await StartAsync(dll, db));
        var warm = new List<double>();
        for (var i = 0; i < 3; i++) warm.Add(await StartAsync(dll, db));
        context.Report("warm_ms", BenchContext.Median(warm));
    }

    private static async Task<double> StartAsync(string dll, string database)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Supervision"] = $"Data Source={database}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK)
                        return watch.Elapsed.TotalMilliseconds;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (process.HasExited) throw new InvalidOperationException($"the portal exited with code {process.ExitCode}");
                await Task.Delay(20);
            }
            throw new TimeoutException("the portal did not become healthy within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
