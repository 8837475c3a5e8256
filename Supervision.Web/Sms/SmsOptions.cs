namespace Supervision.Web.Sms;

/// <summary>
/// The SMS gateway (configuration section <c>Sms</c>): the signed template API the common Chinese providers offer — a
/// template registered with the provider (its code is data: <c>MessageKind.SmsTemplate</c>), its parameters, the
/// signature name, and the request signed with the account's secret.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>false (the Development default): messages are written to the log instead of sent.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The gateway's send endpoint, e.g. https://sms.example.com/api/send.</summary>
    public string? GatewayUrl { get; set; }
    public string? AccessKeyId { get; set; }
    public string? AccessKeySecret { get; set; }
    /// <summary>短信签名 registered with the provider, e.g. 电信监管平台.</summary>
    public string SignName { get; set; } = "电信监管平台";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsValid() =>
        string.IsNullOrWhiteSpace(GatewayUrl) || (Uri.TryCreate(GatewayUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
}
