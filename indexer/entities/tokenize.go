package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenClass says how a token may take part in a name.
type tokenClass uint8

const (
	tokWord  tokenClass = iota // a run of letters and digits in a spaced script
	tokCJK                     // one Han, Hangul or Kana character: matched without word boundaries
	tokPunct                   // any other single character that is not space
)

// token is one unit of matching. Text is as written; key is its folded form.
type token struct {
	text       string
	key        string
	start, end int // byte offsets in the paragraph
	class      tokenClass
	// spaceBefore is true when whitespace (or the paragraph start) precedes
	// the token, so "JP-Cert" (glued) and "JP - Cert" can be told apart.
	spaceBefore bool
	// sentStart is true for the first word of a sentence, whose capital
	// letter says nothing about it being a name.
	sentStart bool
}

// isCJK reports whether r belongs to a script written without spaces
// between words (Han, Hiragana, Katakana) or to Hangul, whose words carry
// particles glued to them ("삼성전자는"), so names are found inside runs.
func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) && !isCJK(r)
}

// tokenize splits s into tokens. Sentence starts are marked after '.', '!',
// '?', ':' and at the start of s (a paragraph, title or list item).
func tokenize(s string, toks []token) []token {
	if toks == nil {
		toks = make([]token, 0, len(s)/4+1)
	}
	space := true
	sent := true
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == ' ' || unicode.IsSpace(r):
			space = true
			i += size
			continue
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, s2 := rune(s[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, s2 = utf8.DecodeRuneInString(s[j:])
				}
				if !isWordRune(r2) {
					break
				}
				j += s2
			}
			w := s[i:j]
			toks = append(toks, token{text: w, key: fold(w), start: i, end: j, class: tokWord, spaceBefore: space, sentStart: sent})
			sent = false
			i = j
		case isCJK(r):
			w := s[i : i+size]
			toks = append(toks, token{text: w, key: w, start: i, end: i + size, class: tokCJK, spaceBefore: space})
			sent = false
			i += size
		default:
			w := s[i : i+size]
			toks = append(toks, token{text: w, key: foldPunct(r, w), start: i, end: i + size, class: tokPunct, spaceBefore: space})
			switch r {
			case '.', '!', '?', ':', '•', '。', '！', '？', ';':
				// "U.S. officials": a period right after a one-letter
				// capital is an abbreviation, not a sentence end.
				if r == '.' && len(toks) >= 2 {
					p := toks[len(toks)-2]
					if p.class == tokWord && utf8.RuneCountInString(p.text) == 1 && !space {
						break
					}
					if p.class == tokWord && !space && isAbbrev(p.text) {
						break
					}
				}
				sent = true
			case '"', '“', '(', '\'', '‘', '«', '「', '-', '–', '—':
				// quotes and brackets keep the sentence-start state
			default:
				sent = false
			}
			i += size
		}
		space = false
	}
	return toks
}

// isAbbrev reports titles and abbreviations after which a period does not
// end a sentence ("Mr. Kim", "Gen. Petraeus", "Co. Ltd").
func isAbbrev(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Gov", "Sen", "Rep", "Prof",
		"St", "Co", "Corp", "Inc", "Ltd", "No", "Jr", "Sr", "Rev", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun",
		"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc", "Dept", "Bros", "Pres":
		return true
	}
	return false
}

// fold lower-cases a word for trie keys; case rules are checked afterwards
// against the text as written.
func fold(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return foldSlow(w)
		}
	}
	return w
}

func foldSlow(w string) string {
	return strings.ToLower(w)
}

// foldPunct maps typographic variants to one key so that "Da’esh" matches
// "Da'esh" and an en dash matches a hyphen.
func foldPunct(r rune, w string) string {
	switch r {
	case '’', '‘', '`', '´':
		return "'"
	case '–', '—', '‐', '‑':
		return "-"
	case '＆':
		return "&"
	}
	return w
}
