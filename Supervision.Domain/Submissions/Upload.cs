namespace Supervision.Domain.Submissions;

/// <summary>An upload: which return, for whom, and how (web or API, filed at once or saved as a draft).</summary>
public sealed record UploadRequest(int BranchId, string TemplateCode, string Period, string FileName, string Channel, bool SubmitNow,
    string? IdempotencyKey = null, Attachment? Pdf = null, bool Attested = false, IReadOnlyDictionary<string, string>? Explanations = null);

/// <summary>Where an upload stands, for the progress indicator.</summary>
public sealed record UploadProgress(string Stage, int Rows);

/// <summary>
/// Reads a return's file against its template: every cell through the template's columns, each value that does not parse
/// an error at its cell, anything the reader refuses (a hostile or unreadable file) one error of the file as a whole.
/// Supervision.Reports implements it (XLSX and CSV).
/// </summary>
public interface IReturnReader
{
    ParsedReturn Read(TemplateDefinition template, string fileName, byte[] content, ValidationContext context, IProgress<UploadProgress>? progress = null,
        CancellationToken ct = default);

    /// <summary>
    /// Opens the file to be read as it is stored (<see cref="IReturnStream"/>): a 100k-row return is never held whole. The
    /// rows of the sheets <paramref name="hold"/> names are also kept on their <see cref="ParsedSheet"/> (the few summary
    /// rows the plausibility checks read); the others are only counted.
    /// </summary>
    IReturnStream Open(TemplateDefinition template, string fileName, byte[] content, ValidationContext context, Func<SheetDefinition, bool> hold,
        IProgress<UploadProgress>? progress = null, CancellationToken ct = default);
}

/// <summary>
/// Writes a return's template filled with rows entered in the browser (by sheet name, values in the sheet's column order):
/// the same workbook a carrier downloads, so a web draft is filed through <see cref="IReturnReader"/> like any file.
/// Supervision.Reports implements it.
/// </summary>
public interface IReturnWorkbookWriter
{
    /// <param name="fileSheets">The carrier's file holding the sheets the template keeps to files (网点明细), copied in as they are.</param>
    byte[] Write(TemplateFill fill, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string?>>> rows, Attachment? fileSheets = null);
}
