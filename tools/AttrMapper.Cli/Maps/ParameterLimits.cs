namespace AttrMapper.Cli.Maps;

/// <summary>Parameter Store's value sizes: a map larger than a Standard parameter needs the Advanced tier.</summary>
internal static class ParameterLimits
{
    public const int StandardBytes = 4096;
    public const int AdvancedBytes = 8192;
}
