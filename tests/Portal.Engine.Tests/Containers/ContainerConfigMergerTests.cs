using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Containers;

public sealed class ContainerConfigMergerTests
{
    private static readonly ImageDetails Image = new()
    {
        Id = "sha256:" + new string('a', 64),
        Config = new ImageConfig { Entrypoint = ["/entry"], Cmd = ["--serve"], Env = ["PATH=/bin", "MODE=image"], User = "app", StopSignal = "SIGQUIT" },
    };

    private static (ContainerConfig Config, IReadOnlyList<string> Args) Merge(ContainerCreateRequest request) =>
        ContainerConfigMerger.Merge(Image, request, new string('c', 64));

    [Fact]
    public void Image_entrypoint_and_cmd_apply_when_the_request_gives_none()
    {
        var (config, args) = Merge(new ContainerCreateRequest { Image = "x" });

        Assert.Equal(["/entry", "--serve"], args);
        Assert.Equal("app", config.User);
        Assert.Equal("SIGQUIT", config.StopSignal);
        Assert.Equal("cccccccccccc", config.Hostname);
    }

    [Fact]
    public void Request_cmd_replaces_only_the_cmd()
    {
        var (_, args) = Merge(new ContainerCreateRequest { Image = "x", Cmd = ["--once"] });

        Assert.Equal(["/entry", "--once"], args);
    }

    [Fact]
    public void Request_entrypoint_drops_the_image_cmd_and_an_empty_one_clears_it()
    {
        Assert.Equal(["/other"], Merge(new ContainerCreateRequest { Image = "x", Entrypoint = ["/other"] }).Args);
        Assert.Equal(["sh"], Merge(new ContainerCreateRequest { Image = "x", Entrypoint = [""], Cmd = ["sh"] }).Args);
    }

    [Fact]
    public void No_command_at_all_is_refused_naming_the_image()
    {
        var ex = Assert.Throws<InvalidArgumentException>(() => Merge(new ContainerCreateRequest { Image = "bare", Entrypoint = [""] }));

        Assert.Contains("no command specified", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bare", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_overrides_by_name_keeps_order_and_always_has_a_path()
    {
        Assert.Equal(["PATH=/bin", "MODE=request", "EXTRA="], ContainerConfigMerger.MergeEnv(["PATH=/bin", "MODE=image"], ["MODE=request", "EXTRA="]));
        Assert.Equal(["PATH=" + ContainerConfigMerger.DefaultPath, "A=1"], ContainerConfigMerger.MergeEnv(["A=1"], []));
        Assert.Throws<InvalidArgumentException>(() => ContainerConfigMerger.MergeEnv([], ["=nameless"]));
    }

    [Theory]
    [InlineData(1024L * 1024, null, null, "Minimum memory limit allowed is 6MB")]
    [InlineData(null, 500_000_000L, 50_000L, "Nano CPUs and CPU Period/Quota cannot both be set")]
    [InlineData(null, 99_000_000_000L, null, "range of CPUs is from 0.01")]
    public void Limits_docker_would_refuse_are_refused_with_its_words(long? memory, long? nanoCpus, long? quota, string message)
    {
        var request = new ContainerCreateRequest
        {
            Image = "x",
            Resources = new ResourceLimits { MemoryBytes = memory, NanoCpus = nanoCpus, CpuQuotaMicros = quota },
        };

        var ex = Assert.Throws<InvalidArgumentException>(() => ContainerRequestValidator.Validate(request, hostCpus: 2));

        Assert.Contains(message, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Auto_remove_with_a_restart_policy_is_refused()
    {
        var request = new ContainerCreateRequest { Image = "x", AutoRemove = true, RestartPolicy = new RestartPolicy(RestartPolicyKind.Always) };

        var ex = Assert.Throws<InvalidArgumentException>(() => ContainerRequestValidator.Validate(request, 2));

        Assert.Contains("AutoRemove", ex.Message, StringComparison.Ordinal);
    }
}
