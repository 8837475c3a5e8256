namespace Supervision.Domain.Enforcement;

/// <summary>Which steps of a case need the responsible person's approval in the province, and who besides its 局领导 may give it.</summary>
public partial class EnforcementSettings
{
    /// <summary>The steps that need approval, as "Filing,Decision,…" (<see cref="ApprovalStep"/> names); none unless the province says so.</summary>
    public string ApprovalSteps { get; set; } = "";

    /// <summary>The user an administrator designated to approve besides the province's 局领导 (a province's row only).</summary>
    public string? DeputyApproverId { get; set; }

    public bool NeedsApproval(ApprovalStep step) => Enforcement.ApprovalSteps.Parse(ApprovalSteps).Contains(step);
}
