package indexer

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// buildBinary compiles policysearch into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "policysearch")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/policysearch/policysearch/cmd/policysearch")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKilledBuild kills a real `policysearch index` with SIGKILL while it
// writes a generation and checks that the live index still answers and the
// next build succeeds without any clean-up.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := PrepareBytes([]byte(page("probe", "probe text")), "probe.html", "probe.html"); err != nil {
		t.Fatalf("the real cleaner fails on a plain page: %v", err)
	}
	bin := buildBinary(t)
	corpusDir, indexDir := newCorpus(t, 0)
	writeFiles(t, corpusDir, map[string]string{"first.html": page("First", "the first article about semiconductors")})
	run := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"index", "--corpus", corpusDir, "--index", indexDir}, args...)...)
		cmd.Env = append(os.Environ(), "POLICYSEARCH_WORKERS=1")
		return cmd
	}
	if out, err := run().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	live, err := LiveGeneration(indexDir)
	if err != nil {
		t.Fatal(err)
	}

	// Enough articles that the build is still writing when it is killed.
	files := map[string]string{}
	para := strings.Repeat("Export controls on chips and Open RAN standards were discussed again. ", 40)
	for i := range 3000 {
		files[fmt.Sprintf("bulk/%04d.html", i)] = page(fmt.Sprintf("Bulk %d", i), para)
	}
	writeFiles(t, corpusDir, files)
	cmd := run("--batch", "50")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill once the new generation has data on disk: the worst moment.
	deadline := time.After(2 * time.Minute)
	for killed := false; !killed; {
		select {
		case err := <-exited:
			t.Fatalf("build ended before it could be killed (%v); make the corpus bigger\n%s", err, out.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("no generation being written after 2 minutes\n%s", out.String())
		case <-time.After(5 * time.Millisecond):
		}
		segs, _ := filepath.Glob(filepath.Join(generationsPath(indexDir), "*", bleveDir, "store", "*.zap"))
		for _, s := range segs {
			if !strings.Contains(s, live) {
				cmd.Process.Kill()
				killed = true
				break
			}
		}
	}
	<-exited

	if got, err := LiveGeneration(indexDir); err != nil || got != live {
		t.Fatalf("after kill: live = %q, %v; want %s", got, err, live)
	}
	idx, _, release, err := OpenLive(indexDir)
	if err != nil {
		t.Fatalf("after kill: %v", err)
	}
	res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchAllQuery()))
	release()
	if err != nil || res.Total != 1 {
		t.Fatalf("after kill: search = %v, %v; want the 1 document of the live generation", res, err)
	}

	outNext, err := run("--batch", "500").CombinedOutput()
	if err != nil {
		t.Fatalf("build after kill: %v\n%s", err, outNext)
	}
	st, err := ReadStatus(indexDir)
	if err != nil || st.Docs != 3001 || st.Live == live {
		t.Fatalf("after the next build: %+v, %v; want a new generation with 3001 documents", st, err)
	}
	names, _ := listGenerations(indexDir)
	if len(names) != 2 {
		t.Errorf("generations after the next build: %v, want the live and the previous one (the half one cleaned)", names)
	}
}
