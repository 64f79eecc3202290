package entities

import (
	"strings"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
)

// A run of capitalized words the gazetteer did not claim whole goes
// through spanRules in order; the first rule that decides (claims the run,
// or part of it, or rules it out) ends the walk. Each rule is one idea
// about how English news writes names, with a table test of sentences it
// must and must not fire on (rules_test.go), so a rule can be changed or
// dropped without reading the others.
var spanRules = []spanRule{
	{"office of a body", ruleOfficeOfBody},
	{"organisation head", ruleOrgHead},
	{"organisation lead", ruleOrgLead},
	{"arabic organisation lead", ruleArabicOrgLead},
	{"body in a place", ruleBodyInPlace},
	{"family member", ruleFamilyMember},
	{"known name with a word around it", ruleKnownInside},
	{"place head", rulePlaceHead},
	{"place lead", rulePlaceLead},
	{"place with cue", rulePlaceWithCue},
	{"small place", ruleSmallPlace},
	{"place after city of", rulePlaceAfterCityOf},
	{"person", rulePerson},
}

// spanRule is one named rule of the cascade.
type spanRule struct {
	name string
	fire func(c *cand) verdict
}

// verdict says whether a rule decided the run.
type verdict bool

const (
	pass    verdict = false // the rule does not apply: try the next one
	decided verdict = true  // the run is claimed, or ruled out
)

// cand is a run being classified: tokens [a, b) of segment si, with what
// the gazetteer already found inside it.
type cand struct {
	d         *docState
	si        int
	s         *segment
	toks      []token
	a, b      int
	w         []int // word tokens in [a, b)
	first     string
	last      string
	free      int  // word tokens not claimed by the gazetteer
	orgInside bool // the gazetteer found an organization or person inside
	rule      string
}

// claim records a mention of kind over tokens [a, b), named as written.
func (c *cand) claim(kind corpus.EntityKind, a, b int) verdict {
	c.d.claimRule(c.si, a, b, ref{kind, normalizeName(c.s.text[c.toks[a].start:c.toks[b-1].end])}, c.rule)
	return decided
}

func (d *docState) classify(si int, sp span) {
	c := &d.cand // one per document, reused run after run
	if !d.trimRun(c, si, sp) {
		return
	}
	for _, r := range spanRules {
		c.rule = r.name
		if r.fire(c) == decided {
			return
		}
	}
}

// trimRun drops what opens sentences and headings rather than names, and
// trailing connectors, and notes what the gazetteer found inside.
func (d *docState) trimRun(c *cand, si int, sp span) bool {
	s := &d.segs[si]
	toks := s.toks
	a, b := sp.start, sp.end
	// Leading words that open sentences and headings, and a date glued in
	// front ("on 4 March the UN Security Council"), are not the name.
	for a < b && toks[a].class == tokWord && (notNames[toks[a].key] || toks[a].sentStart && commonStart(toks[a]) ||
		startsDigit(toks[a].key) && !(isOrdinal(toks[a].key) && b-a >= 3)) {
		a++
		for a < b && toks[a].class != tokWord {
			a++
		}
	}
	// Trailing company-form punctuation or connectors are not part of it.
	for b > a && (toks[b-1].class != tokWord || connectors[toks[b-1].key]) && !(toks[b-1].key == "." && b-2 >= a && isAbbrevBefore(toks[b-2])) {
		b--
	}
	if a >= b {
		return false
	}
	// "Shares of Acme Corp": a sentence's first word before "of" is not
	// part of the name unless it leads one ("Bank of Korea").
	if toks[a].sentStart && !orgLeads[toks[a].key] && !titles[toks[a].key] && a+2 < b && toks[a+1].key == "of" {
		a += 2
		if toks[a].key == "the" && a+1 < b {
			a++
		}
	}
	*c = cand{d: d, si: si, s: s, toks: toks, a: a, b: b, w: c.w[:0]}
	for k := a; k < b; k++ {
		if o := s.owner[k]; o != 0 {
			m := d.mentions[o-1]
			if m.ref.kind == corpus.Organization || m.ref.kind == corpus.Person {
				c.orgInside = true
			}
			continue
		}
		if toks[k].class == tokWord && !connectors[toks[k].key] {
			c.free++
		}
	}
	if c.free == 0 {
		return false
	}
	for k := a; k < b; k++ {
		if toks[k].class == tokWord {
			c.w = append(c.w, k)
		}
	}
	c.first = toks[c.w[0]].key
	c.last = toks[c.w[len(c.w)-1]].key
	return true
}

// isOrdinal reports "101st", "3rd", "2nd": unit numbers that open names.
func isOrdinal(k string) bool {
	n := len(k)
	if n < 3 || !startsDigit(k) {
		return false
	}
	switch k[n-2:] {
	case "st", "nd", "rd", "th":
		for _, r := range k[:n-2] {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// ruleOfficeOfBody: an office followed by the body it belongs to
// ("Deputy Director of the Office of Archives", "Chairman of the Federal
// Reserve Board"): the body is an organization, and nobody is named.
func ruleOfficeOfBody(c *cand) verdict {
	t := 0
	for t < len(c.w) && titles[c.toks[c.w[t]].key] {
		t++
	}
	if t == 0 || t+1 >= len(c.w) || c.toks[c.w[t]].key != "of" {
		return pass
	}
	t++
	if c.toks[c.w[t]].key == "the" {
		t++
	}
	if t >= len(c.w) {
		return pass
	}
	rest := c.w[t:]
	head, lead := c.toks[rest[len(rest)-1]].key, c.toks[rest[0]].key
	isBody := orgHeads[head] && len(rest) >= 2 && !weakHeads[head] ||
		orgLeads[lead] && len(rest) >= 3 && c.toks[rest[1]].key == "of"
	if !isBody {
		return pass
	}
	return c.claimOrg(rest[0], c.b)
}

// ruleOrgHead: a head word at the end ("Acme Widgets Corp", "Korea Fair
// Trade Commission"); weak heads ("Network", "Service") need two unknown
// capitalized words.
func ruleOrgHead(c *cand) verdict {
	weak := weakHeads[c.last] && (capFree(c.s, c.a, c.b) < 2 && !c.d.demonymAt(c.si, c.w[0]) ||
		c.toks[c.a].sentStart && len(c.w) >= 5) // a title-case heading: "Strengthen the Resilience of … Services"
	if !orgHeads[c.last] || len(c.w) < 2 || weak {
		return pass
	}
	return c.claimOrg(c.a, c.b)
}

// ruleOrgLead: a lead word with "of" ("Ministry of Digital Affairs", "Bank
// of Ruritania").
func ruleOrgLead(c *cand) verdict {
	if !orgLeads[c.first] || len(c.w) < 3 || c.toks[c.w[1]].key != "of" {
		return pass
	}
	return c.claimOrg(c.a, c.b)
}

// ruleArabicOrgLead: transliterated Arabic group names ("Jaish al-Fatah").
func ruleArabicOrgLead(c *cand) verdict {
	if !arabicOrgLeads[c.first] || len(c.w) < 2 {
		return pass
	}
	return c.claimOrg(c.a, c.b)
}

// ruleBodyInPlace: "US Embassy in Seoul", "Islamic Association in
// Brandbergen".
func ruleBodyInPlace(c *cand) verdict {
	for k := 1; k+1 < len(c.w); k++ {
		if c.toks[c.w[k]].key == "in" && inHeads[c.toks[c.w[k-1]].key] {
			return c.claimOrg(c.a, c.b)
		}
	}
	return pass
}

// claimOrg claims tokens [a, b) as an organization, unless the run is only
// a person's office, or a known body with a word around it.
func (c *cand) claimOrg(a, b int) verdict {
	toks, s := c.toks, c.s
	w := wordIdx(toks, a, b)
	last := toks[w[len(w)-1]].key
	if c.orgInside {
		// A known organization with a word or two around it ("Samsung
		// Electronics Co"): keep the gazetteer's reading unless the run adds
		// a head of its own after it, or names of its own before it ("New
		// Iraqi Army" is not the Iraqi Army).
		if o := s.owner[w[len(w)-1]]; o != 0 || companySuffix[last] {
			if o == 0 || s.owner[w[0]] != 0 || c.d.mentions[o-1].ref.kind != corpus.Organization || toks[w[0]].sentStart {
				return decided
			}
			return c.claim(corpus.Organization, a, b)
		}
	}
	if c.d.isTitleRun(toks, w) {
		return decided
	}
	// "President of the Brazilian Coffee Institute": the office is not
	// part of the organization's name.
	t := 0
	for t < len(w) && titles[toks[w[t]].key] {
		t++
	}
	if t > 0 && t < len(w) {
		switch toks[w[t]].key {
		case "of":
			t++
			if t < len(w) && toks[w[t]].key == "the" {
				t++
			}
			if t >= len(w) {
				return decided
			}
			a = w[t]
		case "for":
			return decided
		}
	}
	return c.claim(corpus.Organization, a, b)
}

// ruleFamilyMember: a given name before a known surname is another member
// of that family, or another person of that name ("Bassel al-Assad",
// "Prime Minister Kenji Kishida"), not the one the gazetteer knows.
func ruleFamilyMember(c *cand) verdict {
	w, toks, s := c.w, c.toks, c.s
	if len(w) < 2 {
		return pass
	}
	// the given name follows the last title word if there is one
	g := 0
	for i := 0; i+1 < len(w); i++ {
		if titles[toks[w[i]].key] {
			g = i + 1
		}
	}
	if g+1 >= len(w) || s.owner[w[g]] != 0 || !isCapWord(toks[w[g]]) || !givenNames[toks[w[g]].key] && g == 0 {
		return pass
	}
	for k := g + 1; k < len(w); k++ {
		o := s.owner[w[k]]
		if o == 0 {
			if !isCapWord(toks[w[k]]) && !nameParticles[toks[w[k]].key] {
				return pass
			}
			continue
		}
		m := c.d.mentions[o-1]
		if m.ref.kind != corpus.Person || m.start != w[k] || m.end != c.b || strings.Contains(c.d.surface(m), " ") {
			return pass
		}
		return c.claim(corpus.Person, w[g], c.b)
	}
	return pass
}

// ruleKnownInside: a known name with at most one unknown word around it
// is left to the gazetteer.
func ruleKnownInside(c *cand) verdict {
	if c.orgInside && c.free <= 1 {
		return decided
	}
	return pass
}

// rulePlaceHead: a place head word at the end ("Diyala Province", "Tigris
// River").
func rulePlaceHead(c *cand) verdict {
	if !placeHeads[c.last] || len(c.w) < 2 {
		return pass
	}
	return c.claim(corpus.Place, c.a, c.b)
}

// rulePlaceLead: a place lead word ("Lake Tharthar", "Wadi Barada").
func rulePlaceLead(c *cand) verdict {
	if !placeLeadWords[c.first] || len(c.w) < 2 || c.free != len(c.w) {
		return pass
	}
	return c.claim(corpus.Place, c.a, c.b)
}

// rulePlaceWithCue: unknown words that the words around them show to be
// a place ("outside Daquq", "Sabboura, an area outside Damascus").
func rulePlaceWithCue(c *cand) verdict {
	if c.free != len(c.w) || len(c.w) > 3 || !c.d.placeContext(c.si, c.a, c.b) {
		return pass
	}
	return c.claim(corpus.Place, c.a, c.b)
}

// rulePlaceAfterCityOf: "the city of Ramadi", "the province of Anbar".
func rulePlaceAfterCityOf(c *cand) verdict {
	a := c.a
	if a <= 1 || c.toks[a-1].key != "of" || !placeLeads[c.toks[a-2].key] || c.free != len(c.w) {
		return pass
	}
	return c.claim(corpus.Place, c.a, c.b)
}

// personRules decide whether the name part of a run (after any title) is
// a person, in order; the first that fires claims it.
var personRules = []personRule{
	{"person with title", personWithTitle},
	{"person with given name", personWithGivenName},
	{"person with name particle", personWithParticle},
	{"given name with said", personGivenNameSaid},
	{"person with said", personWithSaid},
	{"person with apposed title", personWithApposedTitle},
	{"person apposed to an office", personApposedToOffice},
}

type personRule struct {
	name string
	fire func(c *cand, n personName) bool
}

// personName is the part of a run that may be a person's name.
type personName struct {
	words  []int // word tokens of the name
	titled bool  // a title word comes right before it
	a, b   int   // its tokens
}

// rulePerson finds the name part of the run and tries personRules on it.
func rulePerson(c *cand) verdict {
	n, ok := c.personPart()
	if !ok {
		return decided
	}
	for _, r := range personRules {
		if r.fire(c, n) {
			if c.toks[n.a].sentStart && commonStart(c.toks[n.a]) {
				return decided
			}
			c.rule = r.name
			c.claim(corpus.Person, n.a, n.b)
			return decided
		}
	}
	return decided
}

// personPart returns the words of a run that may be a person's name: what
// follows the last title word, cut before a preposition ("Ambassador Lind
// for Maritime Affairs" is Lind). A title followed by a preposition is an
// office ("Minister for East Asia", "Secretary of Commerce"); the name, if
// any, is at its end after the portfolio: "Secretary of Commerce Ann Ruiz".
func (c *cand) personPart() (personName, bool) {
	toks, w := c.toks, c.w
	start := -1
	for i, k := range w {
		if titles[toks[k].key] && i+1 < len(w) {
			start = i + 1
		}
	}
	titled := start >= 0
	if !titled {
		start = 0
		// a title just before the run, written in lower case or ending a
		// previous run ("minister Imad Fakhoury", "Lt Gen Talib Shaghati").
		if p := prevWord(toks, c.a); p >= 0 && humanTitles[toks[p].key] {
			titled = true
		}
		// "the Commission's spokesman, Johannes Bahrke, said"
		if c.a >= 2 && toks[c.a-1].key == "," && toks[c.a-2].class == tokWord && humanTitles[toks[c.a-2].key] && !isCapWord(toks[c.a-2]) {
			titled = true
		}
	}
	name := w[start:]
	if titled && len(name) > 0 && officePrepositions[toks[name[0]].key] {
		// an office: the portfolio is the first capitalized word(s) after
		// the preposition; a person follows only when a given name or
		// two more capitalized words do
		rest := name[1:]
		for len(rest) > 0 && connectors[toks[rest[0]].key] {
			rest = rest[1:]
		}
		cut := -1
		for i := 1; i < len(rest); i++ {
			if givenNames[toks[rest[i]].key] {
				cut = i
				break
			}
		}
		if cut < 0 && len(rest) >= 3 && !orgHeads[toks[rest[len(rest)-1]].key] && !placeHeads[toks[rest[len(rest)-1]].key] {
			cut = len(rest) - 2
		}
		if cut < 0 {
			return personName{}, false
		}
		name = rest[cut:]
		for _, k := range name {
			if !isCapWord(toks[k]) {
				return personName{}, false
			}
		}
	}
	// a name never goes on past a preposition: "Lind for Maritime Affairs"
	for i, k := range name {
		if i > 0 && officePrepositions[toks[k].key] {
			name = name[:i]
			break
		}
	}
	if len(name) == 0 || len(name) > 5 {
		return personName{}, false
	}
	s := c.s
	for _, k := range name {
		if o := s.owner[k]; o != 0 {
			// "Minister Yamaguchi", "Mr. Jordan": after a title, a place
			// name is a surname
			m := c.d.mentions[o-1]
			if !titled || m.ref.kind != corpus.Place || m.demonym || m.pattern {
				return personName{}, false
			}
		}
		if titles[toks[k].key] && !nameParticles[toks[k].key] || thingHeads[toks[k].key] {
			return personName{}, false
		}
		if isAcronym(toks[k].text) && utf8.RuneCountInString(toks[k].text) > 1 {
			return personName{}, false
		}
	}
	// "Executive Order 14000", "Resolution 2254": a numbered thing
	if nx := nextWord(toks, c.b); nx >= 0 && startsDigit(toks[nx].key) && name[len(name)-1]+1 == c.b {
		return personName{}, false
	}
	capWords := 0
	for _, k := range name {
		if !nameParticles[toks[k].key] && isCapWord(toks[k]) {
			capWords++
		}
	}
	if capWords == 0 {
		return personName{}, false
	}
	return personName{words: name, titled: titled, a: name[0], b: name[len(name)-1] + 1}, true
}

// officePrepositions join an office to its portfolio ("Minister for East
// Asia", "Secretary of Commerce", "Envoy to Syria").
var officePrepositions = set("of", "for", "to", "on", "and", "the", "in")

// thingHeads are capitalized nouns of documents, operations and events
// that follow titles' words ("Executive Order", "Operation Clear Sky"):
// never part of a person's name.
var thingHeads = set("order", "orders", "operation", "resolution", "act", "bill", "directive", "decree", "law",
	"plan", "program", "programme", "initiative", "strategy", "report", "treaty", "accord", "agreement",
	"show", "prize", "award", "awards", "cup", "trophy", "festival", "doctrine")

func personWithTitle(c *cand, n personName) bool { return n.titled }

func personWithGivenName(c *cand, n personName) bool {
	return givenNames[c.toks[n.a].key] && len(n.words) >= 2
}

// personWithParticle: a name with a particle of a personal name after its
// first word ("Abu Omar al-Kuwaiti", "Ursula von der Leyen"). A run that
// opens with an article ("Al Qa'im", "Al Hejab Elfulathi", "La Vie En
// Rose", "La Quinta High") names a place, a work or a family far more
// often than a person; "Abu" opens names and is not an article.
func personWithParticle(c *cand, n personName) bool {
	if k := c.toks[n.a].key; arabicArticles[k] || nameParticles[k] && k != "abu" && k != "bin" && k != "ibn" {
		return false
	}
	for _, k := range n.words {
		if nameParticles[c.toks[k].key] {
			return chunks(c.toks, n.words) >= 2
		}
	}
	return false
}

// personGivenNameSaid: a known given name alone next to "said" ("Amjad
// said").
func personGivenNameSaid(c *cand, n personName) bool {
	toks := c.toks
	if len(n.words) != 1 || !givenNames[toks[n.a].key] || toks[n.a].sentStart {
		return false
	}
	if nx := nextWord(toks, c.b); nx >= 0 && saidVerbs[toks[nx].key] {
		return true
	}
	p := prevWord(toks, c.a)
	return p >= 0 && saidVerbs[toks[p].key]
}

// personWithSaid: two to four capitalized words before or after "said",
// but not a place of work ("analysts at Capital Economics said").
func personWithSaid(c *cand, n personName) bool {
	toks, a, b := c.toks, c.a, c.b
	if len(n.words) < 2 || len(n.words) > 4 {
		return false
	}
	if p := prevWord(toks, a); p >= 0 && orgCues[toks[p].key] {
		return false
	}
	if nx := nextWord(toks, b); nx >= 0 && saidVerbs[toks[nx].key] && toks[nx].spaceBefore {
		return true
	}
	// "Zahid Mohammed Rawi, said …"
	if b+1 < len(toks) && toks[b].key == "," && saidVerbs[toks[b+1].key] {
		return true
	}
	p := prevWord(toks, a)
	return p >= 0 && saidVerbs[toks[p].key]
}

// personWithApposedTitle: "Tomas Brandt, Director of Planning, said": two
// to four capitalized words followed by a comma and a title.
func personWithApposedTitle(c *cand, n personName) bool {
	toks, b := c.toks, c.b
	if len(n.words) < 2 || len(n.words) > 4 || n.b != b || b+1 >= len(toks) || toks[b].key != "," {
		return false
	}
	if p := prevWord(toks, c.a); p >= 0 && orgCues[toks[p].key] {
		return false
	}
	k := b + 1
	if k < len(toks) && (toks[k].key == "the" || toks[k].key == "a" || toks[k].key == "an") {
		k++
	}
	return k < len(toks) && toks[k].class == tokWord && humanTitles[toks[k].key]
}

// personApposedToOffice: "the Minister for East Asia, Jane Holloway,":
// two to four capitalized words set off by commas after a run that opens
// with a title.
func personApposedToOffice(c *cand, n personName) bool {
	toks, a := c.toks, c.a
	if len(n.words) < 2 || len(n.words) > 4 || n.a != a || a < 2 || toks[a-1].key != "," {
		return false
	}
	if n.b >= len(toks) || toks[n.b].key != "," && toks[n.b].key != "." {
		return false
	}
	// walk back over the run before the comma to its first word
	k := a - 2
	for k > 0 && (isCapWord(toks[k-1]) || connectors[toks[k-1].key] && toks[k-1].class == tokWord) {
		k--
	}
	for k < a-1 && (!isCapWord(toks[k]) || notNames[toks[k].key]) {
		k++
	}
	return k < a-1 && titles[toks[k].key]
}
