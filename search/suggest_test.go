package search_test

import (
	"context"
	"testing"
)

// TestSuggest: "did you mean" offers the index's own names and words for
// words it has never seen, and nothing for a query it knows.
func TestSuggest(t *testing.T) {
	s, _ := newTestSearcher(t)
	tests := []struct{ query, want string }{
		{"KDD", "KDDI"},          // a name the word begins
		{"softbnak", "SoftBank"}, // two letters swapped
		{"Samsnug", "Samsung"},   // a word of the articles, no name: as written
		{"org:kdd", "org:KDDI"},  // a field keeps its name
		{"-kdd chips", "-KDDI chips"},
		{"chipmakng", "chipmaking"}, // stemmed in the index, offered as written
		{"KDDI", ""},                // known: nothing to offer
		{"open ran", ""},
		{"xqzvw", ""}, // nothing near
		{"ab", ""},    // too short to correct
		{"Jpan export", "Japan export"},
	}
	for _, tt := range tests {
		got, err := s.Suggest(context.Background(), tt.query)
		if err != nil {
			t.Errorf("Suggest(%q): %v", tt.query, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
