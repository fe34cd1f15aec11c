namespace JourneyTriggers.Core.Touchpoints;

/// <summary>The storefront's event id: the dedupe key.</summary>
public readonly record struct TouchpointId(string Value)
{
    public override string ToString() => Value;
}
