package opensearch

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/searchtest"
)

// TestThreeNodeCluster builds the demo corpus into a three-node loopback
// cluster (three primaries, one replica each), checks that a second build
// finds every file unchanged, runs the search suite, stops one node and
// requires every search to answer the same.
func TestThreeNodeCluster(t *testing.T) {
	nodes := startCluster(t, 3)
	c := clientFor(t, nodes...)
	ctx := context.Background()
	settings := IndexSettings{Shards: 3, Replicas: 1}

	t.Run("build the demo corpus twice", func(t *testing.T) {
		cfg := BuildConfig{CorpusDir: "../../corpus", Alias: "demo", Settings: settings, Workers: 2}
		first, err := Build(ctx, c, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if first.Indexed == 0 || first.Docs != uint64(first.Indexed) || len(first.Skipped) != 0 {
			t.Fatalf("first build: %+v", first)
		}
		second, err := Build(ctx, c, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if second.Kind != "incremental" || second.Unchanged != first.Indexed || second.Indexed != 0 || second.Docs != first.Docs {
			t.Errorf("second build: %+v, want every file unchanged", second)
		}
		if len(second.Pruned) != 1 || second.Pruned[0] != first.Generation {
			t.Errorf("second build pruned %v, want the first build's index %s", second.Pruned, first.Generation)
		}
		// A copy of the corpus with one file gone and one changed.
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS("../../corpus")); err != nil {
			t.Fatal(err)
		}
		var files []string
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				files = append(files, p)
			}
			return nil
		})
		if len(files) < 2 {
			t.Fatalf("corpus copy has %d pages", len(files))
		}
		if err := os.Remove(files[0]); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(files[1], os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\n<!-- edited -->\n")
		f.Close()
		cfg.CorpusDir = dir
		third, err := Build(ctx, c, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if third.Indexed != 1 || third.Removed != 1 || third.Unchanged != first.Indexed-2 || third.Docs != first.Docs-1 {
			t.Errorf("third build: %+v, want 1 indexed, 1 removed, %d unchanged", third, first.Indexed-2)
		}
		res, err := NewSearcher(c, "demo").Search(ctx, search.Request{Query: `"Open RAN"`, Orgs: []string{"KDDI"}})
		if err != nil || res.Total == 0 {
			t.Errorf("search of the demo corpus: %v, %v", res, err)
		}
	})

	docs := searchtest.Docs(t)
	cases := searchtest.Cases(t)
	if _, err := IndexDocuments(ctx, c, "searches", settings, docs, nil); err != nil {
		t.Fatal(err)
	}
	// An index without replicas, which loses a shard with the node.
	// Its shards are all put on the node that will be stopped.
	fragile, err := IndexDocuments(ctx, c, "fragile", IndexSettings{Shards: 3}, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	pin := map[string]any{"index.routing.allocation.require._name": nodes[1].name}
	if err := c.do(ctx, http.MethodPut, "/"+fragile+"/_settings", pin, nil); err != nil {
		t.Fatal(err)
	}
	// Every replica allocated before a node goes, or a shard could be lost.
	waitHealth(t, c, "", "green")
	s := NewSearcher(c, "searches")
	before := map[string]*comparable{}
	for _, tc := range cases {
		t.Run("three nodes/"+tc.Name, func(t *testing.T) { before[tc.Name] = checkCase(t, s, tc, nil) })
	}

	nodes[1].stop()
	waitHealth(t, c, "searches", "yellow")
	t.Run("a lost shard is ErrUnavailable (503), not partial counts", func(t *testing.T) {
		_, err := NewSearcher(c, "fragile").Search(ctx, search.Request{Query: "open ran"})
		if !errors.Is(err, search.ErrUnavailable) {
			t.Errorf("search of an index that lost a shard: %v, want ErrUnavailable", err)
		}
	})
	for _, tc := range cases {
		t.Run("one node stopped/"+tc.Name, func(t *testing.T) {
			got := checkCase(t, s, tc, before[tc.Name])
			if diff := cmp.Diff(before[tc.Name], got); diff != "" {
				t.Errorf("answer changed when a node stopped (-before +after):\n%s", diff)
			}
		})
	}
}

// waitHealth waits until the cluster (or one index of it) reports at least
// status, at most two minutes.
func waitHealth(t *testing.T, c *Client, index, status string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var h Health
	err := c.do(ctx, http.MethodGet, "/_cluster/health/"+index+"?wait_for_status="+status+"&wait_for_no_relocating_shards=true&timeout=110s", nil, &h)
	if err != nil || (h.Status != status && h.Status != "green") {
		t.Fatalf("cluster not %s: %+v %v", status, h, err)
	}
}
