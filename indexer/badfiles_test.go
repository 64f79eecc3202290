package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
)

// badCorpus writes one file of each kind that must not stop a build and
// returns, per file, the expected outcome: "indexed", "capped" (indexed from
// its beginning), or the skip
// reason's prefix.
func badCorpus(t *testing.T, root string, fakeCleaner bool) map[string]string {
	t.Helper()
	deep := "<html><head><title>Deep</title></head><body>" + strings.Repeat("<div>", 200_000) +
		"buried text" + strings.Repeat("</div>", 200_000) + "</body></html>"
	huge := "<html><head><title>Huge</title></head><body>" +
		strings.Repeat("<p>A very long page about export controls.</p>\n", 30<<20/48) + "</body></html>"
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00\x01\x02", 100)
	files := map[string]string{
		"ok.html":    page("Fine", "an ordinary page"),
		"empty.html": "",
		"blank.html": "  \n\t\n",
		// Whitespace is only looked at as a whole: content after a long
		// blank run is still content.
		"late-start.html":   strings.Repeat(" \n", 4000) + page("Late", "text after a long blank run"),
		"image.html":        png,
		"controls.html":     strings.Repeat("\x01\x02\x03\x04abc", 200),
		"invalid-utf8.html": page("Bad \xff\xfe bytes", "text with \xc3\x28 invalid \xa0\xa1 sequences"),
		"truncated.html":    "<html><head><title>Cut</title></head><body><p>Half a sent",
		"huge.html":         huge,
		"deep.html":         deep,
	}
	want := map[string]string{
		"ok.html":           "indexed",
		"empty.html":        reasonEmpty,
		"blank.html":        reasonEmpty,
		"late-start.html":   "indexed",
		"image.html":        reasonBinary,
		"controls.html":     reasonBinary,
		"invalid-utf8.html": "indexed",
		"truncated.html":    "indexed",
		"huge.html":         "capped",
		"deep.html":         "indexed",
		"fifo.html":         reasonNotRegular,
		"self.html":         reasonNotRegular,
		"loop/a.html":       "indexed",
	}
	if fakeCleaner {
		files["panic.html"] = "PANIC"
		files["fail.html"] = "FAIL"
		want["panic.html"] = reasonPanic
		want["fail.html"] = reasonCleanFailed
	}
	files["loop/a.html"] = page("In a folder with a link loop", "text")
	writeFiles(t, root, files)
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link to itself and a folder linking to its parent: the walk does
	// not follow links, so neither loops.
	if err := os.Symlink("self.html", filepath.Join(root, "self.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(root, "loop", "up")); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 { // root reads everything
		writeFiles(t, root, map[string]string{"secret.html": page("Secret", "x"), "locked/a.html": page("Locked", "x")})
		if err := os.Chmod(filepath.Join(root, "secret.html"), 0); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(root, "locked"), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(root, "locked"), 0o755) })
		want["secret.html"] = reasonUnreadable
		want["locked"] = reasonUnreadable
	}
	return want
}

// outcomes maps every file a summary accounts for to its outcome, in the
// vocabulary of badCorpus.
func outcomes(s *Summary, ids map[string]bool, want map[string]string) map[string]string {
	got := map[string]string{}
	for _, k := range s.Skipped {
		for _, r := range []string{reasonEmpty, reasonBinary, reasonPanic, reasonTimeout, reasonCleanFailed, reasonUnreadable, reasonNoText, reasonNotRegular} {
			if strings.HasPrefix(k.Reason, r) {
				got[k.File] = r
			}
		}
		if got[k.File] == "" {
			got[k.File] = k.Reason
		}
	}
	for f := range want {
		if ids[corpus.DocumentID(f)] {
			got[f] = "indexed"
		}
	}
	for _, f := range s.Capped {
		if got[f] == "indexed" {
			got[f] = "capped"
		}
	}
	return got
}

func TestBadFilesNeverStopABuild(t *testing.T) {
	useFakeCleaner(t)
	root, indexDir := filepath.Join(t.TempDir(), "corpus"), filepath.Join(t.TempDir(), "index")
	want := badCorpus(t, root, true)
	s, err := Build(context.Background(), BuildConfig{CorpusDir: root, IndexDir: indexDir})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if diff := cmp.Diff(want, outcomes(s, liveIDs(t, indexDir), want)); diff != "" {
		t.Errorf("outcome per file (-want +got):\n%s", diff)
	}
	checkStoredUTF8(t, indexDir)
	for _, k := range s.Skipped {
		if k.File == "panic.html" && !strings.Contains(k.Reason, "told to panic (at build_test.go:") {
			t.Errorf("panic.html skipped with %q, want the panic value and where it happened", k.Reason)
		}
	}
}

// TestBadFilesRealCleaner runs the same files through the real cleaner:
// each must be indexed or skipped with a reason, and the build must end.
func TestBadFilesRealCleaner(t *testing.T) {
	if _, err := PrepareBytes([]byte(page("probe", "probe text")), "probe.html", "probe.html"); err != nil {
		t.Fatalf("the real cleaner fails on a plain page: %v", err)
	}
	root, indexDir := filepath.Join(t.TempDir(), "corpus"), filepath.Join(t.TempDir(), "index")
	want := badCorpus(t, root, false)
	if testing.Short() || raceEnabled {
		// The real cleaner needs seconds for 8 MiB of text (over the 30 s
		// timeout with the race detector).
		os.Remove(filepath.Join(root, "huge.html"))
		delete(want, "huge.html")
	}
	s, err := Build(context.Background(), BuildConfig{CorpusDir: root, IndexDir: indexDir})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	got := outcomes(s, liveIDs(t, indexDir), want)
	// The real cleaner may reasonably skip a pathological page instead of
	// indexing it; what matters is that every file is accounted for.
	for f, w := range want {
		if got[f] == "" {
			t.Errorf("%s: neither indexed nor skipped (want %s)", f, w)
		}
	}
	for _, f := range []string{"ok.html", "invalid-utf8.html", "huge.html"} {
		if want[f] != "" && got[f] != want[f] {
			t.Errorf("%s: %s, want %s (skipped: %v)", f, got[f], want[f], s.Skipped)
		}
	}
	checkStoredUTF8(t, indexDir)
}

func checkStoredUTF8(t *testing.T, indexDir string) {
	t.Helper()
	idx, _, release, err := OpenLive(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	doc, err := idx.Document(corpus.DocumentID("invalid-utf8.html"))
	if err != nil || doc == nil {
		t.Fatalf("invalid-utf8.html not in the index: %v", err)
	}
	n := 0
	doc.VisitFields(func(f index.Field) {
		n++
		if !utf8.Valid(f.Value()) {
			t.Errorf("stored field %s of invalid-utf8.html is not valid UTF-8: %q", f.Name(), f.Value())
		}
	})
	if n == 0 {
		t.Error("invalid-utf8.html has no stored fields")
	}
}

func TestAddRefusesNonRegularFiles(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 1)
	fifo := filepath.Join(corpusDir, "pipe.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, corpusDir, map[string]string{"good.html": page("Good", "text")})
	s, err := Add(context.Background(), AddConfig{IndexDir: indexDir, CorpusDir: corpusDir,
		Files: []string{fifo, corpusDir, filepath.Join(corpusDir, "good.html")}})
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	got := map[string]string{}
	for _, k := range s.Skipped {
		got[k.File] = k.Reason
	}
	want := map[string]string{"pipe.html": reasonNotRegular, ".": reasonNotRegular}
	if diff := cmp.Diff(want, got); diff != "" || s.Indexed != 1 {
		t.Errorf("Add indexed %d; skipped (-want +got):\n%s", s.Indexed, diff)
	}
}

func TestAddOfOnlyBadFilesFails(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 1)
	first := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	writeFiles(t, corpusDir, map[string]string{"empty.html": ""})
	_, err := Add(context.Background(), AddConfig{IndexDir: indexDir, Files: []string{filepath.Join(corpusDir, "empty.html"), filepath.Join(corpusDir, "missing.html")}})
	if !errors.Is(err, ErrNothingIndexed) {
		t.Errorf("Add of an empty and a missing file = %v, want ErrNothingIndexed", err)
	}
	if live, _ := LiveGeneration(indexDir); live != first.Generation {
		t.Errorf("live = %s, want %s kept", live, first.Generation)
	}
}

func TestHangingCleanerTimesOut(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 1)
	writeFiles(t, corpusDir, map[string]string{"hang.html": "HANG"})
	// The hanging page costs the whole timeout; the ordinary one must be
	// cleaned within it even on a loaded machine, so not much shorter.
	s, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir, FileTimeout: time.Second})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	want := []Skip{{File: "hang.html", Reason: reasonTimeout + " after 1s"}}
	if diff := cmp.Diff(want, s.Skipped); diff != "" || s.Indexed != 1 {
		t.Errorf("indexed %d; skipped (-want +got):\n%s", s.Indexed, diff)
	}
}
