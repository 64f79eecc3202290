package search

import (
	"fmt"
	"sync"
)

// Budgets of the per-generation caches, in bytes (keys included, so a
// request with huge filter values cannot pin memory beyond them).
const (
	facetCacheBytes  = 16 << 20
	resultCacheBytes = 32 << 20
	// maxCachedKey: a key longer than any ordinary request (the query and
	// the ticked values) is not kept, so odd requests do not evict the
	// common ones.
	maxCachedKey = 4 << 10
)

// byteCache maps keys to values within a budget of bytes, dropping the
// oldest entries first. Values are stored and returned as given: callers
// store and hand out copies.
type byteCache[V any] struct {
	mu     sync.Mutex
	budget int
	used   int
	seq    uint64
	m      map[string]cacheEntry[V]
	order  []queued // insertion order; an entry replaced since is skipped
}

type cacheEntry[V any] struct {
	v    V
	size int
	seq  uint64
}

type queued struct {
	key string
	seq uint64
}

func newByteCache[V any](budget int) *byteCache[V] {
	return &byteCache[V]{budget: budget, m: map[string]cacheEntry[V]{}}
}

func (c *byteCache[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	return e.v, ok
}

// put stores v, whose size in bytes is size (the key is added to it); a
// value larger than the whole budget is not stored.
func (c *byteCache[V]) put(key string, v V, size int) {
	size += len(key)
	if size > c.budget || len(key) > maxCachedKey {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[key]; ok {
		c.used -= old.size
	}
	c.seq++
	c.m[key] = cacheEntry[V]{v: v, size: size, seq: c.seq}
	c.order = append(c.order, queued{key, c.seq})
	c.used += size
	for c.used > c.budget && len(c.order) > 0 {
		q := c.order[0]
		c.order = c.order[1:]
		if e, ok := c.m[q.key]; ok && e.seq == q.seq {
			c.used -= e.size
			delete(c.m, q.key)
		}
	}
}

// sizeOfFacets estimates the bytes of f.
func sizeOfFacets(f Facets) int {
	n := 0
	for _, vs := range [][]FacetValue{f.Organizations, f.Places, f.People, f.Sources} {
		for _, v := range vs {
			n += len(v.Value) + 24
		}
	}
	return n + len(f.Published)*64
}

// sizeOfResult estimates the bytes of r.
func sizeOfResult(r *Result) int {
	n := sizeOfFacets(r.Facets) + 128
	for _, h := range r.Hits {
		n += len(h.ID) + len(h.Title) + len(h.URL) + len(h.Source) + len(h.Snippet) + 128
		for _, vs := range [][]string{h.Organizations, h.Places, h.People} {
			for _, v := range vs {
				n += len(v) + 16
			}
		}
	}
	return n
}

// clone copies r so that a caller changing its Result cannot change the
// cache.
func (r *Result) clone() *Result {
	out := *r
	out.Facets = r.Facets.clone()
	out.Hits = make([]Hit, len(r.Hits))
	for i, h := range r.Hits {
		h.Organizations = append([]string{}, h.Organizations...)
		h.Places = append([]string{}, h.Places...)
		h.People = append([]string{}, h.People...)
		out.Hits[i] = h
	}
	return &out
}

// resultKey identifies a whole answer: what its facets depend on, plus the
// page and the order.
func resultKey(facets string, req Request) string {
	return fmt.Sprintf("%s %d %d %s", facets, req.Page, req.Size, req.Sort)
}
