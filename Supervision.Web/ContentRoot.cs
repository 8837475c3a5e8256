using System.Reflection;

namespace Supervision.Web;

/// <summary>
/// Where the portal's own files are (appsettings, wwwroot, the default App_Data/ database), whatever the working
/// directory: ASP.NET Core would take the working directory, so `dotnet Supervision.Web.dll --backup …` run beside the
/// dll, or a portal started from another folder, would look for (or quietly create) another, empty database.
/// </summary>
public static class ContentRoot
{
    public const string ProjectDirectoryKey = "ProjectDirectory";

    /// <returns>
    /// Null when the caller named one (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>; the test host
    /// does); the project folder for a build running from its own <c>bin/</c> (what <c>dotnet run</c> uses); otherwise the
    /// folder of the application's files (a published portal keeps everything beside the dll).
    /// </returns>
    public static string? Resolve(string[] args)
    {
        if (args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 })
            return null;
        var application = Path.GetFullPath(AppContext.BaseDirectory);
        var project = typeof(ContentRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value;
        if (project is { Length: > 0 } && Directory.Exists(project)
            && application.StartsWith(Path.Combine(Path.GetFullPath(project), "bin") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return Path.GetFullPath(project);
        return application;
    }
}
