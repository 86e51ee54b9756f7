using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AttrMapper.Benchmarks.MapBenchmarks).Assembly).Run(args);
