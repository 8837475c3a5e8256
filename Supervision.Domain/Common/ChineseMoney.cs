using System.Globalization;
using System.Text;

namespace Supervision.Domain.Common;

/// <summary>
/// Amounts of money as official documents write them: in figures (25,000.00) and in Chinese
/// capitals (人民币贰万伍仟元整) per the People's Bank of China rules for bills and vouchers
/// (《正确填写票据和结算凭证的基本规定》).
/// </summary>
/// <remarks>
/// Conventions where the rules leave a choice:
/// <list type="bullet">
/// <item>"整" follows 元 when there are no 角/分, and also follows 角 when there is no 分 (0.5 → 人民币伍角整);
/// never after 分.</item>
/// <item>Zeros inside the integer part are read as the standard Chinese number reading does: a run of
/// zeros between non-zero digits becomes one 零 (10050 → 壹万零伍拾), zeros at the end of a four-digit
/// section are silent (107000 → 壹拾万柒仟, one of the two forms the rules allow), and a section
/// starting with zero after a non-zero higher section gets one 零 (100000001 → 壹亿零壹, 100010000 →
/// 壹亿零壹万). The part above 亿 is read as one number (1200300000000000 → 壹仟贰佰万叁仟亿).</item>
/// <item>When 元 is zero but 角 is not, no 零 is written (1680.32 → 壹仟陆佰捌拾元叁角贰分, allowed by the
/// rules); when 角 is zero and 分 is not, 零 is required (16409.02 → 壹万陆仟肆佰零玖元零贰分).</item>
/// <item>拾 is always preceded by a digit (10 → 壹拾元整), as bills require.</item>
/// </list>
/// </remarks>
public static class ChineseMoney
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];

    /// <summary>An amount in figures as the portal shows it everywhere: ¥20,000.00.</summary>
    public static string Yuan(decimal amount) => amount.ToString("¥#,0.00", CultureInfo.InvariantCulture);

    /// <summary>The figures alone, for texts that say 人民币…元 around them: 20,000.00.</summary>
    public static string Figures(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>The largest amount written: 9999,9999,9999,9999.99 (below 1 亿亿).</summary>
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    /// <summary>e.g. 16409.02 → 人民币壹万陆仟肆佰零玖元零贰分.</summary>
    /// <exception cref="ArgumentException">The amount is negative, has more than two decimals, or exceeds <see cref="MaxAmount"/>.</exception>
    public static string ToCapital(decimal amount)
    {
        Validate(amount);
        var integer = (long)decimal.Truncate(amount);
        var cents = (int)((amount - integer) * 100);
        var jiao = cents / 10;
        var fen = cents % 10;

        var text = new StringBuilder("人民币");
        if (integer > 0)
        {
            AppendInteger(text, integer);
            text.Append('元');
        }
        if (jiao == 0 && fen == 0)
        {
            if (integer == 0) text.Append("零元");
            text.Append('整');
        }
        else if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
            if (fen > 0) text.Append(Digits[fen]).Append('分');
            else text.Append('整');
        }
        else
        {
            if (integer > 0) text.Append('零');
            text.Append(Digits[fen]).Append('分');
        }
        return text.ToString();
    }

    /// <summary>e.g. 25000 → 25,000.00 (figures with thousands separators and two decimals).</summary>
    public static string ToFigures(decimal amount)
    {
        Validate(amount);
        return amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
    }

    private static void Validate(decimal amount)
    {
        if (amount < 0)
            throw new ArgumentException($"A negative amount ({amount.ToString(CultureInfo.InvariantCulture)}) cannot be written in capitals.", nameof(amount));
        if (decimal.Round(amount, 2) != amount)
            throw new ArgumentException($"The amount {amount.ToString(CultureInfo.InvariantCulture)} has more than two decimals (分 is the smallest unit).", nameof(amount));
        if (amount > MaxAmount)
            throw new ArgumentException($"The amount {amount.ToString(CultureInfo.InvariantCulture)} is too large (at most {MaxAmount.ToString(CultureInfo.InvariantCulture)}).", nameof(amount));
    }

    /// <summary>1..9999,9999,9999,9999: the part above 亿 is read as a number of its own, then 亿.</summary>
    private static void AppendInteger(StringBuilder text, long value)
    {
        const long Yi = 100_000_000;
        if (value >= Yi)
        {
            AppendBelowYi(text, value / Yi);
            text.Append('亿');
            var rest = value % Yi;
            if (rest == 0) return;
            if (rest < Yi / 10) text.Append('零');   // zeros right after 亿 read as one 零
            AppendBelowYi(text, rest);
        }
        else
        {
            AppendBelowYi(text, value);
        }
    }

    /// <summary>1..9999,9999.</summary>
    private static void AppendBelowYi(StringBuilder text, long value)
    {
        var high = (int)(value / 10_000);
        var low = (int)(value % 10_000);
        if (high > 0)
        {
            AppendSection(text, high);
            text.Append('万');
            if (low == 0) return;
            if (low < 1000) text.Append('零');        // zeros right after 万 read as one 零
        }
        AppendSection(text, low);
    }

    /// <summary>One section of up to four digits (1..9999): inner zero runs → one 零, trailing zeros silent.</summary>
    private static void AppendSection(StringBuilder text, int section)
    {
        var started = false;
        var zero = false;
        for (var place = 3; place >= 0; place--)
        {
            var digit = section / Pow10(place) % 10;
            if (digit == 0)
            {
                zero |= started;
                continue;
            }
            if (zero) text.Append('零');
            text.Append(Digits[digit]).Append(PlaceUnits[place]);
            started = true;
            zero = false;
        }
    }

    private static int Pow10(int place) => place switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };
}
