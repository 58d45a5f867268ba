namespace Portal.Engine.ProcessSetup;

/// <summary>The identity the container's process runs as, resolved from the container's own files.</summary>
public sealed record ExecUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);
