using System.Globalization;
using System.Text;

namespace Portal.Client.Components.Admin;

/// <summary>The audit viewer's filters as GET /api/v1/audit's query (empty filters are left out).</summary>
public sealed class AuditFilter
{
    public const int DefaultPageSize = 50;

    /// <summary>The actor's username (exact).</summary>
    public string? User { get; set; }

    /// <summary>An action ("auth.login") or a prefix ending in "." ("user.").</summary>
    public string? Action { get; set; }

    /// <summary>A target type ("team") or type and id ("team:3").</summary>
    public string? Target { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    /// <summary>Whether <see cref="From"/> is before <see cref="To"/> (the server refuses otherwise).</summary>
    public string? Problem => From is { } from && To is { } to && from >= to ? "“To” must be after “From”." : null;

    public string ToQuery(int page, int pageSize = DefaultPageSize)
    {
        var query = new StringBuilder("api/v1/audit?");
        Add(query, "user", User?.Trim());
        Add(query, "action", Action?.Trim());
        Add(query, "target", Target?.Trim());
        Add(query, "from", From?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Add(query, "to", To?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        query.Append(CultureInfo.InvariantCulture, $"page={page}&pageSize={pageSize}");
        return query.ToString();
    }

    /// <summary>A datetime-local input's value ("2026-03-01T14:30") in the browser's zone, or null when empty or unreadable.</summary>
    public static DateTimeOffset? ParseLocal(string? value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(value)
            || !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }
    }
}
