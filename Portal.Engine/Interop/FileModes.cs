namespace Portal.Engine.Interop;

/// <summary>Permission bits by their ls -l spelling (C# has no octal literals).</summary>
public static class FileModes
{
    public const uint Rw_r__r__ = 0x1A4, Rwxr_xr_x = 0x1ED, Rw_rw_rw_ = 0x1B6;
}
