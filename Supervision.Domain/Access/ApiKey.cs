using System.Security.Cryptography;
using Supervision.Domain.Common;

namespace Supervision.Domain.Access;

/// <summary>
/// A key a carrier branch's own system uses for the HTTP API. Only its SHA-256 is stored; the key itself
/// is shown once, when issued. Revoked keys stay for the record.
/// </summary>
public class ApiKey : IBranchScoped
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters, stored in clear to find the key and to show which one it is.</summary>
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>The 签报人 (user id) the key files returns for: a call that files acts as this user and is refused once the user is no longer 签报人 or is locked.</summary>
    public string? SignatoryId { get; set; }

    public const string KeyStart = "spk_";
    public const int PrefixLength = 12;

    public bool IsUsable(DateTimeOffset now) => StateAt(now) == ApiKeyState.Active;

    public ApiKeyState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked : ExpiresAt is { } e && e <= now ? ApiKeyState.Expired : ApiKeyState.Active;

    public static string StateLabel(ApiKeyState state) => state switch
    {
        ApiKeyState.Active => "有效",
        ApiKeyState.Expired => "已过期",
        _ => "已吊销",
    };

    /// <summary>What <paramref name="actor"/> may do with the key: an administrator revokes one not yet revoked (an expired one too, for the record).</summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor) =>
        actor == Acting.Officer && RevokedAt is null ? [new(ApiKeyActions.Revoke, "吊销", Danger: true)] : [];

    /// <summary>How precisely "last used" is kept: writing it on every call would make each API call a database write.</summary>
    public static readonly TimeSpan UseRecordedEvery = TimeSpan.FromMinutes(1);

    /// <summary>Whether a use at <paramref name="now"/> is to be written down (the first use, or the first after a minute).</summary>
    public bool RecordsUseAt(DateTimeOffset now) => LastUsedAt is not { } last || now - last >= UseRecordedEvery;

    /// <summary>A new random key: spk_ + 43 URL-safe characters (256 bits).</summary>
    public static string NewSecret() => KeyStart + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Whether a presented key can be one at all: spk_ and URL-safe characters only (the demo keys included). Anything else
    /// (a NUL, a quote, a line break) is refused before it reaches the database; PostgreSQL rejects NUL in text outright.
    /// </summary>
    public static bool IsWellFormed(string key) =>
        key.StartsWith(KeyStart, StringComparison.Ordinal) && key.Length is >= 20 and <= 200 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key.Length >= PrefixLength ? key[..PrefixLength] : key;

    public bool Matches(string key) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Hash), Convert.FromHexString(HashOf(key)));

    public void Revoke(string by, DateTimeOffset now)
    {
        if (RevokedAt is not null) throw new DomainException("apikey.revoked", "该密钥已吊销。");
        (RevokedAt, RevokedBy) = (now, by);
    }
}

public enum ApiKeyState { Active, Expired, Revoked }

/// <summary>Stable names of what can be done with an API key (<see cref="ApiKey.ActionsFor"/>).</summary>
public static class ApiKeyActions
{
    public const string Revoke = "revoke";
}
