package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainFiles: --explain prints the document, then every date
// candidate with its source and why the winner won.
func TestExplainFiles(t *testing.T) {
	dir := t.TempDir()
	page := `<html lang="en"><head><title>Regulator opens a spectrum consultation</title>
<meta property="article:published_time" content="2023-05-30T22:00:00Z"></head><body>
<h1>Regulator opens a spectrum consultation</h1><div class="byline"><time datetime="2023-05-31">31 May 2023</time></div>
<p>The regulator asked operators, vendors and the public for views on the upper six gigahertz band.</p>
<aside class="related"><time datetime="2020-01-01">1 January 2020</time> An older story</aside></body></html>`
	path := filepath.Join(dir, "a.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := explainFiles(context.Background(), &stdout, &stderr, []string{path}, false); err != nil {
		t.Fatalf("explainFiles: %v (stderr %s)", err, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"title:     Regulator opens a spectrum consultation", "date:      2023-05-31", "meta article:published_time", "time", "same element as", "against 2023-05-30"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "2020-01-01") {
		t.Errorf("the related story's date is a candidate:\n%s", out)
	}
}
