namespace AttrMapper.Runtime;

/// <summary>The Lambda Runtime API's wire names, in one place.</summary>
internal static class RuntimeApi
{
    public const string Version = "2018-06-01";
    public const string NextPath = $"/{Version}/runtime/invocation/next";
    public const string InitErrorPath = $"/{Version}/runtime/init/error";

    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMsHeader = "Lambda-Runtime-Deadline-Ms";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    public const string EndpointVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    public static string ResponsePath(string requestId) => $"/{Version}/runtime/invocation/{Uri.EscapeDataString(requestId)}/response";

    public static string ErrorPath(string requestId) => $"/{Version}/runtime/invocation/{Uri.EscapeDataString(requestId)}/error";
}
