package indexer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// DefaultFileTimeout bounds the cleaning of one file. A page that takes
// longer is skipped (abandoned): the cleaner sees its context done and
// stops within microseconds, and the summary names the page.
const DefaultFileTimeout = 30 * time.Second

// Reasons a file is skipped. The summary groups files by these strings;
// some are followed by ": detail".
const (
	reasonUnreadable  = "unreadable"
	reasonNotRegular  = "not a regular file"
	reasonEmpty       = "empty file"
	reasonBinary      = "binary content"
	reasonCleanFailed = "cleaning failed"
	reasonTimeout     = "cleaning timed out"
	reasonPanic       = "cleaner crashed"
	reasonNoText      = "no text found"
)

// prepareBytes is the cleaning step; tests of the build machinery swap in a
// trivial one so they do not depend on (or wait for) the real cleaner.
var prepareBytes = PrepareBytes

// fileResult is what a worker hands the writer for one file.
type fileResult struct {
	rel, id string
	hash    string
	// doc is the cleaned document to write; nil when unchanged or skipped.
	doc       *corpus.Document
	unchanged bool
	skip      string // reason, "" unless skipped
	capped    bool   // only the first corpus.MaxArticleBytes were indexed
}

// processFile hashes one file and, unless its hash is baseHash, reads,
// checks and cleans it. It never panics and returns within about timeout.
func processFile(ctx context.Context, src corpus.Source, baseHash string, timeout time.Duration,
	prepare func(ctx context.Context, raw []byte, path, rel string) (*corpus.Document, error)) fileResult {
	r := fileResult{rel: src.Rel, id: corpus.DocumentID(src.Rel)}
	hash, size, err := hashFile(src.Path)
	if err != nil {
		if errors.Is(err, corpus.ErrNotRegular) {
			r.skip = reasonNotRegular
		} else {
			r.skip = reasonUnreadable + ": " + shortErr(err, src.Path)
		}
		return r
	}
	r.hash = hash
	if size == 0 {
		r.skip = reasonEmpty
		return r
	}
	if hash == baseHash {
		r.unchanged = true
		return r
	}
	raw, err := corpus.ReadFile(src.Path)
	if errors.Is(err, corpus.ErrTooLarge) {
		// Index the beginning: the headline and lead are there, and the cap
		// keeps the memory of a build bounded.
		r.capped = true
	} else if err != nil {
		r.skip = reasonUnreadable + ": " + shortErr(err, src.Path)
		return r
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		r.skip = reasonEmpty
		return r
	}
	if kind, ok := binaryKind(raw); ok {
		r.skip = reasonBinary + " (" + kind + ")"
		return r
	}
	doc, err := guard(ctx, timeout, func(ctx context.Context) (*corpus.Document, error) {
		return prepare(ctx, raw, src.Path, src.Rel)
	})
	switch {
	case errors.Is(err, errTimeout):
		r.skip = fmt.Sprintf("%s after %s", reasonTimeout, timeout)
		return r
	case errors.As(err, new(*panicError)):
		r.skip = reasonPanic + ": " + shortErr(err, src.Path)
		return r
	case err != nil:
		r.skip = reasonCleanFailed + ": " + shortErr(err, src.Path)
		return r
	case doc == nil || (strings.TrimSpace(doc.Title) == "" && strings.TrimSpace(doc.Body()) == ""):
		r.skip = reasonNoText
		return r
	}
	doc.ID, doc.File, doc.Hash = r.id, src.Rel, hash
	validUTF8(doc)
	r.doc = doc
	return r
}

// hashFile returns the hex SHA-256 of the bytes on disk (compressed bytes
// for .gz files), streaming so a huge file costs no memory.
func hashFile(path string) (string, int64, error) {
	// O_NONBLOCK: a FIFO named like an article must not hang the build.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", 0, err
	}
	if !info.Mode().IsRegular() {
		return "", 0, corpus.ErrNotRegular
	}
	h := sha256.New()
	// Through a reused buffer: io.Copy from an *os.File allocates 32 KB
	// per call, which at every file of a build was an eighth of all the
	// bytes a build allocates (and so of its collections).
	buf := hashBufs.Get().(*[]byte)
	n, err := io.CopyBuffer(h, onlyReader{f}, *buf)
	hashBufs.Put(buf)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// hashBufs holds the read buffers of hashFile.
var hashBufs = sync.Pool{New: func() any {
	b := make([]byte, 32<<10)
	return &b
}}

// onlyReader hides the file's WriteTo, with which io.CopyBuffer would
// ignore the buffer it is given.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// binaryKind reports content that is not a text page: a known binary
// signature, or many control bytes. Legacy encodings (EUC-KR, Shift_JIS,
// ISO-2022-JP) and UTF-16 with a BOM pass as text.
func binaryKind(raw []byte) (string, bool) {
	ct := http.DetectContentType(raw)
	if strings.HasPrefix(ct, "text/") {
		return "", false
	}
	if ct != "application/octet-stream" {
		return ct, true
	}
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	if ctrl*20 > len(head) { // over 5 %
		return "control bytes", true
	}
	return "", false
}

// shortErr makes an error fit one line of the summary: the path dropped
// (the summary lists it already), the first line only, at most 200 bytes.
func shortErr(err error, path string) string {
	s := err.Error()
	for _, p := range []string{"open " + path + ": ", "read " + path + ": ", "clean " + path + ": ", path + ": "} {
		s = strings.ReplaceAll(s, p, "")
	}
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "…"
	}
	return s
}

var errTimeout = errors.New("timed out")

// panicError is a recovered panic of the cleaner, with where it happened.
type panicError struct {
	value any
	at    string
}

func (e *panicError) Error() string {
	if e.at == "" {
		return fmt.Sprint(e.value)
	}
	return fmt.Sprintf("%v (at %s)", e.value, e.at)
}

// guard runs fn with a time limit and turns a panic into an error, so that
// one pathological page cannot stop or hang the build. fn's context is done
// when the limit passes, so that a cooperative fn (the cleaner) stops too.
func guard(ctx context.Context, timeout time.Duration, fn func(context.Context) (*corpus.Document, error)) (*corpus.Document, error) {
	type outcome struct {
		doc *corpus.Document
		err error
	}
	fctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ch := make(chan outcome, 1) // buffered: an abandoned run can still finish
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- outcome{err: &panicError{value: p, at: panicSite(debug.Stack())}}
			}
		}()
		d, err := fn(fctx)
		ch <- outcome{d, err}
	}()
	select {
	case o := <-ch:
		if o.err != nil && fctx.Err() != nil && ctx.Err() == nil {
			return nil, errTimeout // the cleaner gave up at the limit
		}
		return o.doc, o.err
	case <-fctx.Done():
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, errTimeout
	}
}

// panicSite finds the file and line that panicked in a stack trace: the
// frame right after runtime's panic function.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+3 < len(lines) {
			at := strings.TrimSpace(lines[i+3])
			if j := strings.LastIndex(at, " +0x"); j > 0 {
				at = at[:j]
			}
			return filepath.Base(at)
		}
	}
	return ""
}

// validUTF8 replaces invalid byte sequences a cleaner let through, so that
// stored text, snippets and JSON never carry broken characters.
func validUTF8(d *corpus.Document) {
	const bad = "\uFFFD"
	v := func(s *string) { *s = strings.ToValidUTF8(*s, bad) }
	v(&d.Title)
	v(&d.URL)
	v(&d.Source)
	v(&d.Lang)
	for i := range d.Paragraphs {
		v(&d.Paragraphs[i])
	}
	for i := range d.Entities {
		v(&d.Entities[i].Name)
		for j := range d.Entities[i].Mentions {
			v(&d.Entities[i].Mentions[j])
		}
	}
}

// PreparedFile is what preparing one corpus file gave: its cleaned
// document, or that it is unchanged, or why it was skipped.
type PreparedFile struct {
	// Doc is the document to write (ID, File and Hash set); nil when the
	// file is unchanged or skipped.
	Doc *corpus.Document
	// Hash is the content hash of the file's bytes on disk.
	Hash      string
	Unchanged bool
	// Skip is the reason the file was skipped, "" when it was not.
	Skip string
	// Capped: only the first corpus.MaxArticleBytes were indexed.
	Capped bool
}

// PrepareFile hashes, reads, checks and cleans one corpus file exactly as a
// build does, for a backend that writes documents elsewhere: unchanged when
// its hash is baseHash, skipped with a reason when it is empty, binary,
// unreadable, without text, or when its cleaning panics or outlasts timeout
// (DefaultFileTimeout when 0). It never panics.
func PrepareFile(ctx context.Context, src corpus.Source, baseHash string, timeout time.Duration) PreparedFile {
	if timeout <= 0 {
		timeout = DefaultFileTimeout
	}
	r := processFile(ctx, src, baseHash, timeout, prepareBytes)
	return PreparedFile{Doc: r.doc, Hash: r.hash, Unchanged: r.unchanged, Skip: r.skip, Capped: r.capped}
}
