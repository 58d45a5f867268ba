namespace Portal.Client.Contracts;

/// <summary>One problem of a refused upload: <see cref="Path"/> names the place (e.g. appliances[1].x-appliance.webUi.port); <see cref="Text"/> is the whole line to show.</summary>
public sealed record UploadProblem(string Path, string Message, int? Line, int? Column, string Text);
