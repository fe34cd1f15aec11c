namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// <c>Standalone:ArchiveTouchpoints</c>: <c>true</c> keeps every decided touchpoint for <c>GET /api/touchpoints</c> (and
/// <c>simulate</c>); <c>false</c>, the default, keeps none.
/// </summary>
internal static class ArchiveSetting
{
    public const string Setting = "Standalone:ArchiveTouchpoints";

    public static bool Read(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (bool.TryParse(text.Trim(), out var archive)) return archive;
        throw new StartupRefusedException(
            $"JourneyTriggers cannot start: {Setting} is '{text}'; use true (keep every decided touchpoint, for replaying it with " +
            "simulate, for as long as Standalone:RetentionDays says) or false (keep none, the default).");
    }
}
