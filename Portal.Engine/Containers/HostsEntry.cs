namespace Portal.Engine.Containers;

/// <summary>One /etc/hosts line for another container on the same network: its address and the names it answers to.</summary>
public sealed record HostsEntry(string Address, IReadOnlyList<string> Names);
