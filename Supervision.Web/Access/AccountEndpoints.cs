using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;

namespace Supervision.Web.Access;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with the antiforgery token (the layout's 退出 button); never a GET.
        endpoints.MapPost("/account/logout", async (HttpContext ctx, SignInManager<AppUser> signIn, AuditService audit, IAntiforgery antiforgery) =>
        {
            // This endpoint binds no form, so nothing else checks the token: a forged cross-site post must not sign anyone out.
            if (!await antiforgery.IsRequestValidAsync(ctx))
                return Results.BadRequest();
            var name = ctx.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (name is not null)
                await audit.RecordSignInEventAsync(AuditActions.SignOut, name, ctx.Connection.RemoteIpAddress?.ToString());
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization();
        return endpoints;
    }
}
