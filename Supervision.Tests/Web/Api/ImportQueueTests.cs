using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Web.Api;

/// <summary>
/// Imports take turns (<see cref="ImportGate"/>): with every slot taken for longer than an upload may wait, the upload is
/// refused as busy — 503, Retry-After, a stable code and a Chinese message — and stores nothing; sent again once a slot
/// is free, it is filed. The test holds the one slot itself, so it waits for events, not for a clock.
/// </summary>
public sealed class ImportQueueTests : IAsyncLifetime
{
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];
    private PortalFactory _portal = default!;

    public async Task InitializeAsync() => _portal = new PortalFactory(await TemplateDatabase.CopyAsync())
    {
        ExtraServices = s => s.AddSingleton(new ImportGate(1, TimeSpan.FromMilliseconds(300))),
    };

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static MultipartFormDataContent Upload(string period) => new()
    {
        { new ByteArrayContent(ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", period, Ningxia, 3))), "file", "月报.xlsx" },
        { new StringContent("RN-MONTHLY"), "template" },
        { new StringContent(period), "period" }, { new StringContent("true"), "attestation" },
    };

    [Fact]
    public async Task An_upload_that_waits_past_its_turn_answers_503_stores_nothing_and_is_filed_when_sent_again()
    {
        var client = _portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", "spk_demoCMCC64_NingxiaMobile_2026");
        client.DefaultRequestHeaders.Add("Idempotency-Key", "queue-test-2025-05");
        var gate = _portal.Services.GetRequiredService<ImportGate>();

        using (await gate.EnterAsync(CancellationToken.None))
        {
            var busy = await client.PostAsync("/api/v1/submissions", Upload("2025-05"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(ImportBusyException.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
            var error = JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
            Assert.Equal("import.busy", error.GetProperty("code").GetString());
            Assert.Contains("未保存任何内容", error.GetProperty("message").GetString());
            Assert.Equal(0, await CountAsync("2025-05"));
        }

        var filed = await client.PostAsync("/api/v1/submissions", Upload("2025-05"));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(1, await CountAsync("2025-05"));
    }

    [Fact]
    public async Task The_gate_lets_in_as_many_imports_as_it_has_slots_and_a_slot_is_given_back_once()
    {
        var gate = new ImportGate(2, TimeSpan.FromMilliseconds(50));
        var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ImportBusyException>(() => gate.EnterAsync(CancellationToken.None));
        first.Dispose();
        first.Dispose(); // a second release must not make room for two
        using var third = await gate.EnterAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ImportBusyException>(() => gate.EnterAsync(CancellationToken.None));
    }

    private async Task<int> CountAsync(string period)
    {
        await using var db = _portal.ScopeFor(AccessScope.System).ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();
        return await db.Submissions.CountAsync(s => s.Period == period && s.TemplateCode == "RN-MONTHLY" && s.Branch!.Code == "CMCC-64");
    }
}
