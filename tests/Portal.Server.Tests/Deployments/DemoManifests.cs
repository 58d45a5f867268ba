namespace Portal.Server.Tests.Deployments;

/// <summary>Minimal appliance.yaml files for the demo images (docs/appliance-format.md), as a vendor would write them.</summary>
internal static class DemoManifests
{
    public static string Greeter(string version) => $$"""
        x-appliance:
          manifestVersion: 1
          id: com.example.greeter
          version: {{version}}
          title: Greeter
          webUi: {port: 8080, path: /}
          config:
            properties:
              greeting: {type: string, default: Hello}
              audience: {type: string, default: world}
              adminToken: {type: string, x-generate: {length: 24} }
        services:
          greeter:
            image: localhost/portal-demo/greeter:{{version}}
            environment:
              GREETING: ${config.greeting}
              AUDIENCE: ${config.audience}
              ADMIN_TOKEN: ${config.adminToken}
            healthcheck:
              test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"]
              interval: 1s
              timeout: 2s
              retries: 3
        """;

    public static string Notes(string version) => $$"""
        x-appliance:
          manifestVersion: 1
          id: com.example.notes
          version: {{version}}
          title: Notes
          webUi: {port: 8080}
          volumes: [data]
        services:
          notes:
            image: localhost/portal-demo/notes:{{version}}
            volumes: [data:/data]
        volumes:
          data: {}
        """;

    public static string Welcome(string version) => $$"""
        x-appliance:
          manifestVersion: 1
          id: com.example.welcome
          version: {{version}}
          title: Welcome
          webUi: {port: 8080}
        services:
          web:
            image: localhost/portal-demo/welcome:{{version}}
        """;

    /// <summary>
    /// The welcome image turned into a prober: it serves /tmp/www on 8080 and writes to /tmp/www/result, every second,
    /// whether an HTTP request reached itself over loopback (the probe works) and whether one reached http://{target}:8080/.
    /// busybox nc, not wget: this static busybox's wget crashes (SIGSEGV) in the container and on the host alike.
    /// </summary>
    public static string Prober(string version) => $$"""
        x-appliance:
          manifestVersion: 1
          id: com.example.prober
          version: {{version}}
          title: Prober
          webUi: {port: 8080}
          config:
            properties:
              target: {type: string}
        services:
          web:
            image: localhost/portal-demo/welcome:{{version}}
            entrypoint:
              - /bin/sh
              - -c
              - |
                mkdir -p /tmp/www && echo starting > /tmp/www/result
                httpd -f -p 8080 -h /tmp/www &
                get() { printf 'GET /result HTTP/1.0\r\n\r\n' | nc -w 2 "$$1" 8080 | grep -q '^HTTP/1.[01] [0-9]'; }
                while :; do
                  if get 127.0.0.1; then self=reached; else self=failed; fi
                  if get ${config.target}; then other=reached; else other=failed; fi
                  echo "self $$self, other $$other" > /tmp/www/result.new && mv /tmp/www/result.new /tmp/www/result
                  sleep 1
                done
        """;
}
