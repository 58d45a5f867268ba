namespace Portal.Server.Catalogues.Manifests;

public enum ConfigType
{
    String,
    Integer,
    Number,
    Boolean,
}
