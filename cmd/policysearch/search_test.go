package main

import (
	"flag"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSnippetText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a <mark>KDDI</mark> b", "a [KDDI] b"},
		{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", "<script>alert(1)</script> & more"},
		{"&lt;mark&gt;not a mark&lt;/mark&gt;", "<mark>not a mark</mark>"},
		{"bell\x07 escape\x1b[31m red", "bell escape[31m red"},
		{"line\nbreak", "line break"},
	}
	for _, tt := range tests {
		if got := snippetText(tt.in, "[", "]"); got != tt.want {
			t.Errorf("snippetText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var orgs stringList
	fs.Var(&orgs, "org", "")
	asJSON := fs.Bool("json", false, "")
	words, err := parseInterspersed(fs, []string{"Open", "--org", "KDDI", "RAN", "--json", "--org", "SoftBank", "--", "-notaflag"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Open", "RAN", "-notaflag"}, words); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(stringList{"KDDI", "SoftBank"}, orgs); diff != "" {
		t.Errorf("orgs (-want +got):\n%s", diff)
	}
	if !*asJSON {
		t.Error("--json after the query was not parsed")
	}

	// Everything after --, however many words and dashes, is query.
	for _, args := range [][]string{
		{"--", "open", "ran", "-kddi", "-softbank"},
		{"open", "--", "ran", "-kddi", "-softbank"},
		{"open", "--json", "--", "ran", "-kddi", "-softbank"},
	} {
		words, err := parseInterspersed(fs, args)
		if err != nil {
			t.Errorf("%q: %v", args, err)
			continue
		}
		if diff := cmp.Diff([]string{"open", "ran", "-kddi", "-softbank"}, words); diff != "" {
			t.Errorf("%q: words (-want +got):\n%s", args, diff)
		}
	}
}

// TestBoolFromEnv: a variable set to false must read as false, not as "set".
func TestBoolFromEnv(t *testing.T) {
	for _, tt := range []struct {
		value   string
		want    bool
		wantErr bool
	}{
		{"", false, false},
		{"false", false, false},
		{"0", false, false},
		{"true", true, false},
		{"1", true, false},
		{"yes please", false, true},
	} {
		t.Setenv("POLICYSEARCH_TEST_BOOL", tt.value)
		got, err := boolFromEnv("POLICYSEARCH_TEST_BOOL")
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("boolFromEnv with %q = %v, %v; want %v, error %v", tt.value, got, err, tt.want, tt.wantErr)
		}
	}
}
