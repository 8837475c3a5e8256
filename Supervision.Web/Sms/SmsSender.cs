using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Supervision.Domain.Notifications;
using Supervision.Web.Mail;

namespace Supervision.Web.Sms;

/// <summary>
/// Sends the outbox's SMS through the configured gateway: a POST of the template code and its parameters (<c>title</c>,
/// <c>link</c>), signed with HMAC-SHA256 over timestamp, nonce and body; the outbox key goes as <c>outId</c>, so the
/// gateway can drop a repeated attempt. With <c>Sms:Enabled=false</c> the message is written to the log (number masked).
/// </summary>
public sealed class SmsSender(IHttpClientFactory clients, IOptions<SmsOptions> options, IOptions<MailOptions> mail, TimeProvider clock, ILogger<SmsSender> log)
    : IMessageSender
{
    public const string Client = "sms";

    public bool Handles(DeliveryChannel channel) => channel == DeliveryChannel.Sms;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var item = message.Items[0];
        var parameters = JsonSerializer.Serialize(new Dictionary<string, string> { ["title"] = item.Title, ["link"] = mail.Value.Link(item.Link) }, Json);
        if (!o.Enabled)
        {
            log.LogInformation("Sms:Enabled=false, SMS not sent. To: {To}; template {Template}; parameters {Parameters}",
                Contact.MaskMobile(message.To), message.SmsTemplate, parameters);
            return;
        }
        if (string.IsNullOrWhiteSpace(o.GatewayUrl))
            throw new InvalidOperationException("未配置短信网关（Sms:GatewayUrl）。");
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["phoneNumbers"] = message.To, ["signName"] = o.SignName, ["templateCode"] = message.SmsTemplate ?? "", ["templateParam"] = parameters, ["outId"] = message.Key,
        }, Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, o.GatewayUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-sms-access-key", o.AccessKeyId ?? "");
        request.Headers.Add("x-sms-timestamp", timestamp);
        request.Headers.Add("x-sms-nonce", nonce);
        request.Headers.Add("x-sms-signature", Sign(o.AccessKeySecret ?? "", timestamp, nonce, body));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            var client = clients.CreateClient(Client);
            client.Timeout = o.Timeout;
            response = await client.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "SMS gateway {Url} not reachable", o.GatewayUrl);
            throw new InvalidOperationException("无法连接短信网关。", ex);
        }
        using (response)
        {
            var reply = await response.Content.ReadAsStringAsync(ct);
            var (code, text) = Read(reply);
            if (!response.IsSuccessStatusCode || !string.Equals(code, "OK", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"短信网关拒绝发送（{(int)response.StatusCode} {code}）：{text}");
        }
    }

    /// <summary>Base64 of HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body): what the gateway recomputes.</summary>
    public static string Sign(string secret, string timestamp, string nonce, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}")));

    private static (string? Code, string? Message) Read(string reply)
    {
        try
        {
            using var doc = JsonDocument.Parse(reply);
            string? Field(string name) => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) ? v.ToString() : null;
            return (Field("code"), Field("message"));
        }
        catch (JsonException)
        {
            return (null, reply.Length > 200 ? reply[..200] : reply);
        }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
