namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>The property names a format gives a product. Segment also identifies products by <c>product_id</c>.</summary>
internal sealed record ProductFieldNames(string Sku, string? SkuAlternative, string ImageUrl)
{
    public static ProductFieldNames Native { get; } = new("sku", null, "imageUrl");

    public static ProductFieldNames Segment { get; } = new("sku", "product_id", "image_url");
}
