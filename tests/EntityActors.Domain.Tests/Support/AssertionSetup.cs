using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace EntityActors.Domain.Tests.Support;

internal static class AssertionSetup
{
    // Events and signals sit in collections typed by their abstract base; comparing by the declared type would
    // compare only the base's members and let a wrong payload pass.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Test assembly: global assertion options must be set before any test runs.")]
    internal static void Initialize() =>
        AssertionOptions.AssertEquivalencyUsing(options => options.RespectingRuntimeTypes().WithStrictOrdering());
}
