using Supervision.Web.Mail;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using MudBlazor;
using MudBlazor.Services;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Web.Access;
using Supervision.Web.Components;
using Supervision.Web.Api;
using Supervision.Web.Jobs;
using Supervision.Web.Operations;
using Supervision.Web.Public;

namespace Supervision.Web;

/// <summary>Everything the web host adds: Blazor and MudBlazor, Identity, access propagation, health.</summary>
public static class WebSetup
{
    /// <summary>
    /// The configured database: <c>Database:Provider</c> (Sqlite by default, or Postgres) and <c>ConnectionStrings:Supervision</c>.
    /// A relative SQLite file path is resolved against the content root so `dotnet run` and tests agree.
    /// </summary>
    public static DatabaseSettings SupervisionDatabase(this IConfiguration config, IHostEnvironment env)
    {
        var provider = DatabaseSettings.ParseProvider(config["Database:Provider"]);
        var raw = config.GetConnectionString("Supervision");
        if (provider == DatabaseProvider.Postgres)
            return DatabaseSettings.Postgres(raw is { Length: > 0 } && !raw.Contains("Data Source", StringComparison.OrdinalIgnoreCase)
                ? raw
                : throw new InvalidOperationException(
                    "Database:Provider=Postgres needs ConnectionStrings:Supervision, e.g. \"Host=db;Database=supervision;Username=portal;Password=…\"."));
        var builder = new SqliteConnectionStringBuilder(raw ?? "Data Source=App_Data/supervision.db");
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
            builder.DataSource = Path.Combine(env.ContentRootPath, file);
        return DatabaseSettings.Sqlite(builder.ToString());
    }

    public static IServiceCollection AddSupervisionWeb(this IServiceCollection services, IConfiguration config, DatabaseSettings database)
    {
        // Sign-in cookies and antiforgery tokens are protected with keys kept in the database, so any web node reads
        // what another issued; one application name, so nodes installed in different folders share them too.
        services.AddDataProtection().SetApplicationName("Supervision").PersistKeysToDbContext<SupervisionDbContext>();
        // Circuit limits are set on purpose in appsettings.json ("Circuits", see docs/PERFORMANCE.md): an open page holds
        // 1.5-3.5 MB on the server, so how many disconnected pages a node keeps, and for how long, bounds its memory.
        services.AddRazorComponents().AddInteractiveServerComponents(o => config.GetSection("Circuits").Bind(o));
        // Chinese text goes out as text, not as &#x…; entities (markup characters are still encoded).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // API answers (errors echo what the caller sent) keep < > & ' " escaped; Chinese stays readable.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            o.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddTransient<MudLocalizer, Supervision.Web.Components.Shared.ChineseMudLocalizer>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<CircuitHandler, AccessCircuitHandler>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthentication().AddIdentityCookies();
        services.AddSingleSignOn(config);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "电信实名制与网络安全监管平台 · 企业报送接口";
            doc.Info.Description = "企业自有系统用本单位的接口密钥（Authorization: Bearer spk_…）下载模板、上传报表、查询审核结果。错误统一为 {errors:[{code,message,sheet,row,column}]}。";
            return Task.CompletedTask;
        }));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "supervision.auth";
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Every request: the cookie's session must still be current in the database (Identity's own check runs every 30 minutes).
            o.Events.OnValidatePrincipal = SignInCookies.ValidateAsync;
            o.Events.OnRedirectToReturnUrl = SignInCookies.NoReturnRedirect;
            // API clients get a status code, not a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = ctx => StatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => StatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme,
            o => o.Events.OnRedirectToReturnUrl = SignInCookies.NoReturnRedirect);
        // The published demo password is refused everywhere but Development, where the demo accounts use it.
        services.AddSingleton(sp => CommonPasswords.Load(SeedDirectory(sp.GetRequiredService<IConfiguration>()),
            sp.GetRequiredService<IHostEnvironment>().IsDevelopment() ? [] : [DemoAccounts.Password]));
        services.AddSingleton(sp => new TwoFactorExemptions(sp.GetRequiredService<IHostEnvironment>().IsDevelopment()
            ? DemoAccounts.Read(SeedDirectory(sp.GetRequiredService<IConfiguration>())).Select(d => d.UserName)
            : []));
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                // Read by SignInThrottle, which locks any sign-in name (of a user or not) after these many failures.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<SupervisionDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddClaimsPrincipalFactory<SupervisionClaimsFactory>()
            .AddDefaultTokenProviders()
            // In place of Identity's authenticator provider: each code once (the last used step is kept in the database).
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddDbContextCheck<SupervisionDbContext>("database")
            .AddCheck<DatabaseReadiness>("database-schema", tags: [DatabaseReadiness.Tag]);
        services.AddSignInRateLimit();
        services.AddVerifyRateLimit();
        services.AddForwardedClient();
        services.AddSingleton(RouteCatalog.FromAssembly(typeof(WebSetup).Assembly));
        services.AddSupervisionJobs(config, database);
        services.AddSupervisionMessaging();
        // Development's demo data, made through the real services (Startup and a background generator after start).
        services.AddScoped<Demo.DemoAuthoritySettings>();
        services.AddScoped<Demo.ElectronicServiceDemo>();
        services.AddScoped<Demo.InspectionDemo>();
        services.AddScoped<Demo.EnforcementDemo>();
        services.AddHostedService<Demo.DemoHistoryService>();
        services.AddPublicSite();
        return services;
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            ctx.Response.StatusCode = status;
        else // Relative: the cookie handler builds an absolute address from the request's Host header, which a client may forge.
            ctx.Response.Redirect(Uri.TryCreate(ctx.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Where the catalogs, demo users and the common-password list are read from (<c>Seed:Directory</c>).</summary>
    public static string SeedDirectory(IConfiguration config) =>
        config["Seed:Directory"] is { Length: > 0 } configured ? configured : Supervision.Domain.Data.Seeding.SeedFiles.DefaultDirectory;

    public static WebApplication UseSupervision(this WebApplication app)
    {
        // First: everything after it (limits, audit, links) sees the client's address, not the proxy's.
        app.UseForwardedClient();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseDatabaseBusyAnswer();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiErrors();
        // The people who use the portal read Chinese: dates, numbers and component texts follow zh-CN.
        app.UseRequestLocalization(o => o.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN").AddSupportedUICultures("zh-CN"));
        app.UseSignInRateLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        // The one place an HTTP request learns who acts; Blazor circuits learn it in AccessCircuitHandler.
        app.Use((ctx, next) =>
        {
            var access = ctx.RequestServices.GetRequiredService<AccessContext>();
            access.SetUser(ctx.User);
            access.ClientAddress = ctx.Connection.RemoteIpAddress?.ToString();
            return next(ctx);
        });
        app.UseOutputCache();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = r => !r.Tags.Contains(DatabaseReadiness.Tag) })
            .AllowAnonymous();
        DatabaseReadiness.MapReadiness(app);
        app.MapAccountEndpoints();
        app.MapSingleSignOn();
        app.MapOpenApi().AllowAnonymous();
        app.MapSubmissionsApi();
        app.MapPublicSite();
        app.MapEvidenceFiles();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
