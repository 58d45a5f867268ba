using System.Text.Json.Nodes;

namespace Portal.Client.Contracts;

/// <summary>
/// One setting of an appliance's config schema. <see cref="Type"/> is "string", "integer", "number" or "boolean";
/// <see cref="Default"/> and <see cref="Enum"/> values are JSON of that type. <see cref="Generate"/> is set when the
/// server draws a random value if none is given (string settings only).
/// </summary>
public sealed record ConfigSettingResponse(
    string Key,
    string Type,
    string Title,
    string? Description,
    bool Required,
    bool Secret,
    JsonNode? Default,
    IReadOnlyList<JsonNode?>? Enum,
    double? Minimum,
    double? Maximum,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    ConfigGenerateResponse? Generate);
