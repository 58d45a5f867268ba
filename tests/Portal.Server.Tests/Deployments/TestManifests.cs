namespace Portal.Server.Tests.Deployments;

/// <summary>Manifests of the test appliance com.example.app: 1.0.0 and 2.0.0 differ in a dropped and an added setting.</summary>
internal static class TestManifests
{
    public static string App(string version, string memory = "256Mi", string extraConfig = "", string envKey = "LEGACY", string envValue = "${config.legacy}",
        string healthcheck = "") => $$$"""
        x-appliance:
          manifestVersion: 1
          id: com.example.app
          version: {{{version}}}
          title: App
          webUi: {port: 8080, path: /ui/}
          requirements: {memory: {{{memory}}}, cpus: 0.5}
          volumes: [data]
          config:
            properties:
              greeting: {type: string, default: Hello}
              token: {type: string, x-generate: {length: 16}}
        {{{extraConfig}}}
        services:
          web:
            image: localhost/app:{{{version}}}
            command: ["serve", "--greeting", "${config.greeting}"]
            environment:
              TOKEN: ${config.token}
              {{{envKey}}}: "{{{envValue}}}"
            ports: [8080]
            volumes: [data:/data, cache:/cache]
        {{{healthcheck}}}
        volumes:
          data: {}
          cache: {}
        """;

    public static IReadOnlyDictionary<string, string> TwoVersions(string memory = "256Mi") => new Dictionary<string, string>
    {
        ["1.0.0"] = App("1.0.0", memory, extraConfig: "      legacy: {type: string, default: old}"),
        ["2.0.0"] = App("2.0.0", memory, extraConfig: "      colour: {type: string, default: green}", envKey: "COLOUR", envValue: "${config.colour}"),
    };

    public const string Healthcheck = """
            healthcheck:
              test: ["CMD", "wget", "-q", "http://127.0.0.1:8080/"]
              interval: 10s
              timeout: 2s
              retries: 2
              start_period: 30s
        """;
}
