namespace Portal.Client.Components.Admin;

/// <summary>Sorting and top consumers of the dashboard's deployments; a deployment without a sample uses nothing.</summary>
public static class DeploymentUsageView
{
    public const int TopCount = 5;

    public static double Cpu(DeploymentUsageResponse d) => d?.Metrics?.CpuPercent ?? 0;

    public static ulong Memory(DeploymentUsageResponse d) => d?.Metrics?.MemoryUsedBytes ?? 0;

    /// <summary>Numbers sort largest first by default, text A to Z.</summary>
    public static bool DescendingByDefault(UsageColumn column) => column is UsageColumn.Cpu or UsageColumn.Memory;

    public static IReadOnlyList<DeploymentUsageResponse> Sort(IEnumerable<DeploymentUsageResponse> items, UsageColumn column, bool descending)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ordered = column switch
        {
            UsageColumn.Cpu => Order(items, Cpu, descending),
            UsageColumn.Memory => Order(items, Memory, descending),
            UsageColumn.Team => Order(items, d => d.Team, descending, StringComparer.OrdinalIgnoreCase),
            UsageColumn.Appliance => Order(items, d => $"{d.Appliance} {d.ApplianceVersion}", descending, StringComparer.OrdinalIgnoreCase),
            UsageColumn.Status => Order(items, d => d.Status, descending, StringComparer.OrdinalIgnoreCase),
            _ => Order(items, d => d.Name, descending, StringComparer.OrdinalIgnoreCase),
        };
        return [.. ordered.ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Team, StringComparer.OrdinalIgnoreCase)];
    }

    public static IReadOnlyList<DeploymentUsageResponse> TopByCpu(IEnumerable<DeploymentUsageResponse> items) =>
        Top(items, UsageColumn.Cpu);

    public static IReadOnlyList<DeploymentUsageResponse> TopByMemory(IEnumerable<DeploymentUsageResponse> items) =>
        Top(items, UsageColumn.Memory);

    private static IReadOnlyList<DeploymentUsageResponse> Top(IEnumerable<DeploymentUsageResponse> items, UsageColumn column)
    {
        ArgumentNullException.ThrowIfNull(items);
        return [.. Sort(items.Where(d => d.Metrics is not null), column, descending: true).Take(TopCount)];
    }

    private static IOrderedEnumerable<DeploymentUsageResponse> Order<TKey>(
        IEnumerable<DeploymentUsageResponse> items, Func<DeploymentUsageResponse, TKey> key, bool descending, IComparer<TKey>? comparer = null) =>
        descending ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer);
}
