package indexer

import (
	"net/url"
	"strings"

	"github.com/policysearch/policysearch/corpus"
)

// UnknownSource names the source of an article whose page names no site
// and has no web address: a facet value a reader can see and tick.
const UnknownSource = "Unknown source"

// SourceName is the source an article is indexed and listed under: the
// site name the page gives, else the host of its address ("www." dropped),
// else UnknownSource. A blank source would be a facet value nobody can see
// or tick.
func SourceName(doc *corpus.Document) string {
	if s := strings.TrimSpace(doc.Source); s != "" {
		return s
	}
	if u, err := url.Parse(strings.TrimSpace(doc.URL)); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return UnknownSource
}
