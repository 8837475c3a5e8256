using Supervision.Domain.Enforcement;

namespace Supervision.Web.Components.Pages.Enforcement;

/// <summary>What the case action dialog collects; each action reads the fields it asked for.</summary>
public sealed class CaseActionInput
{
    public DateTime? Date { get; set; }
    public DateTime? Date2 { get; set; }
    public string Text { get; set; } = "";
    public string Text2 { get; set; } = "";
    public decimal? Amount { get; set; }
    public List<SanctionInput> Sanctions { get; set; } = [];
    public (string Name, byte[] Bytes)? File { get; set; }

    public DateOnly Day => DateOnly.FromDateTime(Date ?? DateTime.Today);
    public DateOnly Day2 => DateOnly.FromDateTime(Date2 ?? DateTime.Today);
}

/// <summary>Which fields the dialog shows for an action.</summary>
public sealed record CaseActionForm(
    string Explanation,
    string ConfirmText,
    string? DateLabel = null,
    string? Date2Label = null,
    string? TextLabel = null,
    string? Text2Label = null,
    string? AmountLabel = null,
    bool Sanctions = false,
    bool File = false,
    bool Danger = false);
