package blevesearch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
)

// writtenNames reads a document's stored entities (FieldEntities) into
// corpus.WrittenNames.
func writtenNames(entitiesJSON []byte) (map[string]string, error) {
	if len(entitiesJSON) == 0 {
		return nil, nil
	}
	ents, ok := parseEntities(entitiesJSON)
	if !ok {
		if err := json.Unmarshal(entitiesJSON, &ents); err != nil {
			return nil, fmt.Errorf("stored entities: %w", err)
		}
	}
	return corpus.WrittenNames(ents), nil
}

// parseEntities reads the stored entities the way the indexer writes them
// (json.Marshal of []corpus.Entity: no spaces, keys type, name, mentions,
// count) about ten times faster than encoding/json, which costs a good
// part of a page of hits. It gives up (false) on anything else — a
// backslash anywhere (an escaped character), another key, a space — and
// encoding/json reads those; the tests check both agree.
func parseEntities(b []byte) ([]corpus.Entity, bool) {
	if bytes.IndexByte(b, '\\') >= 0 {
		return nil, false
	}
	p := entityParser{b: b}
	if p.lit("null") {
		return nil, p.i == len(b)
	}
	if !p.byte('[') {
		return nil, false
	}
	ents := []corpus.Entity{}
	if p.byte(']') {
		return ents, p.i == len(b)
	}
	for {
		e, ok := p.entity()
		if !ok {
			return nil, false
		}
		ents = append(ents, e)
		if p.byte(']') {
			return ents, p.i == len(b)
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}

type entityParser struct {
	b []byte
	i int
}

func (p *entityParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *entityParser) lit(s string) bool {
	if bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.i += len(s)
		return true
	}
	return false
}

// str reads a string without escapes (there are none: parseEntities
// checked), in valid UTF-8 (encoding/json would replace bad bytes) and
// with no control character (JSON escapes them).
func (p *entityParser) str() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	j := bytes.IndexByte(p.b[p.i:], '"')
	if j < 0 {
		return "", false
	}
	s := p.b[p.i : p.i+j]
	for _, c := range s {
		if c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(s) {
		return "", false
	}
	p.i += j + 1
	return string(s), true
}

func (p *entityParser) entity() (corpus.Entity, bool) {
	var e corpus.Entity
	if !p.byte('{') {
		return e, false
	}
	if p.byte('}') {
		return e, true
	}
	for {
		key, ok := p.str()
		if !ok || !p.byte(':') {
			return e, false
		}
		switch key {
		case "type":
			v, ok := p.str()
			if !ok {
				return e, false
			}
			e.Kind = corpus.EntityKind(v)
		case "name":
			if e.Name, ok = p.str(); !ok {
				return e, false
			}
		case "mentions":
			if e.Mentions, ok = p.strings(); !ok {
				return e, false
			}
		case "count":
			j := p.i
			for j < len(p.b) && (p.b[j] == '-' || p.b[j] >= '0' && p.b[j] <= '9') {
				j++
			}
			digits := string(p.b[p.i:j])
			n, err := strconv.Atoi(digits)
			if err != nil || len(digits) > 1 && (digits[0] == '0' || digits[:2] == "-0") {
				return e, false // JSON has no leading zeros
			}
			e.Count, p.i = n, j
		default:
			return e, false
		}
		if p.byte('}') {
			return e, true
		}
		if !p.byte(',') {
			return e, false
		}
	}
}

// strings reads an array of strings, or null.
func (p *entityParser) strings() ([]string, bool) {
	if p.lit("null") {
		return nil, true
	}
	if !p.byte('[') {
		return nil, false
	}
	out := []string{}
	if p.byte(']') {
		return out, true
	}
	for {
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		out = append(out, s)
		if p.byte(']') {
			return out, true
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}
