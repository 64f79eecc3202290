package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// WrittenName is the name an organization goes by in the article when the
// article never writes its canonical name, so that pages can say what the
// text called it ("Foreign and Commonwealth Office" in a 2015 article
// filed under the "Foreign, Commonwealth and Development Office" it became
// in 2020); "" when the canonical name is among the mentions.
//
// The rule, named renamedOrganization:
//   - organizations only: a place's or a person's other forms are mostly
//     adjectives ("Korean") and surnames, not other names;
//   - only mentions in the canonical name's script: a translation
//     ("과학기술정보통신부" for "Ministry of Science and ICT") is not a
//     rename, and the page shows the text's language anyway;
//   - the longest such mention (the fullest name the text used, "Foreign
//     and Commonwealth Office" rather than "FCO"), the first on a tie.
func (e Entity) WrittenName() string {
	if e.Kind != Organization {
		return ""
	}
	script := scriptOf(e.Name)
	best, bestLen := "", 0
	for _, m := range e.Mentions {
		m = strings.TrimSpace(m)
		if strings.EqualFold(m, e.Name) {
			return ""
		}
		if m == "" || scriptOf(m) != script {
			continue
		}
		if n := utf8.RuneCountInString(m); n > bestLen {
			best, bestLen = m, n
		}
	}
	return best
}

// nameScripts are the scripts names are told apart by.
var nameScripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew,
}

// scriptOf is the script of the first letter of s, or nil.
func scriptOf(s string) *unicode.RangeTable {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for _, t := range nameScripts {
			if unicode.Is(t, r) {
				return t
			}
		}
		return nil
	}
	return nil
}

// WrittenNames maps each organization of ents whose canonical name the
// article never writes to the name it does (Entity.WrittenName), over all
// of its mentions when the extractor listed it more than once; nil when
// there is none.
func WrittenNames(ents []Entity) map[string]string {
	var merged map[string]*Entity
	var order []string
	for _, e := range ents {
		if e.Kind != Organization {
			continue
		}
		if merged == nil {
			merged = map[string]*Entity{}
		}
		if m, ok := merged[e.Name]; ok {
			m.Mentions = append(m.Mentions, e.Mentions...)
			continue
		}
		merged[e.Name] = &Entity{Kind: e.Kind, Name: e.Name, Mentions: append([]string(nil), e.Mentions...)}
		order = append(order, e.Name)
	}
	var out map[string]string
	for _, name := range order {
		if w := merged[name].WrittenName(); w != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[name] = w
		}
	}
	return out
}
