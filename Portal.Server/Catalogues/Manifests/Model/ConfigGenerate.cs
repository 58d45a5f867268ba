namespace Portal.Server.Catalogues.Manifests;

/// <summary><c>x-generate</c>: a value drawn with a cryptographic RNG when none is given at deploy.</summary>
public sealed record ConfigGenerate(int Length, string Alphabet)
{
    public const string DefaultAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const int DefaultLength = 32;
}
