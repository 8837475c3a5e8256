using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Supervision.Web.Api;
using Supervision.Web.Operations;

namespace Supervision.Tests.Web.Api;

/// <summary>
/// What the /api error shape does with failures no handler answered, on a bare pipeline: an exception becomes a logged
/// 500 in the documented JSON, a busy database is left to <see cref="DatabaseBusy"/>'s 503, and other paths are untouched.
/// (Routes, methods and body types through the real portal: <c>HostileInputCorpusTests.Every_api_error_is_the_documented_json</c>.)
/// </summary>
public sealed class ApiErrorResponsesTests : IAsyncLifetime
{
    private WebApplication _app = default!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        _app.UseDatabaseBusyAnswer();
        _app.UseApiErrors();
        _app.MapGet("/api/boom", (HttpContext _) => throw new InvalidOperationException("secret detail C:\\app\\db"));
        _app.MapGet("/api/busy", (HttpContext _) => throw new SqliteException("database is locked", 5));
        _app.MapGet("/page/missing", (HttpContext context) => Results.StatusCode(404));
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_unhandled_exception_is_a_500_in_the_documented_json_without_its_details()
    {
        var response = await _app.GetTestClient().GetAsync("/api/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(body).RootElement.GetProperty("errors")[0];
        Assert.Equal("server.error", error.GetProperty("code").GetString());
        Assert.Contains("跟踪号", error.GetProperty("message").GetString());
        Assert.DoesNotContain("secret", body);
    }

    [Fact]
    public async Task A_busy_database_is_still_answered_as_busy_and_pages_outside_the_api_are_untouched()
    {
        var busy = await _app.GetTestClient().GetAsync("/api/busy");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(DatabaseBusy.Code, JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());

        var page = await _app.GetTestClient().GetAsync("/page/missing");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("", await page.Content.ReadAsStringAsync());
    }
}
