using System.Collections.Immutable;

namespace EntityActors.App.Operations;

/// <summary>What a child workflow did with its chunk: counts, and the stored failure records of its slices.</summary>
public sealed record ChunkResult(int Chunk, int Done, int Failed, ImmutableList<int> FailureRecords);
