namespace AttrMapper.Configuration;

/// <summary>A setting of the function is missing or malformed; the message names the variable, never its value.</summary>
internal sealed class ConfigurationException(string variable, string problem)
    : Exception($"{variable} {problem}")
{
    public string Variable { get; } = variable;
}
