package corpus

import (
	"strings"
	"time"
)

// EntityKind says what an Entity names.
type EntityKind string

// The kinds of entity policysearch recognises.
const (
	Organization EntityKind = "org"
	Place        EntityKind = "place"
	Person       EntityKind = "person"
)

// Entity is one organization, place or person an article mentions, under its
// canonical name, with the surface forms the article used for it.
type Entity struct {
	Kind EntityKind `json:"type"`
	// Name is the canonical name: the same for every spelling, acronym or
	// language ("MSIT" and "과학기술정보통신부" are "Ministry of Science and ICT").
	Name string `json:"name"`
	// Mentions are the distinct surface forms as written in the article.
	Mentions []string `json:"mentions"`
	// Count is how many times the entity is mentioned in all.
	Count int `json:"count,omitempty"`
}

// Document is one cleaned article.
type Document struct {
	// ID is stable across builds for the same file: derived from its path
	// relative to the corpus root.
	ID string `json:"id"`
	// File is the path relative to the corpus root (or as given on the command line).
	File string `json:"file"`
	// Hash is the hex SHA-256 of the raw file bytes, for incremental builds.
	Hash  string `json:"hash,omitempty"`
	URL   string `json:"url"`
	Title string `json:"title"`
	// Published is the publisher's own calendar day of publication, in its
	// local time, stored as midnight UTC of that day; zero when unknown.
	Published time.Time `json:"-"`
	Source    string    `json:"source"`
	// Lang is a BCP 47 base language code ("en", "ko", "ja"), or "" when unknown.
	Lang string `json:"lang"`
	// Paragraphs is the main text, one entry per paragraph, heading or list item.
	Paragraphs []string `json:"-"`
	Entities   []Entity `json:"entities"`
}

// DateLayout is how a publication day is written everywhere policysearch
// shows one: in JSON, URLs and the command line.
const DateLayout = "2006-01-02"

// PublishedDay returns the publication day as YYYY-MM-DD, or "" when unknown.
func (d *Document) PublishedDay() string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(DateLayout)
}

// Body is the main text with paragraphs separated by blank lines.
func (d *Document) Body() string {
	return strings.Join(d.Paragraphs, "\n\n")
}

// Names returns the canonical names of the entities of one kind, in the
// order the extractor reported them.
func (d *Document) Names(kind EntityKind) []string {
	var names []string
	for _, e := range d.Entities {
		if e.Kind == kind {
			names = append(names, e.Name)
		}
	}
	return names
}
