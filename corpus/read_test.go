package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	page := []byte("<html><body><p>text</p></body></html>")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	big := bytes.Repeat([]byte("<p>export controls</p>\n"), 30<<20/23)
	for name, content := range map[string][]byte{"a.html": page, "a.html.gz": gz.Bytes(), "big.html": big} {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.html", "a.html.gz"} {
		got, err := ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, page) {
			t.Errorf("ReadFile(%s) = %q, %v; want the page", name, got, err)
		}
	}

	// A gzip page grows its buffer as it goes, up to the cap.
	var bigGz bytes.Buffer
	zw = gzip.NewWriter(&bigGz)
	zw.Write(big)
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "big.html.gz"), bigGz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(filepath.Join(dir, "big.html.gz")); !errors.Is(err, ErrTooLarge) || !bytes.Equal(got, big[:MaxArticleBytes]) {
		t.Errorf("ReadFile(30 MB gzipped) = %d bytes, %v; want the first %d and ErrTooLarge", len(got), err, MaxArticleBytes)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := ReadFile(filepath.Join(dir, "big.html"))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || len(got) != MaxArticleBytes || !bytes.Equal(got, big[:MaxArticleBytes]) {
		t.Fatalf("ReadFile(30 MB) = %d bytes, %v; want the first %d and ErrTooLarge", len(got), err, MaxArticleBytes)
	}
	// One buffer the size of the cap, not a doubled one.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > MaxArticleBytes*5/4 {
		t.Errorf("reading a 30 MB page allocated %d MiB, want about %d", alloc>>20, MaxArticleBytes>>20)
	}
}
