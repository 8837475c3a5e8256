using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;
using Supervision.Domain.Publicity;
using Supervision.Domain.Submissions;
using Supervision.Reports.Enforcement;
using Supervision.Reports.Inspections;
using Supervision.Reports.Organizations;
using Supervision.Reports.Publicity;
using Supervision.Reports.Submissions;

namespace Supervision.Reports.Documents;

/// <summary>How each kind of document looks: the data a feature states, laid out as an official document (GB/T 9704).</summary>
public sealed class DocumentRenderer : IDocumentRenderer
{
    public byte[] Render(DocumentData data, byte[]? seal = null, bool preview = false, IReadOnlyList<DocumentFace>? faces = null)
    {
        // The layouts measure and paint through OfficialFonts: the administration's own faces serve this thread's document.
        using var _ = OfficialFonts.Use(faces is { Count: > 0 } ? OfficialFaceSet.With(faces.Select(f => (TypefaceOf(f.Role), f.Sha256, f.Bytes))) : null);
        return Layout(data, seal, preview);
    }

    private static OfficialTypeface TypefaceOf(DocumentFaceRole role) => role switch
    {
        DocumentFaceRole.XiaoBiaoSong => OfficialTypeface.Title,
        DocumentFaceRole.Hei => OfficialTypeface.Hei,
        DocumentFaceRole.Kai => OfficialTypeface.Kai,
        _ => OfficialTypeface.Fang,
    };

    private static byte[] Layout(DocumentData data, byte[]? seal, bool preview) => data switch
    {
        CaseDocumentData d => CasePdf.Render(d, seal, preview),
        AnnouncementData d => AnnouncementPdf.Render(d, seal),
        ReceiptData d => ReceiptPdf.Render(d),
        InspectionRecordData d => InspectionPdfs.Record(d),
        CorrectiveNoticeData d => InspectionPdfs.Notice(d, preview ? null : seal),
        ReinspectionOpinionData d => InspectionPdfs.Opinion(d, preview ? null : seal),
        ServiceAddressConfirmationData d => ServiceAddressPdf.Render(d),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.GetType().Name, "no layout for this kind of document"),
    };
}
