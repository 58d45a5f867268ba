using System.Text.RegularExpressions;
using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed partial class PrometheusExpositionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid Second = Guid.Parse("22222222-2222-3333-4444-555555555555");

    [GeneratedRegex("""^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (gauge|counter|untyped))$""")]
    private static partial Regex CommentLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^\\"\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^\\"\n])*")*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|Inf|NaN))$""")]
    private static partial Regex SampleLine();

    internal static LatestMetrics.Snapshot Snapshot()
    {
        var latest = new LatestMetrics();
        latest.Update(
            new HostMetrics(T0, 150.5, 2, 4_000_000_000, 1_000_000_000, new DiskSpace(100, 40, 50), 1234.5, 99, new LoadAverage(0.5, 0.25, 0.125), TimeSpan.FromSeconds(3600)),
            [
                new DeploymentMetrics(First, T0, 1, 12.5, 8 << 20, 64 << 20, 1000, 10, 0, 4096, 3),
                new DeploymentMetrics(Second, T0, 2, 0, 1 << 20, 32 << 20, 0, 0, 0, 0, 1),
            ]);
        latest.AddLabels(new Dictionary<Guid, DeploymentLabels>
        {
            [First] = new("notes \"prod\"", "Team\\A\nB"),
        });
        return latest.Current;
    }

    [Fact]
    public void Every_line_is_a_help_type_or_sample_line_and_each_family_is_declared_once_before_its_samples()
    {
        var text = PrometheusExposition.Render(Snapshot());

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var samples = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(CommentLine(), line);
                if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    Assert.True(declared.Add(line.Split(' ')[2]), $"family declared twice: {line}");
                }

                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            Assert.Contains(match.Groups["name"].Value, declared);
            samples++;
        }

        Assert.Equal(13 + (9 * 2), samples);
        Assert.All(declared, name => Assert.Matches("^portal_(host|deployment)_[a-z0-9_]+$", name));
    }

    [Fact]
    public void Values_and_labels_are_exact_and_label_values_are_escaped()
    {
        var lines = PrometheusExposition.Render(Snapshot()).Split('\n');

        Assert.Contains("portal_host_cpu_percent 150.5", lines);
        Assert.Contains("portal_host_load15 0.125", lines);
        Assert.Contains("# TYPE portal_deployment_cpu_percent gauge", lines);
        Assert.Contains(
            "portal_deployment_cpu_percent{deployment=\"11111111-2222-3333-4444-555555555555\",name=\"notes \\\"prod\\\"\",team=\"Team\\\\A\\nB\"} 12.5",
            lines);
        Assert.Contains("portal_deployment_pids{deployment=\"22222222-2222-3333-4444-555555555555\",name=\"\",team=\"\"} 1", lines);
    }

    [Fact]
    public void Special_values_and_help_text_follow_the_format()
    {
        Assert.Equal("NaN", PrometheusText.FormatValue(double.NaN));
        Assert.Equal("+Inf", PrometheusText.FormatValue(double.PositiveInfinity));
        Assert.Equal("1E+21", PrometheusText.FormatValue(1e21));
        Assert.Equal("a\\\\b\\nc \"quoted\"", PrometheusText.EscapeHelp("a\\b\nc \"quoted\""));
    }

    [Fact]
    public void Without_samples_there_is_nothing_to_report()
    {
        Assert.Equal("", PrometheusExposition.Render(new LatestMetrics().Current));
    }
}
