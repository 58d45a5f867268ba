namespace Portal.Client.Contracts;

/// <summary>One line of a deployment's output: <see cref="Stream"/> is "stdout" or "stderr"; <see cref="Text"/> is the
/// line without its newline, decoded as UTF-8 (invalid bytes become U+FFFD). Clients render it as text, never markup.</summary>
public sealed record DeploymentLogLine(DateTimeOffset Time, string Stream, string Text);
