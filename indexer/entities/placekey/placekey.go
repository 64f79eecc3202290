// Package placekey folds place names into the keys of the small-places
// table, so that the generator (internal/gencities) and the extractor
// agree on them: "Az Zabadānī", "az-Zabadani" and "Zabadani" meet.
package placekey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key lower-cases a name, drops accents and apostrophes, and writes
// hyphens and runs of spaces as one space: "Al Qā’im" and "al-Qa'im" are
// both "al qaim".
func Key(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s) // letters and their accents apart, so the accents can go
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == 'ʼ', r == 'ʻ', r == '`', r == '‘':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// arabicArticles open place names transliterated from Arabic ("Al Qaim",
// "Az Zabadani", "Ar Ramtha"); English texts often leave them out.
var arabicArticles = map[string]bool{"al": true, "el": true, "ar": true, "az": true, "as": true, "ash": true,
	"an": true, "ad": true, "at": true, "ath": true, "adh": true, "aş": true}

// shortLeads are lead words that texts abbreviate: "St Louis" for Saint
// Louis, "Mt Vernon", "Ft Worth".
var shortLeads = map[string]string{"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}

// Keys returns the keys a name is found under: its Key, the Key without a
// leading Arabic article when it has one, and the Key with an abbreviated
// lead word ("saint paul" is also "st paul").
func Keys(name string) []string {
	k := Key(name)
	if k == "" {
		return nil
	}
	out := []string{k}
	if i := strings.IndexByte(k, ' '); i > 0 {
		if arabicArticles[k[:i]] {
			out = append(out, k[i+1:])
		}
		if s, ok := shortLeads[k[:i]]; ok {
			out = append(out, s+k[i:])
		}
	}
	return out
}
