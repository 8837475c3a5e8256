namespace Supervision.Domain.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Page, sort and text filter as the grids send them; every list query takes one.</summary>
public sealed record PageRequest(int Page = 0, int PageSize = 25, string? SortBy = null, bool Descending = false, string? Search = null, int MaxTake = 500)
{
    /// <summary>The most rows an export takes in one go (exports past ~10,000 rows are written streaming).</summary>
    public const int ExportLimit = 100_000;

    public int Skip => Math.Max(0, Page) * Take;
    public int Take => Math.Clamp(PageSize, 1, MaxTake);

    /// <summary>Everything a list shows under its filters, up to <see cref="ExportLimit"/> rows, for an export.</summary>
    public static PageRequest ForExport(string? search = null, string? sortBy = null, bool descending = false) =>
        new(0, ExportLimit, sortBy, descending, search, ExportLimit);
}
