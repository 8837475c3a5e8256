namespace Supervision.Reports.Submissions.Io;

/// <summary>How a cell was stored in the file.</summary>
public enum RawCellType { String, Number, Boolean, Error, Formula }

/// <summary>
/// One non-empty cell. Column is 0-based (A=0). Value: the text as stored (shared/inline strings resolved;
/// numbers in invariant culture as written in the XML; booleans "1"/"0"; for Formula the cached value, may be "").
/// </summary>
public sealed record RawCell(int Column, string Value, RawCellType Type);

/// <summary>
/// One row as it appears in the sheet. RowNumber is 1-based, exactly as Excel shows it (gaps kept: a row
/// missing from the XML, or one without any non-empty cell, is simply not yielded). Cells sparse, ordered by column.
/// </summary>
public sealed record SheetRow(int RowNumber, IReadOnlyList<RawCell> Cells)
{
    /// <summary>The cell in the 0-based column, or null when it is empty.</summary>
    public RawCell? this[int column]
    {
        get
        {
            var cells = Cells;
            int lo = 0, hi = cells.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = cells[mid].Column;
                if (c == column) return cells[mid];
                if (c < column) lo = mid + 1; else hi = mid - 1;
            }
            return null;
        }
    }
}

/// <summary>
/// A workbook or a CSV file opened for reading. Throws <see cref="SpreadsheetRejectedException"/> on anything hostile or broken.
/// Not thread-safe; the caller's stream is left open (dispose it yourself).
/// </summary>
public interface ISpreadsheet : IDisposable
{
    /// <summary>Worksheet names in workbook order (chart sheets are left out). CSV: exactly one sheet, named by the caller.</summary>
    IReadOnlyList<string> SheetNames { get; }

    /// <summary>Streams the rows of a sheet (looked up exactly, then ignoring case); re-enumerable (each enumeration re-reads).</summary>
    IEnumerable<SheetRow> ReadRows(string sheetName);
}

/// <summary>A file the portal refuses to read. <see cref="Code"/> is stable (see <see cref="SpreadsheetErrorCodes"/>); the message is for the carrier.</summary>
public sealed class SpreadsheetRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The stable codes of <see cref="SpreadsheetRejectedException"/>.</summary>
public static class SpreadsheetErrorCodes
{
    public const string NotSpreadsheet = "file.not_spreadsheet";
    public const string LegacyXls = "file.legacy_xls";
    public const string Corrupt = "file.corrupt";
    public const string ZipBomb = "file.zip_bomb";
    public const string TooLarge = "file.too_large";
    public const string TooManyRows = "file.too_many_rows";
    public const string TooManyColumns = "file.too_many_columns";
    public const string TooManySheets = "file.too_many_sheets";
    public const string CellTooLong = "file.cell_too_long";
    public const string BadEncoding = "file.bad_encoding";
    public const string SheetMissing = "file.sheet_missing";
    public const string UnsafePath = "file.unsafe_path";
    public const string Macro = "file.macro";
    public const string EmbeddedObject = "file.embedded_object";
    public const string ExternalLink = "file.external_link";
    public const string ExternalFormula = "file.external_formula";
    public const string ExtensionMismatch = Supervision.Domain.Files.StoredFile.ExtensionMismatchCode;
}

/// <summary>What an uploaded file may be. Sizes in bytes; the compression ratio is uncompressed ÷ compressed per ZIP entry.</summary>
public sealed record SpreadsheetLimits(long MaxFileBytes = 30 * 1024 * 1024, long MaxUncompressedBytes = 400L * 1024 * 1024,
    int MaxCompressionRatio = 100, int MaxRowsPerSheet = 300_000, int MaxColumns = 200, int MaxCellChars = 32_767, int MaxSheets = 50);

/// <summary>A1-style cell addresses (row 1-based, column 0-based).</summary>
