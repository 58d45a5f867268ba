namespace Portal.Client.Components.Vendor;

/// <param name="ApplianceIndex">The index in the bundle's appliances, or null for the catalogue and bundle themselves.</param>
public sealed record UploadProblemGroup(int? ApplianceIndex, string Title, IReadOnlyList<UploadProblem> Problems);
