using System.Text.Json.Serialization;

namespace EntityActors.Replay.Recorder;

/// <summary>When and with what a history was recorded.</summary>
public sealed record RecordingInfo(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("daprd")] string Daprd,
    [property: JsonPropertyName("daprWorkflowSdk")] string DaprWorkflowSdk);
