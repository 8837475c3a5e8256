using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Supervision.Domain.Access;

namespace Supervision.Domain.Submissions;

/// <summary>
/// The figures staff read over and over during a filing deadline — the submissions overview of a return and period, the
/// submissions list's counts — are the same for everyone who sees the same records, and change only when a return is
/// filed, accepted or returned. This node keeps each for <see cref="Lifetime"/>, per what was asked and per the asker's
/// scope (kind, province, and a carrier's own branches), never across scopes: one province's figures never answer
/// another's reader, nor a regulator's a carrier's. Any saved change to a return drops that province's figures (and the
/// all-provinces figures) once it is committed (<see cref="Eviction"/>, a database interceptor), so whoever acts sees their
/// change at once; a change written on another web node shows here within the lifetime.
/// </summary>
public sealed class FilingFigureCache(IMemoryCache memory)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Figures of every province (a system administrator's or the ministry's view) hang on this token too.</summary>
    private const int AllProvinces = 0;

    private readonly ConcurrentDictionary<int, CancellationTokenSource> _provinces = new();

    private sealed record Key(string What, ScopeKind Kind, int Province, string Branches);

    /// <summary>The interceptor that drops a province's figures when a return of it is saved; added to every context.</summary>
    public IInterceptor Eviction => _eviction ??= new EvictOnSave(this);
    private IInterceptor? _eviction;

    /// <summary>
    /// The figures <paramref name="what"/> names (a stable text of the question: page, filters) for <paramref name="scope"/>,
    /// computed by <paramref name="load"/> when not kept. <paramref name="load"/> must read through the scope's own queries.
    /// </summary>
    public async Task<T> GetOrLoadAsync<T>(AccessScope scope, string what, Func<Task<T>> load)
    {
        if (scope.Kind == ScopeKind.None)
            return await load();
        var key = new Key(what, scope.Kind, scope.ProvinceId,
            scope.Kind == ScopeKind.Branch ? string.Join(',', scope.BranchIds.Order()) : "");
        if (memory.TryGetValue(key, out Task<T>? kept) && kept is { IsFaulted: false, IsCanceled: false })
            return await kept;
        // Taken before loading: a return saved while the figures load drops them as soon as they are stored.
        var evicted = TokenOf(scope.Kind == ScopeKind.All ? AllProvinces : scope.ProvinceId);
        var loading = load();
        using (var entry = memory.CreateEntry(key))
        {
            entry.Value = loading;
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            entry.Size = 1;
            entry.AddExpirationToken(new CancellationChangeToken(evicted));
        }
        try
        {
            return await loading;
        }
        catch
        {
            memory.Remove(key);
            throw;
        }
    }

    /// <summary>Drops the figures of <paramref name="provinceId"/> and those of all provinces.</summary>
    public void Evict(int provinceId)
    {
        Cancel(provinceId);
        Cancel(AllProvinces);
    }

    private void Cancel(int province)
    {
        // Not disposed: another thread may be reading the token of the source it just took.
        if (_provinces.TryRemove(province, out var source))
            source.Cancel();
    }

    private CancellationToken TokenOf(int province) => _provinces.GetOrAdd(province, _ => new CancellationTokenSource()).Token;

    /// <summary>
    /// Notes the provinces of the returns a save adds, changes or deletes, and evicts them once the change is visible to
    /// other readers: after the save, or after the commit when the save runs inside a transaction (the audit chain's, an
    /// import's). A rolled-back transaction evicts nothing.
    /// </summary>
    private sealed class EvictOnSave(FilingFigureCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
    {
        private readonly ConditionalWeakTable<DbContext, HashSet<int>> _pending = new();

        private void Collect(DbContext? context)
        {
            if (context is null) return;
            HashSet<int>? provinces = null;
            foreach (var entry in context.ChangeTracker.Entries<Submission>())
                if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                    (provinces ??= _pending.GetOrCreateValue(context)).Add(entry.Entity.ProvinceId);
        }

        private void Flush(DbContext? context, bool committed)
        {
            if (context is null || !_pending.TryGetValue(context, out var provinces)) return;
            if (!committed && context.Database.CurrentTransaction is not null) return;
            _pending.Remove(context);
            foreach (var province in provinces)
                cache.Evict(province);
        }

        private void Drop(DbContext? context)
        {
            if (context is not null) _pending.Remove(context);
        }

        public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Collect(eventData.Context);
            return result;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Collect(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Flush(eventData.Context, committed: false);
            return result;
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Flush(eventData.Context, committed: false);
            return ValueTask.FromResult(result);
        }

        public void SaveChangesFailed(DbContextErrorEventData eventData)
        {
            if (eventData.Context?.Database.CurrentTransaction is null) Drop(eventData.Context);
        }

        public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            SaveChangesFailed(eventData);
            return Task.CompletedTask;
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, committed: true);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Flush(eventData.Context, committed: true);
            return Task.CompletedTask;
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Drop(eventData.Context);
            return Task.CompletedTask;
        }
    }
}
