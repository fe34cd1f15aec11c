namespace JourneyTriggers.Azure.Push;

/// <summary>
/// One notification as the customer sees it: title and body, the deep link opening the app at the
/// restored cart, and our message id so the app can report <c>message.opened</c> against it.
/// </summary>
public sealed record PushNotification(PushPlatform Platform, string Title, string Body, string? DeepLink, string MessageId);
