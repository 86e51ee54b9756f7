using System.Text;

namespace AttrMapper.Cognito;

/// <summary>Builds a ListUsers filter <c>attr = "value"</c> (exact match) with backslashes and quotes escaped.</summary>
internal static class UserFilter
{
    public static string Equal(string attributeName, string value)
    {
        if (attributeName.Length == 0 || !attributeName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '-'))
        {
            throw new ArgumentException("Not a filterable attribute name.", nameof(attributeName));
        }

        var filter = new StringBuilder(attributeName.Length + value.Length + 8);
        filter.Append(attributeName).Append(" = \"");
        foreach (var c in value)
        {
            if (c is '\\' or '"')
            {
                filter.Append('\\');
            }

            filter.Append(c);
        }

        return filter.Append('"').ToString();
    }
}
