namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// What a branch sends: <c>channels</c>, <c>template</c> and optional <c>variants</c>. A step that
/// names these itself is read through here too, as its single branch.
/// </summary>
internal static class DeliveryReader
{
    public static readonly string[] Keys = ["channels", "template", "variants"];

    public static BranchDefinition? Read(ObjectFields fields, string? name, BranchCondition when, ErrorLog log)
    {
        var channels = fields.Required("channels", log) is { } channelsField ? ChannelsReader.Read(channelsField, log) : null;
        var template = fields.Required("template", log) is { } templateField ? Names.ReadIdentifier(templateField, log) : null;
        var variants = fields.Get("variants") is { } variantsField ? VariantsReader.Read(variantsField, log) : [];

        return channels is null || template is null || variants is null
            ? null
            : new BranchDefinition(name, when, channels, template, variants);
    }
}
