namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>Touchpoints about reaching the customer: consent, push installations and message engagement.</summary>
internal static class ChannelBodies
{
    static readonly string[] PushPlatforms = ["apns", "fcmv1", "wns"];
    static readonly CommonValues Platforms = new(PushPlatforms);

    public static Touchpoint? ConsentUpdated(TouchpointHeader? header, JsonFields properties)
    {
        var email = properties.Flag("email");
        var push = properties.Flag("push");
        return header is { } h ? new ConsentUpdated(h.Id, h.Customer, h.Timestamp, h.Source, email, push) : null;
    }

    public static Touchpoint? PushRegistered(TouchpointHeader? header, JsonFields properties)
    {
        var installationId = properties.RequiredText("installationId")?.AsId();
        var platform = properties.Text("platform", Platforms)?.OneOf(PushPlatforms);
        var pushChannel = properties.Text("pushChannel")?.Bounded(FieldLimits.Text);
        return installationId is not null && header is { } h
            ? new PushRegistered(h.Id, h.Customer, h.Timestamp, h.Source, installationId, platform, pushChannel)
            : null;
    }

    public static Touchpoint? PushUnregistered(TouchpointHeader? header, JsonFields properties) =>
        properties.RequiredText("installationId")?.AsId() is { } installationId && header is { } h
            ? new PushUnregistered(h.Id, h.Customer, h.Timestamp, h.Source, installationId)
            : null;

    public static Touchpoint? MessageOpened(TouchpointHeader? header, JsonFields properties) =>
        properties.RequiredText("messageId")?.AsId() is { } messageId && header is { } h
            ? new MessageOpened(h.Id, h.Customer, h.Timestamp, h.Source, messageId)
            : null;

    public static Touchpoint? MessageClicked(TouchpointHeader? header, JsonFields properties) =>
        properties.RequiredText("messageId")?.AsId() is { } messageId && header is { } h
            ? new MessageClicked(h.Id, h.Customer, h.Timestamp, h.Source, messageId)
            : null;
}
