namespace Supervision.Domain.Enforcement;

public class CasePayment
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public string Reference { get; set; } = "";
    public string RecordedBy { get; set; } = "";
}
