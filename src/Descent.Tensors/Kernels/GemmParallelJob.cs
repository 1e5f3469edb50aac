namespace Descent.Kernels;

/// <summary>
/// Chunks of rows (sharing one packed block of B) or of columns (each packing its own B) of one
/// <see cref="GemmProblem"/>, run across <see cref="WorkerPool.Shared"/>, whose dispatch allocates nothing and whose
/// spinning helpers take it in about 0.1 µs. The caller runs chunks too and never waits for a helper to start: a
/// helper that is late finds its chunks taken. When the pool is busy (another thread is dispatching, or this is one
/// of its helpers), the caller runs every chunk itself, with the same result.
/// </summary>
internal readonly unsafe struct GemmParallelJob
{
    // The job of the current dispatch: only the thread that holds the pool writes it, and the dispatch
    // publishes it to the helpers.
    private static GemmParallelJob s_current;
    private static readonly Action<int, int> s_runChunks = static (first, count) =>
    {
        for (int chunk = first; chunk < first + count; chunk++)
        {
            s_current.RunChunk(chunk);
        }
    };

    private readonly GemmProblem _problem;
    private readonly int _chunkSize;
    private readonly bool _byRows;
    private readonly int _j0;
    private readonly int _nb;
    private readonly int _k0;
    private readonly int _k1;
    private readonly nint _packedB;

    /// <summary>Chunks of <paramref name="chunkSize"/> columns, each computed from scratch.</summary>
    public GemmParallelJob(GemmProblem problem, int chunkSize)
    {
        _problem = problem;
        _chunkSize = chunkSize;
    }

    /// <summary>Chunks of <paramref name="chunkSize"/> rows of one block of C, sharing that block of B.</summary>
    public GemmParallelJob(GemmProblem problem, int chunkSize, int j0, int nb, int k0, int k1, float* packedB)
    {
        _problem = problem;
        _chunkSize = chunkSize;
        _byRows = true;
        _j0 = j0;
        _nb = nb;
        _k0 = k0;
        _k1 = k1;
        _packedB = (nint)packedB;
    }

    public void Run(int chunks, int threads)
    {
        WorkerPool pool = WorkerPool.Shared;
        if (!pool.TryAcquire())
        {
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                RunChunk(chunk);
            }
            return;
        }
        try
        {
            s_current = this;
            pool.Run(s_runChunks, chunks, Math.Min(threads, pool.HelperCount + 1));
        }
        finally
        {
            s_current = default;
            pool.Release();
        }
    }

    private void RunChunk(int chunk)
    {
        int begin = chunk * _chunkSize;
        if (_byRows)
        {
            _problem.RunRows(begin, Math.Min(begin + _chunkSize, _problem.Rows), _j0, _nb, _k0, _k1, (float*)_packedB);
        }
        else
        {
            _problem.RunColumns(begin, Math.Min(begin + _chunkSize, _problem.Columns));
        }
    }
}
