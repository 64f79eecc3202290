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
	// Room for the whole read up front when the size is known: growing by
	// doubling would allocate twice the cap for a page cut at 8 MiB.
	capacity := int64(bytes.MinRead)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: gzip: %w", path, err)
		}
		defer zr.Close()
		r = zr
	} else if info, err := f.Stat(); err == nil {
		capacity = info.Size() + 1 // +1 to see the end without growing
	}
	buf := make([]byte, 0, min(capacity, MaxArticleBytes+1))
	for len(buf) <= MaxArticleBytes {
		if len(buf) == cap(buf) {
			bigger := make([]byte, len(buf), min(max(2*cap(buf), bytes.MinRead), MaxArticleBytes+1))
			copy(bigger, buf)
			buf = bigger
		}
		k, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	n := len(buf)
	if n > MaxArticleBytes {
		return buf[:MaxArticleBytes], fmt.Errorf("read %s: %w (%d MiB)", path, ErrTooLarge, MaxArticleBytes>>20)
	}
	return buf, nil
}
