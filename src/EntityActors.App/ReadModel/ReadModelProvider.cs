namespace EntityActors.App.ReadModel;

/// <summary>The database a read model lives in.</summary>
public enum ReadModelProvider
{
    /// <summary>An embedded file: no server, one replica.</summary>
    Sqlite,

    /// <summary>A server shared by every replica.</summary>
    Postgres,
}
