namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>Touchpoints about reaching the customer: consent, push installations and message engagement.</summary>
internal static class ChannelBodies
{
    static readonly string[] PushPlatforms = ["apns", "fcmv1", "wns"];

    public static TouchpointBody ConsentUpdated(JsonFields properties)
    {
        var email = properties.Flag("email");
        var push = properties.Flag("push");
        return h => new ConsentUpdated(h.Id, h.Customer, h.Timestamp, h.Source, email, push);
    }

    public static TouchpointBody? PushRegistered(JsonFields properties)
    {
        var installationId = properties.RequiredText("installationId")?.AsId();
        var platform = properties.Text("platform")?.OneOf(PushPlatforms);
        var pushChannel = properties.Text("pushChannel")?.Bounded(FieldLimits.Text);
        return installationId is null
            ? null
            : h => new PushRegistered(h.Id, h.Customer, h.Timestamp, h.Source, installationId, platform, pushChannel);
    }

    public static TouchpointBody? PushUnregistered(JsonFields properties) =>
        properties.RequiredText("installationId")?.AsId() is { } installationId
            ? h => new PushUnregistered(h.Id, h.Customer, h.Timestamp, h.Source, installationId)
            : null;

    public static TouchpointBody? MessageOpened(JsonFields properties) =>
        properties.RequiredText("messageId")?.AsId() is { } messageId
            ? h => new MessageOpened(h.Id, h.Customer, h.Timestamp, h.Source, messageId)
            : null;

    public static TouchpointBody? MessageClicked(JsonFields properties) =>
        properties.RequiredText("messageId")?.AsId() is { } messageId
            ? h => new MessageClicked(h.Id, h.Customer, h.Timestamp, h.Source, messageId)
            : null;
}
