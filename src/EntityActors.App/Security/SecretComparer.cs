using System.Security.Cryptography;
using System.Text;

namespace EntityActors.App.Security;

/// <summary>Compares a presented secret with the expected one in time that depends on neither's content nor length.</summary>
public static class SecretComparer
{
    public static bool Matches(string? presented, string expected)
    {
        // Hashing first makes both sides 32 bytes, so not even the expected secret's length leaks.
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> expectedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty), presentedHash);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), expectedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, expectedHash) && presented is not null;
    }
}
