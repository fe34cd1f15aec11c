namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// The CloudEvent envelope attributes that may fill a touchpoint's gaps. The touchpoint's own fields win, and
/// the envelope's <c>source</c> is a URI naming the producer, not a storefront source, so it is not here.
/// </summary>
internal readonly record struct CloudEventAttributes(FieldText? Id, FieldText? Type, FieldText? Time);
