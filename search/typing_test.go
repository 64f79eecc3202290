package search_test

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/search"
)

// TestTypingSearches: a query read while it is typed finds what the
// finished query will, where the strict reading finds nothing or fails.
func TestTypingSearches(t *testing.T) {
	s, _ := newTestSearcher(t)
	ctx := context.Background()
	ids := func(res *search.Result) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		sort.Strings(out)
		return out
	}
	finished := func(q string) []string {
		t.Helper()
		res, err := s.Search(ctx, search.Request{Query: q, Size: 50})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(res.Hits) == 0 {
			t.Fatalf("Search(%q) finds nothing; the case means nothing", q)
		}
		return ids(res)
	}
	tests := []struct {
		typed, strictErr string // strictErr: "" when the strict reading works
		like             string // the finished query it must find the same as
		strictNone       bool   // the strict reading finds nothing
	}{
		{typed: `"Open RA`, strictErr: "unbalanced quote", like: `"Open RAN"`},
		{typed: "chipm", like: "chipmaking", strictNone: true},
		{typed: "JPCE", like: "JPCERT", strictNone: true},
		{typed: "chipmaking -", strictErr: "must be followed", like: "chipmaking"},
		{typed: "chipmaking OR", strictErr: "OR must stand", like: "chipmaking"},
		{typed: "router org:", strictErr: "needs a value", like: "router"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			want := finished(tt.like)
			res, err := s.Search(ctx, search.Request{Query: tt.typed, Typing: true, Size: 50})
			if err != nil {
				t.Fatalf("typing %q: %v", tt.typed, err)
			}
			if diff := cmp.Diff(want, ids(res)); diff != "" {
				t.Errorf("typing %q finds (-want +got):\n%s", tt.typed, diff)
			}
			strict, err := s.Search(ctx, search.Request{Query: tt.typed, Size: 50})
			switch {
			case tt.strictErr != "":
				if !errors.Is(err, search.ErrBadQuery) || !strings.Contains(err.Error(), tt.strictErr) {
					t.Errorf("strict %q: err = %v, want ErrBadQuery saying %q", tt.typed, err, tt.strictErr)
				}
			case err != nil:
				t.Errorf("strict %q: %v", tt.typed, err)
			case tt.strictNone && strict.Total != 0:
				t.Errorf("strict %q finds %d; the prefix should be typing's alone", tt.typed, strict.Total)
			}
		})
	}
}
