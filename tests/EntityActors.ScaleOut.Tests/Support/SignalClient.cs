using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>Sends one signal to one replica and says what a client saw.</summary>
public static class SignalClient
{
    public static async Task<Attempt> SendAsync(
        HttpClient replica, int index, string kind, string id, string signal, string body, string key, int? waitSeconds = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        // The attempt's own bound, counted on top of any wait the request asks for, so a Prefer: wait is never cut short.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } bound)
        {
            bounded.CancelAfter(bound + TimeSpan.FromSeconds(waitSeconds ?? 0));
        }

        var at = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{kind}/{id}/signals/{signal}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        if (waitSeconds is { } wait)
        {
            request.Headers.Add("Prefer", $"wait={wait}");
        }

        try
        {
            using var response = await replica.SendAsync(request, bounded.Token);
            var text = await response.Content.ReadAsStringAsync(bounded.Token);
            var kindSeen = response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Accepted => AnswerKind.Acknowledged,
                HttpStatusCode.ServiceUnavailable when response.Headers.RetryAfter is not null => AnswerKind.RetryLater,
                _ => AnswerKind.Unexpected,
            };
            return new Attempt(at, clock.Elapsed, index, id, key, kindSeen, $"{(int)response.StatusCode} {Shorten(text)}");
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new Attempt(at, clock.Elapsed, index, id, key, AnswerKind.Refused, "connection refused");
        }
        catch (HttpRequestException ex) when (EndedUnanswered(ex))
        {
            return new Attempt(at, clock.Elapsed, index, id, key, AnswerKind.ClosedUnanswered, Shorten(ex.Message + " " + ex.InnerException?.Message));
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(at, clock.Elapsed, index, id, key, AnswerKind.Interrupted, Shorten(ex.Message + " " + ex.InnerException?.Message));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(at, clock.Elapsed, index, id, key, AnswerKind.TimedOut, "no answer in time");
        }
    }

    /// <summary>
    /// The connection was reset, or closed before a status line came back. A reset while connecting (the kernel took the
    /// connection into a listener that was closing) comes as the socket's own exception, not wrapped in an I/O one.
    /// </summary>
    private static bool EndedUnanswered(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.ResponseEnded
        || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset }
        || ex.InnerException is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } };

    private static string Shorten(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}
