namespace Portal.Data.Entities;

public enum CatalogueStatus
{
    Uploading,
    Validating,
    Importing,
    Active,
    Failed,
}
