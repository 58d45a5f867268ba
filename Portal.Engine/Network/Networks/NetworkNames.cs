using System.Text.RegularExpressions;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Networks;

/// <summary>Docker's predefined network names and the rule for user network names.</summary>
public static partial class NetworkNames
{
    /// <summary>The default network (Docker's "bridge", backed by Portal's own bridge interface).</summary>
    public const string Bridge = "bridge";

    /// <summary>No network: the container keeps only its loopback.</summary>
    public const string None = "none";

    /// <summary>The host's network namespace (modelled so the name is reserved; policy refuses it).</summary>
    public const string Host = "host";

    public static IReadOnlyList<string> Predefined { get; } = [Bridge, None, Host];

    public static bool IsPredefined(string name) => Predefined.Contains(name, StringComparer.Ordinal);

    public static void Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidArgumentException("network name must not be empty");
        }

        if (!Pattern().IsMatch(name))
        {
            throw new InvalidArgumentException(
                $"invalid network name \"{name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex Pattern();
}
