package search

import (
	"fmt"
	"strings"
	"testing"
)

// TestByteCacheBounded: a cache keeps within its budget of bytes, keys
// included, dropping the oldest first, and never stores what alone exceeds it.
func TestByteCacheBounded(t *testing.T) {
	c := newByteCache[int](1000)
	for i := range 100 {
		c.put(fmt.Sprintf("k%03d", i), i, 96) // 100 bytes with the key
	}
	if c.used > 1000 || len(c.m) != 10 {
		t.Errorf("%d bytes in %d entries, want at most 1000 in 10", c.used, len(c.m))
	}
	if _, ok := c.get("k000"); ok {
		t.Error("the oldest entry survived")
	}
	if v, ok := c.get("k099"); !ok || v != 99 {
		t.Errorf("newest entry: %v %v", v, ok)
	}
	c.put(strings.Repeat("x", 2000), 1, 0)
	if _, ok := c.get(strings.Repeat("x", 2000)); ok || c.used > 1000 {
		t.Error("a key larger than the budget was stored")
	}
	c.put("k099", 7, 96) // replacing keeps one entry's bytes
	if c.used > 1000 || len(c.m) != 10 {
		t.Errorf("after a replace: %d bytes in %d entries", c.used, len(c.m))
	}
}
