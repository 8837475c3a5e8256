using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>
/// Which returns take the big lane of <see cref="ImportGate"/>: a file of at least <paramref name="BigBytes"/>
/// ("Imports:BigReturnKilobytes", default 1,024 KB — about 16,000 outlet rows: the 100,000-row return is 6.2 MB, a branch's summary return 10–30 KB),
/// <paramref name="BigConcurrent"/> of them at once ("Imports:BigConcurrent", default 1), and whether a big return also
/// needs one of the write slots the small ones take turns on (<paramref name="SharedWriter"/>: on SQLite, whose one writer
/// at a time a big import holds for its whole transaction; not on PostgreSQL, where it writes beside them).
/// </summary>
public sealed record ImportLanes(long BigBytes, int BigConcurrent, bool SharedWriter)
{
    public const long DefaultBigBytes = 1024 * 1024;

    public static ImportLanes For(DatabaseProvider provider) => new(DefaultBigBytes, 1, provider != DatabaseProvider.Postgres);
}

/// <summary>
/// How many returns this node reads and stores at once ("Imports:MaxConcurrent"; by default half the cores, at least one,
/// on SQLite, whose one writer at a time makes more pointless, and as many as the cores on PostgreSQL, where an import
/// spends much of its time waiting for the server and several can write at once)
/// and how long an upload waits for its turn ("Imports:QueueSeconds", default 30). Reading a return is CPU and memory
/// work and storing it takes the database's write lock, so twenty at once finish no sooner than one after the other while
/// they starve everyone reading pages on the same cores. An upload that waited past its time is refused as busy, with
/// nothing stored, and can simply be sent again.
/// <para>
/// Big returns (<see cref="ImportLanes"/>: a 100,000-row file holds a slot for seconds, a summary return for a tenth of
/// one) have a lane of their own, so a small return never queues behind them: the big ones take turns among themselves
/// (<see cref="ImportLanes.BigConcurrent"/> at once), and where they also need a write slot (SQLite) a small return waiting
/// for a slot is always let in first — a big one takes a free slot only while no small one waits. So a small return waits
/// at most for the one big import that is running, never for the big ones queued behind it; a big one may wait while small
/// ones keep arriving, and is refused as busy after the same wait (the deadline-day figures in docs/PERFORMANCE.md).
/// </para>
/// </summary>
public sealed class ImportGate
{
    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _small = new();
    private readonly LinkedList<Waiter> _big = new();
    private readonly TimeSpan _wait;
    private readonly ImportLanes _lanes;
    private int _free;
    private int _bigRunning;

    public ImportGate(int maxConcurrent, TimeSpan wait, ImportLanes? lanes = null)
    {
        _free = Math.Max(1, maxConcurrent);
        _wait = wait;
        _lanes = lanes ?? new ImportLanes(long.MaxValue, 1, SharedWriter: true);
    }

    public static int DefaultConcurrency(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? Environment.ProcessorCount : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Whether a file of this many bytes takes the big lane.</summary>
    public bool IsBig(long bytes) => bytes >= _lanes.BigBytes;

    /// <summary>A turn for a small return (or any work that is not a return's file: a template tried out).</summary>
    public Task<IDisposable> EnterAsync(CancellationToken ct) => EnterAsync(0, ct);

    /// <summary>A turn for a return whose file has <paramref name="bytes"/> bytes: in the big lane when it is big.</summary>
    public async Task<IDisposable> EnterAsync(long bytes, CancellationToken ct)
    {
        var big = IsBig(bytes);
        Waiter waiter;
        lock (_lock)
        {
            waiter = new Waiter(big);
            (big ? _big : _small).AddLast(waiter.Node);
            Pump();
            if (waiter.Task.IsCompleted) return waiter.Task.Result;
        }
        using var timeout = new CancellationTokenSource(_wait);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        await using (linked.Token.Register(() => Abandon(waiter, ct)))
            return await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Slots free for small returns and big ones running (for the tests and the figures).</summary>
    public (int FreeSlots, int BigRunning, int SmallWaiting, int BigWaiting) State
    {
        get { lock (_lock) return (_free, _bigRunning, _small.Count, _big.Count); }
    }

    /// <summary>Gives turns while the rules allow: small returns first, then a big one if its lane (and, where shared, a write slot) is free.</summary>
    private void Pump()
    {
        while (_free > 0 && _small.First is { } small)
        {
            _small.RemoveFirst();
            _free--;
            small.Value.Grant(new Slot(this, big: false, writeSlot: true));
        }
        while (_big.First is { } big && _bigRunning < _lanes.BigConcurrent && (!_lanes.SharedWriter || (_free > 0 && _small.Count == 0)))
        {
            _big.RemoveFirst();
            _bigRunning++;
            if (_lanes.SharedWriter) _free--;
            big.Value.Grant(new Slot(this, big: true, writeSlot: _lanes.SharedWriter));
        }
    }

    private void Abandon(Waiter waiter, CancellationToken ct)
    {
        lock (_lock)
        {
            if (waiter.Node.List is not { } queue) return; // granted meanwhile: the caller gets the slot and gives it back
            queue.Remove(waiter.Node);
            // A small return leaving may let a big one in.
            Pump();
        }
        if (ct.IsCancellationRequested) waiter.Fail(new OperationCanceledException(ct));
        else waiter.Fail(new ImportBusyException(_wait));
    }

    private void Release(Slot slot)
    {
        lock (_lock)
        {
            if (slot.WriteSlot) _free++;
            if (slot.Big) _bigRunning--;
            Pump();
        }
    }

    private sealed class Waiter
    {
        private readonly TaskCompletionSource<IDisposable> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Waiter(bool big)
        {
            Big = big;
            Node = new LinkedListNode<Waiter>(this);
        }

        public bool Big { get; }
        public LinkedListNode<Waiter> Node { get; }
        public Task<IDisposable> Task => _done.Task;
        public void Grant(IDisposable slot) => _done.TrySetResult(slot);
        public void Fail(Exception ex) => _done.TrySetException(ex);
    }

    private sealed class Slot(ImportGate gate, bool big, bool writeSlot) : IDisposable
    {
        private int _released;
        public bool Big { get; } = big;
        public bool WriteSlot { get; } = writeSlot;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release(this);
        }
    }
}

/// <summary>Every import slot stayed taken for the whole wait; nothing was read or stored.</summary>
public sealed class ImportBusyException(TimeSpan wait)
    : DomainException(BusyCode, $"当前正在处理的报送文件较多，本次上传排队{wait.TotalSeconds:0}秒仍未轮到，未保存任何内容，请稍后重新上传。")
{
    public const string BusyCode = "import.busy";
    public const int RetryAfterSeconds = 10;
}
