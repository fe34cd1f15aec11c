using System.Diagnostics;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>
/// A test-only seam for the crash tests: when the environment variable <see cref="Variable"/> names one of
/// the points below, the process kills itself (SIGKILL, no clean-up) on reaching it. The name says what
/// it is for, and nothing sets it: not the templates, not the settings files, not the Functions host.
/// </summary>
internal static class DispatchHooks
{
    public const string Variable = "JOURNEYTRIGGERS_TEST_ONLY_KILL_AT";

    /// <summary>The row is committed as "sending"; the provider has not been called.</summary>
    public const string AfterSendingRecorded = "after-sending-recorded";

    /// <summary>The provider answered; its answer is not recorded.</summary>
    public const string AfterProviderCall = "after-provider-call";

    static readonly string? KillAt = Environment.GetEnvironmentVariable(Variable);

    public static void Reached(string point)
    {
        if (KillAt == point) Process.GetCurrentProcess().Kill();
    }
}
