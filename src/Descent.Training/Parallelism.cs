using System.Runtime.ExceptionServices;

namespace Descent.Training;

/// <summary>Runs independent pieces of work (trials, resampling iterations) on several threads or on the caller's.</summary>
internal static class Parallelism
{
    /// <summary>
    /// Calls <paramref name="body"/> for 0 to <paramref name="count"/> − 1, <paramref name="workers"/> at a time; with one
    /// worker in order on the calling thread. A failure is rethrown as itself, not wrapped, so callers see the same
    /// exception whatever the number of workers.
    /// </summary>
    public static void For(int count, int workers, Action<int> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (workers == 1 || count <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
