using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Descent.Cli.Tests;

/// <summary>
/// Every C# snippet of the README compiles as written: each becomes one file of a fresh console project (the usings
/// it shows, the implicit ones of <c>dotnet new console</c>, nothing else) referencing the built libraries.
/// </summary>
public sealed class ReadmeSnippetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string Root()
    {
        string root = typeof(ReadmeSnippetTests).Assembly.Location;
        while (!File.Exists(Path.Combine(root, "Descent.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }
        return root;
    }

    /// <summary>The README's C# snippets, in order.</summary>
    internal static string[] Snippets() =>
        Regex.Matches(File.ReadAllText(Path.Combine(Root(), "README.md")), "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToArray();

    /// <summary>A snippet as a file of its own: its usings at the top, its statements in a method.</summary>
    private static string AsFile(string snippet, int index)
    {
        string[] lines = snippet.Split('\n');
        string[] usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Trim().Length == 0).ToArray();
        string body = string.Join('\n', lines.Skip(usings.Length));
        return $"{string.Join('\n', usings)}\n\ninternal static class Snippet{index}\n{{\n    public static void Run()\n    {{\n{body}\n    }}\n}}\n";
    }

    [Fact]
    public void TheReadmeHasItsFourLibrarySnippets()
    {
        Assert.True(Snippets().Length >= 4);
    }

    [Fact]
    public async Task EveryReadmeSnippetCompilesAsWritten()
    {
        string bin = Path.GetDirectoryName(typeof(DescentCommand).Assembly.Location)!;
        string references = string.Concat(new[] { "Descent.Tensors", "Descent.NN", "Descent.Optim", "Descent.Training" }
            .Select(n => $"    <Reference Include=\"{n}\"><HintPath>{Path.Combine(bin, n + ".dll")}</HintPath></Reference>\n"));
        File.WriteAllText(Path.Combine(_dir, "Snippets.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_dir, "Program.cs"), "System.Console.WriteLine(\"compiled\");\n");
        string[] snippets = Snippets();
        for (int i = 0; i < snippets.Length; i++)
        {
            File.WriteAllText(Path.Combine(_dir, $"Snippet{i + 1}.cs"), AsFile(snippets[i], i + 1));
        }

        var info = new ProcessStartInfo("dotnet", ["build", "-nologo", "-v", "q", "-p:NuGetAudit=false"])
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process p = Process.Start(info)!;
        Task<string> error = p.StandardError.ReadToEndAsync();
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"the README snippets do not compile:\n{output}\n{await error}");
    }
}
