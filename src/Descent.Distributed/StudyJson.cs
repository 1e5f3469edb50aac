using System.Text.Json;
using System.Text.Json.Serialization;

namespace Descent.Distributed;

/// <summary>The one JSON form of everything a study stores (NaN scores included).</summary>
internal static class StudyJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The study's {what} is empty.");
}
