using EntityActors.App.Engine.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Http;

/// <summary>A signal request read off HTTP: either a submission ready for the entity, or the problem with it.</summary>
public sealed record SignalRequest(SignalSubmission? Submission, ProblemHttpResult? Problem);
