namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>A fresh data directory per test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("journeytriggers-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
