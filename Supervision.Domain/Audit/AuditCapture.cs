using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Supervision.Domain.Audit;

/// <summary>Turns tracked changes into compact before/after records, before they are saved.</summary>
internal static class AuditCapture
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    // Bookkeeping that would bury the real changes, and secrets that must never be copied.
    private static readonly HashSet<string> Ignored =
    [
        nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp), nameof(IdentityUser.AccessFailedCount),
        nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.NormalizedUserName),
    ];
    private static readonly HashSet<string> Secret = [nameof(IdentityUser.PasswordHash)];
    // Contact details: the trail shows that they changed, masked like every list.
    private static readonly HashSet<string> Emails = [nameof(IdentityUser.Email), nameof(Organizations.Branch.ComplianceEmail)];
    private static readonly HashSet<string> Mobiles =
        [nameof(IdentityUser.PhoneNumber), nameof(Organizations.Branch.ComplianceMobile), nameof(Organizations.ServiceAddressConfirmation.RecipientPhone)];

    internal sealed class Pending(EntityEntry entry, string action, Dictionary<string, object?> changes)
    {
        // Keys of new rows, and the foreign keys that point at other new rows, are generated on save: until then EF holds
        // temporary values (e.g. -9223372036854773522). A new row's values are therefore read afterwards.
        private readonly bool _added = entry.State == EntityState.Added;
        private readonly string? _key = entry.State == EntityState.Added ? null : Key(entry);

        public AuditEntry ToEntry() => new()
        {
            Action = action,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = _key ?? Key(entry),
            Changes = JsonSerializer.Serialize(_added ? changes.Keys.ToDictionary(k => k, k => Value(k, entry.Property(k).CurrentValue)) : changes, Json),
        };

        private static string Key(EntityEntry e) =>
            string.Join("/", e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue));
    }

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var list = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry or AuditHead || !IsAudited(entry))
                continue;
            var changes = new Dictionary<string, object?>();
            string action;
            switch (entry.State)
            {
                case EntityState.Added:
                    action = AuditActions.Create;
                    foreach (var p in entry.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !Ignored.Contains(p.Metadata.Name) && p.CurrentValue is not null))
                        changes[p.Metadata.Name] = Value(p.Metadata.Name, p.CurrentValue);
                    break;
                case EntityState.Modified:
                    action = AuditActions.Update;
                    foreach (var p in entry.Properties.Where(p => p.IsModified && !Ignored.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue)))
                        changes[p.Metadata.Name] = new[] { Value(p.Metadata.Name, p.OriginalValue), Value(p.Metadata.Name, p.CurrentValue) };
                    if (changes.Count == 0) continue;
                    break;
                case EntityState.Deleted:
                    action = AuditActions.Delete;
                    foreach (var p in entry.Properties.Where(p => !Ignored.Contains(p.Metadata.Name) && p.OriginalValue is not null))
                        changes[p.Metadata.Name] = Value(p.Metadata.Name, p.OriginalValue);
                    break;
                default:
                    continue;
            }
            list.Add(new Pending(entry, action, changes));
        }
        return list;
    }

    private static bool IsAudited(EntityEntry entry) =>
        entry.Metadata.ClrType.Namespace?.StartsWith("Supervision.Domain", StringComparison.Ordinal) == true
        && !Attribute.IsDefined(entry.Metadata.ClrType, typeof(Common.NotAuditedAttribute))
        && entry.Entity is not Files.FileContent; // the bytes are identified by the file's hash, which is audited

    private static object? Value(string property, object? value) =>
        value is null ? null
        : Secret.Contains(property) ? "******"
        : Emails.Contains(property) ? Notifications.Contact.MaskEmail(value as string)
        : Mobiles.Contains(property) ? Notifications.Contact.MaskMobile(value as string)
        : value;
}
