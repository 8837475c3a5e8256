namespace Supervision.Domain.Submissions;

/// <summary>Excel cell references: "AB12" ⇄ (0-based column, 1-based row).</summary>
public static class CellAddress
{
    /// <summary>Excel's last column (XFD) is 16383 (0-based).</summary>
    public const int MaxColumnIndex = 16_383;
    public const int MaxRow = 1_048_576;

    private static readonly string[] Names = Enumerable.Range(0, 256).Select(Build).ToArray();

    /// <summary>"A" for 0, "Z" for 25, "AA" for 26.</summary>
    public static string ColumnName(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        return column < Names.Length ? Names[column] : Build(column);
    }

    /// <summary>"C7" for row 7, column 2.</summary>
    public static string Format(int row, int column) => ColumnName(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses "AB12" (or "ab12", or just "AB") into a 0-based column and a 1-based row (0 when absent).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int column, out int row)
    {
        column = -1;
        row = 0;
        var i = 0;
        var col = 0;
        while (i < text.Length && i < 4)
        {
            var ch = (char)(text[i] | 0x20);
            if (ch < 'a' || ch > 'z') break;
            col = col * 26 + (ch - 'a' + 1);
            i++;
        }
        if (i == 0 || col > MaxColumnIndex + 1) return false;
        var r = 0;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9 || ++digits > 7) return false;
            r = r * 10 + d;
        }
        if (digits > 0 && (r < 1 || r > MaxRow)) return false;
        column = col - 1;
        row = r;
        return true;
    }

    private static string Build(int column)
    {
        Span<char> buffer = stackalloc char[8];
        var pos = buffer.Length;
        var n = column + 1;
        while (n > 0)
        {
            var rem = (n - 1) % 26;
            buffer[--pos] = (char)('A' + rem);
            n = (n - 1) / 26;
        }
        return new string(buffer[pos..]);
    }

    /// <summary>"D2" → (row 2, column 3); for addresses written in template definitions.</summary>
    public static (int Row, int Column) Parse(string address) =>
        TryParse(address, out var column, out var row) ? (row, column) : throw new FormatException($"Not a cell address: {address}");

    public static int ColumnIndex(string letters) => TryParse(letters, out var column, out _) ? column : -1;
}
