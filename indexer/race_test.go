//go:build race

package indexer

// raceEnabled leaves the slowest real-cleaner case out of -race runs, where
// cleaning 8 MiB takes longer than the per-file timeout.
const raceEnabled = true
