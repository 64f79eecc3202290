package entityeval

import (
	_ "embed"
	"strings"
)

// countriesTSV is the fixed list the scorer normalises names with; see its
// header. The scorer never asks the extractor's gazetteer what a name is,
// so adding a gazetteer row cannot move the yardstick.
//
//go:embed countries.tsv
var countriesTSV string

// countryList is countriesTSV parsed: names and demonyms keyed by their
// lower-cased words joined by one space ("united states", "us").
type countryList struct {
	byName   map[string]string // name or other name → ISO code
	demonyms map[string]string // demonym → ISO code
	names    map[string]string // ISO code → English short name
}

var countries = parseCountries(countriesTSV)

func parseCountries(tsv string) countryList {
	c := countryList{byName: map[string]string{}, demonyms: map[string]string{}, names: map[string]string{}}
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		code, name := f[0], f[1]
		c.names[code] = name
		c.byName[key(name)] = code
		for _, a := range splitSemi(f[2]) {
			c.byName[key(a)] = code
		}
		for _, d := range splitSemi(f[3]) {
			c.demonyms[key(d)] = code
		}
	}
	return c
}

func splitSemi(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// key is the form names are compared in: lower-cased words, "U.S." = "US".
func key(s string) string { return strings.Join(lowerAll(words(s)), " ") }

// isCountry reports whether the whole name is a country ("Syria", "U.S.",
// "the United Kingdom" after properName has dropped "the").
func isCountry(s string) bool { _, ok := countries.byName[key(s)]; return ok }

// isDemonym reports a nationality adjective or noun ("Syrian", "Iraqis").
func isDemonym(s string) bool { _, ok := countries.demonyms[key(s)]; return ok }

// countryName is the English short name of an ISO code, or "".
func countryName(code string) string { return countries.names[code] }

// bodyAbbrevs are international bodies that, like a country, are named on
// their own inside longer names ("UN envoy", "EU delegation"); lenient
// matching sets them aside like country names.
var bodyAbbrevs = map[string]bool{"un": true, "eu": true, "nato": true, "au": true, "asean": true, "opec": true}

// knownWord reports a single word that is by itself a country or one of
// bodyAbbrevs ("US", "UN"): a word set aside in lenient matching.
func knownWord(w string) bool { return isCountry(w) || bodyAbbrevs[strings.ToLower(w)] }

// titleWords are words of office and address that come before a personal
// name; the scorer's own list, kept apart from the extractor's.
var titleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`president minister secretary chancellor governor chairman chairwoman chair
		ceo director ambassador senator sen rep representative congressman congresswoman king queen prince
		princess sheikh shaikh emir general gen lt lieutenant colonel col major maj captain capt commander
		admiral adm sergeant sgt dr mr mrs ms miss professor prof pope premier mayor judge justice envoy
		commissioner spokesman spokeswoman spokesperson chief vice deputy leader head officer imam ayatollah
		cardinal lord lady sir dame mullah marshal brigadier private corporal undersecretary he
		representative citizen`) {
		titleWords[w] = true
	}
}

func isTitle(w string) bool { return titleWords[strings.ToLower(strings.Trim(w, ".,"))] }
