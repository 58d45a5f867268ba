using Portal.Data.Entities;

namespace Portal.Server.Apis.Vendors;

public sealed record VendorResponse(int Id, string Name, string? DisplayName, DateTimeOffset CreatedAt)
{
    public static VendorResponse From(Vendor vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        return new(vendor.Id, vendor.Name, vendor.DisplayName, vendor.CreatedAt);
    }
}
