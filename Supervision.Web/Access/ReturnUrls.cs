using System.Text;

namespace Supervision.Web.Access;

/// <summary>Where a sign-in sends the browser back to: only a path on this site, and in a form a Location header can carry.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// "/" unless <paramref name="returnUrl"/> is a local path (Blazor's own "org/branches" without the slash too); an
    /// open redirect would let a phishing link borrow the sign-in page. Characters outside printable ASCII are
    /// percent-encoded (UTF-8): a header cannot hold "/。x" as it stands.
    /// </summary>
    public static string Safe(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl))
            return "/";
        var url = "/" + returnUrl.Trim().TrimStart('/');
        if (returnUrl.TrimStart().StartsWith("//", StringComparison.Ordinal) || url.Contains('\\') || url.Contains("://", StringComparison.Ordinal))
            return "/";
        var encoded = new StringBuilder(url.Length);
        foreach (var b in Encoding.UTF8.GetBytes(url))
        {
            if (b is > 0x20 and < 0x7F and not (byte)'"' and not (byte)'<' and not (byte)'>')
                encoded.Append((char)b);
            else
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
