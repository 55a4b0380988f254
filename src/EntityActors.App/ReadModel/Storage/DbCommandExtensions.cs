using System.Data;
using System.Data.Common;

namespace EntityActors.App.ReadModel.Storage;

/// <summary>Parameters with an explicit type, so a null is typed too (PostgreSQL cannot infer one from a bare null).</summary>
public static class DbCommandExtensions
{
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = value switch
        {
            null => DbType.String,
            long or int => DbType.Int64,
            double => DbType.Double,
            _ => DbType.String,
        };
        parameter.Value = value switch
        {
            null => DBNull.Value,
            int number => (long)number,
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

    public static void AddParameter(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
