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
        entity.SubmissionId = submissionId;
        entity.ProvinceId = provinceId;
        entity.BranchId = branchId;
        entity.RowNumber = row.RowNumber;
        return entity;
    }

    /// <summary>Every field must be a property of the target row of a matching type; checked when a template is saved.</summary>
    public static IReadOnlyList<string> Check(SheetDefinition sheet) =>
        sheet.Columns.Select(c => FieldProblem(sheet.Target, c.Field, c.Type)).OfType<string>().Select(p => $"工作表“{sheet.Name}”：{p}").ToList();

    /// <summary>Why a column of <paramref name="type"/> cannot be stored in <paramref name="field"/> of the target's rows (null when it can).</summary>
    public static string? FieldProblem(RowTarget target, string field, FieldType type)
    {
        var p = ClrType(target).GetProperty(field);
        if (p is null || p.DeclaringType == typeof(ReturnRow)) return $"存储字段“{field}”不存在";
        var stored = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        return stored == ValueType(type) ? null : $"存储字段“{field}”存不下“{TemplateNames.Of(type)}”类型的值";
    }

    /// <summary>The fields a sheet stored in <paramref name="target"/> can use for a column of <paramref name="type"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Fields(RowTarget target, FieldType type) =>
        ClrType(target).GetProperties().Where(p => p.DeclaringType != typeof(ReturnRow) && FieldProblem(target, p.Name, type) is null)
            .OrderBy(p => p.MetadataToken).Select(p => p.Name).ToList();

    private static Type ValueType(FieldType type) => type switch
    {
        FieldType.Count => typeof(long),
        FieldType.Date => typeof(DateOnly),
        FieldType.YesNo => typeof(bool),
        _ => typeof(string),
    };

    private static Func<object?[], ReturnRow> Compile(SheetDefinition sheet)
    {
        var errors = Check(sheet);
        if (errors.Count > 0) throw new DomainException("template.invalid", string.Join(" ", errors));
        var type = ClrType(sheet.Target);
        var values = Expression.Parameter(typeof(object?[]), "values");
        var bindings = sheet.Columns.Select((c, i) =>
        {
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
