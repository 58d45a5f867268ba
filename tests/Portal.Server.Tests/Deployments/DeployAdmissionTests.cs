using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Server.Deployments;

namespace Portal.Server.Tests.Deployments;

public sealed class DeployAdmissionTests
{
    private const long MiB = 1024L * 1024;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_stores_desired_running_with_secrets_encrypted_and_defaults_filled()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());

        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "notes-1", new JsonObject { ["greeting"] = "Hej" }), Ct);

        var stored = await h.LoadAsync(d.Id);
        Assert.Equal(DesiredState.Running, stored.DesiredState);
        Assert.Equal(256 * MiB, stored.MemoryLimitBytes);
        Assert.Equal(500_000_000, stored.NanoCpus);
        Assert.Equal("""{"greeting":"Hej","legacy":"old"}""", stored.ConfigJson);
        var token = JsonNode.Parse(stored.SecretConfigJson)!["token"]!.GetValue<string>();
        Assert.Equal(16, token.Length);
        var raw = await RawSecretColumnAsync(h, d.Id);
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.StartsWith("test-protected:", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Notes")]
    [InlineData("-notes")]
    [InlineData("notes_1")]
    [InlineData("")]
    public async Task Names_that_are_not_dns_labels_are_refused(string name)
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());

        var e = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], name), Ct));

        Assert.Equal(DeploymentErrorKind.Invalid, e.Kind);
        Assert.StartsWith("name: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_is_unique_per_team_and_config_problems_name_their_setting()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);

        var taken = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct));
        var bad = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.DeployAsync(
            new DeployRequest(h.TeamId, h.Versions["1.0.0"], "other", new JsonObject { ["greeting"] = 5, ["nope"] = "x" }), Ct));

        Assert.Equal(DeploymentErrorKind.Conflict, taken.Kind);
        Assert.Equal("name: team blue already has a deployment named app", taken.Message);
        Assert.Equal(DeploymentErrorKind.Invalid, bad.Kind);
        Assert.Contains("config.nope: unknown setting", bad.Problems);
        Assert.Contains(bad.Problems, p => p.StartsWith("config.greeting: expected a string, got 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Team_memory_quota_refusal_says_by_how_much()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions(), t => t.MemoryQuotaBytes = 1 * DeployerHarness.GiB);
        await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "one") { MemoryLimitBytes = 768 * MiB }, Ct);

        var e = await Assert.ThrowsAsync<DeploymentException>(() =>
            h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "two") { MemoryLimitBytes = 768 * MiB }, Ct));

        Assert.Equal(DeploymentErrorKind.Refused, e.Kind);
        Assert.Equal(["team blue would use 1.5 GiB of its 1 GiB memory quota (512 MiB over)"], e.Problems);
        Assert.Equal(1, await CountAsync(h));
    }

    [Fact]
    public async Task Cpu_and_count_quotas_and_host_memory_each_refuse_with_amounts()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions(), t =>
        {
            t.NanoCpusQuota = 1_000_000_000;
            t.MaxDeployments = 1;
        });
        h.HostMemory.TotalBytes = 3 * DeployerHarness.GiB;
        await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "one") { MemoryLimitBytes = 1 * DeployerHarness.GiB, NanoCpus = 750_000_000 }, Ct);

        var e = await Assert.ThrowsAsync<DeploymentException>(() =>
            h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "two") { MemoryLimitBytes = 1536 * MiB }, Ct));

        Assert.Equal(
        [
            "team blue would use 1.25 of its 1 CPUs quota (0.25 over)",
            "team blue would have 2 deployments, its quota is 1 (1 over)",
            "host memory would be overcommitted: deployments would use 2.5 GiB of the 2 GiB available to them (3 GiB total minus a 1 GiB reserve) (512 MiB over)",
        ], e.Problems);
    }

    [Fact]
    public async Task Stopped_deployments_do_not_count_against_host_memory_but_starting_one_again_is_admitted()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        h.HostMemory.TotalBytes = 3 * DeployerHarness.GiB;
        var one = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "one") { MemoryLimitBytes = 2 * DeployerHarness.GiB }, Ct);
        await h.Service.StopAsync(h.TeamId, one.Id, null, Ct);
        await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "two") { MemoryLimitBytes = 1 * DeployerHarness.GiB }, Ct);

        var e = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.StartAsync(h.TeamId, one.Id, null, Ct));

        Assert.Equal(DeploymentErrorKind.Refused, e.Kind);
        Assert.Contains("(1 GiB over)", e.Message, StringComparison.Ordinal);
        Assert.Equal(DesiredState.Stopped, (await h.LoadAsync(one.Id)).DesiredState);
    }

    [Fact]
    public async Task A_memory_limit_below_the_manifest_requirement_is_refused()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());

        var e = await Assert.ThrowsAsync<DeploymentException>(() =>
            h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "small") { MemoryLimitBytes = 64 * MiB }, Ct));

        Assert.Equal("memory: 64 MiB is below the 256 MiB the appliance requires", e.Message);
    }

    [Fact]
    public async Task Concurrent_deploys_against_one_quota_admit_exactly_one_even_across_deployer_instances()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions(), t => t.MemoryQuotaBytes = 1 * DeployerHarness.GiB);
        var first = h.Service;
        var second = h.Another();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? first : second).DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], $"d{i}") { MemoryLimitBytes = 768 * MiB }, Ct);
                return "ok";
            }
            catch (DeploymentException e)
            {
                return e.Kind.ToString();
            }
        }, Ct)));

        Assert.Equal(1, await CountAsync(h));
        Assert.Single(results, r => r == "ok");
    }

    private static async Task<int> CountAsync(DeployerHarness h)
    {
        var db = await h.Db.CreateDbContextAsync(Ct);
        await using (db)
        {
            return await db.Deployments.CountAsync(Ct);
        }
    }

    private static async Task<string> RawSecretColumnAsync(DeployerHarness h, Guid id)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={h.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SecretConfigJson FROM Deployments WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        var value = await command.ExecuteScalarAsync(Ct);
        if (value is null)
        {
            command.Parameters["$id"].Value = id.ToString();
            value = await command.ExecuteScalarAsync(Ct);
        }

        return Assert.IsType<string>(value);
    }
}
