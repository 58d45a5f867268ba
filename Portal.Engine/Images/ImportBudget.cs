using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>Counts bytes of one import against a cap and refuses the import the moment the cap is passed.</summary>
internal sealed class ImportBudget(long maxBytes, string what)
{
    public long Used { get; private set; }

    public void Consume(long bytes)
    {
        Used += bytes;
        if (Used > maxBytes)
        {
            throw new ImageFormatException($"{what} exceed the import cap of {maxBytes} bytes (ImportMaxBytes)");
        }
    }
}
