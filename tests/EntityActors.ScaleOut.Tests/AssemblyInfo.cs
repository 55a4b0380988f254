// Each collection starts three replicas and their servers: two at once would share 2 cores with twice the processes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
