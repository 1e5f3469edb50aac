using Descent.Interop.Pt;
using Descent.IO;

namespace Descent.Interop.Tests.Pt;

public sealed class PtHostileTests
{
    [Theory]
    [InlineData("reduce_os_system.pt", "the pickle names the global 'posix.system', which torch.load(weights_only=True) does not allow")]
    [InlineData("global_os_system.pt", "the pickle names the global 'os.system'")]
    [InlineData("reduce_open.pt", "the global 'io.open'")]
    [InlineData("reduce_exec.pt", "the global '__builtin__.exec'")]
    [InlineData("global_builtins_object.pt", "the global 'builtins.object'")]
    [InlineData("stack_global.pt", "opcode 0x95, which torch.load(weights_only=True) does not accept")]
    [InlineData("truncated_zip.pt", "the zip archive is damaged")]
    [InlineData("truncated_pickle.pt", "truncated")]
    [InlineData("empty.pt", "too short for a torch.save zip archive")]
    [InlineData("not_a_zip.pt", "it is not a zip archive")]
    [InlineData("legacy_format.pt", "legacy format before PyTorch 1.6")]
    [InlineData("storage_too_small.pt", "storage '0' should hold 6 elements (24 bytes) but its entry has 8 bytes")]
    [InlineData("storage_missing.pt", "the pickle refers to storage '0', but the archive has no entry '_valid/data/0'")]
    [InlineData("view_past_storage.pt", "reaches element 32 of storage '0', which holds 6")]
    [InlineData("zip_bomb.pt", "is compressed")]
    public void EachHostileFileIsRefusedWithOneLineAndNoSideEffect(string name, string problem)
    {
        File.Delete(PtFixtures.Marker);
        var model = PtFixtures.Model();
        float[] before = model.StateDict()["0.weight"].ToArray();
        string[] folderBefore = Directory.GetFiles(PtFixtures.Folder, "*", SearchOption.AllDirectories);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var e = Assert.Throws<TensorFileException>(() => model.LoadPtStateDict(PtFixtures.File(Path.Combine("hostile", name))));

        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), e.Message);
        Assert.StartsWith($"Cannot read tensor file '{PtFixtures.File(Path.Combine("hostile", name))}': ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(File.Exists(PtFixtures.Marker), "a payload ran");
        Assert.Equal(before, model.StateDict()["0.weight"].ToArray());
        Assert.Equal(folderBefore, Directory.GetFiles(PtFixtures.Folder, "*", SearchOption.AllDirectories));
        // The zip bomb declares 100 MB; refusing it must not allocate anything near that.
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 10_000_000, "refusing allocated more than 10 MB");
    }

    [Fact]
    public void AGlobalTorchAllowsButDescentDoesNotReadIsRefusedByName()
    {
        string path = Path.Combine(Path.GetTempPath(), $"descent-pt-{Guid.NewGuid():N}.pt");
        try
        {
            // torch._utils._rebuild_sparse_tensor(...) is on torch's list; Descent reads dense tensors only.
            byte[] pickle = [0x80, 2, .. "ctorch._utils\n_rebuild_sparse_tensor\n)R."u8];
            PtTestFiles.WriteArchive(path, pickle);
            var e = Assert.Throws<TensorFileException>(() => PtFile.ReadModuleStateDict(path));
            Assert.Contains("calls 'torch._utils._rebuild_sparse_tensor', which torch allows but Descent does not read", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
