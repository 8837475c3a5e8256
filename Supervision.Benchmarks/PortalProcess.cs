using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Supervision.Domain.Data;

namespace Supervision.Benchmarks;

/// <summary>The portal built in Release, started as a process of its own on a free loopback port against a given database.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private TextWriter? _log;
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    /// <summary>The portal process's working set (resident memory) now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    private PortalProcess(Process process, int port) => (_process, Port) = (process, port);

    public static string Dll
    {
        get
        {
            var dll = Path.Combine(BenchContext.RepositoryRoot, "Supervision.Web", "bin", "Release", "net10.0", "Supervision.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the portal in Release first (dotnet build -c Release Supervision.Web).", dll);
        }
    }

    public static PortalProcess Start(string database, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(DatabaseSettings.Sqlite($"Data Source={database}"), environment);

    /// <param name="logPath">Where the portal's own output (its log: warnings and errors) goes; discarded without one.</param>
    public static PortalProcess Start(DatabaseSettings database, IReadOnlyDictionary<string, string>? environment = null, string? logPath = null)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [Dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Database__Provider"] = database.Provider.ToString();
        psi.Environment["ConnectionStrings__Supervision"] = database.ConnectionString;
        // Receipts and decisions carry the verification address; without one (or with a placeholder such as example.gov.cn)
        // a Production portal refuses to issue them. The address of the tests' production portal (ChildPortal).
        psi.Environment["PublicSite__BaseUrl"] = "https://nxca.miit.gov.cn";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        var process = Process.Start(psi)!;
        var log = logPath is null ? null : TextWriter.Synchronized(new StreamWriter(logPath, append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log?.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log?.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PortalProcess(process, port) { _log = log };
    }

    /// <summary>Polls /healthz until it answers 200 (or the process exits, or 60 s pass).</summary>
    public async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/healthz"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (_process.HasExited) throw new InvalidOperationException($"the portal exited with code {_process.ExitCode}");
            await Task.Delay(20);
        }
        throw new TimeoutException("the portal did not become healthy within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _log?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
