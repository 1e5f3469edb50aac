using Descent.Training;

namespace Descent.Cli;

/// <summary>The <c>--model</c> option of predict, evaluate and export: a model file, or the run folder that holds one.</summary>
internal static class ModelPath
{
    /// <summary>The name <c>train</c> gives the model in its output folder.</summary>
    public const string FileName = "model.safetensors";

    /// <summary>Loads the model at <paramref name="path"/> (a file, or a folder with <see cref="FileName"/>).</summary>
    /// <exception cref="FileNotFoundException">Nothing is there, or the folder holds no model.</exception>
    /// <exception cref="Descent.IO.TensorFileException">The file is damaged or not a Descent model.</exception>
    public static SavedModel Load(string path)
    {
        string file = path;
        if (Directory.Exists(path))
        {
            file = Path.Combine(path, FileName);
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"--model '{path}': the folder holds no {FileName} (descent train writes one).", file);
            }
        }
        else if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--model '{path}': no such file or folder.", path);
        }
        return SavedModel.Load(file);
    }

    /// <summary>Opens a CSV file for reading (gzip-compressed when it ends in <c>.gz</c>), with the file stream for progress.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static (FileStream File, TextReader Reader) OpenCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
            : file;
        return (file, new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
    }
}
