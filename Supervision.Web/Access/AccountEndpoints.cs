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
        endpoints.MapPost("/account/logout", async (HttpContext ctx, SignInManager<AppUser> signIn, UserManager<AppUser> users, UserSessions sessions,
            AuditService audit, IAntiforgery antiforgery) =>
        {
            // This endpoint binds no form, so nothing else checks the token: a forged cross-site post must not sign anyone out.
            if (!await antiforgery.IsRequestValidAsync(ctx))
                return Results.BadRequest();
            // A new security stamp: this cookie, a copy of it kept elsewhere, and the user's other sessions are refused from now on.
            if (await users.GetUserAsync(ctx.User) is { } user)
            {
                await sessions.EndAllAsync(users, user);
                await audit.RecordAccountEventAsync(AuditActions.SignOut, user.UserName!, ctx.Connection.RemoteIpAddress?.ToString());
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization();
        return endpoints;
    }
}
