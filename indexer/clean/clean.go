// Package clean turns the raw bytes of a news page into a corpus.Document:
// charset decoding, title, publication date, source, language, canonical URL
// and the main text without navigation, ads, banners or footers.
package clean

import (
	"errors"

	"github.com/policysearch/policysearch/corpus"
)

// Options tells the cleaner what is known about a page besides its bytes.
type Options struct {
	// Path is the file name, used for messages and as a URL/date hint.
	Path string
	// ContentType is an HTTP Content-Type header, when known (charset hint).
	ContentType string
}

// Clean extracts the document from one page. ID, File and Hash are left for
// the caller to set.
func Clean(raw []byte, opt Options) (*corpus.Document, error) {
	return nil, errors.New("clean: not built yet")
}
