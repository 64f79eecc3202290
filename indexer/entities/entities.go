// Package entities finds the organizations, places and people an article
// mentions and gives each its canonical name, from an embedded gazetteer and
// patterns for names the gazetteer does not know.
//
// Matching works on tokens: words of spaced scripts are whole tokens, so a
// name never matches inside another word; each Han, Hangul or Kana character
// is a token of its own, so Korean and Japanese names are found inside runs
// written without spaces or with particles glued on ("삼성전자는"). The
// longest gazetteer name wins at each position; acronyms match only as
// written in capitals. See docs/entities.md for the choices made on
// ambiguous names.
package entities

import (
	"sort"
	"sync"

	"github.com/policysearch/policysearch/corpus"
)

var (
	defaultOnce sync.Once
	defaultX    *Extractor
)

// Default returns the Extractor built from the embedded gazetteer. The
// gazetteer is checked by the package tests, so a broken file is a build
// mistake and panics here.
func Default() *Extractor {
	defaultOnce.Do(func() {
		x, err := NewExtractor(gazetteerTSV)
		if err != nil {
			panic("entities: embedded gazetteer: " + err.Error())
		}
		defaultX = x
	})
	return defaultX
}

// Extract returns the entities of a cleaned document (title and paragraphs),
// with canonical names and the surface forms seen, using the embedded gazetteer.
func Extract(doc *corpus.Document) []corpus.Entity {
	return Default().Extract(doc)
}

// Aliases returns every known name of a canonical entity (acronyms, short
// forms, Korean and Japanese names), for indexing so that a query for any of
// them finds the entity's documents. Unknown names give nil.
func Aliases(kind corpus.EntityKind, canonical string) []string {
	return Default().Aliases(kind, canonical)
}

// Aliases returns the other names of a canonical entity, demonyms excluded.
func (x *Extractor) Aliases(kind corpus.EntityKind, canonical string) []string {
	i, ok := x.byName[entryKey{kind, canonical}]
	if !ok {
		return nil
	}
	return append([]string(nil), x.entries[i].Aliases...)
}

// Lookup returns the gazetteer entry of a canonical name.
func (x *Extractor) Lookup(kind corpus.EntityKind, canonical string) (Entry, bool) {
	i, ok := x.byName[entryKey{kind, canonical}]
	if !ok {
		return Entry{}, false
	}
	return x.entries[i], true
}

// CountryName returns the canonical name of the country with an ISO code.
func (x *Extractor) CountryName(code string) string {
	if i, ok := x.byCode[code]; ok {
		return x.entries[i].Name
	}
	return ""
}

// IsDemonym reports whether a surface form is a nationality adjective or
// noun ("Japanese", "Syrians") rather than the name of a place.
func (x *Extractor) IsDemonym(surface string) bool {
	return x.demonyms[fold(surface)]
}

// Len is the number of entries in the gazetteer, countries included.
func (x *Extractor) Len() int { return len(x.entries) }

// Entries calls fn for every gazetteer entry.
func (x *Extractor) Entries(fn func(Entry)) {
	for _, e := range x.entries {
		fn(e)
	}
}

// Extract finds the entities of a document; see the package comment.
// doc.Lang is not consulted: the script of each character decides how it is
// matched, so a Korean page quoting "KDDI" or an English one quoting
// "総務省" works the same.
func (x *Extractor) Extract(doc *corpus.Document) []corpus.Entity {
	texts := make([]string, 0, len(doc.Paragraphs)+1)
	if doc.Title != "" {
		texts = append(texts, doc.Title)
	}
	texts = append(texts, doc.Paragraphs...)
	return x.ExtractTexts(texts)
}

// ExtractTexts is Extract for plain texts (a title and paragraphs).
func (x *Extractor) ExtractTexts(texts []string) []corpus.Entity {
	d := newDocState(x, texts)
	d.matchGazetteer()
	d.matchDatelines()
	d.matchPatterns()
	d.dropLoneSurnames()
	d.matchAcronyms()
	d.matchLocalAliases()
	d.mergePeople()
	out := d.result()
	d.release()
	return out
}

// ref names one entity: a gazetteer entry or a name found by a pattern.
type ref struct {
	kind corpus.EntityKind
	name string
}

// mention is one occurrence of an entity in a segment, tokens [start, end).
type mention struct {
	seg, start, end int
	ref             ref
	demonym         bool
	pattern         bool    // found by a pattern rather than the gazetteer
	rule            string  // the pattern rule that found it
	alts            []int32 // entries sharing this written form, when ambiguous
}

type segment struct {
	text     string
	toks     []token
	owner    []int // per token: index+1 of the mention covering it, 0 if none
	shouting bool  // an all-capitals headline, where capitals say nothing
}

type docState struct {
	x        *Extractor
	bufs     *docBufs
	segs     []segment
	mentions []mention
	// local maps a written form to the entity it stands for in this
	// document only: acronyms defined in the text, surnames of people named
	// in full earlier or later.
	local map[string]ref
	// rename maps a pattern-found name to the entity an acronym definition
	// showed it to be.
	rename map[ref]ref
	// cand is the run the pattern rules are classifying.
	cand cand
}

func newDocState(x *Extractor, texts []string) *docState {
	d := &docState{x: x, segs: make([]segment, 0, len(texts)), bufs: docBufPool.Get().(*docBufs)}
	// Every segment's tokens in one array (and its owners in another),
	// reused from document to document, rather than two arrays per
	// paragraph: a fifth of the memory a build allocated for entities.
	need := 0
	for _, t := range texts {
		need += len(t)/4 + 1 // tokenize's own first guess
	}
	arena := d.bufs.toks[:0]
	if cap(arena) < need {
		arena = make([]token, 0, need)
	}
	used := 0
	for _, t := range texts {
		// tokenize appends to an empty slice: each segment is tokenized
		// alone, as if into an array of its own.
		toks := tokenize(t, arena[used:used])
		if len(toks) > 0 && used < cap(arena) && &toks[:1][0] == &arena[used : used+1][0] {
			used += len(toks) // in the arena
		} else if len(toks) > 0 {
			d.bufs.dirty = true // tokenize outgrew the arena after writing to it
		}
		d.segs = append(d.segs, segment{text: t, toks: toks[:len(toks):len(toks)]})
	}
	d.bufs.toks, d.bufs.used = arena, used
	total := 0
	for _, s := range d.segs {
		total += len(s.toks)
	}
	owners := d.bufs.owner[:0]
	if cap(owners) < total {
		owners = make([]int, 0, total)
	}
	owners = owners[:total]
	clear(owners)
	d.bufs.owner = owners
	for i := range d.segs {
		s := &d.segs[i]
		n := len(s.toks)
		s.owner, owners = owners[:n:n], owners[n:]
		s.shouting = isShouting(s.toks) || isTitleCase(s.toks)
	}
	return d
}

// docBufs are the token and owner arrays of one document in progress.
type docBufs struct {
	toks  []token
	used  int  // tokens of toks holding this document's text
	dirty bool // tokens may have been written beyond used
	owner []int
}

// maxPooledTokens bounds the arrays kept for the next document (about
// 3.5 MB of tokens), so that one huge page does not pin its arrays.
const maxPooledTokens = 1 << 16

var docBufPool = sync.Pool{New: func() any { return new(docBufs) }}

// release hands the document's arrays back for the next one; d must not be
// used after. The tokens are cleared so they do not keep the text alive.
func (d *docState) release() {
	b := d.bufs
	d.bufs, d.segs = nil, nil
	if cap(b.toks) > maxPooledTokens || cap(b.owner) > maxPooledTokens {
		return
	}
	if b.dirty {
		clear(b.toks[:cap(b.toks)])
	} else {
		clear(b.toks[:b.used])
	}
	b.used, b.dirty = 0, false
	docBufPool.Put(b)
}

// isShouting reports a segment written in capitals, like wire headlines.
func isShouting(toks []token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if t.class != tokWord || !hasLetter(t.text) {
			continue
		}
		words++
		if isAcronym(t.text) {
			upper++
		}
	}
	return words >= 3 && upper*10 >= words*7
}

// isTitleCase reports a headline in title case ("Deploy Domestically
// Designed AI Semiconductors"), where capitals mark every word rather than
// names, so only the gazetteer is trusted there.
func isTitleCase(toks []token) bool {
	if n := len(toks); n == 0 || toks[n-1].key == "." || toks[n-1].key == "\"" || toks[n-1].key == "”" {
		return false // headlines do not end in a full stop
	}
	words, caps := 0, 0
	for _, t := range toks {
		if t.class != tokWord || !hasLetter(t.text) || titleSmallWords[t.key] {
			continue
		}
		words++
		if isCapWord(t) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*8
}

// titleSmallWords stay lower case in title-case headlines.
var titleSmallWords = set("a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "as", "vs", "via", "from", "s")

func (d *docState) add(m mention) {
	d.mentions = append(d.mentions, m)
	s := &d.segs[m.seg]
	for k := m.start; k < m.end; k++ {
		s.owner[k] = len(d.mentions)
	}
}

func (d *docState) surface(m mention) string {
	s := &d.segs[m.seg]
	return s.text[s.toks[m.start].start:s.toks[m.end-1].end]
}

// matchGazetteer finds the longest known name at each position, left to right.
// A name shared by several entries ("ICO": the coffee organization or the
// UK's Information Commissioner's Office) goes to the one the document also
// names some other way, else to the first listed.
func (d *docState) matchGazetteer() {
	x := d.x
	var ambiguous []int
	for si := range d.segs {
		s := &d.segs[si]
		toks := s.toks
		for i := 0; i < len(toks); {
			end, hits := x.longest(toks, i)
			if end == 0 || s.shouting && end == i+1 && shoutWords[toks[i].key] {
				// in a headline written in capitals, "WHO" and "US" are
				// more likely words than the bodies of those names
				i++
				continue
			}
			if hits[0].demonym && nisba(toks, i) {
				// "Abu Omar al-Kuwaiti": a surname taken from a place
				i++
				continue
			}
			h := hits[0]
			e := &x.entries[h.entry]
			m := mention{seg: si, start: i, end: end, ref: ref{e.Kind, e.Name}, demonym: h.demonym}
			if len(hits) > 1 {
				for _, a := range hits {
					m.alts = append(m.alts, a.entry)
				}
				ambiguous = append(ambiguous, len(d.mentions))
			}
			d.add(m)
			i = end
		}
	}
	if len(ambiguous) == 0 {
		return
	}
	named := map[ref]bool{}
	for _, m := range d.mentions {
		if m.alts == nil {
			named[m.ref] = true
		}
	}
	for _, mi := range ambiguous {
		m := &d.mentions[mi]
		for _, a := range m.alts {
			e := &x.entries[a]
			if r := (ref{e.Kind, e.Name}); named[r] {
				m.ref = r
				break
			}
		}
	}
}

// nisba reports a nationality word glued to an Arabic article ("al-Iraqi",
// "el-Masri"): in a name, a surname that says where a family came from,
// not a mention of the country.
func nisba(toks []token, i int) bool {
	return i >= 2 && toks[i-1].key == "-" && !toks[i-1].spaceBefore && !toks[i].spaceBefore &&
		(toks[i-2].key == "al" || toks[i-2].key == "el")
}

// longest returns the end of the longest name starting at toks[i] whose case
// fits, with the entries written that way (non-demonym readings first), or 0.
func (x *Extractor) longest(toks []token, i int) (int, []hit) {
	t := toks[i]
	if t.class == tokPunct {
		return 0, nil
	}
	n := &x.root
	bestEnd := 0
	var best []hit
	for j := i; j < len(toks); j++ {
		n = n.next[toks[j].key]
		if n == nil {
			break
		}
		// names before demonyms, each in gazetteer order (the first listed
		// is the default reading of a shared acronym)
		var fit []hit
		for _, pass := range []bool{false, true} {
			for _, h := range n.hits {
				if h.demonym == pass && fitsCase(h, toks[i:j+1]) && !containsEntry(fit, h.entry) {
					fit = append(fit, h)
				}
			}
		}
		if len(fit) > 0 {
			bestEnd, best = j+1, fit
		}
	}
	return bestEnd, best
}

func containsEntry(hits []hit, e int32) bool {
	for _, h := range hits {
		if h.entry == e {
			return true
		}
	}
	return false
}

// fitsCase applies the case rules word by word, and checks that CJK
// characters are spaced as in the name: "신장" is Xinjiang, "신 장" is not.
func fitsCase(h hit, toks []token) bool {
	for k, w := range h.words {
		if toks[k].class == tokWord && !caseFits(w, toks[k].text) {
			return false
		}
		if k > 0 && (toks[k].class == tokCJK || toks[k-1].class == tokCJK) && toks[k].spaceBefore != h.spaced[k] {
			return false
		}
	}
	return true
}

// shoutWords are English words that are also acronyms of known bodies.
var shoutWords = map[string]bool{"who": true, "us": true, "it": true, "is": true, "most": true, "rand": true,
	"tel": true, "aid": true, "first": true, "tip": true, "sea": true, "can": true, "am": true, "an": true,
	"at": true, "as": true, "be": true, "do": true, "go": true, "he": true, "if": true, "in": true, "me": true,
	"no": true, "of": true, "on": true, "or": true, "so": true, "to": true, "up": true, "we": true, "ad": true,
	"mas": true, "dot": true, "pm": true, "ir": true, "ice": true, "ira": true, "safe": true}

// dropLoneSurnames lets a known person's surname alone ("Kishida") stand
// for that person only when the document also names them in full: a
// surname refers back to a person of the same document, never to someone
// the gazetteer knows by that surname. The words are released for the
// people the document itself names ("Kenji Kishida … Kishida said").
// Names written in Han, Hangul or Kana are left alone.
func (d *docState) dropLoneSurnames() {
	full := map[ref]bool{}
	for _, m := range d.mentions {
		if m.ref.kind == corpus.Person && m.end-m.start > 1 {
			full[m.ref] = true
		}
	}
	for i := range d.mentions {
		m := &d.mentions[i]
		s := &d.segs[m.seg]
		if m.ref.kind != corpus.Person || m.pattern || m.end-m.start != 1 || s.toks[m.start].class != tokWord || full[m.ref] {
			continue
		}
		m.ref = ref{}
		s.owner[m.start] = 0
	}
}

// result groups the mentions by entity, in order of first mention.
func (d *docState) result() []corpus.Entity {
	sort.SliceStable(d.mentions, func(a, b int) bool {
		ma, mb := d.mentions[a], d.mentions[b]
		if ma.seg != mb.seg {
			return ma.seg < mb.seg
		}
		return ma.start < mb.start
	})
	var out []corpus.Entity
	index := map[ref]int{}
	for _, m := range d.mentions {
		r := m.ref
		if to, ok := d.rename[r]; ok {
			r = to
		}
		if r.name == "" {
			continue
		}
		i, ok := index[r]
		if !ok {
			i = len(out)
			index[r] = i
			out = append(out, corpus.Entity{Kind: r.kind, Name: r.name})
		}
		e := &out[i]
		e.Count++
		sf := d.surface(m)
		if !contains(e.Mentions, sf) {
			e.Mentions = append(e.Mentions, sf)
		}
	}
	return out
}
