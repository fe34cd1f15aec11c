namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>The property names a format gives a product. Segment also identifies products by <c>product_id</c>.</summary>
internal sealed record ProductFieldNames(FieldName Sku, FieldName? SkuAlternative, FieldName ImageUrl)
{
    public static ProductFieldNames Native { get; } = new(FieldName.Sku, null, FieldName.ImageUrl);

    public static ProductFieldNames Segment { get; } = new(FieldName.Sku, FieldName.SegmentProductId, FieldName.SegmentImageUrl);
}
