using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portal.Client.Components.Admin;

/// <summary>An audit entry's details as readable JSON text; Razor escapes it, so markup in values stays text.</summary>
public static class AuditDetails
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(JsonElement? details) =>
        details is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } d ? JsonSerializer.Serialize(d, Readable) : "";
}
