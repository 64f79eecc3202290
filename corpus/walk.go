package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Source is one article file found on disk, before cleaning.
type Source struct {
	// Path is the file's path as found (joined with the root).
	Path string
	// Rel is the path relative to the corpus root, with forward slashes.
	Rel     string
	ModTime time.Time
	Size    int64
}

// IsArticle reports whether a file name looks like an article policysearch reads.
func IsArticle(name string) bool {
	n := strings.ToLower(name)
	for _, ext := range []string{".html", ".htm", ".html.gz", ".htm.gz"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}

// DocumentID derives the stable document id of a file from its path relative
// to the corpus root: the first 16 hex digits of its SHA-256, so ids are short,
// URL-safe and the same on every build.
func DocumentID(rel string) string {
	sum := sha256.Sum256([]byte(filepath.ToSlash(rel)))
	return hex.EncodeToString(sum[:8])
}

// ErrNotRegular marks an article-named entry that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

func notRegular(mode fs.FileMode) error {
	switch {
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("%w: symbolic link, not followed", ErrNotRegular)
	case mode&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%w: named pipe", ErrNotRegular)
	}
	return fmt.Errorf("%w: %v", ErrNotRegular, mode.Type())
}

// Walk calls fn for every article under root in lexical order. Errors reading
// a directory or a file's metadata are passed to skip (with the path) rather
// than ending the walk, so one unreadable folder never stops a build. Symbolic
// links are not followed, which also makes link loops harmless; root itself
// may be a link (a corpus folder linked to a mounted share). Walk stops
// early when ctx is done or fn returns an error.
func Walk(ctx context.Context, root string, fn func(Source) error, skip func(path string, err error)) error {
	walkRoot := root
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if walkRoot, err = filepath.EvalSymlinks(root); err != nil {
			return fmt.Errorf("walk %s: %w", root, err)
		}
	}
	return filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if walkRoot != root {
			// Report paths under root as given, not under the link's target.
			if rel, rerr := filepath.Rel(walkRoot, path); rerr == nil {
				path = root
				if rel != "." {
					path = filepath.Join(root, rel)
				}
			}
		}
		if err != nil {
			if path == root {
				return err
			}
			if skip != nil {
				skip(path, err)
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !IsArticle(d.Name()) {
			return nil
		}
		if !d.Type().IsRegular() {
			// An article-named link or device is reported, so the build
			// summary says why it is missing instead of dropping it silently.
			if skip != nil {
				skip(path, notRegular(d.Type()))
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if skip != nil {
				skip(path, err)
			}
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			rel = path
		}
		return fn(Source{Path: path, Rel: filepath.ToSlash(rel), ModTime: info.ModTime(), Size: info.Size()})
	})
}
