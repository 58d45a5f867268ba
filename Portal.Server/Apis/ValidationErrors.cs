using Microsoft.AspNetCore.Http.HttpResults;
namespace Portal.Server.Apis;

/// <summary>Collects every bad field of a request so one 400 names them all.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool HasErrors => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Adds "<paramref name="field"/> <paramref name="problem"/>" when a check returned a problem.</summary>
    public void AddIf(string field, string? problem)
    {
        if (problem is not null)
        {
            Add(field, $"{field} {problem}");
        }
    }

    public ValidationProblem ToResult() =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
