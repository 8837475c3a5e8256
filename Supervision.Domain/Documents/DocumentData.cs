using System.Text.Json;
using System.Text.Json.Serialization;

namespace Supervision.Domain.Documents;

/// <summary>
/// What a document states: the data it is rendered from, taken from its record when it is issued and stored with it, so
/// it can be rendered again to the same text. Each feature keeps its own kinds of data beside it (a receipt's in
/// Submissions, a decision's in Enforcement); how a document looks is the renderer's business.
/// </summary>
public abstract record DocumentData
{
    /// <summary>The 文号, once issued (none in a preview, and none for kinds that carry no 文号).</summary>
    public string? Number { get; init; }

    /// <summary>The seal image the document was issued with (documents sent out carry the administration's seal once it uploaded one).</summary>
    public long? SealFileId { get; init; }

    /// <summary>The administration's own fonts the document was set in (none: the bundled faces).</summary>
    public IReadOnlyDictionary<Organizations.DocumentFaceRole, long>? FontFileIds { get; init; }

    /// <summary>The code anyone can check the document by at the public site (see <see cref="VerificationCodes"/>); none in a preview.</summary>
    public string? VerificationCode { get; init; }

    /// <summary>Where the document's QR code points: the public verification page of <see cref="VerificationCode"/>, as it was when issued.</summary>
    public string? VerificationUrl { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, GetType(), DocumentJson.Options);

    public static T FromJson<T>(string json) where T : DocumentData =>
        JsonSerializer.Deserialize<T>(json, DocumentJson.Options) ?? throw new JsonException("empty document data");
}

/// <summary>How document data is written to JSON: camelCase names, enums by name, Chinese text as it is.</summary>
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>
/// Turns document data into the PDF that is issued (Supervision.Reports implements it). Domain decides what a document
/// says and when it is issued; the renderer decides how it looks.
/// </summary>
public interface IDocumentRenderer
{
    /// <param name="seal">The administration's seal image to print over the signature (documents that carry one).</param>
    /// <param name="preview">A draft shown before issuing: no number, a marked space for the seal.</param>
    /// <param name="faces">The administration's own licensed fonts, in place of the bundled faces (none: the bundled ones).</param>
    byte[] Render(DocumentData data, byte[]? seal = null, bool preview = false, IReadOnlyList<DocumentFace>? faces = null);
}

/// <summary>An uploaded font (validated by <see cref="Organizations.FontFile"/>) and the role it plays in documents.</summary>
public sealed record DocumentFace(Organizations.DocumentFaceRole Role, string Sha256, byte[] Bytes);
