namespace Portal.Engine.Images;

/// <summary>The engine-side view of the image store: what a container needs to be built from an image.</summary>
public interface IImageStore : IImageService
{
    /// <summary>Extracted layer directories of the image (each a "diff" dir), lowest layer first.</summary>
    IReadOnlyList<string> GetLayerDirectories(string imageId);

    /// <summary>Who asks whether an image is in use before it is removed (the container store).</summary>
    void SetUsageCheck(Func<string, bool> isImageInUse);
}
