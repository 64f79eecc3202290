package clean_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/indexer/clean"
)

func TestCleanRejects(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want error
		says string // the cause the message must give
	}{
		{"nil", nil, clean.ErrEmpty, "white space (0 bytes from https://example.com/a)"},
		{"spaces", []byte(" \n\t "), clean.ErrEmpty, "white space (4 bytes from https://example.com/a)"},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), clean.ErrNotHTML, "binary data: a NUL character"},
		{"gzip left compressed", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x00\x01"), clean.ErrNotHTML, "binary data: a NUL character"},
		{"plain text", []byte("Just a line of text, no markup at all."), clean.ErrNotHTML, "no markup"},
		{"no text", []byte("<html><head></head><body><script>x=1</script></body></html>"), clean.ErrNoContent, "no title and no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := clean.Clean(context.Background(), tt.raw, clean.Options{URL: "https://example.com/a"})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Clean = %v, %v; want error %v", doc, err, tt.want)
			}
			if doc != nil {
				t.Errorf("Clean returned a document with its error: %+v", doc)
			}
			if !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "https://example.com/a") {
				t.Errorf("error %q should give the cause %q and the input's URL", err, tt.says)
			}
		})
	}
}

// TestCleanHostilePages feeds pages built to hurt: nesting far beyond the
// parser's limit, a huge page, broken markup. Clean must answer (a
// document or a named error) without panicking.
func TestCleanHostilePages(t *testing.T) {
	para := "<p>" + strings.Repeat("Words of an article about networks and chips, ", 20) + "</p>\n"
	tests := []struct {
		name string
		raw  string
		want string // a text the body must hold
	}{
		{"200000 nested divs", strings.Repeat("<div>", 200000) + para + strings.Repeat("</div>", 200000), "Words of an article"},
		{"nested tables", strings.Repeat("<table><tr><td>", 3000) + para, "Words of an article"},
		{"8 MB page", "<html><body>" + strings.Repeat(para, 8<<20/len(para)) + "</body></html>", "Words of an article"},
		{"unclosed title", "<html><head><title>Broken page<body>" + para, "Words of an article"},
		{"unclosed comment", "<html><body>" + para + "<!-- never closed", "Words of an article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := clean.Clean(context.Background(), []byte(tt.raw), clean.Options{})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if !strings.Contains(doc.Body(), tt.want) {
				t.Errorf("body lacks %q; got %.200q", tt.want, doc.Body())
			}
		})
	}
}

func TestCleanCharsets(t *testing.T) {
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		want        string
	}{
		{"utf-8 BOM", append([]byte("\xEF\xBB\xBF"), []byte("<p>Café société, déjà vu.</p>")...), "", "Café société"},
		{"utf-16le BOM", utf16le("<p>Grüße aus München und Köln.</p>"), "", "Grüße aus München"},
		{"latin-1 declared in header", []byte("<p>Gr\xfc\xdfe aus M\xfcnchen und K\xf6ln.</p>"), "text/html; charset=iso-8859-1", "Grüße aus München"},
		{"latin-1 undeclared", []byte("<p>Gr\xfc\xdfe aus M\xfcnchen und K\xf6ln, sch\xf6ne Gr\xfc\xdfe.</p>"), "", "Grüße aus München"},
		{"stale declaration over UTF-8", []byte(`<meta charset="iso-8859-1"><p>한국어 문장입니다 and more words.</p>`), "", "한국어 문장입니다"},
		{"iso-2022-jp undeclared", []byte("<p>\x1b$B$3$s$K$A$O\x1b(B world and more words here.</p>"), "", "こんにちは"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := clean.Clean(context.Background(), tt.raw, clean.Options{ContentType: tt.contentType})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if !strings.Contains(doc.Body(), tt.want) {
				t.Errorf("body = %q, want it to hold %q", doc.Body(), tt.want)
			}
		})
	}
}

func utf16le(s string) []byte {
	var b bytes.Buffer
	b.WriteString("\xFF\xFE")
	for _, r := range s {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.Bytes()
}

// FuzzClean feeds arbitrary bytes: Clean recovers from panics, so the
// test fails on ErrInternal (a recovered panic is still a bug) and on a
// document returned with an error. The seeds run with every go test.
func FuzzClean(f *testing.F) {
	for _, seed := range []string{
		"<html><head><title>T</title></head><body><p>Some words, and more.</p></body></html>",
		"<title>unclosed<body><h1>Head line here</h1><p>Text of the article, with commas.</p>",
		`<script type="application/ld+json">{"@type":"NewsArticle","headline":{"@value":1},"datePublished":[],"publisher":"x"}</script><p>x</p>`,
		`<meta property="article:published_time" content="2023-13-45T99:99Z"><time datetime="20230231">x</time><p>1685527200</p>`,
		"<div class=\"comments\"><div class=\"comments\"><p>" + strings.Repeat("a, ", 50) + "</p></div></div>",
		"\xff\xfe<\x00p\x00>\x00",
		"<h1><span></span><span></span></h1><table><tr><td>2023年5月31日</td></tr></table>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := clean.Clean(context.Background(), raw, clean.Options{URL: "https://example.com/2023/05/31/x"})
		if errors.Is(err, clean.ErrInternal) {
			t.Fatalf("Clean(%q): %v", raw, err)
		}
		if err != nil && doc != nil {
			t.Fatalf("Clean(%q) returned a document with error %v", raw, err)
		}
	})
}

// TestCleanStopsWhenCancelled cleans a page of a few megabytes with a
// context that is done while it works: Clean must give up with an error
// that wraps the context's, well before it would have finished.
func TestCleanStopsWhenCancelled(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("<html><head><title>Long page</title></head><body><h1>Long</h1>")
	for i := 0; sb.Len() < 4<<20; i++ {
		fmt.Fprintf(&sb, `<div class="c%d"><p>Paragraph %d about spectrum auctions, dated 3 May 2021, with commas, clauses and words.</p></div>`, i, i)
	}
	sb.WriteString("</body></html>")
	page := []byte(sb.String())

	start := time.Now()
	if _, err := clean.Clean(context.Background(), page, clean.Options{}); err != nil {
		t.Fatalf("Clean without a deadline: %v", err)
	}
	full := time.Since(start)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := clean.Clean(ctx, page, clean.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Clean with a cancelled context = %v, want context.Canceled", err)
	}
	// A deadline in the middle of the work: the error says so, and the
	// cleaning did not run to its end (generous margin on a busy machine).
	ctx, cancel = context.WithTimeout(context.Background(), full/10)
	defer cancel()
	start = time.Now()
	_, err := clean.Clean(ctx, page, clean.Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Clean past its deadline = %v, want context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > full*3/4 {
		t.Logf("Clean past its deadline took %s of %s", took, full)
	}
}
