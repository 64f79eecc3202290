package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/indexer"
)

// TestIndexExitStatus: `index` succeeds (exit 0) whenever a live index
// results, skipped files or not, and fails only when nothing could be built.
func TestIndexExitStatus(t *testing.T) {
	corpusDir, indexDir := t.TempDir(), filepath.Join(t.TempDir(), "index")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	article := `<html><head><title>Open RAN talks</title></head><body><article><p>Officials of both ministries met in Seoul to discuss Open RAN and export controls on chips.</p></article></body></html>`
	stdout := os.Stdout
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	os.Stdout = devnull // the summaries are not what is tested
	defer func() { os.Stdout = stdout }()

	steps := []struct {
		name    string
		change  func()
		args    []string
		wantErr bool
	}{
		{"empty corpus: nothing to build", func() {}, nil, true},
		{"one article and one empty file", func() { write("a.html", article); write("empty.html", "") }, nil, false},
		{"nothing changed", func() {}, nil, false},
		{"full rebuild", func() {}, []string{"--full"}, false},
		{"every article removed: the live index is kept, but nothing was built", func() { os.Remove(filepath.Join(corpusDir, "a.html")) }, nil, true},
		{"bad flag", func() {}, []string{"--no-such-flag"}, true},
	}
	for _, st := range steps {
		st.change()
		args := append([]string{"--corpus", corpusDir, "--index", indexDir}, st.args...)
		err := runIndex(context.Background(), slog.New(slog.DiscardHandler), args)
		if (err != nil) != st.wantErr {
			t.Errorf("%s: runIndex = %v, want error %v", st.name, err, st.wantErr)
		}
	}
}

// TestIndexSummaryStripsControlCharacters: the build summary names skipped
// files without the control characters of their names.
func TestIndexSummaryStripsControlCharacters(t *testing.T) {
	var b strings.Builder
	printSummary(&b, &indexer.Summary{
		Kind: "full", Files: 2, Indexed: 1,
		Skipped:  []indexer.Skip{{File: "a\x1b]0;pwned\x07.html", Reason: "empty page"}},
		Capped:   []string{"huge\x1b[31m.html"},
		Warnings: []string{"prune \r\x1b[2Kgone"},
	})
	assertNoEscapes(t, "the index summary", b.String())
	if !strings.Contains(b.String(), "a]0;pwned.html") {
		t.Errorf("the skipped file is not named:\n%s", b.String())
	}
}
