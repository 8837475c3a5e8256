using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Supervision.Domain.Data;

/// <summary>
/// A lone UTF-16 surrogate (half of a character, e.g. "\uD800" pasted or sent by a broken client) cannot be written as
/// UTF-8: PostgreSQL refuses the whole save and SQLite silently alters it. Before any save, such halves in the text being
/// written become U+FFFD (the replacement character), so the rest of what the user typed is kept on both databases.
/// </summary>
internal static class WellFormedText
{
    public static void Apply(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
                if (property.CurrentValue is string text && (entry.State == EntityState.Added || property.IsModified) && HasLoneSurrogate(text))
                    property.CurrentValue = Repair(text);
        }
    }

    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    public static string Repair(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}
