namespace Portal.Client.Contracts;

/// <summary>x-generate: a value of <see cref="Length"/> characters drawn from <see cref="Alphabet"/>.</summary>
public sealed record ConfigGenerateResponse(int Length, string Alphabet);
