using Supervision.Domain.Documents;

namespace Supervision.Domain.Publicity;

/// <summary>Everything a 公告 states, kept with the issued PDF so it can be rendered again to the same text.</summary>
public sealed record AnnouncementData : DocumentData
{
    public required AnnouncementKind Kind { get; init; }
    public required string Authority { get; init; }
    public required string Title { get; init; }
    public required string PartyName { get; init; }
    public required PartyType PartyType { get; init; }
    public string? CreditCode { get; init; }
    public string? LegalRepresentative { get; init; }
    public string? DocumentNumber { get; init; }
    public required string Facts { get; init; }
    public required string PenaltyTypes { get; init; }
    public required string LegalBasis { get; init; }
    public required string PenaltyContent { get; init; }
    public DateOnly? DecisionDate { get; init; }
    public string? Body { get; init; }
    public required DateOnly PublishedOn { get; init; }
    public required DateOnly PublicUntil { get; init; }

    public static AnnouncementData From(Announcement a) => new()
    {
        Kind = a.Kind, Authority = a.Authority, Title = a.Title, PartyName = a.PartyName, PartyType = a.PartyType, CreditCode = a.CreditCode,
        LegalRepresentative = a.LegalRepresentative, DocumentNumber = a.DocumentNumber, Facts = a.Facts, PenaltyTypes = a.PenaltyTypes,
        LegalBasis = a.LegalBasis, PenaltyContent = a.PenaltyContent, DecisionDate = a.DecisionDate, Body = a.Body,
        PublishedOn = a.PublishedOn!.Value, PublicUntil = a.PublicUntil!.Value,
    };

    /// <summary>The same data with every text cleaned by the current <see cref="PublicText"/> rules (equal to this when already clean).</summary>
    public AnnouncementData Cleaned() => this with
    {
        Authority = PublicText.Clean(Authority), Title = PublicText.Clean(Title), PartyName = PublicText.Clean(PartyName),
        CreditCode = PublicText.CleanOrNull(CreditCode), LegalRepresentative = PublicText.CleanOrNull(LegalRepresentative),
        DocumentNumber = PublicText.CleanOrNull(DocumentNumber), Facts = PublicText.Clean(Facts), PenaltyTypes = PublicText.Clean(PenaltyTypes),
        LegalBasis = PublicText.Clean(LegalBasis), PenaltyContent = PublicText.Clean(PenaltyContent), Body = PublicText.CleanOrNull(Body),
    };
}
