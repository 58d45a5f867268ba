namespace Portal.Server.Catalogues.Manifests;

/// <summary>Who submitted the manifest. Vendors get the strict policy; admins may also bind host paths they disclose.</summary>
public enum ManifestTrust
{
    Vendor,
    Admin,
}
