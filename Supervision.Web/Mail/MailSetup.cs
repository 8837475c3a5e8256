using Supervision.Domain.Notifications;

namespace Supervision.Web.Mail;

public static class MailSetup
{
    /// <summary>E-mail for the outbox, configured under <c>Mail</c> (checked at start).</summary>
    public static IServiceCollection AddSupervisionMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(o => o.IsValid(), "Mail 配置有误：Mail:Port 应为1至65535，Mail:From 应为电子邮箱地址，Mail:BaseUrl 应为平台的绝对地址（http 或 https）。")
            .ValidateOnStart();
        services.AddSingleton<IMessageSender, MailSender>();
        return services;
    }
}
