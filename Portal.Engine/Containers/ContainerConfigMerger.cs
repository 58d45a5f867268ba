using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Containers;

/// <summary>Docker's rules for combining an image's config with a create request.</summary>
public static class ContainerConfigMerger
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static (ContainerConfig Config, IReadOnlyList<string> Args) Merge(ImageDetails image, ContainerCreateRequest request, string id)
    {
        IReadOnlyList<string> entrypoint;
        IReadOnlyList<string> cmd;
        if (request.Entrypoint is not null)
        {
            // An explicit entrypoint drops the image's Cmd (Docker does the same); [""] clears it.
            entrypoint = request.Entrypoint.Count == 1 && request.Entrypoint[0].Length == 0 ? [] : request.Entrypoint;
            cmd = request.Cmd ?? [];
        }
        else
        {
            entrypoint = image.Config.Entrypoint ?? [];
            cmd = request.Cmd ?? image.Config.Cmd ?? [];
        }

        var args = entrypoint.Concat(cmd).ToArray();
        if (args.Length == 0)
        {
            throw new InvalidArgumentException($"no command specified: image {request.Image} has no Entrypoint or Cmd and the request gave none");
        }

        var labels = new Dictionary<string, string>(image.Config.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in request.Labels)
        {
            labels[key] = value;
        }

        var config = new ContainerConfig
        {
            Image = request.Image,
            Entrypoint = entrypoint,
            Cmd = cmd,
            Env = MergeEnv(image.Config.Env, request.Env),
            WorkingDir = request.WorkingDir is { Length: > 0 } wd ? wd : image.Config.WorkingDir,
            User = request.User ?? image.Config.User,
            Hostname = request.Hostname is { Length: > 0 } host ? host : id[..12],
            Labels = labels,
            ExposedPorts = image.Config.ExposedPorts.Concat(request.ExposedPorts).Distinct(StringComparer.Ordinal).ToArray(),
            Tty = request.Tty,
            StopSignal = request.StopSignal ?? image.Config.StopSignal ?? "SIGTERM",
            StopTimeoutSeconds = request.StopTimeoutSeconds ?? 10,
        };
        return (config, args);
    }

    /// <summary>Image variables first, request variables override by name; PATH is always present.</summary>
    public static IReadOnlyList<string> MergeEnv(IReadOnlyList<string> imageEnv, IReadOnlyList<string> requestEnv)
    {
        var order = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in imageEnv.Concat(requestEnv))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? entry : entry[..eq];
            if (key.Length == 0)
            {
                throw new InvalidArgumentException($"invalid environment variable: \"{entry}\" has no name");
            }

            if (!values.ContainsKey(key))
            {
                order.Add(key);
            }

            values[key] = entry;
        }

        if (!values.ContainsKey("PATH"))
        {
            order.Insert(0, "PATH");
            values["PATH"] = "PATH=" + DefaultPath;
        }

        return order.Select(k => values[k]).ToArray();
    }
}
