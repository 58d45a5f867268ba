using Portal.Engine.Containers;
using Portal.Engine.Errors;

namespace Portal.Engine.Tests.Containers;

public sealed class SecurityOptionsValidatorTests
{
    private static void Valid(ContainerCreateRequest request) => ContainerRequestValidator.Validate(request, hostCpus: 2);

    private static string Refused(ContainerCreateRequest request) =>
        Assert.Throws<InvalidArgumentException>(() => ContainerRequestValidator.Validate(request, hostCpus: 2)).Message;

    [Fact]
    public void Capability_names_are_taken_with_or_without_cap_and_in_any_case_and_all_is_known()
    {
        Valid(new ContainerCreateRequest { Image = "x", CapAdd = ["NET_ADMIN", "cap_sys_time", "Checkpoint_Restore"], CapDrop = ["all"] });
        Valid(new ContainerCreateRequest { Image = "x", CapAdd = ["ALL"], CapDrop = ["CAP_CHOWN"] });
    }

    [Fact]
    public void An_unknown_capability_is_refused_naming_the_field_and_the_value()
    {
        Assert.Equal("HostConfig.CapAdd: unknown capability \"FOO\"", Refused(new ContainerCreateRequest { Image = "x", CapAdd = ["NET_RAW", "FOO"] }));
        Assert.Equal("HostConfig.CapDrop: unknown capability \"CAP_FLY\"", Refused(new ContainerCreateRequest { Image = "x", CapDrop = ["CAP_FLY"] }));
    }

    [Fact]
    public void Good_tmpfs_options_pass()
    {
        Valid(new ContainerCreateRequest
        {
            Image = "x",
            Tmpfs = new Dictionary<string, string>
            {
                ["/tmp"] = "",
                ["/run"] = "rw,noexec,nosuid,size=64m",
                ["/cache/"] = "ro,exec,suid,dev,nodev,size=1G,mode=1777,uid=1000,gid=1000,nr_inodes=4k",
                ["/pct"] = "size=10%",
            },
        });
    }

    [Theory]
    [InlineData("tmp", "", "HostConfig.Tmpfs[tmp]: invalid mount path: 'tmp' mount path must be absolute and not /")]
    [InlineData("/", "", "HostConfig.Tmpfs[/]: invalid mount path: '/' mount path must be absolute and not /")]
    [InlineData("/a/../b", "", "HostConfig.Tmpfs[/a/../b]: invalid mount path")]
    [InlineData("/tmp", "size=lots", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"size=lots\": size wants bytes")]
    [InlineData("/tmp", "size=64t", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"size=64t\"")]
    [InlineData("/tmp", "mode=0888", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"mode=0888\": mode wants octal")]
    [InlineData("/tmp", "rw,fast", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"fast\": unknown option")]
    [InlineData("/tmp", "uid=root", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"uid=root\": uid wants a numeric id")]
    [InlineData("/tmp", "color=blue", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"color=blue\": unknown option")]
    public void A_bad_tmpfs_target_or_option_is_refused_naming_it(string target, string options, string message)
    {
        var error = Refused(new ContainerCreateRequest { Image = "x", Tmpfs = new Dictionary<string, string> { [target] = options } });
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_tmpfs_target_twice_after_cleaning_is_a_duplicate_mount_point()
    {
        var error = Refused(new ContainerCreateRequest { Image = "x", Tmpfs = new Dictionary<string, string> { ["/tmp"] = "", ["/tmp/"] = "size=1m" } });
        Assert.Equal("Duplicate mount point: /tmp", error);
    }

    [Fact]
    public void Mount_options_put_dockers_defaults_first_so_the_callers_words_override_them()
    {
        Assert.Equal(["noexec", "nosuid", "nodev"], TmpfsOptions.ForMount(""));
        Assert.Equal(["noexec", "nosuid", "nodev", "rw", "exec", "size=64m"], TmpfsOptions.ForMount("rw, exec,size=64m"));
    }
}
