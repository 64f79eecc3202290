package entities

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// gazetteerTSV is the reviewed list of organizations, places and people.
// Its format is described at the top of the file.
//
//go:embed gazetteer.tsv
var gazetteerTSV string

// Entry is one entity the gazetteer knows.
type Entry struct {
	Kind corpus.EntityKind
	// Name is the canonical name used as the facet value.
	Name string
	// Sub is the finer kind: country, city, region for places; government,
	// regulator, central-bank, company, international, … for organizations.
	Sub string
	// Country is the ISO 3166-1 alpha-2 code of the country the entity
	// belongs to (a city's country, a ministry's government), or "" for
	// international bodies and regions.
	Country string
	// Aliases are the other names: acronyms, short and former names,
	// Korean and Japanese names.
	Aliases []string
	// Demonyms are adjectives and nationality nouns ("Japanese") that point
	// to a country without naming it.
	Demonyms []string
}

// hit is one way of writing an entry, stored at the end of its trie path.
type hit struct {
	entry   int32
	words   []string // the alias's tokens as written, for the case rules
	spaced  []bool   // whether each token follows a space, for CJK names
	demonym bool
}

type node struct {
	next map[string]*node
	hits []hit
}

func (n *node) child(key string) *node {
	if n.next == nil {
		n.next = make(map[string]*node)
	}
	c := n.next[key]
	if c == nil {
		c = &node{}
		n.next[key] = c
	}
	return c
}

// entryKey indexes entries by kind and canonical name.
type entryKey struct {
	kind corpus.EntityKind
	name string
}

// Extractor finds entities in documents. It is safe for concurrent use
// once built.
type Extractor struct {
	entries []Entry
	byName  map[entryKey]int32
	byCode  map[string]int32 // country code → country entry
	// placeKeys indexes places by placekey.Key of their names, built on
	// first use by placeByKey.
	placeKeys     map[string][]int32
	placeKeysOnce sync.Once
	root          node
	// demonyms holds folded demonym forms, so scorers can tell "Syrian"
	// (a nationality) from "Syria" (a place).
	demonyms map[string]bool
	// shortForms holds, per organization, the last words of its names
	// that articles reuse alone ("the Fund" for the IMF).
	shortForms map[int32][]string
}

// gazetteer kinds in the data file.
var fileKinds = map[string]corpus.EntityKind{
	"org":     corpus.Organization,
	"country": corpus.Place,
	"city":    corpus.Place,
	"region":  corpus.Place,
	"person":  corpus.Person,
}

// NewExtractor builds an Extractor from gazetteer data in the format of the
// embedded gazetteer.tsv, plus the world's countries in English, Korean and
// Japanese from the CLDR data in golang.org/x/text.
func NewExtractor(data string) (*Extractor, error) {
	x := &Extractor{byName: map[entryKey]int32{}, byCode: map[string]int32{}, demonyms: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("gazetteer line %d: want at least 4 tab-separated fields, got %d", line, len(f))
		}
		kind, ok := fileKinds[f[0]]
		if !ok {
			return nil, fmt.Errorf("gazetteer line %d: unknown kind %q", line, f[0])
		}
		e := Entry{Kind: kind, Name: strings.TrimSpace(f[1]), Sub: f[2], Country: strings.TrimSpace(f[3])}
		if f[0] != "org" && f[0] != "person" {
			e.Sub = f[0]
		}
		if e.Country == "-" {
			e.Country = ""
		}
		if len(f) > 4 {
			e.Aliases = splitList(f[4])
		}
		if len(f) > 5 {
			e.Demonyms = splitList(f[5])
		}
		if e.Name == "" {
			return nil, fmt.Errorf("gazetteer line %d: empty name", line)
		}
		if _, dup := x.byName[entryKey{e.Kind, e.Name}]; dup {
			return nil, fmt.Errorf("gazetteer line %d: %s %q listed twice", line, e.Kind, e.Name)
		}
		x.byName[entryKey{e.Kind, e.Name}] = int32(len(x.entries))
		if f[0] == "country" {
			x.byCode[e.Country] = int32(len(x.entries))
		}
		x.entries = append(x.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gazetteer: %w", err)
	}
	x.addCLDRCountries()
	x.shortForms = map[int32][]string{}
	for i := range x.entries {
		e := &x.entries[i]
		if e.Kind == corpus.Organization {
			if hs := shortFormsOf(e.Name, e.Aliases); hs != nil {
				x.shortForms[int32(i)] = hs
			}
		}
		x.add(int32(i), e.Name, false)
		for _, a := range e.Aliases {
			x.add(int32(i), a, false)
		}
		for _, d := range e.Demonyms {
			x.add(int32(i), d, true)
			x.demonyms[fold(d)] = true
		}
	}
	x.addArticleVariants()
	return x, nil
}

// addArticleVariants adds, for every organization name with "of the"
// ("Department of the Treasury", "Ministry of the Interior"), the same name
// without the article, which texts use as often ("Department of Treasury's
// Office …"), unless another entry already has that name.
func (x *Extractor) addArticleVariants() {
	listed := map[string]bool{}
	for _, e := range x.entries {
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			listed[strings.ToLower(a)] = true
		}
	}
	for i, e := range x.entries {
		if e.Kind != corpus.Organization {
			continue
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			v := strings.Replace(a, " of the ", " of ", 1)
			if v != a && !listed[strings.ToLower(v)] {
				x.add(int32(i), v, false)
			}
		}
	}
}

func splitList(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" && a != "-" {
			out = append(out, a)
		}
	}
	return out
}

// cldrSkip lists regions whose CLDR name is not a country a news story means
// (or is a common word that would flood the facet).
var cldrSkip = map[string]bool{"ZZ": true, "QO": true, "EU": true, "EZ": true, "UN": true, "AQ": true, "XA": true, "XB": true}

// addCLDRCountries adds every current ISO country to the entries, merging
// CLDR names in English, Korean and Japanese into the gazetteer's own rows.
func (x *Extractor) addCLDRCountries() {
	en, ko, ja := display.English.Regions(), display.Korean.Regions(), display.Japanese.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != code || cldrSkip[code] {
				continue
			}
			name := en.Name(r)
			if name == "" {
				continue
			}
			i, known := x.byCode[code]
			if !known {
				i = int32(len(x.entries))
				x.entries = append(x.entries, Entry{Kind: corpus.Place, Name: name, Sub: "country", Country: code})
				x.byCode[code] = i
				x.byName[entryKey{corpus.Place, name}] = i
			}
			e := &x.entries[i]
			names := []string{name}
			if strings.Contains(name, "&") {
				names = append(names, strings.ReplaceAll(name, "&", "and"))
			}
			// Short CJK names ("말리" for Mali) occur inside ordinary words,
			// so only longer ones are taken from CLDR; the gazetteer lists the
			// short names of the countries news actually names.
			for _, n := range []string{ko.Name(r), ja.Name(r)} {
				// "홍콩(중국 특별행정구)": the bracketed part is a gloss
				if k := strings.IndexAny(n, "(（"); k > 0 {
					n = strings.TrimSpace(n[:k])
				}
				if utf8.RuneCountInString(n) >= 3 && !cldrCommonWords[n] {
					names = append(names, n)
				}
			}
			for _, n := range names {
				if n != e.Name && !contains(e.Aliases, n) {
					e.Aliases = append(e.Aliases, n)
				}
			}
		}
	}
}

// cldrCommonWords are CLDR country names that are also everyday words
// ("아이티" is how Korean writes "IT").
var cldrCommonWords = map[string]bool{"아이티": true}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// add puts one written form of entry i into the trie.
func (x *Extractor) add(i int32, alias string, demonym bool) {
	toks := tokenize(alias, nil)
	if len(toks) == 0 {
		return
	}
	n := &x.root
	words := make([]string, len(toks))
	spaced := make([]bool, len(toks))
	for k, t := range toks {
		n = n.child(t.key)
		words[k] = t.text
		spaced[k] = t.spaceBefore
	}
	for _, h := range n.hits {
		if h.entry == i && h.demonym == demonym && slices.Equal(h.words, words) && slices.Equal(h.spaced, spaced) {
			return
		}
	}
	n.hits = append(n.hits, hit{entry: i, words: words, spaced: spaced, demonym: demonym})
}

// caseFits applies the case rules to one alias word and the text's word:
// an acronym ("KT", "MIC") only in the same capitals; a capitalized word
// only capitalized (or in an all-capitals headline); a lower-case word
// ("of", "hynix") in any case.
func caseFits(alias, text string) bool {
	if alias == text {
		return true
	}
	ar, _ := utf8.DecodeRuneInString(alias)
	if !unicode.IsLetter(ar) || !unicode.IsUpper(ar) {
		return true
	}
	tr, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(tr) {
		return false
	}
	if isAcronym(alias) {
		return false
	}
	return true
}

// isAcronym reports words written in capitals (two letters or more, digits
// allowed: "MSIT", "3GPP", "G7").
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 1 && utf8.RuneCountInString(w) >= 2
}
