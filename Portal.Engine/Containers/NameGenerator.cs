using System.Security.Cryptography;

namespace Portal.Engine.Containers;

/// <summary>Docker-style "adjective_scientist" names for containers created without one.</summary>
internal static class NameGenerator
{
    private static readonly string[] Adjectives =
    [
        "brave", "calm", "clever", "eager", "fervent", "gentle", "happy", "jolly", "keen", "lucid",
        "modest", "nifty", "quirky", "serene", "sharp", "stoic", "tender", "vibrant", "wizardly", "zealous",
    ];

    private static readonly string[] Names =
    [
        "archimedes", "babbage", "curie", "darwin", "euler", "fermi", "galileo", "hopper", "hypatia", "kepler",
        "lamport", "lovelace", "meitner", "newton", "noether", "pascal", "ritchie", "shannon", "thompson", "turing",
    ];

    public static string Next(Func<string, bool> inUse)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}_{Names[RandomNumberGenerator.GetInt32(Names.Length)]}";
            if (attempt > 10)
            {
                name += RandomNumberGenerator.GetInt32(1000, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (!inUse(name))
            {
                return name;
            }
        }
    }
}
