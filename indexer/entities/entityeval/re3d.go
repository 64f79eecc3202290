package entityeval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
)

// re3dTypes maps re3d entity types to ours.
var re3dTypes = map[string]corpus.EntityKind{
	"Organisation": corpus.Organization,
	"Location":     corpus.Place,
	"Person":       corpus.Person,
}

// Re3dDoc is one re3d document with its gold names per kind.
type Re3dDoc struct {
	ID, Title, Text string
	Gold            map[corpus.EntityKind][]string
}

// flexNum decodes numbers that mongoexport wrote either as numbers or strings.
type flexNum float64

func (f *flexNum) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("number %q: %w", s, err)
	}
	*f = flexNum(v)
	return nil
}

// LoadRe3d reads every source folder of re3d under dir.
func LoadRe3d(ctx context.Context, dir string) ([]Re3dDoc, error) {
	folders, err := filepath.Glob(filepath.Join(dir, "*", "documents.json"))
	if err != nil {
		return nil, fmt.Errorf("load re3d %s: %w", dir, err)
	}
	if len(folders) == 0 {
		return nil, fmt.Errorf("load re3d %s: no */documents.json: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(folders)
	var docs []Re3dDoc
	for _, f := range folders {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		base := filepath.Dir(f)
		index := map[string]int{}
		err := readLines(f, func(line []byte) error {
			var d struct {
				ID    string `json:"_id"`
				Title string `json:"title"`
				Text  string `json:"text"`
			}
			if err := json.Unmarshal(line, &d); err != nil {
				return err
			}
			index[d.ID] = len(docs)
			docs = append(docs, Re3dDoc{ID: d.ID, Title: d.Title, Text: d.Text, Gold: map[corpus.EntityKind][]string{}})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load re3d %s: %w", f, err)
		}
		seen := map[string]bool{}
		err = readLines(filepath.Join(base, "entities.json"), func(line []byte) error {
			var e struct {
				DocumentID string  `json:"documentId"`
				Type       string  `json:"type"`
				Value      string  `json:"value"`
				Confidence flexNum `json:"confidence"`
			}
			if err := json.Unmarshal(line, &e); err != nil {
				return err
			}
			kind, ok := re3dTypes[e.Type]
			i, known := index[e.DocumentID]
			if !ok || !known || e.Confidence < 0.5 {
				return nil
			}
			key := e.DocumentID + "\x00" + string(kind) + "\x00" + e.Value
			if seen[key] {
				return nil
			}
			seen[key] = true
			docs[i].Gold[kind] = append(docs[i].Gold[kind], e.Value)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load re3d %s: %w", base, err)
		}
	}
	return docs, nil
}

func readLines(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// leading words that make a mention a description or a determiner phrase.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "its": true,
	"their": true, "our": true, "my": true, "your": true, "this": true, "that": true, "these": true, "those": true,
	"some": true, "other": true, "another": true, "any": true, "all": true, "both": true, "each": true, "many": true,
	"several": true, "one": true, "two": true, "three": true, "four": true, "five": true}

var pronouns = map[string]bool{"i": true, "we": true, "they": true, "it": true, "he": true, "she": true, "us": true,
	"me": true, "him": true, "her": true, "them": true, "you": true, "its": true, "his": true, "their": true, "my": true,
	"myself": true, "itself": true, "themselves": true, "ourselves": true, "our": true, "here": true, "there": true}

// properName reduces a gold or predicted mention to the words of its name:
// leading determiners dropped, possessive dropped. ok is false for pronouns
// and lower-case descriptions ("security forces", "the town"), which an
// entity facet does not try to find.
//
// For places, leading lower-case words and nationality words are dropped
// first ("the village of Safina", "northern Iraq", "Jordanian city of
// Ramtha" become "Safina", "Iraq", "Ramtha").
func properName(s string, place bool) (name string, ok bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "’", "'"))
	s = strings.TrimSuffix(s, "'s")
	f := strings.Fields(s)
	for len(f) > 0 && (determiners[strings.ToLower(f[0])] || place && (!nameWord(f[0]) || isDemonym(f[0])) ||
		!nameWord(f[0]) && isTitle(f[0])) { // "lieutenant Muath al-Kasasbeh"
		f = f[1:]
	}
	if len(f) == 0 {
		return "", false
	}
	if len(f) == 1 && pronouns[strings.ToLower(f[0])] {
		return "", false
	}
	// trailing lower-case words describe ("Hezbollah movement"); then a name
	// starts and ends with a capitalized word (or a particle of a personal
	// name, or a number: "al-Qaeda", "Radio 4"): "people of Darayya" is a
	// description
	for len(f) > 1 && !nameWord(f[len(f)-1]) {
		f = f[:len(f)-1]
	}
	if !nameWord(f[0]) || !nameWord(f[len(f)-1]) || quantifiers[strings.ToLower(f[0])] {
		return "", false
	}
	name = strings.TrimSuffix(strings.Join(f, " "), "'s")
	// a proper name has a capitalized word (or is in a script without case)
	// that is not just a nationality ("Iraqi security forces", "Syrians")
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if (unicode.IsUpper(r) || !unicode.IsLower(r) && !unicode.IsUpper(r)) && !groupWord(strings.Trim(w, ",.;:")) {
			return name, true
		}
	}
	return "", false
}

// goldParts splits gold locations written with a comma into their parts:
// "Baghdad, Iraq" and "Mosul district, Ninewa" are two places each, the
// way a facet lists them.
func goldParts(kind corpus.EntityKind, names []string) []string {
	if kind != corpus.Place {
		return names
	}
	var out []string
	for _, n := range names {
		out = append(out, strings.Split(n, ", ")...)
	}
	return out
}

// personName drops the office before a personal name: "Iraqi Prime
// Minister Nouri al-Maliki", "UN Special Envoy Staffan de Mistura" and
// "Mr Colville" are the people Nouri al-Maliki, Staffan de Mistura and
// Colville. The words dropped run up to the last title word (titleWords)
// of the name's leading words, and at least one capitalized word must be
// left: "John Major" and "Chief of Staff" stay as they are. re3d marks
// the title as part of the person about half of the time; a facet value
// is the name, so both gold and predictions are compared without it.
func personName(s string) string {
	f := strings.Fields(s)
	cut := -1
	for i := 0; i+1 < len(f); i++ {
		w := strings.ToLower(strings.Trim(f[i], ".,"))
		if w == "of" || w == "for" || w == "to" {
			break // "Minister of Foreign Affairs of Iraq" is an office, not a name
		}
		if isTitle(f[i]) || strings.HasSuffix(w, "-designate") {
			cut = i
		}
	}
	if cut < 0 || !nameWord(f[cut+1]) {
		return s
	}
	rest := f[cut+1:]
	for len(rest) > 1 && strings.EqualFold(rest[0], "designate") {
		rest = rest[1:]
	}
	return strings.Join(rest, " ")
}

// Re3dResult holds the tallies per kind, strict and lenient, summed and
// per document (for the bootstrap).
type Re3dResult struct {
	Strict, Lenient map[corpus.EntityKind]*Counts
	// Docs holds each document's tallies, in the order of the input.
	Docs []DocCounts
	// Errors lists, per kind, the gold names missed and the predictions
	// not in the gold (under strict matching), for the error analysis in
	// docs/entities.md.
	Missed, Spurious map[corpus.EntityKind][]string
}

// DocCounts are one document's tallies per kind.
type DocCounts struct {
	Strict, Lenient map[corpus.EntityKind]Counts
}

// Re3dKinds are the kinds re3d is scored on, in table order.
var Re3dKinds = []corpus.EntityKind{corpus.Organization, corpus.Place, corpus.Person}

// ScoreRe3d extracts entities from each document and compares them with the
// gold names. re3d types a country acting as an actor ("Syria has accused
// Israel") as an Organisation; we give such a country as a place, so a gold
// Organisation that is a country in the scorer's fixed list (countries.tsv)
// is scored as a place. Nationality words ("Syrian", from the same list)
// are not place names on either side, as re3d types them Nationality.
func ScoreRe3d(x *entities.Extractor, docs []Re3dDoc) Re3dResult {
	res := Re3dResult{Lenient: map[corpus.EntityKind]*Counts{}, Strict: map[corpus.EntityKind]*Counts{},
		Missed: map[corpus.EntityKind][]string{}, Spurious: map[corpus.EntityKind][]string{}}
	for _, k := range Re3dKinds {
		res.Lenient[k], res.Strict[k] = &Counts{}, &Counts{}
	}
	for _, d := range docs {
		paras := strings.Split(d.Text, "\n")
		got := x.ExtractTexts(paras)
		gold := map[corpus.EntityKind]map[string]bool{}
		for kind, names := range d.Gold {
			for _, n := range goldParts(kind, names) {
				p, ok := properName(n, kind == corpus.Place)
				if !ok {
					continue
				}
				if kind == corpus.Person {
					p = personName(p)
				}
				k := kind
				if k == corpus.Organization && isCountry(p) {
					k = corpus.Place
				}
				if gold[k] == nil {
					gold[k] = map[string]bool{}
				}
				gold[k][p] = true
			}
		}
		pred := map[corpus.EntityKind]map[string]bool{}
		for _, e := range got {
			for _, m := range e.Mentions {
				if isDemonym(m) {
					continue
				}
				p, ok := properName(m, false)
				if !ok {
					continue
				}
				if e.Kind == corpus.Person {
					p = personName(p)
				}
				if pred[e.Kind] == nil {
					pred[e.Kind] = map[string]bool{}
				}
				pred[e.Kind][p] = true
			}
		}
		dc := DocCounts{Strict: map[corpus.EntityKind]Counts{}, Lenient: map[corpus.EntityKind]Counts{}}
		for _, kind := range Re3dKinds {
			g, p := toNames(gold[kind]), toNames(pred[kind])
			dc.Lenient[kind] = compare(g, p, lenientMatch)
			dc.Strict[kind] = compare(g, p, strictMatch)
			res.Lenient[kind].Add(dc.Lenient[kind])
			res.Strict[kind].Add(dc.Strict[kind])
			for _, gw := range g {
				if !anyMatch(gw, p, strictMatch) {
					res.Missed[kind] = append(res.Missed[kind], strings.Join(gw.low, " "))
				}
			}
			for _, pw := range p {
				if !anyMatch(pw, g, strictMatch) {
					res.Spurious[kind] = append(res.Spurious[kind], strings.Join(pw.low, " "))
				}
			}
		}
		res.Docs = append(res.Docs, dc)
	}
	return res
}

func anyMatch(a name, list []name, match func(a, b name) bool) bool {
	for _, b := range list {
		if match(a, b) {
			return true
		}
	}
	return false
}

func toNames(set map[string]bool) []name {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// the same name written twice ("Syria", "Syria's") counts once
	seen := map[string]bool{}
	var out []name
	for _, k := range keys {
		w := words(k)
		n := name{low: lowerAll(w), aside: make([]bool, len(w))}
		j := strings.Join(n.low, " ")
		if len(w) == 0 || seen[j] {
			continue
		}
		seen[j] = true
		for i, s := range w {
			r, _ := utf8.DecodeRuneInString(s)
			n.aside[i] = unicode.IsLower(r) || isDemonym(s) || isTitle(s) || knownWord(s) ||
				placeWords[strings.ToLower(s)]
		}
		// the words of an office before a title ("Foreign Minister",
		// "US Defense Secretary") are set aside with it
		for i := len(w) - 1; i > 0; i-- {
			if isTitle(w[i]) && n.aside[i] {
				n.aside[i-1] = true
			}
		}
		out = append(out, n)
	}
	return out
}

var particles = map[string]bool{"al": true, "el": true, "de": true, "van": true, "von": true, "bin": true,
	"ibn": true, "da": true, "di": true, "du": true, "le": true, "la": true, "ad": true, "as": true, "ash": true}

func nameWord(w string) bool {
	w = strings.Trim(w, ",.;:\"'()")
	// "IS-controlled", "Arabic-speaking": adjectives, not names
	if k := strings.LastIndexByte(w, '-'); k > 0 && k+1 < len(w) {
		if r, _ := utf8.DecodeRuneInString(w[k+1:]); unicode.IsLower(r) && len(w)-k > 3 {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsLetter(r) && !unicode.IsLower(r) {
		return true
	}
	if i := strings.IndexAny(w, "-'’"); i > 0 {
		w = w[:i]
	}
	return particles[w]
}

// quantifiers open descriptions of groups ("About 30,000 Iraqi …").
var quantifiers = map[string]bool{"about": true, "some": true, "many": true, "most": true, "several": true,
	"few": true, "other": true, "another": true, "all": true, "both": true, "each": true, "every": true,
	"no": true, "none": true, "such": true, "more": true, "over": true, "nearly": true, "almost": true}

// groupAdjectives name peoples and faiths rather than places or bodies;
// re3d types them Nationality, like demonyms.
var groupAdjectives = map[string]bool{"arab": true, "arabs": true, "kurdish": true, "kurds": true, "shia": true,
	"shiite": true, "shi'ite": true, "sunni": true, "sunnis": true, "muslim": true, "muslims": true, "western": true,
	"christian": true, "christians": true, "yazidi": true, "yazidis": true, "alawite": true, "alawites": true,
	"druze": true, "islamist": true, "islamists": true, "jihadist": true, "jihadists": true, "jewish": true}

func groupWord(w string) bool {
	return isDemonym(w) || groupAdjectives[strings.ToLower(w)]
}

// placeWords describe a place rather than name it: "Kirkuk Province" is
// Kirkuk, "Southern Iraq" is Iraq.
var placeWords = map[string]bool{"province": true, "district": true, "governorate": true, "region": true,
	"city": true, "county": true, "prefecture": true, "municipality": true, "village": true, "town": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true, "north": true,
	"south": true, "east": true, "west": true, "northeast": true, "northwest": true, "southeast": true,
	"southwest": true}
