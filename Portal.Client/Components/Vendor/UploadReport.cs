using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Client.Components.Vendor;

/// <summary>
/// An upload's answer shaped for people: problems grouped by the appliance their path names (<c>appliances[1]…</c>;
/// problems of the bundle or catalogue itself come first), each group in path and line order.
/// </summary>
public sealed partial class UploadReport
{
    private UploadReport(CatalogueUploadResponse response, IReadOnlyList<UploadProblemGroup> groups)
    {
        Response = response;
        Groups = groups;
    }

    public CatalogueUploadResponse Response { get; }

    public IReadOnlyList<UploadProblemGroup> Groups { get; }

    public bool Succeeded => Response.Status == "Imported";

    public int ProblemCount => Groups.Sum(g => g.Problems.Count);

    public static UploadReport From(CatalogueUploadResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var groups = response.Problems
            .GroupBy(p => ApplianceIndex(p.Path))
            .OrderBy(g => g.Key ?? -1)
            .Select(g => new UploadProblemGroup(
                g.Key,
                g.Key is { } i ? string.Create(CultureInfo.InvariantCulture, $"Appliance {i + 1} (appliances[{i}])") : "Catalogue and bundle",
                [.. g.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line ?? 0).ThenBy(p => p.Column ?? 0)]))
            .ToList();
        return new UploadReport(response, groups);
    }

    /// <summary>The index in <c>appliances[i]</c> at the start of a path, or null for any other path.</summary>
    public static int? ApplianceIndex(string? path) =>
        path is not null && AppliancePath().Match(path) is { Success: true } m
            && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    /// <summary>"12:5", "12" or "" as the problem knows its place.</summary>
    public static string Position(UploadProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem switch
        {
            { Line: { } line, Column: { } column } => string.Create(CultureInfo.InvariantCulture, $"{line}:{column}"),
            { Line: { } line } => line.ToString(CultureInfo.InvariantCulture),
            _ => "",
        };
    }

    [GeneratedRegex(@"^appliances\[(\d+)\]")]
    private static partial Regex AppliancePath();
}
