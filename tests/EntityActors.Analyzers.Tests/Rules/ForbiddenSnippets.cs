namespace EntityActors.Analyzers.Tests.Rules;

/// <summary>
/// Code a workflow must not run, with the diagnostic each use must raise marked in place. The same snippets, markup
/// removed, must raise nothing in an activity or a plain class (NotWorkflowCodeTests).
/// </summary>
internal static class ForbiddenSnippets
{
    public const string WallClock = """
        var a = {|EA0001:DateTime.Now|};
        var b = {|EA0001:DateTime.UtcNow|};
        var c = {|EA0001:DateTime.Today|};
        var d = {|EA0001:DateTimeOffset.Now|};
        var e = {|EA0001:DateTimeOffset.UtcNow|};
        TimeProvider clock = {|EA0001:TimeProvider.System|};
        var f = {|EA0001:clock.GetUtcNow()|};
        """;

    public const string NewGuid = """
        var id = {|EA0002:Guid.NewGuid()|};
        var sortable = {|EA0002:Guid.CreateVersion7()|};
        Func<Guid> later = {|EA0002:Guid.NewGuid|};
        """;

    public const string Randomness = """
        var random = {|EA0003:new Random(42)|};
        var shared = {|EA0003:Random.Shared|};
        var roll = {|EA0003:System.Security.Cryptography.RandomNumberGenerator.GetInt32(6)|};
        """;

    public const string BackgroundWork = """
        _ = {|EA0004:Task.Run(() => { })|};
        _ = {|EA0004:Task.Factory.StartNew(() => { })|};
        var thread = {|EA0004:new System.Threading.Thread(() => { })|};
        {|EA0004:System.Threading.ThreadPool.QueueUserWorkItem(_ => { })|};
        {|EA0004:Parallel.For(0, 2, _ => { })|};
        """;

    public const string RealDelay = """
        await {|EA0005:Task.Delay(TimeSpan.FromSeconds(1))|};
        {|EA0005:System.Threading.Thread.Sleep(10)|};
        using var periodic = {|EA0005:new System.Threading.PeriodicTimer(TimeSpan.FromSeconds(1))|};
        using var timer = {|EA0005:new System.Threading.Timer(_ => { })|};
        """;

    public const string ElapsedTime = """
        var watch = {|EA0006:System.Diagnostics.Stopwatch.StartNew()|};
        var elapsed = {|EA0006:watch.Elapsed|};
        var stamp = {|EA0006:System.Diagnostics.Stopwatch.GetTimestamp()|};
        var ticks = {|EA0006:Environment.TickCount64|};
        """;

    public const string Http = """
        using var http = {|EA0007:new System.Net.Http.HttpClient()|};
        var page = await {|EA0007:http.GetStringAsync("http://localhost/")|};
        var json = await {|EA0007:System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<string>(http, "http://localhost/")|};
        """;

    public const string FileSystem = """
        var text = {|EA0008:System.IO.File.ReadAllText("settings.json")|};
        var exists = {|EA0008:System.IO.Directory.Exists("data")|};
        var info = {|EA0008:new System.IO.FileInfo("settings.json")|};
        using var stream = {|EA0008:new System.IO.FileStream("data.bin", System.IO.FileMode.Open)|};
        using var reader = {|EA0008:new System.IO.StreamReader("settings.json")|};
        using var writer = {|EA0008:new System.IO.StreamWriter("out.txt")|};
        """;

    public const string ProcessEnvironment = """
        var setting = {|EA0009:Environment.GetEnvironmentVariable("LIMIT")|};
        {|EA0009:Environment.SetEnvironmentVariable("LIMIT", "1")|};
        var host = {|EA0009:Environment.MachineName|};
        {|EA0009:Environment.Exit(1)|};
        """;

    public const string Console = """
        {|EA0010:Console.WriteLine("checking out")|};
        var line = {|EA0010:Console.ReadLine()|};
        """;

    public const string StaticStateAccess = """
        {|EA0011:Counters.Count|}++;
        var seen = {|EA0011:Counters.Count|} + Counters.Fixed + Counters.Max + Counters.Doubled;
        {|EA0011:Counters.Total|} = seen;
        """;

    public const string StaticStateDeclaration = """
        private static int {|EA0012:calls|};
        public static string {|EA0012:Last|} { get; set; } = "";
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
        private const int Limit = 3;
        public static int Fixed { get; } = 1;
        """;

    /// <summary>Every body snippet, by the rule it shows.</summary>
    public static TheoryData<string, string> Bodies => new()
    {
        { "EA0001", WallClock },
        { "EA0002", NewGuid },
        { "EA0003", Randomness },
        { "EA0004", BackgroundWork },
        { "EA0005", RealDelay },
        { "EA0006", ElapsedTime },
        { "EA0007", Http },
        { "EA0008", FileSystem },
        { "EA0009", ProcessEnvironment },
        { "EA0010", Console },
        { "EA0011", StaticStateAccess },
    };
}
