using System.Globalization;

using Supervision.Domain.Submissions;

namespace Supervision.Reports.Submissions.Io;

/// <summary>The one place where rejections get their code and Chinese message.</summary>
internal static class Rejections
{
    public const string NotSpreadsheetMessage = "文件不是有效的Excel工作簿（.xlsx）或CSV文件。";

    public static SpreadsheetRejectedException NotSpreadsheet(string? detail = null) =>
        new(SpreadsheetErrorCodes.NotSpreadsheet, detail is null ? NotSpreadsheetMessage : $"{NotSpreadsheetMessage.TrimEnd('。')}：{detail}。");

    public static SpreadsheetRejectedException LegacyXls() =>
        new(SpreadsheetErrorCodes.LegacyXls, "不支持旧版.xls或加密的工作簿，请另存为.xlsx");

    public static SpreadsheetRejectedException Corrupt(string detail) =>
        new(SpreadsheetErrorCodes.Corrupt, $"文件已损坏或不是完整的Excel工作簿：{detail}。");

    public static SpreadsheetRejectedException CorruptPart(string part) =>
        Corrupt($"部件“{part}”的XML格式错误，或含有不允许的内容（如DTD、外部实体）");

    public static SpreadsheetRejectedException ZipBomb(string detail) =>
        new(SpreadsheetErrorCodes.ZipBomb, $"文件解压后的体积异常（{detail}），疑似压缩炸弹，已拒绝处理。");

    public static SpreadsheetRejectedException TooLarge(long maxBytes) =>
        new(SpreadsheetErrorCodes.TooLarge, $"文件大小超过{Megabytes(maxBytes)}MB的上限。");

    public static SpreadsheetRejectedException TooManyRows(string sheet, int max) =>
        new(SpreadsheetErrorCodes.TooManyRows, $"工作表“{sheet}”超过{max}行");

    public static SpreadsheetRejectedException TooManyColumns(string sheet, int row, int max) =>
        new(SpreadsheetErrorCodes.TooManyColumns, $"工作表“{sheet}”第{row}行超过{max}列");

    public static SpreadsheetRejectedException TooManySheets(int max) =>
        new(SpreadsheetErrorCodes.TooManySheets, $"工作簿的工作表超过{max}个");

    public static SpreadsheetRejectedException CellTooLong(string sheet, int row, int column, int max) =>
        new(SpreadsheetErrorCodes.CellTooLong, $"工作表“{sheet}”单元格{CellAddress.Format(row, column)}内容超过{max}个字符");

    /// <summary>A CSV record too long for the reader's buffer (twice the longest cell allowed): its cells are not known.</summary>
    public static SpreadsheetRejectedException RowTooLong(string sheet, int row, int max) =>
        new(SpreadsheetErrorCodes.CellTooLong, $"工作表“{sheet}”第{row}行内容过长（超过{max}个字符）");

    public static SpreadsheetRejectedException BadEncoding() =>
        new(SpreadsheetErrorCodes.BadEncoding, "CSV文件既不是有效的UTF-8编码，也不是有效的GBK编码，请用UTF-8或GBK编码另存后重新上传。");

    public static SpreadsheetRejectedException SheetMissing(string sheet) =>
        new(SpreadsheetErrorCodes.SheetMissing, $"工作簿中没有名为“{sheet}”的工作表");

    public static SpreadsheetRejectedException UnsafePath(string entry) =>
        new(SpreadsheetErrorCodes.UnsafePath, $"文件中有路径不安全的部件“{Shown(entry)}”（绝对路径或含“..”，解压时可能写到别处），已拒绝处理。请在Excel中另存为新的.xlsx文件后上传。");

    public static SpreadsheetRejectedException Macro(string part) =>
        new(SpreadsheetErrorCodes.Macro, $"文件含有宏（VBA或宏表，部件“{Shown(part)}”），报表不能带宏。请在Excel中另存为“Excel工作簿（*.xlsx）”后上传。");

    public static SpreadsheetRejectedException EmbeddedObject(string part) =>
        new(SpreadsheetErrorCodes.EmbeddedObject, $"文件含有嵌入的对象或控件（部件“{Shown(part)}”），报表只能含数据。请删除插入的对象、控件后重新上传。");

    public static SpreadsheetRejectedException ExternalLink(string target) =>
        new(SpreadsheetErrorCodes.ExternalLink, $"文件含有外部链接或数据连接（“{Shown(target)}”），打开时会访问其他文件或网址。请在Excel“数据 → 编辑链接”中断开链接、删除数据连接后重新上传。");

    public static SpreadsheetRejectedException ExternalFormula(string sheet, string cell, string what) =>
        new(SpreadsheetErrorCodes.ExternalFormula, $"工作表“{Shown(sheet)}”单元格{Shown(cell)}的公式引用了外部内容（{what}），打开时会访问其他文件、网址或程序。请把该公式复制后“粘贴为数值”，再重新上传。");

    public static SpreadsheetRejectedException ExternalName(string name, string what) =>
        new(SpreadsheetErrorCodes.ExternalFormula, $"工作簿中的名称“{Shown(name)}”引用了外部内容（{what}），打开时会访问其他文件、网址或程序。请在Excel“公式 → 名称管理器”中删除该名称后重新上传。");

    /// <summary>A part name or link as it may be shown in a message: no control or formatting characters, at most 80 characters.</summary>
    private static string Shown(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray());
        return clean.Length <= 80 ? clean : clean[..80] + "…";
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
}
