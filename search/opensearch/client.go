// Package opensearch is the search backend for archives that outgrow one
// machine: the same Request and Result as the embedded bleve index, answered
// by an OpenSearch cluster through the official Go client. It writes an index
// per build with the bulk API and switches an alias atomically (Build), and
// answers searches by translating the parsed query into the query DSL
// (Searcher) — never by passing the user's text through as a query string.
package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/opensearch-project/opensearch-go/v4"

	"github.com/policysearch/policysearch/search"
)

// DefaultAlias is the alias searches read and builds switch.
const DefaultAlias = "policysearch"

// Client talks to one cluster. It is safe for concurrent use.
type Client struct {
	os *opensearch.Client
}

// requestTimeout bounds one HTTP round trip, so that a node that accepts a
// connection and then hangs gives an error instead of a stuck request.
const requestTimeout = 60 * time.Second

// NewClient returns a client for the cluster at urls (comma-separated node
// addresses, e.g. "http://127.0.0.1:9200,http://127.0.0.1:9201"); the client
// spreads requests over them and retries another node when one is down.
func NewClient(urls string) (*Client, error) {
	var addrs []string
	for _, u := range strings.Split(urls, ",") {
		if u = strings.TrimSpace(u); u != "" {
			addrs = append(addrs, strings.TrimRight(u, "/"))
		}
	}
	if len(addrs) == 0 {
		return nil, errors.New("opensearch: no cluster address; set --opensearch-url or POLICYSEARCH_OPENSEARCH_URL")
	}
	c, err := opensearch.NewClient(opensearch.Config{
		Addresses:      addrs,
		RequestTimeout: requestTimeout,
		MaxRetries:     len(addrs) + 1,
		// A health check per node before the first request would only
		// delay the error a person sees when the cluster is down.
		HealthCheckMaxRetries: -1,
	})
	if err != nil {
		return nil, fmt.Errorf("opensearch client for %s: %w", urls, err)
	}
	return &Client{os: c}, nil
}

// httpError is an answer of the cluster with an error status.
type httpError struct {
	Status int
	Type   string // OpenSearch's error type, e.g. index_not_found_exception
	Reason string
}

func (e *httpError) Error() string {
	if e.Type == "" {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return fmt.Sprintf("HTTP %d: %s: %s", e.Status, e.Type, e.Reason)
}

// do sends one request with a JSON body (nil: none; a []byte is sent as is,
// for bulk's NDJSON) and decodes the answer into out (nil: discard). Errors
// are classified once here: no answer, 429 and 5xx wrap
// search.ErrUnavailable; other error statuses are an *httpError.
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
		contentType = "application/x-ndjson"
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return fmt.Errorf("%s %s: encode request: %w", method, path, err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.os.Stream(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s %s: %w", method, path, ctx.Err())
		}
		return fmt.Errorf("%s %s: %w: %w", method, path, search.ErrUnavailable, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: read answer: %w: %w", method, path, search.ErrUnavailable, err)
	}
	if resp.StatusCode >= 300 {
		he := &httpError{Status: resp.StatusCode}
		var e struct {
			Error json.RawMessage `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && len(e.Error) > 0 {
			var detail struct {
				Type      string `json:"type"`
				Reason    string `json:"reason"`
				RootCause []struct {
					Type   string `json:"type"`
					Reason string `json:"reason"`
				} `json:"root_cause"`
			}
			if json.Unmarshal(e.Error, &detail) == nil {
				he.Type, he.Reason = detail.Type, detail.Reason
				if len(detail.RootCause) > 0 && detail.RootCause[0].Reason != "" {
					he.Reason = detail.RootCause[0].Type + ": " + detail.RootCause[0].Reason
				}
			} else {
				he.Reason = string(e.Error)
			}
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			return fmt.Errorf("%s %s: %w: %w", method, path, search.ErrUnavailable, he)
		}
		return fmt.Errorf("%s %s: %w", method, path, he)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s %s: decode answer: %w", method, path, err)
	}
	return nil
}

// statusOf returns the HTTP status of an error from do, 0 when the cluster
// gave none.
func statusOf(err error) (int, string) {
	var he *httpError
	if errors.As(err, &he) {
		return he.Status, he.Type
	}
	return 0, ""
}

// Health is the cluster's state as _cluster/health reports it.
type Health struct {
	Status string `json:"status"` // green, yellow or red
	Nodes  int    `json:"number_of_nodes"`
}

// Health reports the cluster's health, waiting up to wait for it to turn at
// least yellow. A red cluster or no answer wraps search.ErrUnavailable.
func (c *Client) Health(ctx context.Context, wait time.Duration) (*Health, error) {
	var h Health
	path := fmt.Sprintf("/_cluster/health?wait_for_status=yellow&timeout=%dms", wait.Milliseconds())
	if err := c.do(ctx, http.MethodGet, path, nil, &h); err != nil {
		return nil, fmt.Errorf("cluster health: %w", err)
	}
	if h.Status == "red" {
		return &h, fmt.Errorf("cluster health: %w: the cluster is red (a primary shard is unassigned)", search.ErrUnavailable)
	}
	return &h, nil
}
