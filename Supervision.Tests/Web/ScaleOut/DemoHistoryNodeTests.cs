using System.Diagnostics;
using Supervision.Domain.Data;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.ScaleOut;

/// <summary>
/// Two Development nodes started together on one PostgreSQL database: one generates the demo history, the other leaves it
/// to that node (it used to run the generator too and stop with a failure). PostgreSQL only, as the other scale-out tests.
/// </summary>
public class DemoHistoryNodeTests
{
    [Fact]
    public async Task Only_one_node_generates_the_demo_history()
    {
        Assert.Equal(DatabaseProvider.Postgres, TemplateDatabase.Provider);
        var database = await TemplateDatabase.CopyAsync();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Demo:History"] = "true",
            ["Demo:HistoryMonths"] = "1",
            ["Logging:LogLevel:Supervision.Web.Demo.DemoHistoryService"] = "Information",
        };
        try
        {
            var starting = new[] { ChildPortal.StartAsync(database, settings), ChildPortal.StartAsync(database, settings) };
            await using var a = await starting[0];
            await using var b = await starting[1];

            static bool Finished(ChildPortal node) => node.Output.Any(l => l.Contains("Demo history done", StringComparison.Ordinal)
                || l.Contains("Demo history: already complete", StringComparison.Ordinal) || l.Contains("another node is generating", StringComparison.Ordinal)
                || l.Contains("Demo history failed", StringComparison.Ordinal));
            var wait = Stopwatch.StartNew();
            while (!(Finished(a) && Finished(b)) && wait.Elapsed < TimeSpan.FromMinutes(4))
                await Task.Delay(200);

            var output = a.Output.Concat(b.Output).ToList();
            Assert.DoesNotContain(output, l => l.Contains("Demo history failed", StringComparison.Ordinal));
            Assert.Single(output, l => l.Contains("Demo history done", StringComparison.Ordinal));
            Assert.True(Finished(a) && Finished(b), string.Join('\n', output.TakeLast(40)));
        }
        finally
        {
            await TemplateDatabase.DropAsync(database);
        }
    }
}
