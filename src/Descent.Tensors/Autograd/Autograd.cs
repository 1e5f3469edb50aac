namespace Descent;

/// <summary>Grad-mode control: whether operations are recorded for backward.</summary>
/// <remarks>Grad mode belongs to the current thread, so a scope must be disposed on the thread that entered it.</remarks>
public static class Autograd
{
    [ThreadStatic]
    private static bool t_disabled;

    /// <summary>True unless the current thread is inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsGradEnabled => !t_disabled;

    /// <summary>
    /// Disables recording on the current thread until the returned scope is disposed:
    /// <c>using (Autograd.NoGrad()) { … }</c>. Scopes nest.
    /// </summary>
    public static GradModeScope NoGrad() => Set(enabled: false);

    /// <summary>Enables recording on the current thread until the returned scope is disposed, also inside <see cref="NoGrad"/>.</summary>
    public static GradModeScope EnableGrad() => Set(enabled: true);

    private static GradModeScope Set(bool enabled)
    {
        var scope = new GradModeScope(t_disabled ? GradModeScope.RestoreDisabled : GradModeScope.RestoreEnabled);
        t_disabled = !enabled;
        return scope;
    }

    /// <summary>
    /// Restores the grad mode that was in force when the scope began. A struct, so entering a scope allocates
    /// nothing; disposing it (or a copy of it) again has no further effect, and a default instance restores nothing.
    /// </summary>
    public readonly struct GradModeScope : IDisposable
    {
        internal const byte RestoreEnabled = 1;
        internal const byte RestoreDisabled = 2;

        private readonly byte _restore;

        internal GradModeScope(byte restore) => _restore = restore;

        /// <summary>Leaves the scope.</summary>
        public void Dispose()
        {
            if (_restore != 0)
            {
                t_disabled = _restore == RestoreDisabled;
            }
        }
    }
}
