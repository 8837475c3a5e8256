namespace Supervision.Domain.Common;

/// <summary>A person as a document names them where they sign or act: the name without the department or title the portal adds in
/// brackets (马建国（宁夏局网安处） → 马建国).</summary>
public static class PersonName
{
    public static string Short(string name)
    {
        var trimmed = name.Trim();
        return trimmed.IndexOfAny(['（', '(']) is > 0 and var at ? trimmed[..at].Trim() : trimmed;
    }
}
