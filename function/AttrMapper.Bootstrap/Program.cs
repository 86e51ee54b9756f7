return await AttrMapper.Runtime.LambdaHost.RunAsync();
