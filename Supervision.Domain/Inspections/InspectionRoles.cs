using Supervision.Domain.Access;
using Supervision.Domain.Common;

namespace Supervision.Domain.Inspections;

/// <summary>Role rules the scope filter cannot express: who does what in inspections.</summary>
internal static class InspectionRoles
{
    /// <summary>
    /// How the user takes part in inspections: plans, draws, records, findings and orders are the work of the province's
    /// inspectors (and of system jobs); the carrier is the party an order addresses; everyone else reads.
    /// </summary>
    public static Acting Of(AccessContext access)
    {
        var scope = access.Scope;
        if (scope.Role == UserRole.Inspector || (scope.SeesAll && scope.Role is null)) return Acting.Officer;
        return scope.IsCarrier ? Acting.Party : Acting.Observer;
    }

    public static void RequireInspector(AccessContext access)
    {
        var acting = Of(access);
        if (acting != Acting.Officer)
            throw new AccessDeniedException(acting == Acting.Party ? "该操作由监管机构检查人员办理。" : "该操作由本局检查人员办理；当前角色只能查看。");
    }

    /// <summary>Replies and extension requests come from the carrier the order is addressed to.</summary>
    public static void RequireCarrier(AccessContext access)
    {
        if (Of(access) != Acting.Party)
            throw new AccessDeniedException("整改报告和延期申请由被责令整改的企业提交。");
    }
}
