package indexer

import (
	"path/filepath"
	"testing"
)

// TestBuildMergesToOneSegment: a build written in many batches goes live as
// one segment, with the merged-away segment files gone from its folder.
func TestBuildMergesToOneSegment(t *testing.T) {
	corpusDir, indexDir := newCorpus(t, 60)
	sum := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir, Full: true, BatchSize: 5})
	zaps, err := filepath.Glob(filepath.Join(GenerationPath(indexDir, sum.Generation), "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	if len(zaps) != 1 {
		t.Errorf("%d segment files after the build, want 1: %v", len(zaps), zaps)
	}
	if ids := liveIDs(t, indexDir); len(ids) != 60 {
		t.Errorf("%d documents live, want 60", len(ids))
	}
}
