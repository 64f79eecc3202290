package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWalk lists the articles of a folder given directly and through a
// symbolic link: links below the root are not followed, the root is.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "corpus")
	for _, name := range []string{"a.html", "b/c.htm", "b/d.html.gz", "notes.txt", ".hidden/e.html"} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<p>x</p>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.html", filepath.Join(root, "link.html")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "linked")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, root string }{{"folder", root}, {"link to folder", link}} {
		t.Run(tc.name, func(t *testing.T) {
			var paths, rels, skipped []string
			err := Walk(context.Background(), tc.root, func(s Source) error {
				paths = append(paths, s.Path)
				rels = append(rels, s.Rel)
				return nil
			}, func(path string, err error) { skipped = append(skipped, path) })
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"a.html", "b/c.htm", "b/d.html.gz"}, rels); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			if len(paths) > 0 && paths[0] != filepath.Join(tc.root, "a.html") {
				t.Errorf("path %s, want it under %s as given", paths[0], tc.root)
			}
			if diff := cmp.Diff([]string{filepath.Join(tc.root, "link.html")}, skipped); diff != "" {
				t.Errorf("skipped (-want +got):\n%s", diff)
			}
		})
	}
}
