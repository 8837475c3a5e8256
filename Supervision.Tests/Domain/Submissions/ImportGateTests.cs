using Supervision.Domain.Data;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// The rules of <see cref="ImportGate"/>'s lanes: big files take turns among themselves; where they share the write slot
/// (SQLite) a waiting small return is always let in before a waiting big one, so a small return waits at most for the big
/// import that is running; on PostgreSQL the big lane writes beside the small ones. Every waiter here may wait far longer
/// than the test runs: the test gives the slots back itself, so what it asserts is the order, never a clock.
/// </summary>
public sealed class ImportGateTests
{
    private const long Big = 10 * 1024 * 1024, Small = 20 * 1024;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private static ImportGate Sqlite(int slots = 1) => new(slots, Long, new ImportLanes(1024 * 1024, 1, SharedWriter: true));

    [Fact]
    public void A_file_takes_the_big_lane_from_the_set_size_on()
    {
        var gate = new ImportGate(1, Long, ImportLanes.For(DatabaseProvider.Sqlite) with { BigBytes = 1000 });
        Assert.False(gate.IsBig(999));
        Assert.True(gate.IsBig(1000));
        // Without lanes set, nothing is big: one queue, as before.
        Assert.False(new ImportGate(1, Long).IsBig(long.MaxValue - 1));
        Assert.True(ImportLanes.For(DatabaseProvider.Sqlite).SharedWriter);
        Assert.False(ImportLanes.For(DatabaseProvider.Postgres).SharedWriter);
    }

    [Fact]
    public async Task A_small_return_waiting_goes_before_big_ones_that_waited_longer()
    {
        var gate = Sqlite();
        var running = await gate.EnterAsync(Small, CancellationToken.None);
        var bigWaiting = gate.EnterAsync(Big, CancellationToken.None);
        var smallWaiting = gate.EnterAsync(Small, CancellationToken.None);
        Assert.Equal((0, 0, 1, 1), gate.State);

        running.Dispose();
        var small = await smallWaiting;
        Assert.False(bigWaiting.IsCompleted);
        small.Dispose();
        using var big = await bigWaiting;
        Assert.Equal((0, 1, 0, 0), gate.State);
    }

    [Fact]
    public async Task On_a_shared_writer_a_big_return_takes_the_slot_only_while_no_small_one_waits()
    {
        var gate = Sqlite(slots: 2);
        var first = await gate.EnterAsync(Small, CancellationToken.None);
        var second = await gate.EnterAsync(Small, CancellationToken.None);
        var bigWaiting = gate.EnterAsync(Big, CancellationToken.None);
        var smallWaiting = gate.EnterAsync(Small, CancellationToken.None);

        first.Dispose(); // the small one waiting takes it
        using var third = await smallWaiting;
        Assert.False(bigWaiting.IsCompleted);
        second.Dispose(); // nobody small waits: now the big one
        using var big = await bigWaiting;
        Assert.Equal((0, 1, 0, 0), gate.State);
    }

    [Fact]
    public async Task Big_returns_take_turns_among_themselves_while_small_ones_keep_their_slots()
    {
        // PostgreSQL: a big import does not take a small return's slot, but two big ones do not run at once.
        var gate = new ImportGate(2, Long, new ImportLanes(1024 * 1024, 1, SharedWriter: false));
        var firstBig = await gate.EnterAsync(Big, CancellationToken.None);
        var secondBig = gate.EnterAsync(Big, CancellationToken.None);
        using var small1 = await gate.EnterAsync(Small, CancellationToken.None);
        using var small2 = await gate.EnterAsync(Small, CancellationToken.None);
        Assert.False(secondBig.IsCompleted);
        Assert.Equal((0, 1, 0, 1), gate.State);

        firstBig.Dispose();
        firstBig.Dispose(); // given back once only
        using var next = await secondBig;
        Assert.Equal((0, 1, 0, 0), gate.State);
    }

    [Fact]
    public async Task A_big_return_that_waits_past_its_time_is_refused_as_busy_and_leaves_the_queue()
    {
        var gate = new ImportGate(1, TimeSpan.FromMilliseconds(20), new ImportLanes(1024 * 1024, 1, SharedWriter: true));
        using var big = await gate.EnterAsync(Big, CancellationToken.None);
        await Assert.ThrowsAsync<ImportBusyException>(() => gate.EnterAsync(Big, CancellationToken.None));
        await Assert.ThrowsAsync<ImportBusyException>(() => gate.EnterAsync(Small, CancellationToken.None));
        Assert.Equal((0, 1, 0, 0), gate.State);
    }

    [Fact]
    public async Task A_small_return_that_gives_up_lets_the_big_one_behind_it_in()
    {
        var gate = Sqlite();
        var running = await gate.EnterAsync(Big, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var smallWaiting = gate.EnterAsync(Small, cancel.Token);
        var bigWaiting = gate.EnterAsync(Big, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => smallWaiting);
        Assert.Equal((0, 1, 0, 1), gate.State);
        running.Dispose();
        using var big = await bigWaiting;
        Assert.Equal((0, 1, 0, 0), gate.State);
    }
}
