package blevesearch

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// fakeGenerations serves in-memory indexes under names the test sets.
type fakeGenerations struct {
	mu     sync.Mutex
	live   string
	docs   map[string]int // generation → number of documents
	closed map[string]int // generation → times released
}

func (f *fakeGenerations) current(string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.live == "" {
		return "", fmt.Errorf("fake: %w", indexer.ErrNoIndex)
	}
	return f.live, nil
}

func (f *fakeGenerations) open(string) (bleve.Index, string, func() error, error) {
	name, err := f.current("")
	if err != nil {
		return nil, "", nil, err
	}
	var docs []*corpus.Document
	for i := 0; i < f.docs[name]; i++ {
		docs = append(docs, &corpus.Document{ID: fmt.Sprintf("%s-%d", name, i), Title: "policy " + name, Paragraphs: []string{"text"}})
	}
	idx, err := indexer.NewMemIndexWith(docs, nil)
	if err != nil {
		return nil, "", nil, err
	}
	return idx, name, func() error {
		f.mu.Lock()
		f.closed[name]++
		f.mu.Unlock()
		return idx.Close()
	}, nil
}

func (f *fakeGenerations) set(name string) {
	f.mu.Lock()
	f.live = name
	f.mu.Unlock()
}

func (f *fakeGenerations) closedCount(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed[name]
}

func TestLive(t *testing.T) {
	ctx := context.Background()
	f := &fakeGenerations{docs: map[string]int{"g1": 2, "g2": 3}, closed: map[string]int{}}
	// A long poll interval: the test drives Reload itself.
	released := make(chan string, 4)
	l := NewLive(ctx, "dir", Generations{Current: f.current, Open: f.open,
		Released: func(dir, gen string) { released <- dir + "/" + gen }}, time.Hour, nil)
	defer l.Close()

	if _, err := l.Search(ctx, search.Request{}); !errors.Is(err, search.ErrNoIndex) {
		t.Fatalf("Search before any index: error = %v, want ErrNoIndex", err)
	}
	if _, err := l.Document(ctx, "x"); !errors.Is(err, search.ErrNoIndex) {
		t.Fatalf("Document before any index: error = %v, want ErrNoIndex", err)
	}
	if err := l.Reload(ctx); !errors.Is(err, indexer.ErrNoIndex) {
		t.Fatalf("Reload before any index: error = %v, want indexer.ErrNoIndex", err)
	}

	f.set("g1")
	if err := l.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if g, n := l.Generation(), l.DocCount(); g != "g1" || n != 2 {
		t.Fatalf("after the first reload: generation %q with %d docs, want g1 with 2", g, n)
	}
	res, err := l.Search(ctx, search.Request{Query: "policy"})
	if err != nil || res.Total != 2 {
		t.Fatalf("Search on g1 = %v, %v; want 2 hits", res, err)
	}

	// A search in flight on g1 keeps it open across the switch to g2.
	inflight, err := l.acquire()
	if err != nil {
		t.Fatal(err)
	}
	f.set("g2")
	if err := l.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if g := l.Generation(); g != "g2" {
		t.Fatalf("after the switch: generation %q, want g2", g)
	}
	if n := f.closedCount("g1"); n != 0 {
		t.Fatalf("g1 released %d times while a search still used it", n)
	}
	select {
	case got := <-released:
		t.Fatalf("Released(%s) called while a search still used g1", got)
	default:
	}
	if res, err := inflight.searcher.Search(ctx, search.Request{Query: "policy"}); err != nil || res.Total != 2 {
		t.Fatalf("in-flight search on g1 = %v, %v; want 2 hits", res, err)
	}
	l.put(inflight)
	if n := f.closedCount("g1"); n != 1 {
		t.Fatalf("g1 released %d times after its last search, want 1", n)
	}
	select {
	case got := <-released:
		if got != "dir/g1" {
			t.Fatalf("Released(%s), want dir/g1", got)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Released was not called after g1's last search")
	}
	res, err = l.Search(ctx, search.Request{Query: "policy"})
	if err != nil || res.Total != 3 {
		t.Fatalf("Search on g2 = %v, %v; want 3 hits", res, err)
	}

	// Reloading the generation already served opens nothing.
	if err := l.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if n := f.closedCount("g2"); n != 1 {
		t.Fatalf("g2 released %d times after Close, want 1", n)
	}
	if _, err := l.Search(ctx, search.Request{}); !errors.Is(err, search.ErrNoIndex) {
		t.Fatalf("Search after Close: error = %v, want ErrNoIndex", err)
	}
}

// TestLivePolls checks that the poller picks up a new generation by itself.
func TestLivePolls(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &fakeGenerations{docs: map[string]int{"g1": 1}, closed: map[string]int{}}
	l := NewLive(ctx, "dir", Generations{Current: f.current, Open: f.open}, time.Millisecond, nil)
	defer l.Close()
	f.set("g1")
	// Generous: the poll is every millisecond, but a loaded CI machine may
	// not schedule the poller for a while.
	deadline := time.Now().Add(30 * time.Second)
	for l.Generation() != "g1" {
		if time.Now().After(deadline) {
			t.Fatalf("generation is %q 30s after g1 went live; the poller never picked it up", l.Generation())
		}
		time.Sleep(time.Millisecond)
	}
}
