namespace Descent.Optim.Tests.Support;

/// <summary>
/// Tests that run alone, after the parallel ones: they count allocations of a step that uses the shared worker pool,
/// and another test holding the pool would send that step down its serial path instead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "Solo";
}
