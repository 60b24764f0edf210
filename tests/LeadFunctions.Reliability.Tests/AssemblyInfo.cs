// The storms measure contention on one emulator; running them side by side would measure the 2-core machine instead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
