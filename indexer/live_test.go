package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLiveWithoutManifestIsNeverDeleted: a live generation whose manifest
// is lost is not a leftover. A build over an emptied (unmounted) corpus
// fails, and the index that was live is still there and still live.
func TestLiveWithoutManifestIsNeverDeleted(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 3)
	first := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if err := os.Remove(filepath.Join(generationPath(indexDir, first.Generation), manifestFile)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(corpusDir, "a")) // the corpus disk is not mounted
	if _, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir}); !errors.Is(err, ErrNothingIndexed) {
		t.Fatalf("Build over an empty corpus = %v, want ErrNothingIndexed", err)
	}
	if live, err := LiveGeneration(indexDir); err != nil || live != first.Generation {
		t.Fatalf("LIVE = %q, %v; want %s still live", live, err, first.Generation)
	}
	if ids := liveIDs(t, indexDir); len(ids) != 3 {
		t.Errorf("the live index has %d documents, want its 3", len(ids))
	}
	// PruneUnused (what serve calls) leaves it alone too.
	if pruned, err := PruneUnused(indexDir); err != nil || len(pruned) != 0 {
		t.Errorf("PruneUnused = %v, %v; want nothing pruned", pruned, err)
	}
	// With the corpus back, a build replaces it from scratch.
	writeFiles(t, corpusDir, map[string]string{"a/000.html": page("Back", "Open RAN again")})
	s := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if s.Kind != "full" || !s.Switched {
		t.Errorf("build after the lost manifest: kind %s switched %v, want a full build that goes live", s.Kind, s.Switched)
	}
}

// TestDamagedLiveSaysHowToRecover: an empty or garbage LIVE, or one that
// names a missing generation, gives an error that says to run --full, and
// a full build then replaces it.
func TestDamagedLiveSaysHowToRecover(t *testing.T) {
	useFakeCleaner(t)
	for _, tt := range []struct {
		name    string
		damage  func(indexDir, gen string)
		buildOK bool // an incremental build copes by itself
	}{
		{"empty", func(dir, _ string) { os.WriteFile(filepath.Join(dir, liveFile), nil, 0o644) }, false},
		{"garbage", func(dir, _ string) { os.WriteFile(filepath.Join(dir, liveFile), []byte("\x00\x01../../etc\n"), 0o644) }, false},
		{"missing generation", func(dir, gen string) { os.RemoveAll(generationPath(dir, gen)) }, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			corpusDir, indexDir := newCorpus(t, 2)
			first := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
			tt.damage(indexDir, first.Generation)

			_, _, _, err := OpenLive(indexDir)
			if !errors.Is(err, ErrBadLive) || !strings.Contains(err.Error(), "--full") {
				t.Errorf("OpenLive = %v, want ErrNoIndex saying to run --full", err)
			}
			_, err = Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
			if tt.buildOK {
				if err != nil {
					t.Errorf("incremental build = %v, want a full rebuild", err)
				}
			} else if !errors.Is(err, ErrBadLive) || !strings.Contains(err.Error(), "--full") {
				t.Errorf("incremental build = %v, want ErrNoIndex saying to run --full", err)
			}
			s := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir, Full: true})
			if !s.Switched {
				t.Errorf("full build did not go live")
			}
			if ids := liveIDs(t, indexDir); len(ids) != 2 {
				t.Errorf("after --full: %d documents live, want 2", len(ids))
			}
		})
	}
}
