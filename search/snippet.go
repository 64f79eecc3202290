package search

import (
	"html/template"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet sizes in columns (a Hangul, Han or Kana character takes two, as
// on screen): the window shown, and how much text before the first match is
// kept for context.
const (
	snippetRunes = 220
	contextRunes = 40
	// maxAnchors bounds the work on a long article with many matches.
	maxAnchors = 256
)

// Span is a match in the body, as byte offsets [Start, End).
type Span struct{ Start, End int }

// Snippet returns HTML for a window of body around the densest cluster of
// matches: every piece of article text is escaped and only the <mark> tags
// this function writes are markup. Without matches it is the start of the
// body.
func Snippet(body string, matches []Span) template.HTML {
	matches = MergeSpans(body, matches)
	start := 0
	if len(matches) > 0 {
		best, bestN := 0, 0
		for i := 0; i < len(matches) && i < maxAnchors; i++ {
			end := advanceRunes(body, matches[i].Start, snippetRunes-contextRunes)
			n := 0
			for j := i; j < len(matches) && matches[j].End <= end; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		start = backRunes(body, matches[best].Start, contextRunes)
		// Start on a word when there is a space near, not mid-word.
		if start > 0 {
			if k := strings.IndexFunc(body[start:matches[best].Start], unicode.IsSpace); k >= 0 {
				start += k + 1
			}
		}
	}
	end := advanceRunes(body, start, snippetRunes)
	if end < len(body) {
		// End on a word boundary when one is near.
		if k := strings.LastIndexFunc(body[start:end], unicode.IsSpace); k > (end-start)/2 {
			end = start + k
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, m := range matches {
		if m.End <= start || m.Start >= end {
			continue
		}
		ms, me := max(m.Start, start), min(m.End, end)
		writeText(&b, body[pos:ms])
		b.WriteString("<mark>")
		writeText(&b, body[ms:me])
		b.WriteString("</mark>")
		pos = me
	}
	writeText(&b, body[pos:end])
	if end < len(body) {
		b.WriteString("…")
	}
	return template.HTML(b.String())
}

// writeText escapes article text, folding runs of white space (paragraph
// breaks) into one space.
func writeText(b *strings.Builder, s string) {
	var c strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				c.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		c.WriteRune(r)
	}
	b.WriteString(template.HTMLEscapeString(c.String()))
}

// MergeSpans sorts the matches, drops those outside body or not on rune
// boundaries, and merges overlapping or touching ones (CJK bigram matches
// overlap by one character).
func MergeSpans(body string, in []Span) []Span {
	ok := in[:0:0]
	for _, s := range in {
		if s.Start < 0 || s.End > len(body) || s.Start >= s.End || !utf8.RuneStart(body[s.Start]) || (s.End < len(body) && !utf8.RuneStart(body[s.End])) {
			continue
		}
		ok = append(ok, s)
	}
	sort.Slice(ok, func(i, j int) bool { return ok[i].Start < ok[j].Start })
	var out []Span
	for _, s := range ok {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// advanceRunes returns the byte offset n columns after from.
func advanceRunes(s string, from, n int) int {
	i := from
	for n > 0 && i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n -= columns(r)
	}
	return i
}

// backRunes returns the byte offset n columns before from.
func backRunes(s string, from, n int) int {
	i := from
	for n > 0 && i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		n -= columns(r)
	}
	return i
}

// columns is how wide a character shows: East Asian scripts take two.
func columns(r rune) int {
	if r >= 0x1100 && (unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana) || r >= 0xFF01 && r <= 0xFF60) {
		return 2
	}
	return 1
}
