namespace Portal.Client.Contracts;

/// <param name="Name">As catalogue.yaml names the vendor; unique, case-insensitive.</param>
public sealed record CreateVendorRequest(string? Name, string? DisplayName);
