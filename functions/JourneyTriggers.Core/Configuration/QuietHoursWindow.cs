using NodaTime;

namespace JourneyTriggers.Core.Configuration;

/// <summary>
/// A daily window of local time, half-open [Start, End), that may wrap midnight (21:00–08:00).
/// Start and End are never equal: the loader refuses that.
/// </summary>
public sealed record QuietHoursWindow(LocalTime Start, LocalTime End);
