using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>Maps a sheet's typed values onto its row entity by field name; the mapping is compiled once per sheet layout.</summary>
public static class RowMapper
{
    public static Type ClrType(RowTarget target) => target switch
    {
        RowTarget.RnSummary => typeof(RnSummaryRow),
        RowTarget.Outlet => typeof(OutletRow),
        RowTarget.LogSystem => typeof(LogSystemRow),
        RowTarget.SelfCheck => typeof(SelfCheckRow),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private static readonly ConcurrentDictionary<string, Func<object?[], ReturnRow>> Compiled = new();

    /// <summary>The compiled mapping of each definition object, so a 100k-row sheet looks its layout up once, not per row.</summary>
    private static readonly ConditionalWeakTable<SheetDefinition, Func<object?[], ReturnRow>> OfDefinition = new();

    public static ReturnRow Map(SheetDefinition sheet, ParsedRow row, long submissionId, int provinceId, int branchId)
    {
        var create = OfDefinition.GetValue(sheet, s => Compiled.GetOrAdd(s.Target + ":" + string.Join(',', s.Columns.Select(c => c.Field)), _ => Compile(s)));
        var entity = create(row.Values);
        entity.ExtraValues = ExtraColumns.Write(sheet, row.Values);
        entity.SubmissionId = submissionId;
        entity.ProvinceId = provinceId;
        entity.BranchId = branchId;
        entity.RowNumber = row.RowNumber;
        return entity;
    }

    /// <summary>Every field must be a property of the target row of a matching type; checked when a template is saved.</summary>
    public static IReadOnlyList<string> Check(SheetDefinition sheet) =>
        sheet.Columns.Select(c => FieldProblem(sheet.Target, c.Field, c.Type)).OfType<string>().Select(p => $"工作表“{sheet.Name}”：{p}").ToList();

    /// <summary>
    /// Why a column of <paramref name="type"/> cannot be stored in <paramref name="field"/> of the target's rows (null when
    /// it can). A designer-added column's key (<see cref="ExtraColumns"/>) holds a value of any type.
    /// </summary>
    public static string? FieldProblem(RowTarget target, string field, FieldType type)
    {
        if (ExtraColumns.IsExtra(field))
            return ExtraColumns.IsValidKey(field) ? null : $"新增列的存储键“{field}”无效（应为 Extra. 加字母或数字）";
        var p = ClrType(target).GetProperty(field);
        if (p is null || p.DeclaringType == typeof(ReturnRow)) return $"存储字段“{TemplateNames.Field(field)}”不存在";
        var stored = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        return stored == ValueType(type) ? null : $"存储字段“{TemplateNames.Field(field)}”存不下“{TemplateNames.Of(type)}”类型的值";
    }

    /// <summary>The fixed fields a sheet stored in <paramref name="target"/> can use for a column of <paramref name="type"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Fields(RowTarget target, FieldType type) =>
        ClrType(target).GetProperties().Where(p => p.DeclaringType != typeof(ReturnRow) && FieldProblem(target, p.Name, type) is null)
            .OrderBy(p => p.MetadataToken).Select(p => p.Name).ToList();

    /// <summary>
    /// One column's value of a stored row: its fixed property, or its entry in the row's extra values
    /// (<paramref name="extra"/>: <see cref="ExtraColumns.Parse"/> of the row, parsed once for all its columns).
    /// </summary>
    public static object? Value(ReturnRow row, ColumnDefinition column, System.Text.Json.JsonElement? extra) =>
        ExtraColumns.IsExtra(column.Field) ? ExtraColumns.Read(extra, column) : row.GetType().GetProperty(column.Field)?.GetValue(row);

    private static Type ValueType(FieldType type) => type switch
    {
        FieldType.Count => typeof(long),
        FieldType.Date => typeof(DateOnly),
        FieldType.YesNo => typeof(bool),
        FieldType.Decimal or FieldType.Percent => typeof(decimal),
        _ => typeof(string),
    };

    private static Func<object?[], ReturnRow> Compile(SheetDefinition sheet)
    {
        var errors = Check(sheet);
        if (errors.Count > 0) throw new DomainException("template.invalid", string.Join(" ", errors));
        var type = ClrType(sheet.Target);
        var values = Expression.Parameter(typeof(object?[]), "values");
        var bindings = sheet.Columns.Select((c, i) => (c, i)).Where(x => !ExtraColumns.IsExtra(x.c.Field)).Select(x =>
        {
            var (c, i) = x;
            var property = type.GetProperty(c.Field)!;
            var cell = Expression.ArrayIndex(values, Expression.Constant(i));
            // Empty optional cells keep the property's default.
            Expression value = Expression.Condition(Expression.Equal(cell, Expression.Constant(null)),
                Expression.Default(property.PropertyType), Expression.Convert(cell, property.PropertyType));
            return (MemberBinding)Expression.Bind(property, value);
        });
        var body = Expression.Convert(Expression.MemberInit(Expression.New(type), bindings), typeof(ReturnRow));
        return Expression.Lambda<Func<object?[], ReturnRow>>(body, values).Compile();
    }
}
