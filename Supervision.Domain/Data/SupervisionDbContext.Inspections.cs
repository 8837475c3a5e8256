using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Inspections;

namespace Supervision.Domain.Data;

public partial class SupervisionDbContext
{
    public DbSet<InspectionPlan> InspectionPlans => Set<InspectionPlan>();
    public DbSet<InspectorRecusal> InspectorRecusals => Set<InspectorRecusal>();
    public DbSet<InspectionDraw> InspectionDraws => Set<InspectionDraw>();
    public DbSet<DrawReplacement> DrawReplacements => Set<DrawReplacement>();
    public DbSet<DrawRiskFactor> DrawRiskFactors => Set<DrawRiskFactor>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<InspectionInspector> InspectionInspectors => Set<InspectionInspector>();
    public DbSet<InspectionItemResult> InspectionItemResults => Set<InspectionItemResult>();
    public DbSet<InspectionAmendment> InspectionAmendments => Set<InspectionAmendment>();
    public DbSet<InternalNote> InternalNotes => Set<InternalNote>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<CorrectiveOrder> CorrectiveOrders => Set<CorrectiveOrder>();
    public DbSet<RectificationReply> RectificationReplies => Set<RectificationReply>();
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();
}
