namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// A step's <c>branches</c>: named paths tried in order, the first whose <c>when</c> holds is used.
/// A branch after one without <c>when</c> could never be chosen, so it is an error, not dead weight.
/// </summary>
internal static class BranchesReader
{
    static readonly string[] Keys = ["name", "when", .. DeliveryReader.Keys];

    public static IReadOnlyList<BranchDefinition>? Read(JsonField field, ErrorLog log)
    {
        var items = JsonValues.ReadItems(field, log, "branch");
        if (items is null)
            return null;

        var names = new UniqueNames("branches");
        var branches = new List<BranchDefinition>();
        int? catchAll = null;
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            if (catchAll is not null)
                log.Report(item.Path, $"unreachable, branches[{catchAll}] has no \"when\"");

            var fields = ObjectFields.Open(item, log, Keys);
            if (fields is null)
                continue;
            if (!fields.Has("when"))
                catchAll ??= index;
            if (ReadBranch(fields, index, names, log) is { } branch)
                branches.Add(branch);
        }

        return branches;
    }

    static BranchDefinition? ReadBranch(ObjectFields fields, int index, UniqueNames names, ErrorLog log)
    {
        var name = fields.Required("name", log) is { } nameField
            ? names.Claim(Names.ReadIdentifier(nameField, log), index, nameField, log)
            : null;
        var when = fields.Get("when") is { } whenField ? ConditionReader.Read(whenField, log) : BranchCondition.Always;
        var branch = DeliveryReader.Read(fields, name, when ?? BranchCondition.Always, log);
        return name is null || when is null ? null : branch;
    }
}
