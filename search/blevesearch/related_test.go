package blevesearch_test

import (
	"context"
	"errors"
	"testing"

	"github.com/policysearch/policysearch/search"
)

func TestRelated(t *testing.T) {
	s, _ := newTestSearcher(t)
	ctx := context.Background()

	hits, err := s.Related(ctx, "en-kddi-trials", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatal("no related documents for en-kddi-trials")
	}
	rank := map[string]int{}
	for i, h := range hits {
		if h.ID == "en-kddi-trials" {
			t.Fatalf("the document itself is among its related documents: %v", ids(hits))
		}
		rank[h.ID] = i + 1
	}
	// The other KDDI and Open RAN article is the closest; one that shares
	// neither the organization nor the topic words comes after it or not at all.
	if rank["en-msit-meeting"] != 1 {
		t.Errorf("related to en-kddi-trials = %v, want en-msit-meeting first", ids(hits))
	}
	if r, ok := rank["en-samsung-hbm"]; ok && r < rank["en-msit-meeting"] {
		t.Errorf("related to en-kddi-trials = %v: an unrelated memory-chip article ranks above the KDDI one", ids(hits))
	}

	if _, err := s.Related(ctx, "no-such-doc", 5); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Related(unknown) error = %v, want ErrNotFound", err)
	}
}

func ids(hits []search.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}
