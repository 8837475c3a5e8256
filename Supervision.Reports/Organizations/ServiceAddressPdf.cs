using Supervision.Domain.Common;
using Supervision.Domain.Organizations;
using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;

namespace Supervision.Reports.Organizations;

/// <summary>
/// 送达地址确认书 (行政处罚法第六十一条第二款 "当事人同意并签订确认书的"): the party, where and to whom documents are served, its
/// choice on electronic service and the e-mail address for it, what it confirms, and its responsible person's signature — the
/// form of the other case documents (a two-column form like the 送达回证), signed by the party with room for its seal.
/// </summary>
public static class ServiceAddressPdf
{
    public const string ElectronicTerms = "同意通过监管平台及上述电子邮箱接收行政处罚事先告知书、行政处罚决定书等执法文书";

    public static byte[] Render(ServiceAddressConfirmationData d)
    {
        var doc = new OfficialDocument($"{d.Authority}\n送达地址确认书");
        var table = new DocumentTable(new TableColumn("", 1.6), new TableColumn("", 4.2)) { FontSize = 12 };
        table.AddRow("受送达人", d.Party.Name);
        Row(table, "统一社会信用代码", d.Party.CreditCode);
        Row(table, d.Party.HeadTitle == "负责人" ? "营业场所" : "住所", d.Party.Address);
        table.AddRow("送达地址", d.PostalAddress);
        table.AddRow("收件人及联系电话", $"{d.RecipientName}　{d.RecipientPhone}");
        table.AddRow("电子送达", (d.ConsentsToElectronicService ? "■同意　□不同意" : "□同意　■不同意") + "\n" + ElectronicTerms);
        Row(table, "送达电子邮箱", d.Email);
        table.AddRow("告知事项", Notice());
        table.AddRow("受送达人确认", $"{ServiceAddressConfirmation.AttestationText}。\n{Confirmation(d)}\n签署日期：{ChineseDate.Format(d.SignedOn)}\n受送达人（盖章）：{SealRoom}");
        if (d.SupersededOn is { } replaced) table.AddRow("备注", $"本确认书已被{ChineseDate.Format(replaced)}签署的确认书取代。");
        doc.Table(table);
        // One place for the party's seal (in the form, where it confirms); no signature block below that would invite a second.
        return OfficialDocumentRenderer.Render(doc, DocumentVerificationMark.Options(d));
    }

    /// <summary>
    /// Who confirmed it: confirmed in the portal, the person who did so by name and when (经电子确认); else a blank line for the head
    /// to sign by hand — never a typed name standing in for a signature.
    /// </summary>
    internal static string Confirmation(ServiceAddressConfirmationData d)
    {
        if (d.AttestedBy is { Length: > 0 } by && d.AttestedAt != default)
        {
            // The head who signed is named (the form records who bound the party), and the portal account that confirmed it.
            var at = BeijingTime.Local(d.AttestedAt);
            return $"签署确认书的{HeadLabel(d)}：{d.ResponsiblePerson}\n经电子确认，确认人：{PersonName.Short(by)}，{ChineseDate.Format(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm}";
        }
        return $"{HeadLabel(d)}（签名）：＿＿＿＿＿＿＿＿＿＿";
    }

    /// <summary>Room under 受送达人（盖章） for the stamp (four lines of the form, about 25 mm).</summary>
    private const string SealRoom = "\n　\n　\n　\n　";

    /// <summary>签署确认书的负责人: the head's title of the party (负责人 of a branch, 法定代表人 of a company) or, acting for it, the responsible person.</summary>
    private static string HeadLabel(ServiceAddressConfirmationData d) => d.Party.HeadTitle == "负责人" ? "负责人" : "法定代表人或负责人";

    /// <summary>What the party is told on signing: how service by each way works and that it must keep the address current.</summary>
    internal static string Notice() => string.Join("\n",
        "一、依据《中华人民共和国行政处罚法》第六十一条第二款，当事人同意并签订确认书的，行政机关可以采用电子邮件等方式送达行政处罚决定书等文书。",
        "二、同意电子送达的，本机关通过监管平台发送文书并向上述电子邮箱发出通知，受送达人首次在平台查阅文书之日为送达日期；不同意的，采用直接送达或者邮寄送达。",
        "三、上述地址或电子邮箱变更的，应当及时重新签署确认书；未及时告知的，按本确认书载明的地址送达即视为送达。");

    /// <summary>A row of the form; nothing recorded is stated as 无.</summary>
    private static void Row(DocumentTable table, string label, string? value) =>
        table.AddRow(label, string.IsNullOrWhiteSpace(value) ? "无" : value);
}
