package clean

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// decode turns the page's bytes into UTF-8 text. The order follows what
// browsers do (BOM, HTTP header, <meta>), with two changes that real pages
// need: bytes that are valid UTF-8 with non-ASCII text are taken as UTF-8
// whatever the page declares (a stale declaration is common, the reverse is
// rare), and an undeclared legacy encoding is detected by scoring candidate
// decodings instead of assuming windows-1252.
func decode(raw []byte, contentType string) string {
	switch {
	case bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")):
		return toValidUTF8(raw[3:])
	case bytes.HasPrefix(raw, []byte("\xFF\xFE")):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), raw)
	case bytes.HasPrefix(raw, []byte("\xFE\xFF")):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), raw)
	}
	ascii, valid := utf8Shape(raw)
	if ascii {
		// ISO-2022-JP is 7-bit: its escape sequences are the tell.
		if bytes.Contains(raw, []byte("\x1b$B")) || bytes.Contains(raw, []byte("\x1b$@")) {
			return decodeWith(japanese.ISO2022JP, raw)
		}
		return string(raw)
	}
	declared := declaredCharset(raw, contentType)
	if valid && !isUTF16Label(declared) {
		return string(raw)
	}
	if declared != "" {
		if enc, err := htmlindex.Get(declared); err == nil {
			name, _ := htmlindex.Name(enc)
			if name != "utf-8" {
				// A declared single-byte charset over bytes that really are a
				// CJK multibyte encoding is a frequent mistake; let the
				// detector overrule it when it is sure.
				if isSingleByte(name) {
					if det, score, ok := detect(raw); ok && !isSingleByte(det.name) && score > 0 {
						return decodeWith(det.enc, raw)
					}
				}
				return decodeWith(enc, raw)
			}
			// Declared UTF-8 but invalid: mostly UTF-8 with a few stray
			// bytes, or a legacy page with a wrong declaration.
			if invalidRatio(raw) < 0.01 {
				return toValidUTF8(raw)
			}
		}
	}
	if det, _, ok := detect(raw); ok {
		return decodeWith(det.enc, raw)
	}
	return toValidUTF8(raw)
}

func isUTF16Label(name string) bool { return strings.HasPrefix(name, "utf-16") }

func isSingleByte(name string) bool {
	return strings.HasPrefix(name, "windows-125") || strings.HasPrefix(name, "iso-8859") ||
		name == "koi8-r" || name == "koi8-u" || name == "macintosh"
}

func decodeWith(enc encoding.Encoding, raw []byte) string {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		// Decoders replace what they cannot map; an error here means a
		// broken transformer state, so keep what is readable instead.
		return toValidUTF8(raw)
	}
	return string(out)
}

func toValidUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// utf8Shape reports whether b is pure ASCII and whether it is valid UTF-8.
func utf8Shape(b []byte) (ascii, valid bool) {
	ascii = true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return true, true
	}
	return false, utf8.Valid(b)
}

func invalidRatio(b []byte) float64 {
	bad, nonASCII := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		if b[0] >= 0x80 {
			nonASCII++
		}
		b = b[n:]
	}
	if nonASCII == 0 {
		return 0
	}
	return float64(bad) / float64(nonASCII)
}

var (
	metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)`)
	xmlDeclRE     = regexp.MustCompile(`(?i)^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)`)
)

// declaredCharset returns the lower-case charset label from the HTTP header
// or the page's own <meta> (or XML declaration), or "".
func declaredCharset(raw []byte, contentType string) string {
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			return strings.ToLower(strings.TrimSpace(params["charset"]))
		}
	}
	head := raw
	if len(head) > 16384 {
		head = head[:16384]
	}
	if m := xmlDeclRE.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	if m := metaCharsetRE.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

type candidate struct {
	name string
	enc  encoding.Encoding
}

// candidates are the legacy encodings the detector chooses among.
var candidates = []candidate{
	{"euc-kr", korean.EUCKR},
	{"shift_jis", japanese.ShiftJIS},
	{"euc-jp", japanese.EUCJP},
	{"gb18030", simplifiedchinese.GB18030},
	{"big5", traditionalchinese.Big5},
	{"windows-1252", charmap.Windows1252},
	{"windows-1250", charmap.Windows1250},
	{"windows-1251", charmap.Windows1251},
	{"windows-1253", charmap.Windows1253},
	{"windows-1254", charmap.Windows1254},
	{"koi8-r", charmap.KOI8R},
}

// detect guesses the encoding of bytes that are not UTF-8. ISO-2022-JP is
// recognised by its escape sequences; otherwise each candidate decodes a
// sample of the non-ASCII text and the most plausible result wins (see
// plausibility). ok is false when nothing decodes sensibly.
func detect(raw []byte) (best candidate, score float64, ok bool) {
	if bytes.Contains(raw, []byte("\x1b$B")) || bytes.Contains(raw, []byte("\x1b$@")) {
		return candidate{"iso-2022-jp", japanese.ISO2022JP}, 1, true
	}
	sample := nonASCIISample(raw, 32<<10)
	bestScore := -1e18
	for _, c := range candidates {
		out, err := c.enc.NewDecoder().Bytes(sample)
		if err != nil {
			continue
		}
		s := plausibility(string(out), c.name)
		if s > bestScore {
			best, bestScore = c, s
		}
	}
	return best, bestScore, bestScore > -1e18
}

// nonASCIISample collects up to max bytes around the non-ASCII runs of raw,
// cut at ASCII bytes so that no multibyte sequence is split.
func nonASCIISample(raw []byte, max int) []byte {
	var out []byte
	i := 0
	for i < len(raw) && len(out) < max {
		if raw[i] < 0x80 {
			i++
			continue
		}
		start := i
		for start > 0 && i-start < 16 && raw[start-1] < 0x80 && raw[start-1] != '<' && raw[start-1] != '>' {
			start--
		}
		j := i
		for j < len(raw) && (raw[j] >= 0x80 || raw[j] >= 0x40 && j > 0 && raw[j-1] >= 0x80) {
			j++
		}
		end := j
		for end < len(raw) && end-j < 16 && raw[end] < 0x80 && raw[end] != '<' && raw[end] != '>' {
			end++
		}
		out = append(out, raw[start:end]...)
		out = append(out, '\n')
		i = end
	}
	return out
}

// plausibility scores a decoded sample: letters of a living script count
// for it, replacement characters, C1 controls and characters that real
// text almost never uses (half-width katakana, bare Hangul jamo, symbols
// from mis-decoded lead bytes) count against it. Scripts written with
// spaces between short words (Hangul) score fully only in short runs, which
// tells Korean from Chinese read with the wrong table.
func plausibility(s, name string) float64 {
	score := 0.0
	run := 0    // length of the current run of non-ASCII characters
	runCJK := 0 // CJK characters in it
	prevLetter := false
	endRun := func(nextLetter bool) {
		// A lone CJK character wedged into a Latin word ("pr黤t") is a
		// Latin letter read with a CJK table.
		if run == 1 && runCJK == 1 && (prevLetter || nextLetter) {
			score -= 4
		}
		run, runCJK = 0, 0
	}
	for _, r := range s {
		if r < 0x80 {
			isLetter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if run > 0 {
				endRun(isLetter)
			}
			prevLetter = isLetter
			continue
		}
		run++
		if r >= 0x2E80 {
			runCJK++
		}
		switch {
		case r == utf8.RuneError:
			score -= 20
		case r >= 0x80 && r < 0xA0:
			score -= 10
		case r >= 0xAC00 && r <= 0xD7A3:
			if run <= 8 {
				score += 2
			} else {
				score += 0.3
			}
			if !ksX1001Syllable(r) {
				score -= 2.5
			}
		case r >= 0x3040 && r <= 0x30FF:
			score += 2
		case r >= 0x4E00 && r <= 0x9FFF:
			score += 1
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
			score += 0.5
		case r >= 0xFF61 && r <= 0xFF9F:
			score -= 1
		case r >= 0x3130 && r <= 0x318F:
			score -= 1
		case r >= 0xE000 && r <= 0xF8FF, r >= 0x10000:
			score -= 3
		case unicode.IsLetter(r):
			if r < 0x0250 || r >= 0x0370 && r < 0x0530 {
				score += 0.9
			} else {
				score -= 0.5
			}
		case unicode.IsPunct(r):
		default:
			score -= 0.7
		}
	}
	if run > 0 {
		endRun(false)
	}
	return score
}

// ksX1001Syllable reports whether a Hangul syllable is one of the 2,350 in
// KS X 1001, the ones everyday Korean uses. Text in another encoding read as
// CP949 lands mostly on the rare syllables of its extension.
func ksX1001Syllable(r rune) bool {
	if v, ok := ksCache.Load(r); ok {
		return v.(bool)
	}
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	out, err := korean.EUCKR.NewEncoder().Bytes(buf[:n])
	ok := err == nil && len(out) == 2 && out[0] >= 0xB0 && out[0] <= 0xC8 && out[1] >= 0xA1
	ksCache.Store(r, ok)
	return ok
}

var ksCache sync.Map // rune → bool
