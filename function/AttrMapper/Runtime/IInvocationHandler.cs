using AttrMapper.Migration;

namespace AttrMapper.Runtime;

/// <summary>What the runtime loop hands each event to.</summary>
internal interface IInvocationHandler
{
    Task<HandledInvocation> HandleAsync(Invocation invocation, CancellationToken ct);
}
