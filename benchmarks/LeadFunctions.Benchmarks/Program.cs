using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(LeadFunctions.Benchmarks.StateMachineBenchmarks).Assembly).Run(args);
