namespace Portal.Engine.Images;

public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
