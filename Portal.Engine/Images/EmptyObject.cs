namespace Portal.Engine.Images;

/// <summary>The "{}" values of ExposedPorts and Volumes in an image config.</summary>
internal sealed class EmptyObject;
