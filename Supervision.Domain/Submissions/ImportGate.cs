using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>
/// How many returns this node reads and stores at once ("Imports:MaxConcurrent"; by default half the cores, at least one,
/// on SQLite, whose one writer at a time makes more pointless, and as many as the cores on PostgreSQL, where an import
/// spends much of its time waiting for the server and several can write at once)
/// and how long an upload waits for its turn ("Imports:QueueSeconds", default 30). Reading a return is CPU and memory
/// work (a 100,000-row file peaks near 220 MB) and storing it takes the database's write lock, so twenty at once finish
/// no sooner than one after the other while they starve everyone reading pages on the same cores. An upload that waited
/// past its time is refused as busy, with nothing stored, and can simply be sent again.
/// </summary>
public sealed class ImportGate(int maxConcurrent, TimeSpan wait)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent), Math.Max(1, maxConcurrent));

    public static int DefaultConcurrency(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? Environment.ProcessorCount : Math.Max(1, Environment.ProcessorCount / 2);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!await _slots.WaitAsync(wait, ct)) throw new ImportBusyException(wait);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
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
