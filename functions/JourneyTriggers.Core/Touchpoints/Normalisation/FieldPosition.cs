namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Where a field sat in the input: the property indexes leading to it from the root. Readers check fields in
/// the order the model needs; sorting reasons by position reports them in the order the sender wrote them.
/// </summary>
internal sealed class FieldPosition : IComparable<FieldPosition>
{
    readonly int[] steps;

    FieldPosition(int[] steps) => this.steps = steps;

    public static FieldPosition Root { get; } = new([]);

    public FieldPosition Child(int index) => new([.. steps, index]);

    /// <summary>A missing field has no place of its own, so it is reported after everything its object holds.</summary>
    public FieldPosition End => Child(int.MaxValue);

    public int CompareTo(FieldPosition? other)
    {
        if (other is null)
        {
            return 1;
        }

        var common = Math.Min(steps.Length, other.steps.Length);
        for (var i = 0; i < common; i++)
        {
            if (steps[i] != other.steps[i])
            {
                return steps[i].CompareTo(other.steps[i]);
            }
        }

        return steps.Length.CompareTo(other.steps.Length);
    }
}
