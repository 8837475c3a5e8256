using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

/// <summary>
/// The authenticator app's codes (RFC 6238: HMAC-SHA1, 30-second steps, six digits; like Identity's own provider, a code
/// of up to two steps before or after now is accepted, for phones whose clocks drift), each usable once: the step of the
/// last code accepted is kept in the database (a user token), and a code of that step or an earlier one is refused — a
/// code seen over a shoulder or in a proxy's log cannot be used again, on this node or any other. Time comes from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(IDbContextFactory<SupervisionDbContext> factory, TimeProvider clock)
    : IUserTwoFactorTokenProvider<AppUser>
{
    public const string LoginProvider = "[Authenticator]";
    public const string LastStepName = "LastUsedStep";
    private const int Drift = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app generates the codes, not the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (key is null || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var secret = Base32(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        for (var step = now - Drift; step <= now + Drift; step++)
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                return await ClaimAsync(user.Id, step);
        return false;
    }

    /// <summary>
    /// Records <paramref name="step"/> as the user's last used one if it is later than the one recorded, in one statement
    /// (a row lock on PostgreSQL, the one writer on SQLite): of two nodes given the same code at once, one succeeds.
    /// </summary>
    private async Task<bool> ClaimAsync(string userId, long step)
    {
        var value = step.ToString("D20", CultureInfo.InvariantCulture); // fixed width: compared as text
        await using var db = await factory.CreateDbContextAsync();
        if (await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == LastStepName && string.Compare(t.Value, value) < 0)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value)) == 1)
            return true;
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value") VALUES ({userId}, {LoginProvider}, {LastStepName}, {value})
            ON CONFLICT DO NOTHING
            """) == 1;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        var (buffer, bits) = (0, 0);
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var v = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0) continue;
            (buffer, bits) = ((buffer << 5) | v, bits + 5);
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
