using Supervision.Domain.Data;

namespace Supervision.Domain.Inspections;

/// <summary>
/// Work that must commit together with a change of findings or corrective orders (the rankings' summary): called with
/// the changing context inside its transaction, after the change is saved, with the company the record concerns and the
/// earliest day the change can affect (the day found, the day issued, the old deadline).
/// </summary>
public interface IInspectionRecordHook
{
    Task OnChangedAsync(SupervisionDbContext db, int branchId, DateOnly since, CancellationToken ct);
}
