using System.Text.Json.Serialization;

namespace Portal.Engine.Spec;

/// <summary>Source-generated JSON for the spec files, so the NativeAOT helper reads them without reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RuntimeSpec))]
public sealed partial class SpecJsonContext : JsonSerializerContext;
