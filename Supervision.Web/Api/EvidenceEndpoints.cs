using Microsoft.Net.Http.Headers;
using Supervision.Domain.Files;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;

namespace Supervision.Web.Api;

/// <summary>
/// Evidence photos and PDFs for the signed-in user's pages (shown inline). Authorized like the record they belong to:
/// the scope filter decides, so a carrier gets only the evidence of its own reports and never an inspection's.
/// </summary>
public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidenceFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/files/evidence/{id:long}", async (long id, InspectionService inspections, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                var (evidence, bytes) = await inspections.EvidenceAsync(id, ct);
                // Only JPEG, PNG or PDF by their magic bytes were stored; the browser must not guess otherwise.
                http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = StoredFile.SafeName(evidence.FileName) }.ToString();
                http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
                return Results.Bytes(bytes, evidence.ContentType);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }
}
