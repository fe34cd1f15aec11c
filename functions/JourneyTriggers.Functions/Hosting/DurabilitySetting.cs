using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Functions.Hosting;

/// <summary><c>Standalone:Durability</c>: <c>ProcessCrash</c> (the default) or <c>PowerLoss</c>, see <see cref="CommitDurability"/>.</summary>
internal static class DurabilitySetting
{
    public const string Setting = "Standalone:Durability";

    public static CommitDurability Read(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return CommitDurability.ProcessCrash;
        // Names only: Enum.TryParse would also take "1" or "ProcessCrash,PowerLoss".
        foreach (var value in Enum.GetValues<CommitDurability>())
            if (string.Equals(text.Trim(), value.ToString(), StringComparison.OrdinalIgnoreCase)) return value;
        throw new StartupRefusedException(
            $"JourneyTriggers cannot start: {Setting} is '{text}'; use ProcessCrash (a commit survives the process being killed) " +
            "or PowerLoss (every commit waits for the disk, so it survives a power cut too).");
    }
}
