using Microsoft.AspNetCore.Identity;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Web;

/// <summary>What happens before the portal serves: schema, catalogs, demo accounts, and command-line tasks.</summary>
public static class Startup
{
    public const string CreateAdminSwitch = "--create-admin";
    public const string AdminPasswordVariable = "SUPERVISION_ADMIN_PASSWORD";

    /// <returns>An exit code when a command-line task ran instead of the portal; null to go on serving.</returns>
    public static Task<int?> InitializeAsync(this WebApplication app, string[] args) =>
        InitializeAsync(app.Services, app.Configuration, app.Environment, args, app.Logger);

    public static async Task<int?> InitializeAsync(IServiceProvider services, IConfiguration config, IHostEnvironment env, string[] args, ILogger log)
    {
        _ = Task.Run(Supervision.Reports.Documents.OfficialDocumentRenderer.WarmUp);
        var seedDirectory = config["Seed:Directory"] is { Length: > 0 } configured ? configured : SeedFiles.DefaultDirectory;
        // Web nodes starting together on one PostgreSQL database take turns: the first migrates and seeds, the rest find it done.
        await using var initializing = await InitializationLock.AcquireAsync(services.GetRequiredService<DatabaseSettings>());
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDirectory);

        var createAdmin = Array.IndexOf(args, CreateAdminSwitch);
        if (createAdmin >= 0)
            return await CreateAdministratorAsync(services, args.ElementAtOrDefault(createAdmin + 1), Environment.GetEnvironmentVariable(AdminPasswordVariable));

        using (var scope = services.CreateScope())
        {
            if (env.IsDevelopment())
            {
                var demo = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(seedDirectory);
                await scope.ServiceProvider.GetRequiredService<Supervision.Reports.Inspections.InspectionDemo>().EnsureAsync();
                await scope.ServiceProvider.GetRequiredService<Supervision.Reports.Enforcement.EnforcementDemo>().EnsureAsync();
                PrintDemoAccounts(demo);
            }
            else if (!scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().Users.Any())
            {
                log.LogWarning("No user exists yet. Create the first administrator with: dotnet Supervision.Web.dll {Switch} <username> (password from the {Variable} environment variable)",
                    CreateAdminSwitch, AdminPasswordVariable);
            }
        }
        return null;
    }

    public static async Task<int> CreateAdministratorAsync(IServiceProvider services, string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.StartsWith('-') || string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine($"用法：{CreateAdminSwitch} <用户名>，密码由环境变量 {AdminPasswordVariable} 提供。");
            return 2;
        }
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("system:create-admin");
        try
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(new UserInput
            {
                UserName = userName, DisplayName = "系统管理员", Role = UserRole.SystemAdmin, Password = password,
            });
            Console.WriteLine($"已创建系统管理员 {userName}。");
            return 0;
        }
        catch (DomainException ex)
        {
            Console.Error.WriteLine($"创建失败：{ex.Message}");
            return 1;
        }
    }

    private static void PrintDemoAccounts(IReadOnlyList<DemoAccounts.DemoUser> demo)
    {
        Console.WriteLine();
        Console.WriteLine($"演示账户（密码均为 {DemoAccounts.Password}）/ Demo accounts (password {DemoAccounts.Password}):");
        foreach (var d in demo)
            Console.WriteLine($"  {d.UserName,-20} {Roles.Label(d.Role),-6} {d.DisplayName}");
        Console.WriteLine("演示接口密钥 / Demo API keys (Authorization: Bearer <key>):");
        foreach (var (branch, key) in DemoAccounts.ApiKeys)
            Console.WriteLine($"  {branch,-10} {key}");
        Console.WriteLine();
    }
}
