using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Supervision.Domain.Access;

namespace Supervision.Web.Access;

/// <summary>
/// "Authorization: Bearer spk_…" for carriers' own systems. A valid key signs the request in as a carrier
/// user of the key's branch, so the same scope mechanism filters everything the API touches.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var caller = await Context.RequestServices.GetRequiredService<ApiKeyService>().AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
            return AuthenticateResult.Fail("invalid key");
        // The call acts as the key's 签报人 (its user id), so filing checks that user's duty as it does on the page.
        var identity = new ClaimsIdentity(
        [
            .. caller.SignatoryId is { } signatory ? [new Claim(ClaimTypes.NameIdentifier, signatory)] : Array.Empty<Claim>(),
            new Claim(ClaimTypes.Name, $"api:{caller.KeyPrefix}"),
            new Claim(ClaimTypes.Role, nameof(UserRole.CarrierUser)),
            new Claim(AccessScope.ProvinceClaim, caller.Branch.ProvinceId.ToString(CultureInfo.InvariantCulture)),
            new Claim(AccessScope.CarrierClaim, caller.Branch.CarrierId.ToString(CultureInfo.InvariantCulture)),
            new Claim(AccessScope.BranchesClaim, string.Join(',', caller.BranchIds)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Api.ApiErrors.Write(Response, StatusCodes.Status401Unauthorized, "auth.invalid_key", "缺少或无效的接口密钥（Authorization: Bearer spk_…），或密钥已吊销、已过期。");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.ApiErrors.Write(Response, StatusCodes.Status403Forbidden, "auth.forbidden", "该密钥无权执行此操作。");
}
