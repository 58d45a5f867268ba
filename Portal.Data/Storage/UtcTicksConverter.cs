using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data.Storage;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as its UTC ticks in an INTEGER column, so SQLite compares and
/// orders instants correctly (EF's SQLite provider cannot translate ORDER BY or &lt; on DateTimeOffset
/// text). Values read back are in UTC.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
