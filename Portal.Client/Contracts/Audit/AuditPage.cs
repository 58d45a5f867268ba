namespace Portal.Client.Contracts;

/// <summary>One page of audit entries, newest first; <see cref="Total"/> counts every match.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, int Total);
