package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
)

// fakeClean stands in for the real cleaner in tests of the build machinery:
// the title element and the text without tags. A page containing PANIC
// panics and one containing HANG blocks until its context is done (as the
// real cleaner stops), to test the worker's guard.
func fakeClean(ctx context.Context, raw []byte, path, rel string) (*corpus.Document, error) {
	s := string(raw)
	if strings.Contains(s, "PANIC") {
		panic("fake cleaner told to panic")
	}
	if strings.Contains(s, "HANG") {
		<-ctx.Done() // abandoned by the worker after its timeout
		hangsStopped.Add(1)
		return nil, ctx.Err()
	}
	if strings.Contains(s, "FAIL") {
		return nil, errors.New("fake cleaner told to fail")
	}
	doc := &corpus.Document{ID: corpus.DocumentID(rel), File: rel}
	if _, after, ok := strings.Cut(s, "<title>"); ok {
		doc.Title, _, _ = strings.Cut(after, "</title>")
	}
	// The text outside tags, in one paragraph.
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
			b.WriteByte(' ')
		case r == '>':
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	if body := strings.Join(strings.Fields(b.String()), " "); body != "" {
		doc.Paragraphs = []string{body}
	}
	return doc, nil
}

// hangsStopped counts the HANG pages whose cleaning stopped when the
// worker gave up on them.
var hangsStopped atomic.Int64

func useFakeCleaner(t *testing.T) {
	t.Helper()
	old := prepareBytes
	prepareBytes = fakeClean
	t.Cleanup(func() { prepareBytes = old })
}

func page(title, body string) string {
	return fmt.Sprintf("<html><head><title>%s</title></head><body><p>%s</p></body></html>", title, body)
}

func writeFiles(t *testing.T, root string, files map[string]string) { writeFilesB(t, root, files) }

func writeFilesB(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newCorpus writes n small articles and returns the corpus and index folders.
func newCorpus(t *testing.T, n int) (corpusDir, indexDir string) {
	t.Helper()
	corpusDir, indexDir = filepath.Join(t.TempDir(), "corpus"), filepath.Join(t.TempDir(), "index")
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("a/%03d.html", i)] = page(fmt.Sprintf("Article %d", i), fmt.Sprintf("Open RAN policy number%d", i))
	}
	writeFiles(t, corpusDir, files)
	return corpusDir, indexDir
}

func mustBuild(t *testing.T, cfg BuildConfig) *Summary {
	t.Helper()
	s, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return s
}

// liveIDs returns the ids in the live generation, opened as readers do.
func liveIDs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	idx, _, release, err := OpenLive(dir)
	if err != nil {
		t.Fatalf("OpenLive: %v", err)
	}
	defer release()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, h := range res.Hits {
		ids[h.ID] = true
	}
	return ids
}

type counts struct {
	Indexed, Unchanged, Removed, Skipped int
	Docs                                 uint64
	Switched                             bool
}

func countsOf(s *Summary) counts {
	return counts{s.Indexed, s.Unchanged, s.Removed, len(s.Skipped), s.Docs, s.Switched}
}

func TestBuildIncremental(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 3)
	cfg := BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir}

	steps := []struct {
		name   string
		change func()
		full   bool
		want   counts
	}{
		{"first build", func() {}, false, counts{Indexed: 3, Docs: 3, Switched: true}},
		{"nothing changed", func() {}, false, counts{Unchanged: 3, Docs: 3}},
		{"touched but same content", func() {
			now := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(corpusDir, "a/000.html"), now, now)
		}, false, counts{Unchanged: 3, Docs: 3}},
		{"one changed, one added, one removed", func() {
			writeFiles(t, corpusDir, map[string]string{"a/000.html": page("Changed", "new text"), "b/new.html": page("New", "added")})
			os.Remove(filepath.Join(corpusDir, "a/002.html"))
		}, false, counts{Indexed: 2, Unchanged: 1, Removed: 1, Docs: 3, Switched: true}},
		{"a file turns bad", func() {
			writeFiles(t, corpusDir, map[string]string{"a/001.html": ""})
		}, false, counts{Unchanged: 2, Removed: 1, Skipped: 1, Docs: 2, Switched: true}},
		{"full", func() {}, true, counts{Indexed: 2, Skipped: 1, Docs: 2, Switched: true}},
	}
	for _, st := range steps {
		st.change()
		c := cfg
		c.Full = st.full
		got := mustBuild(t, c)
		if diff := cmp.Diff(st.want, countsOf(got)); diff != "" {
			t.Fatalf("%s: counts (-want +got):\n%s", st.name, diff)
		}
	}
	want := map[string]bool{corpus.DocumentID("a/000.html"): true, corpus.DocumentID("b/new.html"): true}
	if diff := cmp.Diff(want, liveIDs(t, indexDir)); diff != "" {
		t.Errorf("live ids (-want +got):\n%s", diff)
	}
}

func TestNoChangeKeepsGeneration(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	first := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	second := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if second.Generation != first.Generation || second.Switched {
		t.Errorf("no-change build: generation %s (switched %v), want %s kept", second.Generation, second.Switched, first.Generation)
	}
	rec, err := LastBuild(indexDir)
	if err != nil || rec == nil || !rec.OK || rec.Unchanged != 2 {
		t.Errorf("LastBuild = %+v, %v; want ok with 2 unchanged", rec, err)
	}
}

func TestNothingIndexed(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 0)
	writeFiles(t, corpusDir, map[string]string{"empty.html": "", "bad.html": "FAIL"})
	s, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if !errors.Is(err, ErrNothingIndexed) {
		t.Fatalf("Build = %v, want ErrNothingIndexed", err)
	}
	if len(s.Skipped) != 2 || Exists(indexDir) {
		t.Errorf("skipped %v, index exists %v; want 2 skipped and no live index", s.Skipped, Exists(indexDir))
	}
	rec, _ := LastBuild(indexDir)
	if rec == nil || rec.OK || rec.Error == "" {
		t.Errorf("LastBuild = %+v, want a failed record", rec)
	}
}

func TestRemovingEverythingKeepsLive(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	first := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	os.RemoveAll(filepath.Join(corpusDir, "a"))
	_, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if !errors.Is(err, ErrNothingIndexed) {
		t.Fatalf("Build of an emptied corpus = %v, want ErrNothingIndexed", err)
	}
	if live, _ := LiveGeneration(indexDir); live != first.Generation {
		t.Errorf("live = %s, want %s kept", live, first.Generation)
	}
}

func TestSwitchUnderConcurrentSearches(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 30)
	mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	searches := 0
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				err := func() error {
					idx, gen, release, err := OpenLive(indexDir)
					if err != nil {
						return err
					}
					defer release()
					q := bleve.NewMatchQuery("policy")
					q.SetField(FieldBody)
					res, err := idx.Search(bleve.NewSearchRequest(q))
					if err != nil {
						return fmt.Errorf("search %s: %w", gen, err)
					}
					if res.Total < 30 {
						return fmt.Errorf("search %s: %d hits, want at least 30", gen, res.Total)
					}
					return nil
				}()
				mu.Lock()
				searches++
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			}
		}()
	}
	gens := map[string]bool{}
	for i := range 4 {
		writeFiles(t, corpusDir, map[string]string{fmt.Sprintf("new/%d.html", i): page("New", "policy update")})
		s := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir, BatchSize: 7})
		gens[s.Generation] = true
	}
	cancel()
	wg.Wait()
	if len(errs) > 0 || searches == 0 {
		var first error
		if len(errs) > 0 {
			first = errs[0]
		}
		t.Fatalf("%d searches, %d failed; first: %v", searches, len(errs), first)
	}
	if len(gens) != 4 {
		t.Errorf("builds made %d generations, want 4", len(gens))
	}
	// A reader may still have held an older generation when the last build
	// pruned; with every reader gone, the next prune must leave two.
	last, _ := LiveGeneration(indexDir)
	names, _ := listGenerations(indexDir)
	previous := ""
	for _, n := range names {
		if n < last && n > previous {
			previous = n
		}
	}
	if _, err := prune(indexDir, last, previous); err != nil {
		t.Fatal(err)
	}
	names, _ = listGenerations(indexDir)
	if len(names) != 2 {
		t.Errorf("after pruning: generations %v, want live and previous only", names)
	}
}

func TestPruneSparesGenerationsInUse(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	build := func(i int) *Summary {
		writeFiles(t, corpusDir, map[string]string{"a/000.html": page("v", fmt.Sprint("version ", i))})
		return mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	}
	first := build(1)
	idx, gen, release, err := OpenLive(indexDir)
	if err != nil || gen != first.Generation {
		t.Fatalf("OpenLive = %s, %v", gen, err)
	}
	second := build(2)
	third := build(3)
	if len(third.Pruned) != 0 {
		t.Fatalf("pruned %v while generation %s is open", third.Pruned, gen)
	}
	if n, err := idx.DocCount(); err != nil || n != 2 {
		t.Fatalf("old generation after two switches: DocCount = %d, %v", n, err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	fourth := build(4)
	if diff := cmp.Diff([]string{first.Generation, second.Generation}, fourth.Pruned); diff != "" {
		t.Errorf("pruned (-want +got):\n%s", diff)
	}
}

func TestPruneUnusedWhenTheReaderLetsGo(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	build := func(i int) *Summary {
		writeFiles(t, corpusDir, map[string]string{"a/000.html": page("v", fmt.Sprint("version ", i))})
		return mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	}
	first := build(1)
	_, _, release, err := OpenLive(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	second := build(2)
	third := build(3)
	if len(third.Pruned) != 0 {
		t.Fatalf("pruned %v while %s is open", third.Pruned, first.Generation)
	}
	if pruned, err := PruneUnused(indexDir); err != nil || len(pruned) != 0 {
		t.Fatalf("PruneUnused while %s is open = %v, %v; want nothing pruned", first.Generation, pruned, err)
	}
	// A build in progress leaves a generation without a manifest, newer than
	// live: PruneUnused must leave it for the build.
	building := filepath.Join(indexDir, generationDir, newGenerationName(time.Now().Add(time.Hour)))
	if err := os.MkdirAll(building, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	pruned, err := PruneUnused(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{first.Generation}, pruned); diff != "" {
		t.Errorf("pruned (-want +got):\n%s", diff)
	}
	names, _ := listGenerations(indexDir)
	if diff := cmp.Diff([]string{second.Generation, third.Generation, filepath.Base(building)}, names); diff != "" {
		t.Errorf("generations left (-want +got):\n%s", diff)
	}
}

func TestBuildLock(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	if err := os.MkdirAll(indexDir, 0o755); err != nil {
		t.Fatal(err)
	}
	held, err := lockBuild(context.Background(), indexDir, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if !errors.Is(err, ErrBuildRunning) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Fatalf("second build = %v, want ErrBuildRunning naming the holder", err)
	}

	waiting := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		_, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir, Wait: true,
			Waiting: func(holder string) { waiting <- holder }})
		done <- err
	}()
	<-waiting // the waiting build reached the lock
	held.release()
	if err := <-done; err != nil {
		t.Fatalf("waiting build: %v", err)
	}
	if !Exists(indexDir) {
		t.Error("no live index after the waiting build")
	}
}

func TestLeftoversCleaned(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	first := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	// What a build killed at various moments leaves behind.
	half := generationPath(indexDir, newGenerationName(time.Now()))
	writeFiles(t, half, map[string]string{"inuse": "", "bleve/index_meta.json": "{"})
	noMarker := generationPath(indexDir, newGenerationName(time.Now().Add(time.Second)))
	writeFiles(t, noMarker, map[string]string{"bleve/store/x": "partial"})
	trash := filepath.Join(generationsPath(indexDir), ".trash-old")
	writeFiles(t, trash, map[string]string{"x": ""})
	writeFiles(t, indexDir, map[string]string{".LIVE.tmp-123": "junk"})
	// Killed between writing the manifest and switching LIVE: complete but
	// never live, so neither the live one nor the one before it.
	orphan := newGenerationName(time.Now().Add(2 * time.Second))
	writeFiles(t, generationPath(indexDir, orphan), map[string]string{inuseFile: "", manifestFile: `{"name":"` + orphan + `"}`})

	writeFiles(t, corpusDir, map[string]string{"a/000.html": page("changed", "text")})
	second := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if second.Base != first.Generation {
		t.Errorf("build after a crash started from %q, want the live %s", second.Base, first.Generation)
	}
	names, _ := listGenerations(indexDir)
	if diff := cmp.Diff([]string{first.Generation, second.Generation}, names); diff != "" {
		t.Errorf("generations (-want +got):\n%s", diff)
	}
	for _, p := range []string{trash, filepath.Join(indexDir, ".LIVE.tmp-123")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s still there", p)
		}
	}
}

// TestPruneFailureKeepsBuildLive: once the new generation is live, a failed
// prune is a warning, not a failed build (which would exit non-zero).
func TestPruneFailureKeepsBuildLive(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	// An old generation the pruner cannot open: its marker is a link loop.
	old := newGenerationName(time.Now().Add(-time.Hour))
	writeFiles(t, generationPath(indexDir, old), map[string]string{manifestFile: `{"name":"` + old + `"}`})
	if err := os.Symlink(inuseFile, filepath.Join(generationPath(indexDir, old), inuseFile)); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, corpusDir, map[string]string{"a/000.html": page("changed", "text")})
	s, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if err != nil {
		t.Fatalf("Build with an unprunable generation = %v, want success", err)
	}
	if live, _ := LiveGeneration(indexDir); !s.Switched || live != s.Generation {
		t.Errorf("live = %s, switched %v; want the new generation %s", live, s.Switched, s.Generation)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], old) {
		t.Errorf("warnings = %q, want one naming generation %s", s.Warnings, old)
	}
}

// TestAbandonKeepsLive: a build that failed after LIVE was renamed to its
// generation must not delete that generation on the way out.
func TestAbandonKeepsLive(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 1)
	s := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	w := &writer{p: &plan{dir: indexDir}, name: s.Generation}
	w.abandon()
	if _, err := os.Stat(GenerationPath(indexDir, s.Generation)); err != nil {
		t.Fatalf("live generation deleted by abandon: %v", err)
	}
	if ids := liveIDs(t, indexDir); len(ids) != 1 {
		t.Errorf("live ids after abandon: %v, want 1", ids)
	}
}

func TestAdd(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 2)
	mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})

	writeFiles(t, corpusDir, map[string]string{"daily/today.html": page("Today", "fresh export controls")})
	outside := filepath.Join(t.TempDir(), "elsewhere.html")
	writeFiles(t, filepath.Dir(outside), map[string]string{"elsewhere.html": page("Elsewhere", "standards")})
	s, err := Add(context.Background(), AddConfig{IndexDir: indexDir,
		Files: []string{filepath.Join(corpusDir, "daily/today.html"), outside, filepath.Join(corpusDir, "missing.html")}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(counts{Indexed: 2, Skipped: 1, Docs: 4, Switched: true}, countsOf(s)); diff != "" {
		t.Errorf("add (-want +got):\n%s", diff)
	}
	ids := liveIDs(t, indexDir)
	inCorpus := corpus.DocumentID("daily/today.html")
	if !ids[inCorpus] || len(ids) != 4 {
		t.Fatalf("live ids %v: want 4 with %s (the id a build gives the file)", ids, inCorpus)
	}
	// The next build knows the added corpus file and drops the outsider.
	b := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	if diff := cmp.Diff(counts{Unchanged: 3, Removed: 1, Docs: 3, Switched: true}, countsOf(b)); diff != "" {
		t.Errorf("build after add (-want +got):\n%s", diff)
	}
}

func TestOpenLiveWithoutIndex(t *testing.T) {
	_, _, _, err := OpenLive(t.TempDir())
	if !errors.Is(err, ErrNoIndex) {
		t.Errorf("OpenLive on an empty folder = %v, want ErrNoIndex", err)
	}
}

func TestReadStatus(t *testing.T) {
	useFakeCleaner(t)
	corpusDir, indexDir := newCorpus(t, 3)
	s := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
	st, err := ReadStatus(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Live != s.Generation || st.Docs != 3 || st.Created.IsZero() || st.LastBuild == nil || !st.LastBuild.OK {
		t.Errorf("ReadStatus = %+v", st)
	}
}
