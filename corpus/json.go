package corpus

// DocumentJSON is the one JSON shape of a document, shared by
// `policysearch extract --json` (without the id: a file's id depends on the
// corpus root it is indexed from) and /api/documents/{id}. Lists are [],
// never null, down to each entity's mentions.
type DocumentJSON struct {
	ID            string       `json:"id,omitempty"`
	File          string       `json:"file"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	Published     string       `json:"published"` // YYYY-MM-DD or ""
	Source        string       `json:"source"`
	Lang          string       `json:"lang"`
	Body          string       `json:"body"`
	Organizations []string     `json:"organizations"` // canonical names
	Places        []string     `json:"places"`
	People        []string     `json:"people"`
	Entities      []EntityJSON `json:"entities"`
}

// EntityJSON is one entity in DocumentJSON: its kind, canonical name and
// the surface forms the article used.
type EntityJSON struct {
	Type     EntityKind `json:"type"`
	Name     string     `json:"name"`
	Mentions []string   `json:"mentions"`
}

// JSON returns d in its JSON shape, id included.
func (d *Document) JSON() DocumentJSON {
	out := DocumentJSON{
		ID: d.ID, File: d.File, URL: d.URL, Title: d.Title, Published: d.PublishedDay(),
		Source: d.Source, Lang: d.Lang, Body: d.Body(),
		Organizations: nonNil(d.Names(Organization)),
		Places:        nonNil(d.Names(Place)),
		People:        nonNil(d.Names(Person)),
		Entities:      make([]EntityJSON, 0, len(d.Entities)),
	}
	for _, e := range d.Entities {
		out.Entities = append(out.Entities, EntityJSON{Type: e.Kind, Name: e.Name, Mentions: nonNil(e.Mentions)})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
