using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Supervision.Domain.Data;

/// <summary>Stores an instant as UTC (PostgreSQL <c>timestamptz</c> accepts only offset 0 from Npgsql).</summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
