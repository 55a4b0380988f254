using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

[JsonConverter(typeof(KebabCaseEnumConverter<AccountStatus>))]
public enum AccountStatus
{
    /// <summary>Nobody has opened it yet; only <see cref="OpenAccount"/> is accepted.</summary>
    Unopened,

    Open,

    /// <summary>Final.</summary>
    Closed,
}
