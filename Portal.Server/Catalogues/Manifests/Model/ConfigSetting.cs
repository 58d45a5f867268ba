using System.Text.Json.Nodes;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>One property of <c>x-appliance.config</c>. <see cref="Schema"/> is its JSON Schema as written (x- keys included).</summary>
public sealed record ConfigSetting
{
    public required string Key { get; init; }
    public ConfigType Type { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public bool Required { get; init; }
    /// <summary>Shown masked and stored encrypted. <c>x-generate</c> implies it unless <c>x-secret: false</c>.</summary>
    public bool Secret { get; init; }
    public ConfigGenerate? Generate { get; init; }
    public JsonNode? Default { get; init; }
    public required JsonObject Schema { get; init; }
}
