using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Supervision.Domain.Notifications;

namespace Supervision.Web.Mail;

/// <summary>
/// Sends the outbox's e-mail (single messages and daily digests) through the configured SMTP server with MailKit, or,
/// with <c>Mail:Enabled=false</c>, writes it to the log. The Message-Id comes from the outbox key, so a repeated attempt
/// carries the same one and a receiver can drop the copy.
/// </summary>
public sealed class MailSender(IOptions<MailOptions> options, ILogger<MailSender> log) : IMessageSender
{
    public bool Handles(DeliveryChannel channel) => channel is DeliveryChannel.Email or DeliveryChannel.Digest;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mail = Compose(message, o);
        if (!o.Enabled)
        {
            log.LogInformation("Mail:Enabled=false, e-mail not sent. To: {To}; Message-Id: {MessageId}; Subject: {Subject}\n{Body}",
                Contact.MaskEmail(message.To), mail.MessageId, mail.Subject, mail.TextBody);
            return;
        }
        if (string.IsNullOrWhiteSpace(o.Host))
            throw new InvalidOperationException("未配置邮件服务器（Mail:Host）。");
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host, o.Port, o.Security switch
            {
                MailSecurity.None => SecureSocketOptions.None,
                MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (!string.IsNullOrEmpty(o.UserName))
                await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(true, ct);
        }
        // What an administrator reads on the delivery page: in Chinese, with the server's own words where it gave some.
        catch (SocketException ex)
        {
            log.LogWarning(ex, "SMTP server {Host}:{Port} not reachable", o.Host, o.Port);
            throw new InvalidOperationException($"无法连接邮件服务器 {o.Host}:{o.Port}。", ex);
        }
        catch (AuthenticationException ex)
        {
            throw new InvalidOperationException("邮件服务器拒绝登录，请检查 Mail:UserName 和 Mail:Password。", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new InvalidOperationException($"邮件服务器拒收（{(int)ex.StatusCode}）：{ex.Message}", ex);
        }
        catch (Exception ex) when (ex is SslHandshakeException or SmtpProtocolException or ServiceNotConnectedException or IOException or TimeoutException)
        {
            log.LogWarning(ex, "SMTP exchange with {Host}:{Port} failed", o.Host, o.Port);
            throw new InvalidOperationException($"与邮件服务器 {o.Host}:{o.Port} 通信失败（加密握手、连接中断或超时）。", ex);
        }
    }

    /// <summary>The e-mail: Chinese subject and plain-text body, one section per notification with the link to its record.</summary>
    public static MimeMessage Compose(OutgoingMessage message, MailOptions o)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(o.FromName, o.From));
        mail.To.Add(new MailboxAddress(message.ToName, message.To));
        var domain = MailboxAddress.Parse(o.From).Domain;
        mail.MessageId = $"{message.Key}@{domain}";
        mail.Subject = $"【{o.FromName}】{message.Subject}";
        var body = new StringBuilder().Append(message.ToName).AppendLine("，您好：").AppendLine();
        foreach (var item in message.Items)
        {
            body.Append('【').Append(item.Title).AppendLine("】").AppendLine(item.Body);
            if (!string.IsNullOrEmpty(item.Link)) body.Append("查看详情：").AppendLine(o.Link(item.Link));
            body.AppendLine();
        }
        body.Append("此邮件由").Append(o.FromName).AppendLine("自动发送，请勿直接回复。")
            .Append("如需更改接收方式，请登录平台在“通知设置”中修改：").AppendLine(o.Link("/notifications/settings"));
        mail.Body = new TextPart("plain") { Text = body.ToString() };
        return mail;
    }
}
