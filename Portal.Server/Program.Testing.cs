#pragma warning disable CA1050 // The test host needs the top-level Program type.
public partial class Program;
#pragma warning restore CA1050
