namespace Supervision.Domain.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Page, sort and text filter as the grids send them; every list query takes one.</summary>
public sealed record PageRequest(int Page = 0, int PageSize = 25, string? SortBy = null, bool Descending = false, string? Search = null)
{
    public int Skip => Math.Max(0, Page) * Take;
    public int Take => Math.Clamp(PageSize, 1, 500);
}
