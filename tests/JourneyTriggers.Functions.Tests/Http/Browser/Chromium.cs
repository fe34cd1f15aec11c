using Microsoft.Playwright;

namespace JourneyTriggers.Functions.Tests.Http.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright's bundled driver. Playwright's own browser builds are never
/// downloaded (our build machines cannot, and Debian's is patched by the distribution): a missing
/// Chromium fails the test with the command that installs it, never a skip.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(Path), $"Chromium is not installed at {Path}: run `apt-get update && apt-get install -y chromium` as root (./test.sh does it when run as root).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            // No sandbox: the tests run as root in a container, where Chromium's own sandbox cannot start.
            // The rest keeps it off the network and quiet: nothing but the page under test is fetched.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
