using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Web.Api;

/// <summary>
/// Over HTTP: a return whose figures trip a plausibility check answers 422 plausibility.unconfirmed listing them, until a
/// second call explains each; the explanations then show on the reviewer's page and in the outlier report, which a carrier cannot open.
/// </summary>
public class PlausibilityApiTests(Portal portal) : IClassFixture<Portal>
{
    private const string CmccKey = "spk_demoCMCC64_NingxiaMobile_2026";

    private HttpClient Client()
    {
        var client = portal.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CmccKey);
        return client;
    }

    private static MultipartFormDataContent Form(byte[] file, string period, IReadOnlyDictionary<string, string>? explanations = null)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "月报.xlsx" }, { new StringContent("RN-MONTHLY"), "template" }, { new StringContent(period), "period" },
            { new StringContent("true"), "attestation" },
        };
        if (explanations is not null) form.Add(new StringContent(JsonSerializer.Serialize(explanations)), "explanations");
        return form;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Flagged_figures_answer_422_until_each_is_explained_then_the_reviewer_and_the_report_see_the_explanations()
    {
        // Accepted last month at 1,000 subscribers a row; this month's file has some 10,000 to 200,000 in each of the 30 rows.
        await FileAndAcceptAsync(portal, "CMCC-64", "2025-06", new RnRow());
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2025-07", Supervision.Tests.Domain.Submissions.ReturnBuilder.NingxiaCities, 7));

        var held = await Client().PostAsync("/api/v1/submissions", Form(file, "2025-07"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, held.StatusCode);
        var body = await JsonAsync(held);
        Assert.Equal("plausibility.unconfirmed", body.GetProperty("errors")[0].GetProperty("code").GetString());
        var flagged = body.GetProperty("unconfirmed").EnumerateArray().ToList();
        Assert.Equal(30, flagged.Count);
        var first = flagged[0];
        Assert.Equal(("汇总", "C4", "PLAUS_SUBSCRIBERS_CHANGE"), (first.GetProperty("sheet").GetString(), first.GetProperty("cell").GetString(), first.GetProperty("check").GetString()));
        Assert.True(first.GetProperty("value").GetDecimal() > 1250);
        Assert.Equal("上期1,000，变化不超过25%（750至1,250）", first.GetProperty("expected").GetString());

        // One left out (and one blank): still 422, listing just those.
        var keys = flagged.Select(f => $"{f.GetProperty("sheet").GetString()}!{f.GetProperty("cell").GetString()}").ToList();
        var partial = keys.Skip(2).ToDictionary(k => k, _ => "本月起按全省口径统计在网用户");
        partial[keys[1]] = " ";
        var missing = await Client().PostAsync("/api/v1/submissions", Form(file, "2025-07", partial));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal(keys.Take(2), (await JsonAsync(missing)).GetProperty("unconfirmed").EnumerateArray()
            .Select(f => $"{f.GetProperty("sheet").GetString()}!{f.GetProperty("cell").GetString()}"));

        var created = await Client().PostAsync("/api/v1/submissions", Form(file, "2025-07", keys.ToDictionary(k => k, _ => "本月起按全省口径统计在网用户")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();

        var inspector = await portal.AsAsync("inspector.nx");
        var review = await (await inspector.GetAsync($"/submissions/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("异常数据说明（30项）", review);
        Assert.Contains("本月起按全省口径统计在网用户", review);
        var report = await inspector.GetAsync("/submissions/outliers?template=RN-MONTHLY&period=2025-07");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var reportHtml = await report.Content.ReadAsStringAsync();
        Assert.Contains("1家单位，共30项异常数据", reportHtml);
        Assert.Contains($"/submissions/{id}", reportHtml);

        var carrier = await portal.AsAsync("carrier.cmcc.nx");
        var denied = await carrier.GetAsync("/submissions/outliers?template=RN-MONTHLY&period=2025-07");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Explanations_that_are_not_a_json_object_of_texts_are_refused_with_a_code()
    {
        var form = Form([1, 2, 3], "2025-08");
        form.Add(new StringContent("汇总!C4=因为"), "explanations");
        var response = await Client().PostAsync("/api/v1/submissions", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.explanations_invalid", (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
