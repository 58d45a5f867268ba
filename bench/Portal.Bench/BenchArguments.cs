using System.Globalization;

namespace Portal.Bench;

internal sealed record BenchArguments(int Runs, string InitPath, BenchScenario Scenario = BenchScenario.Start)
{
    public const string Usage = "usage: Portal.Bench [--scenario start|network|logviewer|appstart] [--runs N] [--init PATH-TO-portal-init]";

    public static BenchArguments Parse(IReadOnlyList<string> args, string defaultInitPath)
    {
        int? runs = null;
        var init = defaultInitPath;
        var scenario = BenchScenario.Start;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    runs = n;
                    i++;
                    break;
                case "--runs":
                    throw new ArgumentException($"--runs needs a positive whole number, got '{value}'. {Usage}");
                case "--scenario" when value is "start" or "network" or "logviewer" or "appstart":
                    scenario = value switch
                    {
                        "start" => BenchScenario.Start,
                        "network" => BenchScenario.Network,
                        "logviewer" => BenchScenario.LogViewer,
                        _ => BenchScenario.AppStart,
                    };
                    i++;
                    break;
                case "--scenario":
                    throw new ArgumentException($"--scenario is start, network, logviewer or appstart, got '{value}'. {Usage}");
                case "--init" when !string.IsNullOrEmpty(value):
                    init = Path.GetFullPath(value);
                    i++;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'. {Usage}");
            }
        }

        return File.Exists(init)
            // A log viewer round takes about 45 s: 3 rounds by default instead of 21.
            ? new BenchArguments(runs ?? scenario switch { BenchScenario.LogViewer => 3, BenchScenario.AppStart => 7, _ => 21 }, init, scenario)
            : throw new ArgumentException($"portal-init not found at {init}: publish it first (bench/run does: dotnet publish Portal.Engine/Runtime/portal-init.csproj -c Release -o artifacts/portal-init)");
    }
}
