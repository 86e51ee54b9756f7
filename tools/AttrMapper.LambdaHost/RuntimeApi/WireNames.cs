namespace AttrMapper.LambdaHost.RuntimeApi;

/// <summary>Paths and headers of the two APIs the host serves, in one place.</summary>
internal static class WireNames
{
    public const string NextPath = "/2018-06-01/runtime/invocation/next";
    public const string ResponsePath = "/2018-06-01/runtime/invocation/{requestId}/response";
    public const string ErrorPath = "/2018-06-01/runtime/invocation/{requestId}/error";
    public const string InitErrorPath = "/2018-06-01/runtime/init/error";
    public const string InvokePath = "/2015-03-31/functions/{functionName}/invocations";

    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string ClientContext = "Lambda-Runtime-Client-Context";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    public const string InvocationType = "X-Amz-Invocation-Type";
    public const string InvokeClientContext = "X-Amz-Client-Context";
    public const string FunctionError = "X-Amz-Function-Error";
    public const string ExecutedVersion = "X-Amz-Executed-Version";
    public const string AmznRequestId = "x-amzn-RequestId";
    public const string AmznErrorType = "x-amzn-ErrorType";

    public const string Json = "application/json";
}
