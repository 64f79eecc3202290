package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHashFile: the hash and size of files smaller and larger than the
// reused read buffer, one after the other, are those of their bytes.
func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	for i, n := range []int{0, 1, 32 << 10, 100_003, 5} {
		data := []byte(strings.Repeat(string(rune('a'+i)), n))
		path := filepath.Join(dir, "f.html")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, size, err := hashFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if want := hex.EncodeToString(sum[:]); got != want || size != int64(n) {
			t.Errorf("%d bytes: hash %s size %d, want %s %d", n, got, size, want, n)
		}
	}
}
