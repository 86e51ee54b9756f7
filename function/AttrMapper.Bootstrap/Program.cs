return await AttrMapper.Hosting.LambdaHost.RunAsync();
