package entities

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities/placekey"
)

// reDateline is a wire story's dateline at the start of a paragraph: the
// city (in capitals, as the wires write it, or in title case), an optional
// state or province, the date (optional for a city in capitals), then a
// dash or the agency's name in brackets: "HAUPPAUGE, N.Y., March 2 -",
// "RICHMOND, Va, April 1 -", "SEOUL, May 31 (Yonhap) --", "PALM DESERT,
// Calif. (AP) —".
var reDateline = regexp.MustCompile(`^\s*([A-Z][A-Za-z.'’\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.]{0,12}))?,?\s*` +
	`((?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2})?(?:\s+(?:-|–|—|/)|\s*\()`)

// datelineMaxSegment: datelines open the title's following paragraphs, not
// the middle of an article.
const datelineMaxSegment = 3

// minDatelinePopulation is how many people a place of the small-places
// table must have to be taken from a dateline without a state: a wire
// datelines a story from a town of some size.
const minDatelinePopulation = 10000

// region is a state or province a dateline may name after its city.
type region struct{ name, country string }

// datelineRegions are the US states and Canadian provinces as wire
// datelines abbreviate them, with or without the period ("Mass",
// "Okla.", "ILL", "Que."), keyed in lower case without periods.
var datelineRegions = func() map[string]region {
	m := map[string]region{}
	add := func(country, name string, abbrevs ...string) {
		m[strings.ToLower(name)] = region{name, country}
		for _, a := range abbrevs {
			m[a] = region{name, country}
		}
	}
	for _, r := range [][]string{
		{"Alabama", "ala", "al"}, {"Alaska", "ak"}, {"Arizona", "ariz", "az"}, {"Arkansas", "ark", "ar"},
		{"California", "calif", "cal", "ca"}, {"Colorado", "colo", "co"}, {"Connecticut", "conn", "ct"},
		{"Delaware", "del", "de"}, {"Florida", "fla", "fl"}, {"Georgia", "ga"}, {"Hawaii", "hi"}, {"Idaho", "id"},
		{"Illinois", "ill", "il"}, {"Indiana", "ind", "in"}, {"Iowa", "ia"}, {"Kansas", "kan", "kans", "ks"},
		{"Kentucky", "ky"}, {"Louisiana", "la"}, {"Maine", "me"}, {"Maryland", "md"}, {"Massachusetts", "mass", "ma"},
		{"Michigan", "mich", "mi"}, {"Minnesota", "minn", "mn"}, {"Mississippi", "miss", "ms"}, {"Missouri", "mo"},
		{"Montana", "mont", "mt"}, {"Nebraska", "neb", "nebr", "ne"}, {"Nevada", "nev", "nv"},
		{"New Hampshire", "nh"}, {"New Jersey", "nj"}, {"New Mexico", "nm"}, {"New York", "ny"},
		{"North Carolina", "nc"}, {"North Dakota", "nd"}, {"Ohio", "oh"}, {"Oklahoma", "okla", "ok"},
		{"Oregon", "ore", "or"}, {"Pennsylvania", "pa", "penn"}, {"Rhode Island", "ri"}, {"South Carolina", "sc"},
		{"South Dakota", "sd"}, {"Tennessee", "tenn", "tn"}, {"Texas", "tex", "tx"}, {"Utah", "ut"},
		{"Vermont", "vt"}, {"Virginia", "va"}, {"Washington", "wash", "wa"}, {"West Virginia", "wva", "wv"},
		{"Wisconsin", "wis", "wisc", "wi"}, {"Wyoming", "wyo", "wy"}, {"District of Columbia", "dc"},
	} {
		add("US", r[0], r[1:]...)
	}
	for _, r := range [][]string{
		{"Ontario", "ont"}, {"Quebec", "que"}, {"Alberta", "alta"}, {"British Columbia", "bc"}, {"Manitoba", "man"},
		{"Saskatchewan", "sask"}, {"Nova Scotia", "ns"}, {"New Brunswick", "nb"}, {"Newfoundland", "nfld"},
	} {
		add("CA", r[0], r[1:]...)
	}
	return m
}()

// matchDatelines finds the place a paragraph is datelined from. A city the
// gazetteer knows in the dateline's country keeps its entry; one it knows
// elsewhere ("CAMBRIDGE, Mass" is not the English Cambridge) or does not
// know becomes a place of its own when the small-places table has it in
// that country, named "Cambridge, Massachusetts" when the bare name would
// mean another place.
func (d *docState) matchDatelines() {
	for si := range d.segs {
		if si >= datelineMaxSegment {
			return
		}
		s := &d.segs[si]
		if len(s.toks) < 4 || !isCapWord(s.toks[0]) || !strings.Contains(s.text[:min(len(s.text), 64)], ",") {
			continue // cheap test first: most paragraphs are not datelines
		}
		m := reDateline.FindStringSubmatchIndex(s.text)
		if m == nil {
			continue
		}
		a, b := tokenSpan(s.toks, m[2], m[3])
		if a < 0 {
			continue
		}
		city := s.text[m[2]:m[3]]
		if m[6] < 0 && (strings.ToUpper(city) != city || utf8.RuneCountInString(city) < 3) {
			// without a date only the wires' capitals mark a dateline:
			// "PALM DESERT, Calif. (AP) -", "WASHINGTON (Reuters) -"
			continue
		}
		var reg region
		hasRegion := false
		if m[4] >= 0 {
			reg, hasRegion = datelineRegions[strings.ToLower(strings.ReplaceAll(s.text[m[4]:m[5]], ".", ""))]
			if !hasRegion {
				continue // "Smith, Jones, March 3 -" is not a dateline
			}
			if ra, rb := tokenSpan(s.toks, m[4], m[5]); ra >= 0 && s.owner[ra] == 0 {
				if e, ok := d.x.Lookup(corpus.Place, reg.name); ok && e.Country == reg.country {
					d.add(mention{seg: si, start: ra, end: rb, ref: ref{corpus.Place, e.Name}})
				}
			}
		}
		known := d.knownPlaceAt(si, a, b)
		switch {
		case known != nil && (!hasRegion || known.Country == reg.country):
			continue // the gazetteer's reading stands
		case known == nil && !hasRegion && s.owner[a] != 0:
			continue // a name the gazetteer reads otherwise
		}
		// the place of the dateline's region, or else the most populous
		// of that name
		country, pop := "", -1
		for _, r := range smallPlaces().lookup(placekey.Key(city)) {
			if hasRegion && r.country == reg.country || !hasRegion && r.population >= minDatelinePopulation && r.population > pop {
				country, pop = r.country, r.population
			}
		}
		if country == "" {
			continue
		}
		name := titleCase(city)
		if e, ok := d.x.placeByKey(placekey.Key(city), country); ok {
			name = e.Name // "ST LOUIS" is the gazetteer's St. Louis
		} else if top := d.x.PlaceCountry(name); top != "" && top != country && hasRegion {
			name += ", " + reg.name
		}
		d.claimRule(si, a, b, ref{corpus.Place, name}, "dateline")
	}
}

// knownPlaceAt returns the gazetteer place that covers exactly [a, b).
func (d *docState) knownPlaceAt(si, a, b int) *Entry {
	o := d.segs[si].owner[a]
	if o == 0 {
		return nil
	}
	m := d.mentions[o-1]
	if m.start != a || m.end != b || m.ref.kind != corpus.Place || m.pattern {
		return nil
	}
	e, ok := d.x.Lookup(m.ref.kind, m.ref.name)
	if !ok {
		return nil
	}
	return &e
}

// tokenSpan returns the tokens [a, b) covering bytes [start, end), or -1.
func tokenSpan(toks []token, start, end int) (int, int) {
	a := -1
	for i, t := range toks {
		if t.start == start {
			a = i
		}
		if a >= 0 && t.end == end {
			return a, i + 1
		}
	}
	return -1, -1
}

// titleCase writes a dateline's capitals as a name: "WEST PALM BEACH" is
// "West Palm Beach", "L'ANGE-GARDIEN" "L'Ange-Gardien"; a name already in
// mixed case is kept.
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	var b strings.Builder
	up := true
	for _, r := range strings.ToLower(s) {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		up = r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.'
	}
	return b.String()
}

// PlaceCountry returns the ISO code of the country a place belongs to: the
// gazetteer's, else, for "Cambridge, Massachusetts", its state's, else the
// country of the most populous place of that name in the small-places
// table; "" when none is known.
func (x *Extractor) PlaceCountry(name string) string {
	if e, ok := x.Lookup(corpus.Place, name); ok {
		return e.Country
	}
	if i := strings.LastIndex(name, ", "); i > 0 {
		if r, ok := datelineRegions[strings.ToLower(name[i+2:])]; ok {
			return r.country
		}
	}
	best, pop := "", -1
	for _, r := range smallPlaces().lookup(placekey.Key(name)) {
		if r.population > pop {
			best, pop = r.country, r.population
		}
	}
	return best
}

// placeByKey returns the gazetteer place of a country whose name or alias
// folds to key (placekey.Key): "st louis" is St. Louis.
func (x *Extractor) placeByKey(key, country string) (Entry, bool) {
	x.placeKeysOnce.Do(func() {
		x.placeKeys = map[string][]int32{}
		for i, e := range x.entries {
			if e.Kind != corpus.Place {
				continue
			}
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				k := placekey.Key(n)
				x.placeKeys[k] = append(x.placeKeys[k], int32(i))
			}
		}
	})
	for _, i := range x.placeKeys[key] {
		if x.entries[i].Country == country {
			return x.entries[i], true
		}
	}
	return Entry{}, false
}
