using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using static EntityActors.Analyzers.DeterminismRules;
using static EntityActors.Analyzers.ForbiddenApi;

namespace EntityActors.Analyzers;

/// <summary>What workflow code may not call, read or construct, and which rule says so.</summary>
internal static class ForbiddenApis
{
    public static readonly ImmutableArray<ForbiddenApi> All =
    [
        Members("System", "DateTime", WallClock, "Now", "UtcNow", "Today"),
        Members("System", "DateTimeOffset", WallClock, "Now", "UtcNow"),
        Members("System", "TimeProvider", WallClock, "System", "GetUtcNow", "GetLocalNow"),

        Members("System", "Guid", NewGuid, "NewGuid", "CreateVersion7"),

        EveryUse("System", "Random", Randomness),
        EveryUse("System.Security.Cryptography", "RandomNumberGenerator", Randomness),

        Members("System.Threading.Tasks", "Task", BackgroundWork, "Run"),
        Members("System.Threading.Tasks", "TaskFactory", BackgroundWork, "StartNew"),
        EveryUse("System.Threading.Tasks", "Parallel", BackgroundWork),
        Creation("System.Threading", "Thread", BackgroundWork),
        Members("System.Threading", "ThreadPool", BackgroundWork, "QueueUserWorkItem", "UnsafeQueueUserWorkItem"),

        Members("System.Threading.Tasks", "Task", RealDelay, "Delay"),
        Members("System.Threading", "Thread", RealDelay, "Sleep"),
        Members("System", "TimeProvider", RealDelay, "CreateTimer"),
        Creation("System.Threading", "Timer", RealDelay),
        Creation("System.Threading", "PeriodicTimer", RealDelay),
        Creation("System.Timers", "Timer", RealDelay),

        EveryUse("System.Diagnostics", "Stopwatch", ElapsedTime),
        Members("System", "TimeProvider", ElapsedTime, "GetTimestamp", "GetElapsedTime"),
        Members("System", "Environment", ElapsedTime, "TickCount", "TickCount64"),

        EveryUse("System.Net.Http", "HttpMessageInvoker", Http),
        EveryUse("System.Net.Http", "IHttpClientFactory", Http),
        EveryUse("System.Net.Http.Json", "HttpClientJsonExtensions", Http),

        EveryUse("System.IO", "File", FileSystem),
        EveryUse("System.IO", "Directory", FileSystem),
        EveryUse("System.IO", "FileSystemInfo", FileSystem),
        EveryUse("System.IO", "DriveInfo", FileSystem),
        EveryUse("System.IO", "FileSystemWatcher", FileSystem),
        EveryUse("System.IO", "FileStream", FileSystem),
        EveryUse("System.IO", "RandomAccess", FileSystem),
        CreationOverAPath("System.IO", "StreamReader", FileSystem),
        CreationOverAPath("System.IO", "StreamWriter", FileSystem),
        Members("System.IO", "Path", FileSystem, "GetTempPath", "GetTempFileName", "GetRandomFileName", "GetFullPath"),

        Members(
            "System", "Environment", ProcessEnvironment,
            "GetEnvironmentVariable", "GetEnvironmentVariables", "SetEnvironmentVariable", "ExpandEnvironmentVariables",
            "Exit", "FailFast", "ExitCode", "CurrentDirectory", "GetCommandLineArgs", "CommandLine", "GetFolderPath",
            "MachineName", "UserName", "UserDomainName", "ProcessId", "ProcessPath", "ProcessorCount", "WorkingSet"),

        EveryUse("System", "Console", DeterminismRules.Console),
    ];

    private static readonly ILookup<string, ForbiddenApi> ByTypeName = All.ToLookup(api => api.TypeName);

    /// <summary>The rule a use of <paramref name="memberName"/> on <paramref name="type"/> (or a type it derives from) breaks, if any.</summary>
    public static DiagnosticDescriptor? RuleForMember(ITypeSymbol? type, string memberName) =>
        Find(type, api => api.ForbidsMember(memberName));

    /// <summary>The rule constructing a <paramref name="constructor"/>'s type (or a type it derives from) breaks, if any.</summary>
    public static DiagnosticDescriptor? RuleForConstruction(IMethodSymbol constructor) =>
        Find(constructor.ContainingType, api => api.ForbidsConstruction(constructor));

    private static DiagnosticDescriptor? Find(ITypeSymbol? type, System.Func<ForbiddenApi, bool> forbids)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (!ByTypeName.Contains(current.Name))
            {
                continue;
            }

            foreach (var api in ByTypeName[current.Name])
            {
                if (forbids(api) && api.Describes(current))
                {
                    return api.Rule;
                }
            }
        }

        return null;
    }
}
