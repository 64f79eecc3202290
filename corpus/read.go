package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// MaxArticleBytes caps how much of one article is read (after decompression):
// a 30 MB page is cut there rather than allowed to exhaust memory.
const MaxArticleBytes = 8 << 20

// ErrTooLarge marks an article cut at MaxArticleBytes; the bytes read so far
// are still returned so the caller may index the beginning.
var ErrTooLarge = errors.New("article larger than the limit")

// ReadFile reads an article, decompressing .gz files, up to MaxArticleBytes.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	var buf bytes.Buffer
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: gzip: %w", path, err)
		}
		defer zr.Close()
		r = zr
	} else if info, err := f.Stat(); err == nil {
		// Room for the whole read up front: growing by doubling would
		// reserve 16 MiB for a page cut at 8.
		buf.Grow(int(min(info.Size(), MaxArticleBytes+1)) + bytes.MinRead)
	}
	n, err := io.Copy(&buf, io.LimitReader(r, MaxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if n > MaxArticleBytes {
		return buf.Bytes()[:MaxArticleBytes], fmt.Errorf("read %s: %w (%d MiB)", path, ErrTooLarge, MaxArticleBytes>>20)
	}
	return buf.Bytes(), nil
}
