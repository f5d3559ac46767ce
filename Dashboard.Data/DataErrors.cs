namespace Dashboard.Data;

/// <summary>A write based on a version of a row that someone else has changed since.</summary>
public sealed class ConcurrencyConflictException(string entity, string id)
    : Exception($"{entity} {id} was changed by someone else since you loaded it. Reload and try again.")
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;
}

/// <summary>A write refused because a unique value (an e-mail, a name) is already taken.</summary>
public sealed class DuplicateValueException(string field, string value)
    : Exception($"{field} '{value}' is already in use.")
{
    public string Field { get; } = field;

    public string Value { get; } = value;
}

/// <summary>A write that names a row that does not exist.</summary>
public sealed class NotFoundException(string entity, string id)
    : Exception($"{entity} {id} does not exist.")
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;
}

/// <summary>One page of a server-side paged list, with the total count of the whole filtered list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
