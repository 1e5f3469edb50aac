using Descent.IO;
using static Descent.Tensors.Tests.IO.TensorFileSamples;

namespace Descent.Tensors.Tests.IO;

/// <summary>A failed save leaves the previous file as it was and no temporary file behind.</summary>
/// <remarks>Crash safety across processes (a save killed midway) is tested with the checkpoints that rely on it.</remarks>
public sealed class AtomicFileTests
{
    [Fact]
    public void WriteCreatesAndReplacesTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");

        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        AtomicFile.Write(path, s => s.Write([4]));

        Assert.Equal([4], File.ReadAllBytes(path));
        Assert.Equal(["data.bin"], folder.Names());
    }

    [Fact]
    public void TheNextWriteRemovesTheTemporaryFilesAKilledWriteLeftButNotOthers()
    {
        using var folder = new TempFolder();
        string path = folder.File("checkpoint.safetensors");
        // What a process killed between creating and renaming its temporary file leaves behind.
        string stale = folder.File($".checkpoint.safetensors.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllBytes(stale, [9, 9]);
        string otherFile = folder.File($".other.bin.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllBytes(otherFile, [1]);
        string notOurs = folder.File(".checkpoint.safetensors.mine.tmp");
        System.IO.File.WriteAllBytes(notOurs, [1]);

        AtomicFile.Write(path, s => s.Write([1, 2]));

        Assert.False(System.IO.File.Exists(stale));
        Assert.True(System.IO.File.Exists(otherFile));
        Assert.True(System.IO.File.Exists(notOurs));
        Assert.Equal([1, 2], System.IO.File.ReadAllBytes(path));
    }

    [Fact]
    public void ATemporaryFileStillBeingWrittenIsLeftAlone()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");
        string inProgress = folder.File($".data.bin.{Guid.NewGuid():N}.tmp");
        using (var writer = new FileStream(inProgress, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            AtomicFile.Write(path, s => s.Write([7]));
            Assert.True(System.IO.File.Exists(inProgress));
        }
        Assert.Equal([7], System.IO.File.ReadAllBytes(path));
    }

    [Fact]
    public void AWriterThatThrowsMidStreamLeavesThePreviousFileByteIdentical()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        SafeTensors.Save(path, Mixed(), MixedMetadata());
        byte[] before = File.ReadAllBytes(path);
        var failure = new IOException("disk full");
        string? temporary = null;

        var thrown = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            temporary = ((FileStream)stream).Name;
            SafeTensors.Write(stream, Mixed());
            stream.Flush();
            Assert.True(File.Exists(temporary));
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.Names());
        Assert.Equal(folder.Path, Path.GetDirectoryName(temporary));
        Assert.False(File.Exists(temporary));
    }

    [Fact]
    public void AWriterThatThrowsBeforeAnyFileExistedLeavesNothing()
    {
        using var folder = new TempFolder();

        Assert.Throws<InvalidOperationException>(() =>
            AtomicFile.Write(folder.File("new.bin"), s => throw new InvalidOperationException("no")));

        Assert.Empty(folder.Names());
    }

    [Fact]
    public void ARenameOntoAFolderFailsCleanly()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("taken"));

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(folder.File("taken"), s => s.Write([1])));

        Assert.Equal(["taken"], folder.Names());
        Assert.True(Directory.Exists(folder.File("taken")));
    }

    [Fact]
    public void SaveIntoAMissingFolderFailsCleanly()
    {
        using var folder = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(folder.File("no/such/model.safetensors"), Mixed()));

        Assert.Empty(folder.Names());
    }

    [Fact]
    public void SaveIntoAReadOnlyFolderFailsCleanly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The folder's read-only bit does not stop file creation on Windows.
        }
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        SafeTensors.Save(path, Mixed());
        byte[] before = File.ReadAllBytes(path);
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        if (PermissionsAreEnforced(folder.Path))
        {
            Assert.ThrowsAny<UnauthorizedAccessException>(() => SafeTensors.Save(path, Mixed(), MixedMetadata()));
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(["model.safetensors"], folder.Names());
        }
        else if (Directory.Exists("/sys"))
        {
            // A privileged process (root in a CI container) ignores permission bits, but sysfs refuses to create
            // files even for root.
            string sysPath = "/sys/descent-read-only-test.safetensors";
            Exception error = Assert.ThrowsAny<Exception>(() => SafeTensors.Save(sysPath, Mixed()));
            Assert.True(error is IOException or UnauthorizedAccessException, error.ToString());
            Assert.False(File.Exists(sysPath));
            Assert.Empty(Directory.GetFiles("/sys", ".descent-read-only-test*"));
        }
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => AtomicFile.Write("", s => { }));
        Assert.Throws<ArgumentNullException>(() => AtomicFile.Write(null!, s => { }));
        Assert.Throws<ArgumentNullException>(() => AtomicFile.Write("x", null!));
    }

    private static bool PermissionsAreEnforced(string folder)
    {
        string probe = Path.Combine(folder, "probe");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
