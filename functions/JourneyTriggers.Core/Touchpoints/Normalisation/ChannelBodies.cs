namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>Touchpoints about reaching the customer: consent, push installations and message engagement.</summary>
internal static class ChannelBodies
{
    static readonly string[] PushPlatforms = ["apns", "fcmv1", "wns"];
    static readonly CommonValues Platforms = new(PushPlatforms);

    public static Touchpoint? ConsentUpdated(TouchpointHeader? header, JsonFields properties)
    {
        var email = properties.Flag(FieldName.Email);
        var push = properties.Flag(FieldName.Push);
        return header is { } h ? new ConsentUpdated(h.Id, h.Customer, h.Timestamp, h.Source, email, push) : null;
    }

    public static Touchpoint? PushRegistered(TouchpointHeader? header, JsonFields properties)
    {
        var installationId = properties.RequiredText(FieldName.InstallationId)?.AsId();
        var platform = properties.Text(FieldName.Platform, Platforms)?.OneOf(PushPlatforms);
        var pushChannel = properties.Text(FieldName.PushChannel)?.Bounded(FieldLimits.Text);
        return installationId is not null && header is { } h
            ? new PushRegistered(h.Id, h.Customer, h.Timestamp, h.Source, installationId, platform, pushChannel)
            : null;
    }

    public static Touchpoint? PushUnregistered(TouchpointHeader? header, JsonFields properties) =>
        properties.RequiredText(FieldName.InstallationId)?.AsId() is { } installationId && header is { } h
            ? new PushUnregistered(h.Id, h.Customer, h.Timestamp, h.Source, installationId)
            : null;

    public static Touchpoint? MessageOpened(TouchpointHeader? header, JsonFields properties) =>
        properties.RequiredText(FieldName.MessageId)?.AsId() is { } messageId && header is { } h
            ? new MessageOpened(h.Id, h.Customer, h.Timestamp, h.Source, messageId)
            : null;

    public static Touchpoint? MessageClicked(TouchpointHeader? header, JsonFields properties) =>
        properties.RequiredText(FieldName.MessageId)?.AsId() is { } messageId && header is { } h
            ? new MessageClicked(h.Id, h.Customer, h.Timestamp, h.Source, messageId)
            : null;
}
