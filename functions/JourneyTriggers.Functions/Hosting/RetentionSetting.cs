using System.Globalization;
using JourneyTriggers.Standalone;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// <c>Standalone:RetentionDays</c>: how many days logged decisions and settled outbox messages are kept. Whole days,
/// because retention is a policy an operator states in days, not a timeout.
/// </summary>
internal static class RetentionSetting
{
    public const string Setting = "Standalone:RetentionDays";

    /// <summary>A hundred years: "keep it all" without a special value that could be mistaken for "keep none".</summary>
    const int MaxDays = 36_500;

    public static TimeSpan Read(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return StandaloneOptions.DefaultRetention;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxDays)
            throw new StartupRefusedException(
                $"{Setting} is '{text}', not a whole number of days from 1 to {MaxDays}. Logged decisions and settled outbox " +
                $"messages older than that are deleted (unset: {StandaloneOptions.DefaultRetention.Days}; {MaxDays} keeps them for good).");
        return TimeSpan.FromDays(days);
    }
}
