using Supervision.Domain.Publicity;

namespace Supervision.Tests.Domain.Publicity;

/// <summary>
/// Personal numbers as people really type them, and near misses that must stay as they are: used by the unit tests of
/// <see cref="PublicText"/> and end to end through the public site (page, feeds, export, PDF).
/// </summary>
public static class PersonalNumberCorpus
{
    /// <summary>
    /// A text and what it becomes; {I}, {P} and {C} stand for the ID, phone and bank card notes (see <see cref="Expected"/>).
    /// Every ID has a real birth date; those marked "check ok" have the right GB 11643 check digit, the others a wrong one.
    /// </summary>
    public static readonly TheoryData<string, string> Masked = new()
    {
        // 18-digit IDs
        { "ID110101199003071234", "ID{I}" }, // letters just before, wrong check digit
        { "身份证号:110101199003071233", "身份证号:{I}" }, // check ok
        { "身份证号：１１０１０１１９９００３０７１２３４", "身份证号：{I}" }, // full-width digits from a Chinese IME
        { "身份证 110101 19900307 1234 已核验", "身份证 {I} 已核验" },
        { "身份证110101-19900307-1234", "身份证{I}" },
        { "证件1101 0119 9003 0712 34号", "证件{I}号" },
        { "证件号11010119\u200B9003071234", "证件号{I}" }, // a zero-width space inside
        { "证件号码64010219900101123x", "证件号码{I}" }, // lower-case check character
        { "证件号码44030519851224001３", "证件号码{I}" }, // half and full width mixed
        { "身份证号码440305198512240013，", "身份证号码{I}，" }, // check ok
        { "证件号 320106200002295678", "证件号 {I}" }, // 29 February 2000
        { "永久居留身份证910156199003071238", "永久居留身份证{I}" }, // no province code, but a right check digit
        { "ID\u00A0110101199003071234", "ID {I}" }, // a no-break space
        { "证件号：１１０１０１　１９９００３０７　１２３４", "证件号：{I}" }, // full-width spaces
        // 15-digit IDs
        { "旧身份证110101900307123", "旧身份证{I}" },
        { "旧证 110101 900307 123", "旧证 {I}" },
        // mobile numbers
        { "手机１３８００１３８０００", "手机{P}" },
        { "手机号码19912345678。", "手机号码{P}。" },
        { "tel13912345678", "tel{P}" },
        { "电话+86 138 0013 8000", "电话{P}" },
        { "电话+8613800138000", "电话{P}" },
        { "电话0086-138-0013-8000", "电话{P}" },
        { "电话(+86)13800138000", "电话{P}" },
        { "电话（＋86）138 0013 8000", "电话{P}" },
        { "手机138-0013-8000", "手机{P}" },
        { "手机 138 0013 8000 ", "手机 {P}" },
        { "手机138.0013.8000", "手机{P}" },
        { "手机138\u200B0013\u200C8000", "手机{P}" },
        { "手机：１３８－００１３－８０００", "手机：{P}" },
        { "手机138—0013—8000", "手机{P}" },
        { "用户13800138000、13900139000", "用户{P}、{P}" },
        { "号码13800138000 13900139000", "号码{P} {P}" },
        // landlines
        { "电话(0951)6012345", "电话{P}" },
        { "电话（0951）6012345", "电话{P}" },
        { "电话【0951】6012345", "电话{P}" },
        { "电话0951—6012345", "电话{P}" },
        { "电话0951——6012345", "电话{P}" },
        { "电话0951 – 6012345", "电话{P}" },
        { "电话０９５１－６０１２３４５", "电话{P}" },
        { "电话010-88888888", "电话{P}" },
        { "电话010 8888 8888", "电话{P}" },
        { "电话02087654321", "电话{P}" },
        { "电话+86 951 6012345", "电话{P}" },
        { "电话0951-6012345转801", "电话{P}转801" },
        // bank cards (Luhn)
        { "银行卡6222021234567890128", "银行卡{C}" },
        { "卡号6222 0212 3456 7890 128", "卡号{C}" },
        { "卡号4111-1111-1111-1111", "卡号{C}" },
        { "卡号9559901234567890125", "卡号{C}" },
        { "银行卡号：６２２２０２１２３４５６７８９０１２８", "银行卡号：{C}" },
        // letters or words right after the number (a credit code is 18 characters passing its own check, see Kept)
        { "13800138000QQ", "{P}QQ" },
        { "身份证110101199003071234abc", "身份证{I}abc" },
        { "张三手机店13800138000WeChat", "张三手机店{P}WeChat" },
        { "证件号码110101199003071234Xyz", "证件号码{I}Xyz" },
        // words right before the number, however long (only hex digests and letter-digit mixes throughout are kept)
        { "PersonalIdentificationNumber110101199003071234", "PersonalIdentificationNumber{I}" },
        { "ContactTelephoneNumberIs13800138000", "ContactTelephoneNumberIs{P}" },
        // the check character typed as a multiplication sign or a full-width x (check ok)
        { "身份证11010519491231002×", "身份证{I}" },
        { "身份证11010519491231002ｘ", "身份证{I}" },
        // many groups, or a digit at a time
        { "身份证110 101 199 003 071 234", "身份证{I}" },
        { "手机1 3 8 0 0 1 3 8 0 0 0", "手机{P}" },
        { "身份证1-1-0-1-0-1-1-9-9-0-0-3-0-7-1-2-3-4", "身份证{I}" },
        // other separators
        { "电话0951/6012345", "电话{P}" },
        { "手机138_0013_8000", "手机{P}" },
        { "手机138,0013,8000", "手机{P}" },
        { "手机138\n0013\n8000", "手机{P}" },
        { "手机138\r\n0013\r\n8000", "手机{P}" },
        { "电话0951 —— 6012345", "电话{P}" },
        { "电话0951---6012345", "电话{P}" },
        { "手机138. 0013. 8000", "手机{P}" },
        // other brackets around the area code
        { "电话「0951」6012345", "电话{P}" },
        { "电话『0951』6012345", "电话{P}" },
        { "电话《0951》6012345", "电话{P}" },
        { "电话〈0951〉6012345", "电话{P}" },
        { "电话{0951}6012345", "电话{P}" },
        { "电话<0951>6012345", "电话{P}" },
        // invisible fillers between the groups
        { "手机138\u31640013\u31648000", "手机{P}" }, // Hangul filler
        { "手机138\u28000013\u28008000", "手机{P}" }, // braille blank
        { "手机138\uFFA00013\u115F8000", "手机{P}" }, // half-width Hangul filler, Hangul choseong filler
        { "手机138\u00AD0013\u20608000", "手机{P}" }, // soft hyphen, word joiner
        // Chinese numerals
        { "手机一三八〇〇一三八〇〇〇", "手机{P}" },
        { "手机幺三八零零幺三八零零零", "手机{P}" },
        { "身份证壹壹零壹零壹壹玖玖零零叁零柒壹贰叁肆", "身份证{I}" },
        { "电话〇九五一－六〇一二三四五", "电话{P}" },
        // a mobile dialled with a leading 0 from a landline
        { "手机013800138000", "手机{P}" },
        { "手机0138 0013 8000", "手机{P}" },
        // several in one text
        { "张某（身份证号110101199003071234，手机13800138000，银行卡6222021234567890128）办理入网", "张某（身份证号{I}，手机{P}，银行卡{C}）办理入网" },
    };

    /// <summary>Numbers that are no one's: they stay exactly as written.</summary>
    public static readonly TheoryData<string> Kept = new()
    {
        "统一社会信用代码91640000710603880X",
        "统一社会信用代码91640400859974633N", // 17 digits passing Luhn, then a letter
        "统一社会信用代码914416004597208612", // all digits, passing Luhn: a credit code, not a card
        "宁通管罚〔2026〕12号，罚款人民币20,000.00元",
        "2026年3月10日至2026年4月20日共发现违规入网1532笔",
        "行政处罚决定书文号：宁通管罚〔2026〕12号",
        "罚款人民币200000.00元，没收违法所得1,380,013.80元",
        "决定日期2026-05-11，公示日期2026-05-14 2027-05-13",
        "检查日期2026.05.11",
        "订单号201805110001234567", // 18 digits without a province code or a birth date
        "订单号990101199003071234", // a birth date, but neither a province code nor the right check digit
        "订单号110101199013071234", // month 13
        "流水号6222021234567890123", // fails the Luhn check
        "ICCID 8986001234567890120", // passes Luhn, but SIM card numbers start with 89
        "IMEI 867530012345678",
        "订单号2026051113800138000", // a phone number inside a longer number is not one
        "第1380013800号",
        "服务器139.196.12.105的日志", // an IP address, not 138-style dots
        "坐标 17.52 12.45 13.67 1.99", // decimals
        "名录摘要a1b2c3d4e5f613800138000aa7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6", // inside a SHA-256 digest
        "随机种子9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "投诉热线12300，客服10086，400-810-8888",
        "第(1)项、第(2)项",
        "共13个网点，涉及用户1532户，时间2026年5月",
        "统一社会信用代码91110108MA01CDEF2W", // letters inside the code
        "代码：code91640400859974633N", // a word before the credit code
        "第1 2 3项，得分分别为1 2 3 4 5 6",
        "分别为1,5,3,2,0,0,1,0,2,3,4", // a list of small numbers, not a number spaced digit by digit
        "附件report_2026_05_14.xlsx，日期2026/05/14",
        "版本v1.3.8.0，编号SO2026051113800138000",
        "二〇二六年五月十四日，第一百三十八条，一二三四五",
        "金额1,380,013.80元，13,800,138,000元",
    };

    /// <summary>The expected text with the notes put in.</summary>
    public static string Expected(string template) =>
        template.Replace("{I}", PublicText.IdRedacted).Replace("{P}", PublicText.PhoneRedacted).Replace("{C}", PublicText.CardRedacted);
}
