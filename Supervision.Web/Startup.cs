using Microsoft.AspNetCore.Identity;
using Supervision.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Web;

/// <summary>What happens before the portal serves: schema, catalogs, demo accounts, and command-line tasks.</summary>
public static class Startup
{
    public const string CreateAdminSwitch = "--create-admin";
    public const string AdminPasswordVariable = "SUPERVISION_ADMIN_PASSWORD";
    public const string BackupSwitch = "--backup";

    /// <returns>An exit code when a command-line task ran instead of the portal; null to go on serving.</returns>
    public static Task<int?> InitializeAsync(this WebApplication app, string[] args) =>
        InitializeAsync(app.Services, app.Configuration, app.Environment, args, app.Logger);

    public static async Task<int?> InitializeAsync(IServiceProvider services, IConfiguration config, IHostEnvironment env, string[] args, ILogger log)
    {
        // A backup copies the database as it is: before migrations or seeding could change it.
        var backup = Array.IndexOf(args, BackupSwitch);
        if (backup >= 0)
            return await BackupAsync(services, args.ElementAtOrDefault(backup + 1));

        var seedDirectory = WebSetup.SeedDirectory(config);
        // Web nodes starting together on one PostgreSQL database take turns: the first migrates and seeds, the rest find it done.
        await using var initializing = await NodeLock.AcquireAsync(services.GetRequiredService<DatabaseSettings>(), NodeLock.Initialization);
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
                await scope.ServiceProvider.GetRequiredService<Demo.DemoAuthoritySettings>().EnsureAsync();
                await scope.ServiceProvider.GetRequiredService<Demo.ElectronicServiceDemo>().EnsureAsync();
                await scope.ServiceProvider.GetRequiredService<Demo.InspectionDemo>().EnsureAsync();
                await scope.ServiceProvider.GetRequiredService<Demo.EnforcementDemo>().EnsureAsync();
                PrintDemoAccounts(demo);
            }
            else if (!scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().Users.Any())
            {
                log.LogWarning("No user exists yet. Create the first administrator with: dotnet Supervision.Web.dll {Switch} <username> (password from the {Variable} environment variable)",
                    CreateAdminSwitch, AdminPasswordVariable);
            }
            if (!env.IsDevelopment())
            {
                // A database that carries the demo's public site addresses (example.gov.cn) serves, but outside Development those
                // addresses are passed over: the server's configured one serves until an administrator sets the real one.
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
                var demo = await db.Provinces.Where(p => p.PublicSiteIsDemo).Select(p => p.Name).ToListAsync();
                if (demo.Count > 0)
                    log.LogWarning("The public site address of {Provinces} is the demo's (example.gov.cn): their documents carry the server's address (PublicSite:BaseUrl) until the real one is set in 基础数据 › 省级管理局",
                        string.Join(", ", demo));
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

    /// <summary>An online backup (the portal may go on serving meanwhile) into a new file, checked before it is reported.</summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string? target)
    {
        if (string.IsNullOrWhiteSpace(target) || target.StartsWith('-'))
        {
            Console.Error.WriteLine($"用法：{BackupSwitch} <备份文件路径>（文件不得已存在）。");
            return 2;
        }
        using var scope = services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        if (!db.Database.IsSqlite())
        {
            Console.Error.WriteLine("备份命令仅适用于SQLite数据库；PostgreSQL请使用 pg_dump。");
            return 1;
        }
        try
        {
            var result = await DatabaseBackup.RunAsync(db.Database.GetConnectionString()!, target);
            Console.WriteLine($"已备份到 {result.Path}（{result.Bytes:N0} 字节，{result.Tables.Count} 张表，完整性检查通过）。");
            return 0;
        }
        catch (DomainException ex)
        {
            Console.Error.WriteLine($"备份失败：{ex.Message}");
            return 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            Console.Error.WriteLine($"备份失败：数据库错误 {ex.SqliteErrorCode}（{ex.Message}）。");
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
