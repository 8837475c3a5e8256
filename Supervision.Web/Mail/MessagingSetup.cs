using Supervision.Domain.Notifications;

namespace Supervision.Web.Mail;

public static class MessagingSetup
{
    /// <summary>E-mail and SMS for the outbox, configured under <c>Mail</c> and <c>Sms</c> (checked at start).</summary>
    public static IServiceCollection AddSupervisionMessaging(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(o => o.IsValid(), "Mail 配置有误：Mail:Port 应为1至65535，Mail:From 应为电子邮箱地址，Mail:BaseUrl 应为平台的绝对地址（http 或 https）。")
            .ValidateOnStart();
        services.AddSingleton<IMessageSender, MailSender>();
        services.AddOptions<Sms.SmsOptions>().BindConfiguration(Sms.SmsOptions.Section)
            .Validate(o => o.IsValid(), "Sms 配置有误：Sms:GatewayUrl 应为短信网关的绝对地址（http 或 https）。")
            .ValidateOnStart();
        services.AddHttpClient(Sms.SmsSender.Client);
        services.AddSingleton<IMessageSender, Sms.SmsSender>();
        return services;
    }
}
