package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestServeBuildsThenServesThenStops runs serve on an empty index folder: it
// answers 503 until its first build is live, then serves the articles, and
// returns cleanly when its context is cancelled (as on SIGINT).
func TestServeBuildsThenServesThenStops(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	os.MkdirAll(corpusDir, 0o755)
	pages := map[string]string{
		"a.html": `<!doctype html><html lang="en"><head><title>Harbour cranes get new cyber rules</title>
<meta property="article:published_time" content="2023-04-02"></head><body><article><h1>Harbour cranes get new cyber rules</h1>
<p>Port operators must now report cyber incidents involving harbour cranes within a day.</p></article></body></html>`,
		"b.html": `<!doctype html><html lang="en"><head><title>Fibre grants reach island towns</title>
<meta property="article:published_time" content="2023-05-09"></head><body><article><h1>Fibre grants reach island towns</h1>
<p>Island towns will receive fibre grants under a new rural broadband programme.</p></article></body></html>`,
	}
	for name, body := range pages {
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, slog.New(slog.DiscardHandler), serveConfig{
			IndexDir: filepath.Join(dir, "index"), CorpusDir: corpusDir, Listener: ln,
			Poll: 100 * time.Millisecond, ShutdownTimeout: 5 * time.Second,
		})
	}()

	// The first build runs in the background; healthz is 503 until it is live.
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("healthz while building: %d", resp.StatusCode)
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the first build never went live")
		}
		time.Sleep(50 * time.Millisecond)
	}

	resp, err := http.Get(base + "/api/search?q=cranes")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Title string `json:"title"`
		} `json:"hits"`
	}
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if res.Total != 1 || res.Hits[0].Title != "Harbour cranes get new cyber rules" {
		t.Errorf("search for cranes: %+v", res)
	}
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), "policysearch_index_documents 2") || !strings.Contains(string(metrics), "policysearch_index_last_build_success 1") {
		t.Errorf("metrics do not show the build:\n%s", metrics)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}

// TestServedHosts: the names serve answers to and the base of its links
// come from its configuration.
func TestServedHosts(t *testing.T) {
	bound := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	tests := []struct {
		addr, public string
		extra        []string
		wantHost     string // must be among the hosts
		wantBase     string
	}{
		{"localhost:8080", "", nil, "localhost", "http://localhost:8080"},
		{"search.lan:8080", "", nil, "search.lan", "http://search.lan:8080"},
		{"192.0.2.7:8080", "", []string{"news.lan"}, "news.lan", "http://192.0.2.7:8080"},
		{":8080", "", nil, "127.0.0.1", "http://localhost:8080"},
		{"0.0.0.0:8080", "https://news.example", nil, "localhost", "https://news.example"},
	}
	for _, tt := range tests {
		hosts, base := servedHosts(tt.addr, bound, tt.extra, tt.public)
		if !slices.Contains(hosts, tt.wantHost) || base != tt.wantBase {
			t.Errorf("servedHosts(%q, %v, %q) = %v, %q; want %q among them and %q", tt.addr, tt.extra, tt.public, hosts, base, tt.wantHost, tt.wantBase)
		}
		if slices.Contains(hosts, "0.0.0.0") || slices.Contains(hosts, "") {
			t.Errorf("servedHosts(%q) accepts the wildcard address as a name: %v", tt.addr, hosts)
		}
	}
}
