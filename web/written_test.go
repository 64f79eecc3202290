package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// renamedServer serves the test documents plus a 2015 article that calls
// the office by its name of the time and one whose organization's written
// name is markup.
func renamedServer(t *testing.T) *Server {
	t.Helper()
	const fcdo = "Foreign, Commonwealth and Development Office"
	docs := append(loadTestDocs(t),
		&corpus.Document{ID: "fco-2015", File: "fco.html", Title: "Embassy staff cut", Lang: "en", Source: "The Daily Ledger",
			Published:  time.Date(2015, 3, 2, 0, 0, 0, 0, time.UTC),
			Paragraphs: []string{"The Foreign and Commonwealth Office will cut embassy staff, the FCO said."},
			Entities: []corpus.Entity{
				{Kind: corpus.Organization, Name: fcdo, Mentions: []string{"Foreign and Commonwealth Office", "FCO"}, Count: 2},
			}},
		&corpus.Document{ID: "fcdo-2021", File: "fcdo.html", Title: "Embassy staff return", Lang: "en", Source: "The Daily Ledger",
			Published:  time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC),
			Paragraphs: []string{"The Foreign, Commonwealth and Development Office (FCDO) said embassy staff would return."},
			Entities: []corpus.Entity{
				{Kind: corpus.Organization, Name: fcdo, Mentions: []string{fcdo, "FCDO"}, Count: 2},
			}},
		&corpus.Document{ID: "markup", File: "markup.html", Title: "Embassy markup", Lang: "en", Source: "The Daily Ledger",
			Published:  time.Date(2021, 3, 3, 0, 0, 0, 0, time.UTC),
			Paragraphs: []string{"Embassy staff met <b>Acme & \"Sons\"</b>."},
			Entities: []corpus.Entity{
				{Kind: corpus.Organization, Name: "Acme Holdings", Mentions: []string{`<b>Acme & "Sons"</b>`}, Count: 1},
			}},
	)
	return serverOver(t, docs)
}

// TestRenamedOrganizationShown (issue 15, "organizations renamed over
// time"): where an article never writes an organization's canonical name,
// its result chip and its article page show the name it does write, filed
// under the canonical one, escaped; the facet and the JSON stay canonical.
func TestRenamedOrganizationShown(t *testing.T) {
	srv := renamedServer(t)
	w := get(t, srv, "/?q=embassy&sort=oldest")
	if w.Code != http.StatusOK {
		t.Fatalf("search page: status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		// The 2015 story's chip reads as the story does and filters by the office.
		`href="/?org=Foreign%2C%20Commonwealth%20and%20Development%20Office&amp;q=embassy&amp;sort=oldest" title="Filed under Foreign, Commonwealth and Development Office">Foreign and Commonwealth Office<span class="visually-hidden">, filed under Foreign, Commonwealth and Development Office</span></a>`,
		// The 2021 story writes the canonical name: its chip is that name.
		`>Foreign, Commonwealth and Development Office</a></li>`,
		// A written name is text, never markup.
		`title="Filed under Acme Holdings">&lt;b&gt;Acme &amp; &#34;Sons&#34;&lt;/b&gt;<span`,
		// One facet value for the office, counting both stories.
		`value="Foreign, Commonwealth and Development Office"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if strings.Contains(body, "<b>Acme") {
		t.Error("search page shows a written name unescaped")
	}

	res := decode[search.Result](t, get(t, srv, "/api/search?q=embassy&sort=oldest"))
	for _, h := range res.Hits {
		if h.ID == "fco-2015" && strings.Join(h.Organizations, "|") != "Foreign, Commonwealth and Development Office" {
			t.Errorf("JSON organizations of fco-2015 = %q, want the canonical name", h.Organizations)
		}
	}
	if raw := get(t, srv, "/api/search?q=embassy").Body.String(); strings.Contains(raw, "Foreign and Commonwealth Office") {
		t.Error("the JSON carries a written name; its organizations are canonical")
	}

	w = get(t, srv, "/documents/fco-2015")
	if w.Code != http.StatusOK {
		t.Fatalf("article page: status %d", w.Code)
	}
	body = w.Body.String()
	for _, want := range []string{
		`title="Filed under Foreign, Commonwealth and Development Office">Foreign and Commonwealth Office</a> <span class="mentions">2 mentions</span><span class="forms">filed under Foreign, Commonwealth and Development Office</span><span class="forms">also written “FCO”</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	body = get(t, srv, "/documents/fcdo-2021").Body.String()
	if strings.Contains(body, "filed under") || !strings.Contains(body, `>Foreign, Commonwealth and Development Office</a> <span class="mentions">2 mentions</span><span class="forms">also written “FCDO”</span>`) {
		t.Error("an article that writes the canonical name lists the office otherwise than by it")
	}
	body = get(t, srv, "/documents/markup").Body.String()
	if strings.Contains(body, "<b>Acme") || !strings.Contains(body, `>&lt;b&gt;Acme &amp; &#34;Sons&#34;&lt;/b&gt;</a>`) {
		t.Error("article page: the written name is not shown escaped")
	}
}
