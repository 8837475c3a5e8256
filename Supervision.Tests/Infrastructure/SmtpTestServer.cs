using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a port of its own, that keeps every message it
/// accepts. It can be stopped and started again on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private CancellationTokenSource? _stop;
    private Task? _running;
    private int _answerFirst = int.MaxValue;
    private readonly TaskCompletionSource<MimeMessage> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _answerAll = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Port { get; } = FreePort();

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>
    /// Answers the first <paramref name="count"/> messages as usual; the next one is kept (it is in <see cref="Received"/>) but
    /// its "250 OK" is held until <see cref="AnswerAll"/>: a sender stopped now has handed over a message it cannot know arrived.
    /// The task completes with that message once it is held.
    /// </summary>
    public Task<MimeMessage> HoldRepliesAfter(int count)
    {
        _answerFirst = count;
        return _held.Task;
    }

    public void AnswerAll()
    {
        _answerFirst = int.MaxValue;
        _answerAll.TrySetResult();
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Port(Port).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        // Listening once a connection is accepted (the server binds inside its start task).
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        AnswerAll();
        if (_stop is null) return;
        await _stop.CancelAsync();
        try { await _running!; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        _stop = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            bool hold;
            lock (server._received)
            {
                hold = server._received.Count >= server._answerFirst;
                server._received.Enqueue(message);
            }
            if (hold)
            {
                server._held.TrySetResult(message);
                await server._answerAll.Task.WaitAsync(cancellationToken);
            }
            return SmtpResponse.Ok;
        }
    }
}
