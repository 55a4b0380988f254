using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Operations;
using EntityActors.App.ReadModel.Queries;
using EntityActors.App.ReadModel.Storage;
using EntityActors.Domain.Carts;
using Microsoft.Extensions.Options;

namespace EntityActors.App.ReadModel;

/// <summary>
/// The open carts the read model knows to be idle since a time, for <c>POST /carts/bulk/expire</c> without ids: the list
/// <c>GET /carts?status=open&amp;idleFor=…</c> answers, page by page, up to as many as one operation takes. The read model
/// may lag a moment behind the carts; each line's expiry is checked again against the cart itself.
/// </summary>
public sealed class ReadModelIdleCartSource(ReadModelStore store, IOptions<OperationOptions> options) : IIdleCartSource
{
    private const int PageSize = 200;
    // As the read model stores a status: the way EntityJson writes the enum.
    private static readonly IReadOnlyList<string> Open = [JsonSerializer.SerializeToElement(CartStatus.Open, EntityJson.Options).GetString()!];

    public async Task<IReadOnlyList<string>?> FindIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        ListCursor? after = null;
        while (ids.Count < options.Value.MaxLines)
        {
            var page = await store.ListAsync(new EntityListQuery(Cart.Kind, PageSize, Open, IdleSince: idleSince, After: after), cancellationToken);
            ids.AddRange(page.Rows.Select(row => row.Id));
            if (page.NextCursor is null || !ListCursor.TryDecode(page.NextCursor, out var next))
            {
                break;
            }

            after = next;
        }

        return ids.Count > options.Value.MaxLines ? ids[..options.Value.MaxLines] : ids;
    }
}
