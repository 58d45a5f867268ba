namespace Portal.Engine.Network.Firewall;

/// <summary>A chain of the listed table; <see cref="Hook"/> is null for a regular (jump target) chain.</summary>
public sealed record NftChainEntry(string Name, string? Hook, string? Type, int? Priority);
