using System.Runtime.Versioning;

// Portal runs containers with Linux namespaces and cgroups; there is no other platform to serve.
[assembly: SupportedOSPlatform("linux")]
