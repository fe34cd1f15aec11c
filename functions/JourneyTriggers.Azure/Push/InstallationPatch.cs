namespace JourneyTriggers.Azure.Push;

/// <summary>
/// One JSON Patch (RFC 6902) operation of an installation update, e.g. <c>add /tags "customer:c-42"</c>
/// or <c>replace /pushChannel "…"</c>; the Installations API documents which paths take which operations.
/// </summary>
public sealed record InstallationPatch(string Operation, string Path, string? Value)
{
    public static InstallationPatch Add(string path, string value) => new("add", path, value);
    public static InstallationPatch Replace(string path, string value) => new("replace", path, value);
    public static InstallationPatch Remove(string path) => new("remove", path, null);
}
