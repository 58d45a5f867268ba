using System.Text.Json.Serialization;

namespace Portal.Engine.Containers;

/// <summary>Source-generated JSON for shim.json and exit.json (the NativeAOT shim writes them).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ShimState))]
[JsonSerializable(typeof(ShimExit))]
internal sealed partial class ShimJsonContext : JsonSerializerContext;
