using Supervision.Domain.Common;

namespace Supervision.Domain.Notifications;

/// <summary>
/// A kind of message users choose a delivery for (报表退回与受理, 整改通知, 审批事项…). Catalog data: seeded from
/// seed-data/message-kinds.json. A notification belongs to the kind whose key prefix starts its dedup key
/// (<c>order-issued:42</c> → prefix <c>order-issued</c>); the longest matching prefix wins.
/// </summary>
public class MessageKind : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Dedup-key prefixes of the notifications of this kind, separated by spaces.</summary>
    public string KeyPrefixes { get; set; } = "";
    /// <summary>
    /// The SMS template registered with the gateway for this kind (its parameters: <c>title</c> and <c>link</c>); without
    /// one the kind cannot be chosen for SMS.
    /// </summary>
    public string? SmsTemplate { get; set; }
    /// <summary>Who receives messages of this kind, and so who sees it among their choices.</summary>
    public MessageAudience Audience { get; set; }
    /// <summary>How a user who has not chosen receives it.</summary>
    public DeliveryChannel DefaultChannel { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Whether a user of the carrier (or of the administration) receives this kind.</summary>
    public bool Reaches(bool carrier) => Audience == MessageAudience.All || carrier == (Audience == MessageAudience.Carrier);

    public IEnumerable<string> Prefixes => KeyPrefixes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The kind of a notification key: the kind with the longest prefix the key starts with, or null.</summary>
    public static MessageKind? Of(string dedupKey, IEnumerable<MessageKind> kinds) =>
        kinds.SelectMany(k => k.Prefixes.Select(p => (Kind: k, Prefix: p)))
            .Where(x => dedupKey == x.Prefix || dedupKey.StartsWith(x.Prefix + ":", StringComparison.Ordinal))
            .OrderByDescending(x => x.Prefix.Length).Select(x => x.Kind).FirstOrDefault();
}

public enum MessageAudience
{
    All,
    /// <summary>Only the administration's staff (internal work: approvals, inspections, publication deadlines).</summary>
    Regulator,
    Carrier,
}

/// <summary>How a user wants a kind of message: always in the portal (the bell), and besides by one of these.</summary>
public enum DeliveryChannel
{
    /// <summary>仅站内.</summary>
    Portal,
    Email,
    Sms,
    /// <summary>每日汇总: one e-mail a day with the day's messages.</summary>
    Digest,
}

public static class DeliveryChannels
{
    public static string Label(DeliveryChannel c) => c switch
    {
        DeliveryChannel.Portal => "仅站内",
        DeliveryChannel.Email => "邮件",
        DeliveryChannel.Sms => "短信",
        DeliveryChannel.Digest => "每日汇总",
        _ => c.ToString(),
    };
}

/// <summary>A user's choice for one kind of message; without one the kind's default applies.</summary>
public class NotificationPreference : IUserOwned
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string KindCode { get; set; } = "";
    public DeliveryChannel Channel { get; set; }
}
