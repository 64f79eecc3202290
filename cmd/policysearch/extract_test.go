package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExtractFiles runs extract --json over two readable pages and one
// empty file: the pages print one object each with exactly the fields of
// the contract (lists as [], never null), the empty file is named on
// stderr, and the error says one of three failed.
func TestExtractFiles(t *testing.T) {
	dir := t.TempDir()
	page := `<html lang="en"><head><title>Ministers agree on a new chip export rule</title></head><body>
<h1>Ministers agree on a new chip export rule</h1>
<p>The ministers met on Monday, talked for hours, and agreed on the text of a rule about exports.</p></body></html>`
	files := []string{filepath.Join(dir, "a.html"), filepath.Join(dir, "empty.html"), filepath.Join(dir, "b.html")}
	for i, body := range []string{page, "", page} {
		if err := os.WriteFile(files[i], []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	err := extractFiles(context.Background(), &stdout, &stderr, files, true)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 files failed") {
		t.Errorf("extractFiles error = %v, want 1 of 3 files failed", err)
	}
	if !strings.Contains(stderr.String(), "empty.html") || !strings.Contains(stderr.String(), "empty page") {
		t.Errorf("stderr = %q, want the empty file named with its error", stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("stdout has %d lines, want 2:\n%s", len(lines), stdout.String())
	}
	wantKeys := []string{"body", "entities", "file", "lang", "organizations", "people", "places", "published", "source", "title", "url"}
	for i, line := range lines {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if diff := cmp.Diff(wantKeys, keys); diff != "" {
			t.Errorf("line %d keys (-want +got):\n%s", i, diff)
		}
		for _, k := range []string{"organizations", "places", "people", "entities"} {
			if !bytes.HasPrefix(obj[k], []byte("[")) {
				t.Errorf("line %d: %s = %s, want a list", i, k, obj[k])
			}
		}
		var title, file string
		_ = json.Unmarshal(obj["title"], &title)
		_ = json.Unmarshal(obj["file"], &file)
		if title != "Ministers agree on a new chip export rule" {
			t.Errorf("line %d: title = %q", i, title)
		}
		if want := files[2*i]; file != want {
			t.Errorf("line %d: file = %q, want %q", i, file, want)
		}
	}
}

// terminalEscapes are what a hostile page or file name could send to the
// operator's terminal: a title change (OSC 0), a colour, a carriage return
// that overwrites a line, a bidi override.
var terminalEscapes = []string{"\x1b", "\x07", "\r", "\u202e"}

func assertNoEscapes(t *testing.T, where, out string) {
	t.Helper()
	for _, esc := range terminalEscapes {
		if strings.Contains(out, esc) {
			t.Errorf("%s prints %q raw:\n%q", where, esc, out)
		}
	}
}

// TestExtractTextStripsControlCharacters: extract's text mode prints the
// title, entities, body and file name without their control characters,
// and keeps the body's paragraphs apart.
func TestExtractTextStripsControlCharacters(t *testing.T) {
	dir := t.TempDir()
	page := "<html lang=\"en\"><head><title>Harbour \x1b]0;pwned\x07rules\x1b[31m red</title></head><body>\n" +
		"<h1>Harbour \x1b]0;pwned\x07rules\x1b[31m red</h1>\n" +
		"<p>The port authority in Busan published rules for cranes.\rOverwritten \u202eevil.</p>\n" +
		"<p>A second paragraph about cyber incidents at harbour cranes in Busan.</p></body></html>"
	file := filepath.Join(dir, "odd\x1b[2Jname.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := extractFiles(context.Background(), &stdout, &stderr, []string{file}, false); err != nil {
		t.Fatalf("extract: %v (%s)", err, stderr.String())
	}
	out := stdout.String()
	assertNoEscapes(t, "extract", out)
	if !strings.Contains(out, "title:     Harbour ]0;pwnedrules[31m red") || !strings.Contains(out, "odd[2Jname.html") {
		t.Errorf("the title or file name is not printed in plain:\n%s", out)
	}
	if !strings.Contains(out, "cranes.\n") && !strings.Contains(out, "Busan.\n") {
		t.Errorf("the body lost its paragraphs:\n%s", out)
	}

	// A file that fails is named on stderr, also in plain.
	bad := filepath.Join(dir, "empty\x1b]0;x\x07.html")
	os.WriteFile(bad, nil, 0o644)
	stderr.Reset()
	extractFiles(context.Background(), &stdout, &stderr, []string{bad}, false)
	assertNoEscapes(t, "extract's error", stderr.String())
}
