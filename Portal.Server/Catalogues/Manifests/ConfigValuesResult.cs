using System.Text.Json.Nodes;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// Config values ready for a deployment: given values, defaults and generated secrets (only when valid).
/// <see cref="SecretKeys"/> are the values to store encrypted and show masked; <see cref="GeneratedKeys"/> were drawn
/// now, so the caller can show them once.
/// </summary>
public sealed record ConfigValuesResult(
    JsonObject Values,
    IReadOnlyList<ManifestProblem> Problems,
    IReadOnlySet<string> SecretKeys,
    IReadOnlyList<string> GeneratedKeys)
{
    public bool IsValid => Problems.Count == 0;

    public bool IsSecret(string key) => SecretKeys.Contains(key);
}
