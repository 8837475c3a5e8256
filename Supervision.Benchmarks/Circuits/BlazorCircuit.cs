using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Supervision.Benchmarks.Circuits;

/// <summary>
/// One browser tab of the portal, spoken to as blazor.web.js does, without a browser: it GETs a page with the person's
/// sign-in cookie, reads the prerendered root components' markers (<c>&lt;!--Blazor:{…}--&gt;</c>) and the persisted
/// state, opens the hub at <c>/_blazor</c> (protocol "blazorpack"), starts the circuit (<c>StartCircuit</c>, then
/// <c>UpdateRootComponents</c> with the markers), acknowledges every render batch (<c>OnRenderCompleted</c>), answers the
/// server's JavaScript calls (as a browser whose scripts return nothing, or the value a browser gives where the server needs one), follows links as the router does
/// (<c>OnLocationChanged</c>) and clicks (the renderer's <c>DispatchEventAsync</c>). Latency of an action: from sending it
/// to the next render batch received.
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    private readonly Uri _baseAddress;
    private readonly CookieContainer _cookies;
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<ulong, EventTarget> _targets = new();
    private readonly ConcurrentQueue<string> _links = new();
    private readonly TaskCompletionSource<long> _rendererInterop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _nextBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _secret;
    private long _callId;
    private long _jsObjectId;

    /// <summary>Errors the server reported for this circuit (JS.Error, a failed event dispatch), newest last.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>When the last render batch arrived (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long LastBatchTicks;

    public string Location { get; private set; } = "";

    private BlazorCircuit(Uri baseAddress, CookieContainer cookies)
    {
        (_baseAddress, _cookies) = (baseAddress, cookies);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "_blazor"), HttpTransportType.WebSockets, o => o.Cookies = cookies);
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        _connection = builder.Build();
        _connection.ServerTimeout = TimeSpan.FromSeconds(120);
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _connection.On<string, bool, string>("JS.EndInvokeDotNet", (id, ok, result) =>
        {
            if (!ok) Errors.Enqueue($"event {id} failed: {Short(result)}");
        });
        _connection.On<string>("JS.Error", error => Errors.Enqueue($"circuit error: {Short(error)}"));
        _connection.Closed += e =>
        {
            if (e is not null) Errors.Enqueue($"connection closed: {e.GetType().Name} {Short(e.Message)}");
            return Task.CompletedTask;
        };
    }

    /// <summary>Opens <paramref name="path"/> as a browser tab with the cookies of a signed-in person and starts its circuit.</summary>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient signedIn, CookieContainer cookies, string path, TimeSpan timeout)
    {
        var html = await signedIn.GetStringAsync(path);
        var circuit = new BlazorCircuit(signedIn.BaseAddress!, cookies);
        await circuit.StartAsync(new Uri(signedIn.BaseAddress!, path).ToString(), html, timeout);
        return circuit;
    }

    private async Task StartAsync(string url, string html, TimeSpan timeout)
    {
        Location = url;
        var markers = Marker().Matches(html).Select(m => m.Groups["json"].Value)
            .Select(json => JsonDocument.Parse(json).RootElement).Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "server").ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"{url}: no interactive server component in the page");
        var state = State().Match(html) is { Success: true } m ? m.Groups["state"].Value : "";
        var operations = JsonSerializer.Serialize(new
        {
            batchId = 1,
            operations = markers.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker }),
        });
        var first = _nextBatch.Task;
        using var cts = new CancellationTokenSource(timeout);
        await _connection.StartAsync(cts.Token);
        _secret = await _connection.InvokeAsync<string?>("StartCircuit", _baseAddress.ToString(), url, "[]", state, cts.Token)
            ?? throw new InvalidOperationException($"{url}: the server refused to start the circuit ({string.Join("; ", Errors)})");
        await _connection.SendAsync("UpdateRootComponents", operations, state, cts.Token);
        await first.WaitAsync(cts.Token);
        await _rendererInterop.Task.WaitAsync(cts.Token);
    }

    /// <summary>Follows a link inside the portal as the router does (the browser intercepts the click); ms to the next render batch.</summary>
    public async Task<double> NavigateAsync(string path, TimeSpan timeout)
    {
        _links.Clear();
        Location = new Uri(_baseAddress, path).ToString();
        return await TimedAsync(() => _connection.SendAsync("OnLocationChanged", Location, null, true), timeout);
    }

    /// <summary>Clicks an element the page rendered with an onclick handler; ms to the next render batch.</summary>
    public async Task<double> ClickAsync(EventTarget target, TimeSpan timeout)
    {
        var renderer = await _rendererInterop.Task;
        var descriptor = new { eventHandlerId = target.HandlerId, eventName = "click", eventFieldInfo = (object?)null };
        var mouse = new { type = "click", detail = 1, screenX = 0, screenY = 0, clientX = 0, clientY = 0, offsetX = 0, offsetY = 0, pageX = 0, pageY = 0, movementX = 0, movementY = 0, button = 0, buttons = 0, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false };
        var args = JsonSerializer.Serialize(new object[] { descriptor, mouse });
        var id = Interlocked.Increment(ref _callId).ToString(CultureInfo.InvariantCulture);
        return await TimedAsync(() => _connection.SendAsync("BeginInvokeDotNetFromJS", id, null, "DispatchEventAsync", renderer, args), timeout);
    }

    /// <summary>The click targets the page currently shows that match <paramref name="predicate"/>.</summary>
    public IReadOnlyList<EventTarget> Targets(Func<EventTarget, bool> predicate) => _targets.Values.Where(predicate).ToList();

    /// <summary>The links rendered since the last navigation.</summary>
    public IReadOnlyList<string> Links => _links.ToList();

    private async Task<double> TimedAsync(Func<Task> send, TimeSpan timeout)
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextBatch = next;
        var watch = Stopwatch.StartNew();
        await send();
        await next.Task.WaitAsync(timeout);
        return watch.Elapsed.TotalMilliseconds;
    }

    private async Task OnRenderBatchAsync(long id, byte[] data)
    {
        Interlocked.Exchange(ref LastBatchTicks, Stopwatch.GetTimestamp());
        string? error = null;
        try
        {
            var batch = RenderBatchReader.Read(data);
            foreach (var handler in batch.DisposedHandlers) _targets.TryRemove(handler, out _);
            foreach (var target in batch.Targets) _targets[target.HandlerId] = target;
            foreach (var link in batch.Links) _links.Enqueue(link);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            error = $"unreadable render batch: {e.Message}";
            Errors.Enqueue(error);
        }
        _nextBatch.TrySetResult();
        await _connection.SendAsync("OnRenderCompleted", id, error);
    }

    /// <summary>
    /// The server's JavaScript calls, answered as a page whose scripts return nothing: a JS module import gets an object
    /// reference, anything else null. The renderer's interop object (for dispatching events) is taken from
    /// <c>Blazor._internal.attachWebRendererInterop</c>.
    /// </summary>
    private async Task OnBeginInvokeJSAsync(long handle, string identifier, string argsJson, int resultType, long target, int callType)
    {
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            using var args = JsonDocument.Parse(argsJson);
            _rendererInterop.TrySetResult(args.RootElement[1].GetProperty("__dotNetObject").GetInt64());
        }
        JsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (handle == 0) return;
        // JSCallResultType: 0 default, 1 object reference, 2 stream reference, 3 void.
        var result = resultType == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref _jsObjectId)}}}"
            : resultType == 0 ? BrowserAnswers.GetValueOrDefault(identifier, "null") : "null";
        await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
    }

    /// <summary>
    /// What a browser's scripts answer to the calls whose result the server reads as a value type (a null there is a
    /// JsonException on the server, which a browser never causes): once per page MudBlazor checks that its script is
    /// loaded (<c>window.hasOwnProperty("mudElementRef")</c>) and its popover provider counts the providers on the page.
    /// </summary>
    private static readonly Dictionary<string, string> BrowserAnswers = new()
    {
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "1",
    };

    /// <summary>The server's JavaScript calls by identifier, all tabs together (printed by the scenario).</summary>
    public static ConcurrentDictionary<string, int> JsCalls { get; } = new();

    /// <summary>Closes the tab as a browser does on leaving the page: the disconnect beacon, so the server ends the circuit at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_secret is not null)
        {
            try
            {
                using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies }) { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(30) };
                using var _ = await http.PostAsync("_blazor/disconnect", new FormUrlEncodedContent([new("circuitId", _secret)]));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        await _connection.DisposeAsync();
    }

    private static string Short(string? text) => text is null ? "" : text.Length > 300 ? text[..300] : text;

    [GeneratedRegex("<!--Blazor:(?<json>\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(?<state>[^-]*)-->")]
    private static partial Regex State();
}

/// <summary>
/// The hub protocol of Blazor Server's hub, "blazorpack": SignalR's MessagePack protocol under another name (the server's
/// <c>BlazorPackHubProtocol</c> writes the same messages; it only restricts argument types to what the framework sends).
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();
    public string Name => "blazorpack";
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => TransferFormat.Binary;
    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) => _inner.TryParseMessage(ref input, binder, out message);
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
