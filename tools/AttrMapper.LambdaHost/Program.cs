return await AttrMapper.LambdaHost.Hosting.Cli.RunAsync(args, Console.Out, Console.Error);
