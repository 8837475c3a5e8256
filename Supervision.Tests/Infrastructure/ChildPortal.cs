using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Supervision.Domain.Data;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// The portal as a process of its own (the build of this test run: Supervision.Web/bin/&lt;configuration&gt;), on a free
/// loopback port against a given database — for what an in-process portal cannot show, such as being killed.
/// </summary>
public sealed class ChildPortal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    public Uri BaseAddress { get; }

    private ChildPortal(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    /// <summary>What the portal wrote to stdout and stderr so far (its log: warnings and up unless a setting says otherwise).</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static Task<ChildPortal> StartAsync(string databasePath) => StartAsync(DatabaseSettings.Sqlite(TemplateDatabase.ConnectionString(databasePath)));

    /// <param name="settings">Configuration on top of the defaults (jobs off, warnings only), e.g. ["Jobs:Enabled"] = "true".</param>
    public static async Task<ChildPortal> StartAsync(DatabaseSettings database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dll = WebDll();
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Database__Provider"] = database.Provider.ToString();
        psi.Environment["ConnectionStrings__Supervision"] = database.ConnectionString;
        psi.Environment["Jobs__Enabled"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // Documents are issued only with a public verification address, and outside Development not under a placeholder domain
        // (example.gov.cn, *.test): a real-looking one (a test's own settings may name another).
        psi.Environment["PublicSite__BaseUrl"] = "https://nxca.miit.gov.cn";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(psi)!;
        var portal = new ChildPortal(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) portal._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) portal._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitHealthyAsync();
        return portal;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no finally blocks — as a crash or the OOM killer.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // A generous ceiling only against a portal that never starts; the wait ends as soon as /healthz answers.
        var ceiling = Stopwatch.StartNew();
        while (ceiling.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/healthz"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (_process.HasExited)
                throw new InvalidOperationException($"the portal exited with code {_process.ExitCode}:\n{string.Join('\n', _output.TakeLast(40))}");
            await Task.Delay(50);
        }
        throw new TimeoutException("the portal did not answer /healthz");
    }

    /// <summary>Runs the portal's dll as a command-line task (e.g. --backup) from a chosen working directory; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [WebDll(), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The folder of the Supervision.Web project whose build the tests run.</summary>
    public static string WebProjectDirectory() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(WebDll())!, "..", "..", ".."));

    private static string WebDll()
    {
        // Tests run from Supervision.Tests/bin/<configuration>/<tfm>/: the portal of the same build sits beside it.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (testBin.Name, testBin.Parent!.Name);
        for (var dir = testBin; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Supervision.sln"))) continue;
            var dll = Path.Combine(dir.FullName, "Supervision.Web", "bin", configuration, tfm, "Supervision.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first (dotnet build Supervision.sln).", dll);
        }
        throw new InvalidOperationException("Supervision.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
