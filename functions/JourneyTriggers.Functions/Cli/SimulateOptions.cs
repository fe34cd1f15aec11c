using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Cli;

/// <summary>The parsed arguments of <c>simulate</c>, or every problem with them.</summary>
internal sealed record SimulateOptions(string EventsPath, string ConfigPath, Instant? Until, string? ReportPath = null)
{
    public static (SimulateOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        string? events = null, config = null, until = null, report = null;
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--events" or "--config" or "--until" or "--report"))
            {
                problems.Add($"{name}: unknown option; expected --events, --config, --until or --report");
                continue;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"{name}: needs a value");
                continue;
            }
            var value = args[++i];
            switch (name)
            {
                case "--events": events = value; break;
                case "--config": config = value; break;
                case "--report": report = value; break;
                default: until = value; break;
            }
        }
        if (events is null) problems.Add("--events: missing; give the JSON-lines file of touchpoints");
        if (config is null) problems.Add("--config: missing; give the trigger configuration file");
        Instant? untilInstant = null;
        if (until is not null)
        {
            var parsed = OffsetDateTimePattern.ExtendedIso.Parse(until);
            if (parsed.Success) untilInstant = parsed.Value.ToInstant();
            else problems.Add($"--until: \"{until}\" is not an ISO 8601 instant with a UTC offset (e.g. 2026-12-01T00:00:00Z)");
        }
        return problems.Count > 0 ? (null, problems) : (new SimulateOptions(events!, config!, untilInstant, report), problems);
    }
}
