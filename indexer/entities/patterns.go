package entities

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities/placekey"
)

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isCapWord reports a word written with a leading capital ("Seoul", "MSIT",
// "SoftBank").
func isCapWord(t token) bool {
	if t.class != tokWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// span is a run of capitalized words in one segment, tokens [start, end).
type span struct{ start, end int }

// capSpans finds the runs of capitalized words that may be names: words
// joined by glue ("JP-Cert", "U.S.", "al-Assad") or by connectors inside
// a name ("Ministry of Science and ICT", "Department of the Treasury").
func capSpans(toks []token) []span {
	var out []span
	for i := 0; i < len(toks); {
		if !startsName(toks, i) {
			i++
			continue
		}
		j := i + 1
		sawOf := false
		for j < len(toks) {
			t := toks[j]
			switch {
			case isCapWord(t) && (t.spaceBefore || glueAfterInitial(toks, j)):
				// "Army" after "U.S." with a space; "S" glued in "U.S."
				j++
				continue
			case isQuote(t.key) && t.spaceBefore && j+3 < len(toks) && isCapWord(toks[j+1]) && !toks[j+1].spaceBefore &&
				isQuote(toks[j+2].key) && !toks[j+2].spaceBefore && isCapWord(toks[j+3]) && toks[j+3].spaceBefore:
				// a nickname in quotes inside a name: Robert "Bo" Lane
				j += 3
				continue
			case t.class == tokWord && t.spaceBefore && startsDigit(t.text) && j+1 < len(toks) && isCapWord(toks[j+1]) && toks[j+1].spaceBefore:
				// "Jordanian 71st Counter Terrorism Battalion"
				j += 2
				continue
			case t.class == tokPunct && !t.spaceBefore && j+1 < len(toks) && !toks[j+1].spaceBefore &&
				toks[j+1].class == tokWord && (t.key == "-" || t.key == "/" || t.key == "&" || (t.key == "'" && toks[j+1].key != "s")):
				j += 2
				continue
			case t.class == tokPunct && t.key == "." && !t.spaceBefore && isAbbrevBefore(toks[j-1]):
				// "U.S. Marines", "Samsung Electronics Co. Ltd": the period
				// belongs to the abbreviation.
				if j+1 < len(toks) && isCapWord(toks[j+1]) {
					j++
					continue
				}
				if j+1 == len(toks) || !toks[j+1].spaceBefore {
					j++
				}
			case t.class == tokPunct && t.key == "&" && t.spaceBefore && j+1 < len(toks) && isCapWord(toks[j+1]):
				j += 2
				continue
			case t.class == tokWord && !isCapWord(t) && j+1 < len(toks):
				k := connectorRun(toks, j, sawOf)
				if k > j {
					if t.key == "of" {
						sawOf = true
					}
					j = k
					continue
				}
			}
			break
		}
		out = append(out, span{i, j})
		i = j
	}
	return out
}

// glueAfterInitial reports a one-letter capital glued after an initial and
// its period: the "S" of "U.S.", the "K" of "U.K.".
func glueAfterInitial(toks []token, j int) bool {
	return j >= 2 && utf8.RuneCountInString(toks[j].text) == 1 && toks[j-1].key == "." && !toks[j-1].spaceBefore &&
		utf8.RuneCountInString(toks[j-2].text) == 1 && isCapWord(toks[j-2])
}

func isQuote(k string) bool { return k == "\"" || k == "“" || k == "”" }

// startsName: a capitalized word, a name particle glued to one
// ("al-Zarqawi"), or a unit's ordinal before one ("101st Airborne").
func startsName(toks []token, i int) bool {
	if isCapWord(toks[i]) {
		return true
	}
	t := toks[i]
	if t.class == tokWord && isOrdinal(t.key) && i+2 < len(toks) && isCapWord(toks[i+1]) && toks[i+1].spaceBefore &&
		isCapWord(toks[i+2]) && toks[i+2].spaceBefore {
		// two capitalized words at least: "the 2nd Battalion" is a
		// description, "101st Airborne Division" a name
		return true
	}
	return t.class == tokWord && nameParticles[t.key] && i+2 < len(toks) && toks[i+1].key == "-" &&
		!toks[i+1].spaceBefore && isCapWord(toks[i+2]) && !toks[i+2].spaceBefore
}

// connectorRun returns where the name continues after lower-case words at j
// ("of the", "and", "al-"), or j when they do not join two parts of a name.
func connectorRun(toks []token, j int, sawOf bool) int {
	k := j
	for k < len(toks) && k-j < 2 {
		t := toks[k]
		if t.class != tokWord || isCapWord(t) {
			break
		}
		ok := false
		switch t.key {
		case "of", "for", "the", "de", "du", "des", "la", "le", "di", "da", "van", "von", "der", "bin", "ibn", "y":
			ok = true
		case "and", "on":
			ok = sawOf || t.key == "and" && k > j // "Ministry of Science and ICT", not "Syria and Iraq"
		case "in":
			// "US Embassy in Seoul", "Al Qaeda in Iraq", not "Kishida in Tokyo"
			ok = k == j && j > 0 && inHeads[toks[j-1].key]
		case "al", "el", "ad", "ez", "az", "as", "ash", "ul":
			// Arabic articles join a name when glued ("al-Assad") or, for
			// "al"/"el", before a capital ("Saray al Jihad")
			if k+2 < len(toks) && toks[k+1].key == "-" && !toks[k+1].spaceBefore && isCapWord(toks[k+2]) {
				return k + 3
			}
			ok = t.key != "as" && t.key != "ash" // "Salah ad Din", not "Maliki as the …"
		}
		if !ok {
			break
		}
		k++
	}
	if k > j && k < len(toks) && isCapWord(toks[k]) && toks[k].spaceBefore && !calendarWords[toks[k].key] {
		return k + 1
	}
	return j
}

// calendarWords never continue a name after a connector: "the Shipping
// Authority on Tuesday", "the Council in March".
var calendarWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december")

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

func isAbbrevBefore(t token) bool {
	return t.class == tokWord && (utf8.RuneCountInString(t.text) == 1 && isCapWord(t) || isAbbrev(t.text))
}

// matchPatterns classifies the capitalized runs the gazetteer did not claim
// whole: organizations by their head words, people by titles and name
// shapes, places by their head words.
func (d *docState) matchPatterns() {
	for si := range d.segs {
		s := &d.segs[si]
		if s.shouting {
			continue
		}
		for _, sp := range capSpans(s.toks) {
			d.classify(si, sp)
		}
	}
}

// wordIdx returns the indexes of the word tokens in [a, b).
func wordIdx(toks []token, a, b int) []int {
	var w []int
	for k := a; k < b; k++ {
		if toks[k].class == tokWord {
			w = append(w, k)
		}
	}
	return w
}

// demonymAt reports a nationality word at token k ("Australian Government").
func (d *docState) demonymAt(si, k int) bool {
	o := d.segs[si].owner[k]
	return o != 0 && d.mentions[o-1].demonym
}

// placeContext reports a run of unknown words that the words around it
// show to be a place: "outside Daquq", "near Hibhib", or an apposition
// "Sabboura, an area outside Damascus".
func (d *docState) placeContext(si, a, b int) bool {
	toks := d.segs[si].toks
	if toks[a].sentStart || givenNames[toks[a].key] || isAcronym(toks[a].text) || notNames[toks[a].key] ||
		b-a == 1 && (orgHeads[toks[a].key] || titles[toks[a].key]) {
		// "in Parliament," names an institution, not a place
		return false
	}
	if p := a - 1; p >= 0 && toks[p].class == tokWord && placeCues[toks[p].key] && !isCapWord(toks[p]) {
		// a web address ("from Adobe.com") is not a place
		if b+1 < len(toks) && toks[b].key == "." && !toks[b+1].spaceBefore && toks[b+1].class == tokWord && !isCapWord(toks[b+1]) {
			return false
		}
		// "in X" is weak evidence: only with punctuation after it. "from X"
		// and "into X" name people, firms and beliefs as often as places
		// ("from Christianity", "into Bruins general manager"): only a
		// place the small-places table knows.
		punctAfter := b == len(toks) || toks[b].class == tokPunct && toks[b].key != "'" && toks[b].key != "-"
		switch toks[p].key {
		case "in", "at":
			return punctAfter
		case "from", "into":
			return punctAfter && len(smallPlaces().lookup(placekey.Key(d.segs[si].text[toks[a].start:toks[b-1].end]))) > 0
		}
		return true
	}
	if b+2 < len(toks) && toks[b].key == "," && (toks[b+1].key == "a" || toks[b+1].key == "an") {
		for k := b + 2; k < len(toks) && k < b+6; k++ {
			if placeNouns[toks[k].key] {
				return true
			}
		}
	}
	return false
}

// capFree counts capitalized words in [a, b) that the gazetteer did not
// claim as places or nationalities.
func capFree(s *segment, a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if isCapWord(s.toks[k]) && s.owner[k] == 0 {
			n++
		}
	}
	return n
}

// isTitleRun reports runs like "Prime Minister" or "Secretary General" that
// are a person's office, not an organization.
func (d *docState) isTitleRun(toks []token, w []int) bool {
	for _, k := range w {
		if !titles[toks[k].key] && !connectors[toks[k].key] {
			return false
		}
	}
	return true
}

// commonStart reports a capitalized sentence-initial word that is an
// ordinary English word rather than a name.
func commonStart(t token) bool {
	return notNames[t.key] || strings.HasSuffix(t.key, "ly") || strings.HasSuffix(t.key, "ing")
}

func (d *docState) claim(si, a, b int, r ref) {
	d.claimRule(si, a, b, r, "")
}

// claimRule claims tokens [a, b) for a name found by a pattern, noting the
// rule that found it (for the rule tests).
func (d *docState) claimRule(si, a, b int, r ref, rule string) {
	s := &d.segs[si]
	// Gazetteer places and nationalities inside a longer name ("Damascus
	// University", "Iraqi Army") are part of that name, not mentions.
	for k := a; k < b; k++ {
		if o := s.owner[k]; o != 0 {
			d.mentions[o-1].ref = ref{}
			m := d.mentions[o-1]
			for q := m.start; q < m.end; q++ {
				s.owner[q] = 0
			}
		}
	}
	d.add(mention{seg: si, start: a, end: b, ref: r, pattern: true, rule: rule})
}

// reNickname is a quoted nickname inside a name (Robert "Bo" Lane): the
// surface keeps it, the canonical name does not.
var reNickname = regexp.MustCompile(` ["“][^"”\s]+["”]`)

// normalizeName tidies a name found by a pattern for use as a canonical name.
func normalizeName(s string) string {
	if strings.ContainsAny(s, "\"“”") {
		s = reNickname.ReplaceAllString(s, "")
	}
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "’", "'")
	return s
}

var companySuffix = set("co", "corp", "inc", "ltd", "llc", "plc", "ag", "gmbh", "nv", "bv", "sa", "spa", "group", "holdings", "limited", "corporation", "company")

var placeHeads = set("province", "district", "governorate", "region", "river", "mountains", "mountain", "valley",
	"village", "lake", "island", "islands", "dam", "barrage", "strait", "straits", "sea", "gulf", "bay", "desert",
	"peninsula", "county", "prefecture", "airport", "square", "canal", "heights", "plain", "plains", "coast",
	"basin", "oblast", "territory", "hospital", "mosque", "church", "temple", "palace", "stadium", "territories", "emirate", "municipality", "camp", "base", "port",
	"street", "road", "highway", "avenue", "boulevard", "bridge", "freeway", "motorway", "tunnel")

var placeLeads = set("city", "town", "village", "province", "district", "region", "port", "capital", "island", "suburb", "outskirts", "governorate")

// chunks counts the space-separated parts of a name ("Al-Qa'im" is one).
func chunks(toks []token, name []int) int {
	n := 0
	for i, k := range name {
		if i == 0 || toks[k].spaceBefore {
			n++
		}
	}
	return n
}

func prevWord(toks []token, a int) int {
	for p := a - 1; p >= 0; p-- {
		if toks[p].class == tokWord {
			return p
		}
		if toks[p].key != "." {
			return -1
		}
	}
	return -1
}

func nextWord(toks []token, b int) int {
	if b < len(toks) && toks[b].class == tokWord {
		return b
	}
	return -1
}

// matchAcronyms links an acronym defined in parentheses to its long form
// ("Ministry of Science and ICT (MSIT)", "JP-Cert" after "Cyber Security
// Incident Response Center"), and makes the acronym a name for the rest of
// the document.
func (d *docState) matchAcronyms() {
	if d.local == nil {
		d.local = map[string]ref{}
	}
	for si := range d.segs {
		s := &d.segs[si]
		toks := s.toks
		for i := 1; i+2 < len(toks); i++ {
			open := toks[i].key
			if open != "(" && open != "," {
				continue
			}
			closing := ")"
			if open == "," {
				closing = ","
			}
			// the bracketed tokens, glued together
			j := i + 1
			for j < len(toks) && toks[j].key != closing && j-i <= 5 && (j == i+1 || !toks[j].spaceBefore) {
				j++
			}
			if j >= len(toks) || toks[j].key != closing || j == i+1 {
				continue
			}
			acr := s.text[toks[i+1].start:toks[j-1].end]
			if !looksAcronym(acr) {
				continue
			}
			// the long form ends right before the bracket
			o := s.owner[i-1]
			var long *mention
			if o != 0 {
				long = &d.mentions[o-1]
			}
			if open == "," && (long == nil || !initialsSpell(d.surface(*long), acr)) {
				// "…, ICO, …" defines an acronym only when the initials agree
				continue
			}
			var known ref
			if end, hs := d.x.longest(toks, i+1); end == j {
				e := d.x.entries[hs[0].entry]
				known = ref{e.Kind, e.Name}
				if s.owner[i+1] == 0 {
					d.add(mention{seg: si, start: i + 1, end: j, ref: known})
				}
			}
			switch {
			case long == nil && known.name == "":
				// an unknown long form whose initials spell the acronym
				// ("Internet of Things (IoT)" and "Artificial Intelligence
				// (AI)" are not bodies: an organization's head word is needed)
				a := d.initialsRun(si, i, acr)
				if a < 0 || !orgHeads[toks[i-1].key] {
					continue
				}
				r := ref{corpus.Organization, normalizeName(s.text[toks[a].start:toks[i-1].end])}
				d.claim(si, a, i, r)
				d.add(mention{seg: si, start: i + 1, end: j, ref: r})
				d.local[acr] = r
			case long == nil:
				continue
			case long.ref.name == "" || long.demonym || long.ref.kind == corpus.Place && long.pattern:
				continue
			case known.name != "" && long.pattern && known != long.ref:
				if d.rename == nil {
					d.rename = map[ref]ref{}
				}
				d.rename[long.ref] = known
			case known.name != "" && known != long.ref && long.ref.kind == corpus.Organization:
				// the text defines a known acronym for another body of that
				// name: the text wins for this document
				d.local[acr] = long.ref
				for k := range d.mentions {
					if d.mentions[k].ref == known && d.surface(d.mentions[k]) == acr {
						d.mentions[k].ref = long.ref
					}
				}
			case known.name == "":
				if long.ref.kind != corpus.Organization {
					continue
				}
				d.local[acr] = long.ref
				if s.owner[i+1] == 0 {
					d.add(mention{seg: si, start: i + 1, end: j, ref: long.ref})
				}
			}
		}
	}
}

// initialsSpell reports whether the capitals of acr are the initials of the
// capitalized words of name, in order.
func initialsSpell(name, acr string) bool {
	var ini []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			ini = append(ini, r)
		}
	}
	var caps []rune
	for _, r := range acr {
		if unicode.IsUpper(r) {
			caps = append(caps, r)
		}
	}
	return len(caps) >= 2 && string(ini) == string(caps)
}

// looksAcronym: capitals, possibly with digits, hyphens, slashes or a
// lower-case letter or two ("MSIT", "JP-Cert", "JPCERT/CC", "ISIL").
func looksAcronym(s string) bool {
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.IsDigit(r), r == '-', r == '/', r == '&', r == '.':
		default:
			return false
		}
	}
	return upper >= 2 && lower <= upper && utf8.RuneCountInString(s) <= 12
}

// initialsRun finds the start of the capitalized run ending before the
// bracket at i whose initials spell acr, or -1.
func (d *docState) initialsRun(si, i int, acr string) int {
	toks := d.segs[si].toks
	letters := []rune{}
	for _, r := range acr {
		if unicode.IsUpper(r) {
			letters = append(letters, r)
		}
	}
	// walk back over words, matching initials of capitalized words from the end
	li := len(letters) - 1
	a := -1
	for k := i - 1; k >= 0 && li >= 0; k-- {
		t := toks[k]
		if t.class != tokWord {
			if t.key == "-" || t.key == "'" {
				continue
			}
			return -1
		}
		if !isCapWord(t) {
			if connectors[t.key] {
				continue
			}
			return -1
		}
		r, _ := utf8.DecodeRuneInString(t.text)
		if r != letters[li] {
			return -1
		}
		li--
		a = k
	}
	if li >= 0 || a < 0 || len(letters) < 2 {
		return -1
	}
	return a
}

// shortHeads are the last words of names that articles reuse alone with
// "the" for a body named earlier: "the Fund" for the IMF, "the Community"
// for the European Community, "the Commission".
var shortHeads = set("community", "commission", "fund", "bank", "council", "alliance", "organization",
	"organisation", "agency", "ministry", "union", "board", "authority", "association", "federation")

// shortFormsOf returns the short heads ("Fund", "Community") that end the
// given names, once each.
func shortFormsOf(name string, aliases []string) []string {
	var out []string
	for _, n := range append([]string{name}, aliases...) {
		k := strings.LastIndexByte(n, ' ')
		if k < 0 {
			continue
		}
		h := n[k+1:]
		if shortHeads[fold(h)] && !contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// matchShortForms finds "the Fund", "the Community" and the like for a body
// the article names in full, when only one of its bodies ends that way.
func (d *docState) matchShortForms() {
	heads := map[string]ref{}
	for _, m := range d.mentions {
		if m.ref.kind != corpus.Organization || m.ref.name == "" {
			continue
		}
		var hs []string
		if i, ok := d.x.byName[entryKey{m.ref.kind, m.ref.name}]; ok {
			hs = d.x.shortForms[i]
		} else {
			hs = shortFormsOf(m.ref.name, nil)
		}
		for _, h := range hs {
			if r, ok := heads[h]; ok && r != m.ref {
				heads[h] = ref{}
			} else if !ok {
				heads[h] = m.ref
			}
		}
	}
	if len(heads) == 0 {
		return
	}
	for si := range d.segs {
		s := &d.segs[si]
		for i := 1; i < len(s.toks); i++ {
			t := s.toks[i]
			if s.owner[i] != 0 || t.class != tokWord || s.toks[i-1].key != "the" {
				continue
			}
			r, ok := heads[t.text]
			if !ok || r.name == "" {
				continue
			}
			// "the Bank of …" or "the Bank Negara" names another body
			if i+1 < len(s.toks) && (s.toks[i+1].key == "of" || isCapWord(s.toks[i+1]) && s.toks[i+1].spaceBefore) {
				continue
			}
			d.add(mention{seg: si, start: i, end: i + 1, ref: r})
		}
	}
}

// matchWords returns the end of the space-separated words ws written at
// token i of s (none of them claimed), or 0.
func matchWords(s *segment, i int, ws []string) int {
	pos := s.toks[i].start
	for k, w := range ws {
		if k > 0 {
			if pos >= len(s.text) || s.text[pos] != ' ' {
				return 0
			}
			pos++
		}
		if !strings.HasPrefix(s.text[pos:], w) {
			return 0
		}
		pos += len(w)
	}
	end := i
	for end < len(s.toks) && s.toks[end].end <= pos {
		if s.owner[end] != 0 {
			return 0
		}
		end++
	}
	if end < len(s.toks) && s.toks[end].start < pos || end < len(s.toks) && s.toks[end].start == pos && s.toks[end].class == tokWord {
		return 0
	}
	return end
}

// mergePeople gives a one-word person ("Nyang'anyi", "Maliki") the name of
// the person named in full in the same document whose surname it is.
func (d *docState) mergePeople() {
	full := map[string]ref{}
	for _, m := range d.mentions {
		if m.ref.kind != corpus.Person || !strings.Contains(m.ref.name, " ") {
			continue
		}
		f := strings.Fields(m.ref.name)
		last := f[len(f)-1]
		for _, k := range []string{last, stripParticle(last)} {
			if r, ok := full[k]; ok && r != m.ref {
				full[k] = ref{} // two people share it: leave it alone
			} else if !ok {
				full[k] = m.ref
			}
		}
	}
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.ref.kind != corpus.Person || strings.Contains(m.ref.name, " ") {
			continue
		}
		if r, ok := full[m.ref.name]; ok && r.name != "" {
			m.ref = r
		} else if r, ok := full[stripParticle(m.ref.name)]; ok && r.name != "" {
			m.ref = r
		}
	}
}

// stripParticle drops a leading name particle: "al-Maliki" → "Maliki".
func stripParticle(w string) string {
	if i := strings.IndexAny(w, "-'’"); i > 0 && nameParticles[strings.ToLower(w[:i])] {
		return w[i+1:]
	}
	return w
}

// matchLocalAliases finds the names this document defined for itself:
// acronyms and the surnames and given names of people named in full.
func (d *docState) matchLocalAliases() {
	people := map[string]ref{}
	ambiguous := map[string]bool{}
	for _, m := range d.mentions {
		if m.ref.kind != corpus.Person || m.ref.name == "" {
			continue
		}
		s := &d.segs[m.seg]
		w := wordIdx(s.toks, m.start, m.end)
		if len(w) < 2 {
			continue
		}
		for _, k := range []int{w[0], w[len(w)-1]} {
			key := s.toks[k].text
			if nameParticles[s.toks[k].key] || !isCapWord(s.toks[k]) {
				continue
			}
			if r, ok := people[key]; ok && r != m.ref {
				ambiguous[key] = true
			}
			people[key] = m.ref
		}
	}
	for k := range ambiguous {
		delete(people, k)
	}
	d.matchShortForms()
	// full names first, so "Zahid Mohammed Rawi" is one mention, not two
	type fullName struct {
		words []string
		r     ref
	}
	var fulls []fullName
	for _, m := range d.mentions {
		if m.ref.kind == corpus.Person && m.ref.name != "" {
			if f := strings.Fields(m.ref.name); len(f) >= 2 {
				fulls = append(fulls, fullName{f, m.ref})
			}
		}
	}
	for si := range d.segs {
		s := &d.segs[si]
		for i := 0; i < len(s.toks); i++ {
			if s.owner[i] != 0 || !isCapWord(s.toks[i]) || !s.toks[i].spaceBefore && i > 0 {
				continue
			}
			for _, f := range fulls {
				if end := matchWords(s, i, f.words); end > 0 {
					d.add(mention{seg: si, start: i, end: end, ref: f.r})
					i = end - 1
					break
				}
			}
		}
	}
	if len(people) == 0 && len(d.local) == 0 {
		return
	}
	for si := range d.segs {
		s := &d.segs[si]
		for i, t := range s.toks {
			if t.class != tokWord || s.owner[i] != 0 {
				continue
			}
			if r, ok := d.local[t.text]; ok {
				d.add(mention{seg: si, start: i, end: i + 1, ref: r})
				continue
			}
			if r, ok := people[t.text]; ok && !(t.sentStart && notNames[t.key]) {
				d.add(mention{seg: si, start: i, end: i + 1, ref: r})
			}
		}
	}
}
