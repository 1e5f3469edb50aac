using System.Text.Json.Serialization;

namespace Descent.Explorer.Model;

/// <summary>
/// The scenes as JSON, by generated code: the page hands the script JSON text, because reflection-based
/// serialization costs a noticeable part of the first load in the browser's interpreter.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SurfaceScene))]
[JsonSerializable(typeof(List<RunScene>))]
public sealed partial class SceneJson : JsonSerializerContext;
