namespace Descent;

/// <summary>Grad-mode control: whether operations are recorded for backward.</summary>
public static class Autograd
{
    [ThreadStatic]
    private static int t_noGradDepth;

    /// <summary>True unless the current thread is inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsGradEnabled => t_noGradDepth == 0;

    /// <summary>
    /// Disables recording on the current thread until the returned scope is disposed:
    /// <c>using (Autograd.NoGrad()) { … }</c>. Scopes nest.
    /// </summary>
    public static NoGradScope NoGrad()
    {
        t_noGradDepth++;
        return new NoGradScope(true);
    }

    /// <summary>A disposable that ends a <see cref="NoGrad"/> scope; a struct so entering a scope allocates nothing.</summary>
    public struct NoGradScope : IDisposable
    {
        private bool _active;

        internal NoGradScope(bool active) => _active = active;

        /// <summary>Leaves the scope; disposing twice has no further effect.</summary>
        public void Dispose()
        {
            if (_active)
            {
                _active = false;
                t_noGradDepth--;
            }
        }
    }
}
