namespace Portal.Engine.Runtime;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("portal-init: usage: portal-init shim|init <container-dir>");
        return args.Length == 0 ? 2 : 2;
    }
}
