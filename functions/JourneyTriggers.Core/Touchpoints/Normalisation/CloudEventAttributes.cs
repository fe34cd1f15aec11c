namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// The CloudEvent envelope attributes that may fill a touchpoint's gaps. The touchpoint's own fields win, and
/// the envelope's <c>source</c> is a URI naming the producer, not a storefront source, so it is not here.
/// </summary>
/// <param name="InHeaders">Binary mode: the attributes came as <c>ce-*</c> headers, not in a JSON envelope.</param>
internal readonly record struct CloudEventAttributes(FieldText? Id, FieldText? Type, FieldText? Time, bool InHeaders)
{
    /// <summary>Why a field neither the touchpoint nor the envelope gave is missing, saying where else it could come from.</summary>
    public string Missing(string attribute) =>
        InHeaders ? $"missing; a ce-{attribute} header would do" : $"missing; the envelope's {attribute} would do";
}
