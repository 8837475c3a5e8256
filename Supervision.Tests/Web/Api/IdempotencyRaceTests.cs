using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Web.Api;

/// <summary>
/// One Idempotency-Key sent twice at the same moment: both callers get the first result — one version, one id — never
/// 409 submission.locked (the second seeing the first's filed version) nor a 500 from the unique index. The node lets
/// several imports run at once, so the two requests really overlap; a barrier releases each pair together, and the
/// pair is sent many times, so the interleavings that broke before are met whatever the machine's timing.
/// The two-node case (PostgreSQL) is in <see cref="ScaleOut.TwoNodeTests"/>.
/// </summary>
public sealed class IdempotencyRaceTests : IAsyncLifetime
{
    private PortalFactory _portal = default!;

    public async Task InitializeAsync() => _portal = new PortalFactory(await TemplateDatabase.CopyAsync())
    {
        ExtraServices = s => s.AddSingleton(new ImportGate(4, TimeSpan.FromSeconds(60))),
    };

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Two_posts_with_one_key_at_the_same_moment_both_get_the_first_result()
    {
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await IdempotencyRace.PostTogetherManyTimesAsync([client, client], _portal, "one-node");
    }
}

/// <summary>Pairs of the same request under one key, sent at once; used by the one-node and the two-node tests.</summary>
public static class IdempotencyRace
{
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    /// <summary>
    /// Sends the same upload under one key from each client at once (after a barrier), <paramref name="rounds"/> times with a
    /// new key and period each round, and checks both answers and that each round left exactly one version.
    /// </summary>
    public static async Task PostTogetherManyTimesAsync(HttpClient[] clients, PortalFactory database, string run, int rounds = 12)
    {
        foreach (var client in clients)
            client.DefaultRequestHeaders.Authorization = new("Bearer", "spk_demoCMCC64_NingxiaMobile_2026");
        for (var round = 0; round < rounds; round++)
        {
            var period = new DateOnly(2021, 1, 1).AddMonths(round).ToString("yyyy-MM");
            var key = $"race-{run}-{round}";
            var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", period, Ningxia, 40 + round));
            var requests = clients.Select((_, i) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions")
                {
                    Content = new MultipartFormDataContent
                    {
                        { new ByteArrayContent(file), "file", "月报.xlsx" }, { new StringContent("RN-MONTHLY"), "template" }, { new StringContent(period), "period" }, { new StringContent("true"), "attestation" },
                    },
                };
                request.Headers.Add("Idempotency-Key", key);
                return request;
            }).ToList();

            using var barrier = new Barrier(clients.Length);
            var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                var response = await client.SendAsync(requests[i]);
                return (Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            })));

            foreach (var (status, body) in responses)
                Assert.True(status == HttpStatusCode.Created, $"round {round}: {(int)status} {body[..Math.Min(300, body.Length)]}");
            var ids = responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetInt64()).Distinct().ToList();
            Assert.Single(ids);
            var receipts = responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("receiptNo").GetString()).Distinct().ToList();
            // One receipt for both: its number is the receipt's verification code.
            var receipt = Assert.Single(receipts);
            Assert.Equal(receipt, Supervision.Domain.Documents.VerificationCodes.Display(Supervision.Domain.Documents.VerificationCodes.Normalize(receipt)!));
        }
        using var scope = database.ScopeFor(AccessScope.System);
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();
        var stored = await db.Submissions.Where(s => s.IdempotencyKey!.StartsWith($"race-{run}-")).Select(s => new { s.Period, s.Version }).ToListAsync();
        Assert.Equal(rounds, stored.Count);
        Assert.Equal(rounds, stored.Select(s => s.Period).Distinct().Count());
        Assert.All(stored, s => Assert.Equal(1, s.Version));
    }
}
