using System.Diagnostics;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>
/// The folder <c>dotnet publish functions/JourneyTriggers.Functions</c> makes, once per test run. test.sh
/// publishes it after its build and names it in JT_PUBLISHED, so the tests only read it; run alone, the
/// tests publish into a temporary folder themselves (a minute or two on a busy machine).
/// </summary>
public sealed class PublishedPackage : IDisposable
{
    public const string Variable = "JT_PUBLISHED";

    readonly string? temporary;

    public PublishedPackage()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } published)
        {
            Folder = published;
            return;
        }
        temporary = Folder = Directory.CreateTempSubdirectory("jt-publish-").FullName;
        Publish(Folder);
    }

    public string Folder { get; }

    static void Publish(string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", RepositoryFiles.PathOf("functions/JourneyTriggers.Functions"), "-c", "Release", "-o", output, "-nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }

    public void Dispose()
    {
        if (temporary is not null && Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
    }
}
