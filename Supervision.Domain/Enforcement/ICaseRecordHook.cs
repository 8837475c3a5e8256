using Supervision.Domain.Data;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// Work that must commit together with a case being filed, decided or ended (the rankings' summary): called with the case's
/// context inside its transaction, after the change is saved, with the party and the earliest day the change affects.
/// </summary>
public interface ICaseRecordHook
{
    Task OnChangedAsync(SupervisionDbContext db, int branchId, DateOnly since, CancellationToken ct);
}
