namespace Portal.Engine.Tests.Network.Firewall;

internal sealed record CommandResult(int ExitCode, string Output, string Error);
