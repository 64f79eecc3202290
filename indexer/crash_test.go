package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The crash helper runs as a child process of TestCrashAtEachStep (the test
// binary started again) and SIGKILLs itself at the step it is given.
const (
	crashStepEnv   = "POLICYSEARCH_TEST_CRASH_AT"
	crashCorpusEnv = "POLICYSEARCH_TEST_CRASH_CORPUS"
	crashIndexEnv  = "POLICYSEARCH_TEST_CRASH_INDEX"
)

func TestCrashHelper(t *testing.T) {
	step := os.Getenv(crashStepEnv)
	if step == "" {
		t.Skip("run by TestCrashAtEachStep")
	}
	useFakeCleaner(t)
	crashHook = func(s string) {
		if s == step {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal arrives; never return into the build
		}
	}
	_, err := Build(context.Background(), BuildConfig{CorpusDir: os.Getenv(crashCorpusEnv), IndexDir: os.Getenv(crashIndexEnv)})
	t.Fatalf("build ended (%v) without reaching step %s", err, step)
}

// TestCrashAtEachStep kills a build with SIGKILL right after each step that
// changes the disk: the new generation created, its manifest written (LIVE
// not yet switched), LIVE switched (not yet pruned), and in the middle of
// deleting an old generation. Each time the live index must answer with the
// old or the new documents, and the next build must succeed and leave no
// half generation or trash behind.
func TestCrashAtEachStep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	useFakeCleaner(t)
	for _, step := range []string{"generation-open", "manifest-written", "switched", "removing"} {
		t.Run(step, func(t *testing.T) {
			corpusDir, indexDir := newCorpus(t, 2)
			// Two generations already, so the crashed build has one to prune.
			mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
			writeFiles(t, corpusDir, map[string]string{"a/000.html": page("changed", "text")})
			old := mustBuild(t, BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
			writeFiles(t, corpusDir, map[string]string{"a/new.html": page("new", "one more")})

			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
			cmd.Env = append(os.Environ(), crashStepEnv+"="+step, crashCorpusEnv+"="+corpusDir, crashIndexEnv+"="+indexDir)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child build: %v, want killed at %s\n%s", err, step, out)
			}

			live, err := LiveGeneration(indexDir)
			if err != nil {
				t.Fatalf("after the kill: %v", err)
			}
			if n := len(liveIDs(t, indexDir)); n != 2 && n != 3 {
				t.Fatalf("after the kill: live %s holds %d documents, want the old 2 or the new 3", live, n)
			}
			if step == "generation-open" || step == "manifest-written" {
				if live != old.Generation {
					t.Errorf("killed before the switch: live = %s, want %s", live, old.Generation)
				}
			}
			// The kill left the state that step makes (proof that it was hit).
			if got, want := crashState(t, indexDir), map[string]string{
				"generation-open":  "half generation",
				"manifest-written": "complete, never live",
				"switched":         "unpruned",
				"removing":         "trash",
			}[step]; got != want {
				t.Errorf("state after the kill = %q, want %q", got, want)
			}

			next, err := Build(context.Background(), BuildConfig{CorpusDir: corpusDir, IndexDir: indexDir})
			if err != nil {
				t.Fatalf("next build: %v", err)
			}
			if n := len(liveIDs(t, indexDir)); n != 3 || next.Docs != 3 {
				t.Errorf("after the next build: %d live documents (summary %d), want 3", n, next.Docs)
			}
			checkNoLeftovers(t, indexDir)
		})
	}
}

// crashState names what a killed build left in generations/.
func crashState(t *testing.T, indexDir string) string {
	t.Helper()
	live, err := LiveGeneration(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(generationsPath(indexDir))
	if err != nil {
		t.Fatal(err)
	}
	complete := 0
	newest := ""
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".trash-") {
			return "trash"
		}
		if _, err := os.Stat(filepath.Join(generationsPath(indexDir), e.Name(), manifestFile)); err != nil {
			return "half generation"
		}
		complete++
		newest = max(newest, e.Name())
	}
	switch {
	case newest != live:
		return "complete, never live"
	case complete > 2:
		return "unpruned"
	}
	return fmt.Sprintf("%d complete generations, newest live", complete)
}

// checkNoLeftovers fails on what only a crash leaves: a generation without
// a manifest, a half-deleted one, a temporary file.
func checkNoLeftovers(t *testing.T, indexDir string) {
	t.Helper()
	entries, err := os.ReadDir(generationsPath(indexDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left in generations/: %s", e.Name())
			continue
		}
		if _, err := os.Stat(filepath.Join(generationsPath(indexDir), e.Name(), manifestFile)); err != nil {
			t.Errorf("generation %s has no manifest: %v", e.Name(), err)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(indexDir, ".*.tmp-*"))
	if len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}
