using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Publicity;
using Supervision.Domain.Submissions;
using Supervision.Reports.Enforcement;
using Supervision.Reports.Inspections;
using Supervision.Reports.Publicity;
using Supervision.Reports.Submissions;

namespace Supervision.Reports.Documents;

/// <summary>How each kind of document looks: the data a feature states, laid out as an official document (GB/T 9704).</summary>
public sealed class DocumentRenderer : IDocumentRenderer
{
    public byte[] Render(DocumentData data, byte[]? seal = null, bool preview = false) => data switch
    {
        CaseDocumentData d => CasePdf.Render(d, seal, preview),
        AnnouncementData d => AnnouncementPdf.Render(d, seal),
        ReceiptData d => ReceiptPdf.Render(d),
        InspectionRecordData d => InspectionPdfs.Record(d),
        CorrectiveNoticeData d => InspectionPdfs.Notice(d),
        ReinspectionOpinionData d => InspectionPdfs.Opinion(d),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.GetType().Name, "no layout for this kind of document"),
    };
}
