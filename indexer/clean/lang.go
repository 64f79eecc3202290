package clean

import (
	"strings"
	"unicode"
)

// language is the page's declared language (<html lang>, Content-Language,
// og:locale, JSON-LD inLanguage) checked against a cheap detector on the
// text: the detector wins when it is sure and disagrees, since templates
// often declare the site's default language on every page.
func (p *page) language(paras []string, title string) string {
	declared := baseLang(p.htmlLang)
	for _, v := range []string{p.meta("content-language", "language", "dc.language"), p.meta("og:locale"), p.ld.inLanguage} {
		if declared == "" {
			declared = baseLang(v)
		}
	}
	detected, sure := detectLang(title, paras)
	switch {
	case detected == "":
		return declared
	case declared == "" || sure:
		return detected
	}
	return declared
}

// baseLang turns "en-US", "de_DE" or "ko" into a base code; "" when it is
// not a language tag.
func baseLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "was", "on", "are", "as", "this", "be", "by", "have", "from", "at"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "den", "mit", "sich", "des", "auf", "ein", "eine", "für", "auch", "von", "dem", "im", "wird", "zu"},
	"fr": {"le", "la", "les", "et", "des", "est", "une", "du", "que", "pour", "dans", "pas", "qui", "sur", "au", "avec", "sont", "ce", "il", "par"},
	"es": {"el", "la", "los", "las", "y", "que", "del", "en", "por", "con", "una", "para", "es", "se", "su", "al", "lo", "como", "más", "pero"},
	"it": {"il", "di", "che", "e", "la", "per", "un", "non", "sono", "della", "del", "gli", "le", "nel", "una", "con", "anche", "alla", "è", "si"},
	"nl": {"de", "het", "een", "en", "van", "is", "dat", "op", "niet", "voor", "met", "zijn", "ook", "er", "maar", "wordt", "bij", "naar", "dit", "aan"},
	"pt": {"o", "os", "as", "e", "do", "da", "que", "não", "em", "um", "uma", "para", "com", "dos", "das", "por", "mais", "se", "é", "ao"},
	"pl": {"i", "w", "nie", "na", "się", "z", "że", "do", "jest", "to", "jak", "ale", "po", "od", "przez", "dla", "czy", "jego", "już", "tak"},
	"sv": {"och", "att", "det", "som", "en", "är", "av", "för", "med", "till", "den", "har", "inte", "om", "ett", "på", "var", "men", "jag", "vi"},
	"id": {"yang", "dan", "di", "ini", "dengan", "untuk", "dari", "dalam", "itu", "tidak", "akan", "pada", "juga", "ke", "ada", "oleh", "atau", "telah", "karena", "bisa"},
}

var stopIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, words := range stopwords {
		for _, w := range words {
			idx[w] = append(idx[w], lang)
		}
	}
	return idx
}()

// detectLang guesses the language from scripts (Hangul, kana, Han,
// Cyrillic, …) and, for Latin text, from stopword counts. sure says the
// evidence is strong enough to overrule a declaration.
func detectLang(title string, paras []string) (lang string, sure bool) {
	var hangul, kana, han, latin, cyr, greek, arabic, thai, hebrew int
	counts := map[string]int{}
	var word strings.Builder
	budget := 6000
	flush := func() {
		if word.Len() > 0 {
			for _, l := range stopIndex[word.String()] {
				counts[l]++
			}
			word.Reset()
		}
	}
	scan := func(s string) {
		for _, r := range s {
			if budget <= 0 {
				return
			}
			budget--
			switch {
			case r >= 0xAC00 && r <= 0xD7A3:
				hangul++
			case r >= 0x3040 && r <= 0x30FF:
				kana++
			case r >= 0x4E00 && r <= 0x9FFF:
				han++
			case r >= 0x0400 && r <= 0x04FF:
				cyr++
			case r >= 0x0370 && r <= 0x03FF:
				greek++
			case r >= 0x0600 && r <= 0x06FF:
				arabic++
			case r >= 0x0E00 && r <= 0x0E7F:
				thai++
			case r >= 0x0590 && r <= 0x05FF:
				hebrew++
			case unicode.IsLetter(r):
				latin++
				word.WriteRune(unicode.ToLower(r))
				continue
			}
			flush()
		}
		flush()
	}
	scan(title)
	for _, p := range paras {
		scan(" " + p)
	}
	letters := hangul + kana + han + latin + cyr + greek + arabic + thai + hebrew
	if letters < 20 {
		return "", false
	}
	switch {
	case hangul*5 > letters:
		return "ko", true
	case kana*20 > letters && kana+han > latin:
		return "ja", true
	case han*2 > letters:
		return "zh", true
	case cyr*2 > letters:
		return "ru", false
	case greek*2 > letters:
		return "el", true
	case arabic*2 > letters:
		return "ar", false
	case thai*2 > letters:
		return "th", true
	case hebrew*2 > letters:
		return "he", true
	}
	best, second := "", 0
	for l, c := range counts {
		if best == "" || c > counts[best] || c == counts[best] && l < best {
			if best != "" && counts[best] > second {
				second = counts[best]
			}
			best = l
		} else if c > second {
			second = c
		}
	}
	if best == "" || counts[best] < 3 {
		return "", false
	}
	return best, counts[best] >= 8 && counts[best] >= 2*second
}
