namespace Portal.Engine.Network.Firewall;

/// <summary>A rule of the listed table with its kernel handle, comment and nft's JSON expression list.</summary>
public sealed record NftRuleEntry(string Chain, long Handle, string? Comment, string Expression);
