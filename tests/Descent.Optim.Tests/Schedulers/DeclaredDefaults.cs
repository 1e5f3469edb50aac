namespace Descent.Optim.Tests.Schedulers;

/// <summary>
/// The defaults Descent's scheduler constructors declare. A case passes them where a fixture omits an option, as
/// Python omits the keyword argument, so a fixture case with omitted options checks them against PyTorch's.
/// </summary>
internal static class DeclaredDefaults
{
    public static T Of<T>(Type scheduler, string parameter) => (T)scheduler.GetConstructors()
        .SelectMany(c => c.GetParameters())
        .First(p => p.Name == parameter && p.HasDefaultValue)
        .DefaultValue!;
}
