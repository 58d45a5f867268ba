using System.Text.Json;
using Portal.Client.Components.Deploy;

namespace Portal.Client.Tests.Catalogue;

/// <summary>Name, team, memory and CPUs of the deploy form against the server's rules, the requirements and the team quota.</summary>
public sealed class DeployFormTests
{
    [Theory]
    [InlineData("notes", null)]
    [InlineData("notes-2", null)]
    [InlineData("", "A name is required.")]
    [InlineData("My Notes", "Use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.")]
    [InlineData("-notes", "Use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.")]
    [InlineData("notes-", "Use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.")]
    public void Names_follow_the_servers_dns_label_rule(string name, string? error) =>
        Assert.Equal(error, DeployForm.CheckName(name));

    [Fact]
    public void A_64_character_name_is_refused() =>
        Assert.NotNull(DeployForm.CheckName(new string('a', 64)));

    [Fact]
    public void Defaults_come_from_the_version_and_the_name_from_the_appliance_id()
    {
        var form = new DeployForm(Settings.Version());

        Assert.Equal("notes", form.Name);
        Assert.Equal("256", form.Memory);
        Assert.Equal("0.5", form.Cpus);
        Assert.Equal("my-app", DeployForm.SuggestName("com.example.My_App"));
    }

    [Fact]
    public void Memory_and_cpus_are_checked_against_the_requirements_and_the_teams_quota_saying_by_how_much()
    {
        var form = new DeployForm(Settings.Version())
        {
            TeamId = 4,
            Team = new TeamResponse(4, "ops", 512L * 1024 * 1024, 2, 5, 1, DateTimeOffset.UnixEpoch, 3, 1),
        };

        form.Memory = "128";
        Assert.Equal("The appliance needs at least 256 MiB.", form.MemoryError);
        form.Memory = "640";
        Assert.Equal("Above the team's memory quota of 512 MiB by 128 MiB.", form.MemoryError);
        form.Memory = "1.5";
        Assert.Equal("Must be a whole number of MiB above 0.", form.MemoryError);
        form.Cpus = "2.5";
        Assert.Equal("Above the team's quota of 2 CPUs by 0.5.", form.CpusError);
        form.Cpus = "0";
        Assert.NotNull(form.CpusError);
        Assert.False(form.IsValid);
    }

    [Fact]
    public void The_body_carries_bytes_cpus_and_the_typed_config_and_needs_a_team()
    {
        var form = new DeployForm(Settings.Version()) { Memory = "300", Cpus = "1.5" };
        form.Config["adminEmail"]!.Set("me@example.com");
        Assert.Equal("Choose a team.", form.TeamError);
        Assert.False(form.IsValid);
        form.TeamId = 4;

        var body = form.ToBody();

        Assert.True(form.IsValid);
        Assert.Equal((7, "notes", 300L * 1024 * 1024, 1.5), (body.ApplianceVersionId, body.Name, body.MemoryLimitBytes, body.Cpus));
        Assert.Equal(JsonValueKind.Number, body.Config!["maxNotes"]!.GetValueKind());
        Assert.Null(new DeployForm(Settings.Version()) { Memory = "", Cpus = " " }.ToBody().MemoryLimitBytes);
    }
}
