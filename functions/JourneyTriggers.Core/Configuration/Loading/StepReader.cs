using NodaTime;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// One step: <c>after</c>, and either <c>channels</c> + <c>template</c> (read as a single unnamed,
/// unconditional branch) or <c>branches</c>. Never both: which one would win is not obvious to a reader.
/// </summary>
internal static class StepReader
{
    static readonly string[] Keys = ["after", "branches", .. DeliveryReader.Keys];

    public static StepDefinition? Read(JsonField field, int number, ErrorLog log)
    {
        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return null;

        // Zero is allowed: a first step may go out as soon as the customer goes quiet.
        Duration? after = fields.Required("after", log) is { } afterField
            ? IsoDurations.Read(afterField, log, allowZero: true)
            : null;
        var branches = ReadBranches(fields, log);
        return after is null || branches is null ? null : new StepDefinition(number, after.Value, branches);
    }

    static IReadOnlyList<BranchDefinition>? ReadBranches(ObjectFields fields, ErrorLog log)
    {
        var path = fields.Field.Path;
        if (fields.Get("branches") is not { } branchesField)
        {
            if (!fields.Has("channels") && !fields.Has("template"))
            {
                log.Report(path, "needs \"channels\" and \"template\", or \"branches\"");
                return null;
            }

            return DeliveryReader.Read(fields, name: null, BranchCondition.Always, log) is { } single ? [single] : null;
        }

        foreach (var key in new[] { "channels", "template" }.Where(fields.Has))
            log.Report(path, $"has both \"branches\" and \"{key}\"; use one");
        // Step-level variants beside branches would leave open which branch they vary.
        if (fields.Has("variants"))
            log.Report(path, "has both \"branches\" and \"variants\"; put the variants on the branches");

        return BranchesReader.Read(branchesField, log);
    }
}
