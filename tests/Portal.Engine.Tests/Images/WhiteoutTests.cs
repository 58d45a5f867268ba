using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Portal.Engine.Images;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Images;

/// <summary>OCI whiteouts become overlayfs ones: ".wh.x" a 0:0 char device "x", ".wh..wh..opq" trusted.overlay.opaque=y.</summary>
[SupportedOSPlatform("linux")]
public sealed partial class WhiteoutTests
{
    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Whiteouts_BecomeCharDevicesAndOpaqueXattrs()
    {
        Root.Require();
        using var harness = new StoreHarness();
        var image = TestImages.OfEntries("localhost/wh:1",
            LayerEntry.Directory("a"), LayerEntry.Whiteout("a/gone"), LayerEntry.Whiteout("top-gone"),
            LayerEntry.Opaque("opq"), LayerEntry.File("opq/mine", "upper"),
            new LayerEntry { Name = "dev-null", Type = LayerEntryType.CharDevice, DeviceMajor = 1, DeviceMinor = 3, Mode = (UnixFileMode)0x1B6 },
            new LayerEntry { Name = "suid", Content = [1], Mode = (UnixFileMode)0x9ED, Uid = 1234, Gid = 4321 });

        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Archive(image)));

        var layer = Assert.Single(harness.Store.GetLayerDirectories(loaded.Id));
        AssertCharDevice(Path.Combine(layer, "a", "gone"), 0, 0);
        AssertCharDevice(Path.Combine(layer, "top-gone"), 0, 0);
        AssertCharDevice(Path.Combine(layer, "dev-null"), 1, 3);
        Assert.False(File.Exists(Path.Combine(layer, "a", ".wh.gone")));
        Assert.False(File.Exists(Path.Combine(layer, "opq", ".wh..wh..opq")));
        Assert.Equal("y", GetXattr(Path.Combine(layer, "opq"), "trusted.overlay.opaque"));
        Assert.Null(GetXattr(Path.Combine(layer, "a"), "trusted.overlay.opaque"));
        var (mode, uid, gid) = Owner(Path.Combine(layer, "suid"));
        Assert.Equal((0x9ED, 1234u, 4321u), (mode & 0xFFF, uid, gid));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task ForgedOverlayXattrs_AreDropped_OtherXattrsKept()
    {
        Root.Require();
        using var harness = new StoreHarness();
        var image = TestImages.OfEntries("localhost/xattr:1",
            new LayerEntry
            {
                Name = "dir",
                Type = LayerEntryType.Directory,
                Mode = (UnixFileMode)0x1ED,
                Xattrs = new Dictionary<string, string> { ["trusted.overlay.opaque"] = "y", ["user.note"] = "hello" },
            });

        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Archive(image)));

        var dir = Path.Combine(Assert.Single(harness.Store.GetLayerDirectories(loaded.Id)), "dir");
        Assert.Null(GetXattr(dir, "trusted.overlay.opaque"));
        Assert.Equal("hello", GetXattr(dir, "user.note"));
    }

    private static unsafe void AssertCharDevice(string path, uint major, uint minor)
    {
        Tmds.Linux.stat st;
        fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0"))
        {
            Assert.Equal(0, Tmds.Linux.LibC.fstatat(Tmds.Linux.LibC.AT_FDCWD, p, &st, Tmds.Linux.LibC.AT_SYMLINK_NOFOLLOW));
        }

        Assert.Equal(Tmds.Linux.LibC.S_IFCHR, st.st_mode & Tmds.Linux.LibC.S_IFMT);
        ulong dev = st.st_rdev;
        Assert.Equal(major, (uint)(((dev >> 32) & 0xfffff000) | ((dev >> 8) & 0xfff)));
        Assert.Equal(minor, (uint)(((dev >> 12) & 0xffffff00) | (dev & 0xff)));
    }

    private static unsafe (int Mode, uint Uid, uint Gid) Owner(string path)
    {
        Tmds.Linux.stat st;
        fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0"))
        {
            Assert.Equal(0, Tmds.Linux.LibC.fstatat(Tmds.Linux.LibC.AT_FDCWD, p, &st, Tmds.Linux.LibC.AT_SYMLINK_NOFOLLOW));
        }

        return ((int)(ushort)st.st_mode, st.st_uid, st.st_gid);
    }

    private static unsafe string? GetXattr(string path, string name)
    {
        var buffer = new byte[256];
        fixed (byte* b = buffer)
        {
            var n = lgetxattr(path, name, b, (nuint)buffer.Length);
            return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial nint lgetxattr(string path, string name, byte* value, nuint size);
}
