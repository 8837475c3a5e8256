using System.Collections.Concurrent;
using System.Diagnostics;

namespace Supervision.Domain.Rankings;

/// <summary>
/// A province's dashboard (<see cref="RankingService.ProvinceAsync"/>) is read far more often than the summary behind it
/// changes (a return reviewed, a finding or case recorded, the nightly rebuild, an indicator's settings), and assembling
/// it takes a dozen queries. This node keeps each assembled dashboard for <see cref="Lifetime"/>; every change on this
/// node (<see cref="Invalidate"/>, called where the summary or the indicators are written) drops them all at once, so a
/// user sees their own change immediately; a change made on another web node, or a company renamed, shows here within the lifetime.
/// Who may see which province is checked before the cache is asked; the dashboard of a province is the same for
/// everyone allowed to see it. Concurrent requests for the same dashboard share one load.
/// </summary>
public sealed class RankingCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 256;

    private sealed record Entry(long Generation, long ExpiresAt, Lazy<Task<ProvinceDashboard>> Load)
    {
        public bool LiveAt(long generation, long now) =>
            Generation == generation && ExpiresAt > now && !(Load.IsValueCreated && (Load.Value.IsFaulted || Load.Value.IsCanceled));
    }

    private readonly ConcurrentDictionary<(int Province, string? Period, string Trend), Entry> _entries = new();
    private long _generation;

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public async Task<ProvinceDashboard> ProvinceAsync(int provinceId, string? period, string trendCode, Func<Task<ProvinceDashboard>> load)
    {
        var key = (provinceId, period, trendCode);
        var generation = Interlocked.Read(ref _generation);
        var now = Stopwatch.GetTimestamp();
        if (_entries.TryGetValue(key, out var hit) && hit.LiveAt(generation, now))
            return await hit.Load.Value;
        if (_entries.Count >= MaxEntries)
            foreach (var stale in _entries.Where(e => !e.Value.LiveAt(generation, now)).ToList())
                _entries.TryRemove(stale);
        var entry = new Entry(generation, now + (long)(Lifetime.TotalSeconds * Stopwatch.Frequency), new Lazy<Task<ProvinceDashboard>>(load));
        // One load per dashboard at a time: whoever raced us and stored a live entry first is used instead.
        var stored = _entries.AddOrUpdate(key, entry, (_, existing) => existing.LiveAt(generation, now) ? existing : entry);
        try
        {
            return await stored.Load.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<(int, string?, string), Entry>(key, stored));
            throw;
        }
    }
}
