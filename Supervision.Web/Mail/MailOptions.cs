namespace Supervision.Web.Mail;

/// <summary>The SMTP server the portal sends e-mail through (configuration section <c>Mail</c>).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>false (the Development default): messages are written to the log instead of sent.</summary>
    public bool Enabled { get; set; } = true;
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@localhost";
    public string FromName { get; set; } = "电信监管平台";
    /// <summary>The portal's address for the links in messages, e.g. https://jg.example.gov.cn (relative links without it).</summary>
    public string? BaseUrl { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsValid() =>
        Port is > 0 and < 65536 && MimeKit.MailboxAddress.TryParse(From, out _)
        && (string.IsNullOrWhiteSpace(BaseUrl) || (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"));

    public string Link(string path) => string.IsNullOrWhiteSpace(BaseUrl) ? path : BaseUrl.Trim().TrimEnd('/') + path;
}

public enum MailSecurity
{
    /// <summary>Plain SMTP (a relay on the local network).</summary>
    None,
    /// <summary>STARTTLS, required (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
