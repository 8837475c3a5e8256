using Microsoft.AspNetCore.Components.Forms;
using Supervision.Domain.Inspections;

namespace Supervision.Web.Components.Pages.Inspections;

/// <summary>One item's result as the checklist form saves it.</summary>
public sealed record ItemSave(long ItemId, ItemOutcome Outcome, string? Notes);

/// <summary>A file chosen for an item's evidence.</summary>
public sealed record EvidenceUpload(long ItemId, IBrowserFile File);
