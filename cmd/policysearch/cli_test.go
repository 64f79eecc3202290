package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// capture swaps the command line's stdout and stderr for buffers.
func capture(t *testing.T) (out, errOut *bytes.Buffer) {
	t.Helper()
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	oldOut, oldErr := stdout, stderr
	stdout, stderr = out, errOut
	t.Cleanup(func() { stdout, stderr = oldOut, oldErr })
	return out, errOut
}

// TestHelpAndUsage (issue 16, command line): --help lists the commands with
// what each does and exits 0; COMMAND --help exits 0 and shows --flags; a
// wrong flag or command prints the error and one line pointing at --help.
func TestHelpAndUsage(t *testing.T) {
	t.Run("policysearch --help", func(t *testing.T) {
		out, _ := capture(t)
		if code := run([]string{"--help"}); code != 0 {
			t.Errorf("exit %d, want 0", code)
		}
		for _, c := range commands {
			if !regexp.MustCompile(`(?m)^  ` + c.name + ` +\S.{10,}$`).MatchString(out.String()) {
				t.Errorf("--help does not describe %s:\n%s", c.name, out)
			}
		}
	})
	for _, c := range commands {
		t.Run(c.name+" --help", func(t *testing.T) {
			out, errOut := capture(t)
			if code := run([]string{c.name, "--help"}); code != 0 {
				t.Errorf("exit %d, want 0; stderr %s", code, errOut)
			}
			help := out.String()
			if !strings.HasPrefix(help, "Usage: policysearch "+c.name) || !strings.Contains(help, "\n  --") {
				t.Errorf("help:\n%s", help)
			}
			if m := regexp.MustCompile(`(?m)^  -[a-z]`).FindString(help); m != "" {
				t.Errorf("a flag is shown with one dash: %q", m)
			}
		})
	}
	for _, tt := range []struct {
		args []string
		want []string // the lines of stderr
	}{
		{[]string{"serve", "--bogus"}, []string{"policysearch serve: unknown flag: --bogus", "Run 'policysearch serve --help' for its flags."}},
		{[]string{"search", "--size", "x", "kddi"}, []string{`policysearch search: invalid value "x" for flag --size: parse error`, "Run 'policysearch search --help' for its flags."}},
		{[]string{"index", "extra"}, []string{`policysearch index: unexpected argument "extra"`, "Run 'policysearch index --help' for its flags."}},
		{[]string{"serch"}, []string{`policysearch: unknown command "serch"`, "Run 'policysearch --help' for the commands."}},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut := capture(t)
			if code := run(tt.args); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if got := strings.Split(strings.TrimSpace(errOut.String()), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(tt.want, "\n"))
			}
			if out.Len() > 0 {
				t.Errorf("stdout: %s", out)
			}
		})
	}
	t.Run("no command", func(t *testing.T) {
		_, errOut := capture(t)
		if code := run(nil); code != 2 || !strings.Contains(errOut.String(), "Commands:") {
			t.Errorf("exit %d, stderr %s", code, errOut)
		}
	})
}

// TestServePortTaken: a busy port says how to choose another.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = serve(context.Background(), slog.New(slog.DiscardHandler), serveConfig{Addr: ln.Addr().String(), IndexDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "--addr") || !strings.Contains(err.Error(), "POLICYSEARCH_ADDR") {
		t.Errorf("serve on a taken port: %v; want it to name --addr and POLICYSEARCH_ADDR", err)
	}
}

// TestServeSaysWhyThereIsNoIndex: no index and no corpus is said on the
// page, in the API error and in the log, instead of "try again shortly";
// on a terminal the serving line is plain text.
func TestServeSaysWhyThereIsNoIndex(t *testing.T) {
	_, errOut := capture(t)
	old := plainTerminal
	plainTerminal = func() bool { return true }
	defer func() { plainTerminal = old }()
	var logBuf syncBuffer
	log := slog.New(slog.NewJSONHandler(&logBuf, nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	missing := filepath.Join(t.TempDir(), "no-corpus-here")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, log, serveConfig{IndexDir: filepath.Join(t.TempDir(), "index"), CorpusDir: missing, Listener: ln, Poll: 100 * time.Millisecond, ShutdownTimeout: 5 * time.Second})
	}()
	defer func() {
		cancel()
		<-done
	}()
	var apiErr string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + "/api/search?q=x")
		if err != nil {
			continue
		}
		var body struct{ Error string }
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable && strings.Contains(body.Error, "no-corpus-here") {
			apiErr = body.Error
			break
		}
	}
	if apiErr == "" || strings.Contains(apiErr, "try again shortly") || !strings.Contains(apiErr, "--corpus") {
		t.Errorf("API error = %q; want what failed and how to fix it", apiErr)
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "no-corpus-here") {
		t.Errorf("the page does not say what is wrong:\n%s", page)
	}
	if !strings.Contains(logBuf.String(), "first build failed") || !strings.Contains(logBuf.String(), "no-corpus-here") {
		t.Errorf("log:\n%s", logBuf.String())
	}
	if !regexp.MustCompile(`(?m)^serving http://127\.0\.0\.1:\d+ \(no index yet; building it from \S+no-corpus-here\)$`).MatchString(errOut.String()) {
		t.Errorf("terminal line: %q", errOut.String())
	}
}

// TestSearchNamesNoSuchOrganization: --org with a name nobody wrote says so
// and offers the nearest; another case of an indexed name just works.
func TestSearchNamesNoSuchOrganization(t *testing.T) {
	dir := t.TempDir()
	if _, err := indexer.Build(context.Background(), indexer.BuildConfig{CorpusDir: filepath.Join("..", "..", "corpus"), IndexDir: dir}); err != nil {
		t.Fatal(err)
	}
	err := searchCommand(context.Background(), io.Discard, searchConfig{IndexDir: dir, Request: search.Request{Query: "open", Orgs: []string{"Softbnak"}}})
	if err == nil || !strings.Contains(err.Error(), `no organization of that name is indexed; the nearest are "SoftBank"`) {
		t.Errorf("--org Softbnak: %v", err)
	}
	var out bytes.Buffer
	if err := searchCommand(context.Background(), &out, searchConfig{IndexDir: dir, JSON: true, Request: search.Request{Orgs: []string{"kddi"}}}); err != nil {
		t.Fatal(err)
	}
	var res search.Response
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Total == 0 {
		t.Errorf("--org kddi: %d results, %v", res.Total, err)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
