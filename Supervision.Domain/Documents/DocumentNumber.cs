using System.Globalization;

namespace Supervision.Domain.Documents;

/// <summary>发文字号 (GB/T 9704-2012 7.2.4): authority code + 〔year〕 + serial + 号, no leading zeros.</summary>
public static class DocumentNumber
{
    /// <summary>e.g. ("宁通管罚", 2026, 3) → 宁通管罚〔2026〕3号.</summary>
    /// <param name="code">The authority's code including the kind of document, e.g. 宁通管罚 (province prefix 宁通管 + 罚).</param>
    /// <exception cref="ArgumentException">The code is empty, the year is not four digits, or the serial is not positive.</exception>
    public static string Format(string code, int year, int serial)
    {
        if (string.IsNullOrWhiteSpace(code))
            throw new ArgumentException("The authority code of a document number cannot be empty.", nameof(code));
        if (year is < 1000 or > 9999)
            throw new ArgumentException($"The year of a document number must have four digits, not {year}.", nameof(year));
        if (serial < 1)
            throw new ArgumentException($"The serial of a document number must be positive, not {serial}.", nameof(serial));
        return string.Create(CultureInfo.InvariantCulture, $"{code.Trim()}〔{year}〕{serial}号");
    }
}
