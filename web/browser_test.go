package web

// Browser tests: the page as a person uses it, in headless Chromium driven by
// chromedp, over a real in-memory index. One browser is started for the
// whole test binary and each test opens its own tab.
//
// They skip when no Chromium is installed, unless CI is set: in CI a missing
// browser is a failure, so that the tests cannot silently stop running.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

var screenshots = flag.Bool("screenshots", false, "TestScreenshots rewrites docs/screenshots/*.png")

// failedShots is where a failing browser test leaves a picture of its tab.
const failedShots = "testdata/screenshots-failed"

var browser struct {
	once    sync.Once
	ctx     context.Context
	cancel  func()
	dataDir string
	err     error
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
		os.RemoveAll(browser.dataDir)
	}
	os.Exit(code)
}

// chromiumPath finds the browser: $CHROMIUM, else the usual names on PATH.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser returns the shared browser's context, starting it once.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but no Chromium was found: install it (apt-get install -y chromium) or set CHROMIUM")
		}
		t.Skip("no Chromium found (apt-get install -y chromium, or set CHROMIUM=/path); skipping browser tests")
	}
	browser.once.Do(func() {
		dir, err := os.MkdirTemp("", "policysearch-chromium-")
		if err != nil {
			browser.err = err
			return
		}
		browser.dataDir = dir
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.UserDataDir(dir),
		)
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, bcancel := chromedp.NewContext(actx)
		browser.ctx = bctx
		browser.cancel = func() { bcancel(); acancel() }
		// The first Do starts the browser; it must not carry a timeout.
		browser.err = chromedp.Do(bctx)
	})
	if browser.err != nil {
		t.Fatalf("start %s: %v", path, browser.err)
	}
	return browser.ctx
}

// tab is one browser tab on a test server.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
}

type tabOptions struct {
	width, height int64
	noJS          bool
}

var desktop = tabOptions{width: 1280, height: 900}
var phone = tabOptions{width: 375, height: 812}

func newTab(t *testing.T, base string, o tabOptions) *tab {
	t.Helper()
	bctx := startBrowser(t)
	tctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	var steps []chromedp.Action[chromedp.Void]
	steps = append(steps, chromedp.EmulateViewport(o.width, o.height))
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("viewport: %v", err)
	}
	if o.noJS {
		if _, err := chromedp.Call(tctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("disable JavaScript: %v", err)
		}
	}
	// Registered after cancel, so it runs before it: the tab is still open.
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		sctx, scancel := context.WithTimeout(tctx, 10*time.Second)
		defer scancel()
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(90))
		if err != nil {
			t.Logf("screenshot of the failure: %v", err)
			return
		}
		name := regexp.MustCompile(`[^A-Za-z0-9_-]+`).ReplaceAllString(t.Name(), "_") + ".jpg"
		os.MkdirAll(failedShots, 0o755)
		p := filepath.Join(failedShots, name)
		if err := os.WriteFile(p, png, 0o644); err == nil {
			t.Logf("screenshot of the failure: %s", p)
		}
	})
	return &tab{t: t, ctx: tctx, base: base}
}

// stepTimeout bounds one browser step, so that a hung page fails the test
// instead of the whole run. It bounds each step rather than the whole tab,
// so that a slow, loaded CI machine only has to be quick enough per step.
const stepTimeout = time.Minute

// step returns a context for one browser call on the tab.
func (b *tab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, stepTimeout)
}

func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location())
	}
}

func (b *tab) location() string {
	ctx, cancel := b.step()
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	return loc
}

func (b *tab) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path))
}

func eval[T any](b *tab, expr string) T {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	// Awaiting a value that is not a promise simply returns it.
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v (at %s)", expr, err, b.location())
	}
	return v
}

// waitFor polls a JavaScript condition from Go, which works with the page's
// own scripts disabled too.
func (b *tab) waitFor(cond string) {
	b.t.Helper()
	// Generous, for a loaded CI machine: it only costs time when the
	// condition never comes true, and then the test fails anyway.
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := b.step()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("waiting for %s: gave up (at %s, last error %v)", cond, b.location(), err)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// navigate clicks something that loads a new page and waits for it.
func (b *tab) navigate(css string) {
	b.t.Helper()
	before := eval[float64](b, `performance.timeOrigin`)
	b.do("click "+css, chromedp.Click(chromedp.CSS(css)))
	b.waitFor(`performance.timeOrigin != ` + strconv.FormatFloat(before, 'f', -1, 64) + ` && document.readyState == "complete"`)
}

func (b *tab) click(css string) {
	b.t.Helper()
	b.do("click "+css, chromedp.Click(chromedp.CSS(css)))
}

func (b *tab) count() string {
	return eval[string](b, `(document.querySelector("#count strong") || {}).textContent || "0"`)
}

// params returns the page's URL parameters.
func (b *tab) params() url.Values {
	v, _ := url.ParseQuery(strings.TrimPrefix(eval[string](b, `location.search`), "?"))
	return v
}

func (b *tab) noHorizontalScroll(what string) {
	b.t.Helper()
	sw := eval[float64](b, `document.documentElement.scrollWidth`)
	iw := eval[float64](b, `window.innerWidth`)
	if sw > iw {
		b.t.Errorf("%s: page scrolls sideways (scrollWidth %v > innerWidth %v)", what, sw, iw)
	}
}

// apiTotal asks the API how many articles a search matches, to compare
// with what the page shows.
func apiTotal(t *testing.T, base, query string) string {
	t.Helper()
	resp, err := http.Get(base + "/api/search?" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct{ Total uint64 }
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatUint(r.Total, 10)
}

func startTestHTTP(t *testing.T) string {
	t.Helper()
	ts := httptest.NewServer(newTestServer(t, Options{}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func TestBrowserWithJavaScript(t *testing.T) {
	base := startTestHTTP(t)
	b := newTab(t, base, desktop)

	b.open("/")
	b.waitFor(`document.documentElement.classList.contains("js")`)
	if got := b.count(); got != "13" {
		t.Fatalf("landing page count = %s, want 13", got)
	}

	t.Run("instant results as you type", func(t *testing.T) {
		b.t = t
		hist := eval[float64](b, `history.length`)
		b.do("type", chromedp.SendKeys(chromedp.CSS("#q"), `"Open RAN"`))
		b.waitFor(`location.search == "?q=%22Open+RAN%22"`)
		want := apiTotal(t, base, "q=%22Open+RAN%22")
		b.waitFor(`(document.querySelector("#count strong")||{}).textContent == "` + want + `"`)
		if got := eval[float64](b, `history.length`); got != hist {
			t.Errorf("typing added history entries (%v → %v); it should replace the state", hist, got)
		}
		if eval[string](b, `document.activeElement.id`) != "q" {
			t.Error("the search box lost focus while results updated")
		}
	})

	t.Run("tick and untick facets", func(t *testing.T) {
		b.t = t
		b.click(`input[name=org][value="KDDI"]`)
		b.waitFor(`new URLSearchParams(location.search).getAll("org").join() == "KDDI"`)
		b.waitFor(`document.querySelector('input[name=org][value="KDDI"]').checked`)
		if got, want := b.count(), apiTotal(t, base, "q=%22Open+RAN%22&org=KDDI"); got != want {
			t.Errorf("count with KDDI = %s, want %s", got, want)
		}
		b.click(`input[name=org][value="SoftBank"]`)
		b.waitFor(`new URLSearchParams(location.search).getAll("org").join() == "KDDI,SoftBank"`)
		if got, want := b.count(), apiTotal(t, base, "q=%22Open+RAN%22&org=KDDI&org=SoftBank"); got != want {
			t.Errorf("count with KDDI or SoftBank = %s, want %s", got, want)
		}
		if eval[int](b, `document.querySelectorAll(".active .chip").length`) != 2 {
			t.Error("two ticked organizations should show two chips")
		}
		b.click(`input[name=org][value="KDDI"]`)
		b.waitFor(`new URLSearchParams(location.search).getAll("org").join() == "SoftBank"`)
		b.waitFor(`!document.querySelector('input[name=org][value="KDDI"]').checked`)

		b.do("back", chromedp.NavigateBack())
		b.waitFor(`new URLSearchParams(location.search).getAll("org").join() == "KDDI,SoftBank"`)
		b.waitFor(`document.querySelectorAll(".active .chip").length == 2`)

		b.click(`a.clear`)
		b.waitFor(`!location.search.includes("org=")`)
		if got, want := b.count(), apiTotal(t, base, "q=%22Open+RAN%22"); got != want {
			t.Errorf("count after clear all = %s, want %s", got, want)
		}
	})

	t.Run("histogram bar narrows the dates", func(t *testing.T) {
		b.t = t
		b.open("/")
		b.waitFor(`document.querySelector(".bar-link")`)
		label := eval[string](b, `document.querySelector(".bar-link").getAttribute("aria-label")`)
		b.click(`.bar-link .bar-hit`)
		b.waitFor(`location.search.includes("from=") && location.search.includes("to=")`)
		want := regexp.MustCompile(`: (\d+) article`).FindStringSubmatch(label)
		if want == nil {
			t.Fatalf("bar label %q has no count", label)
		}
		b.waitFor(`(document.querySelector("#count strong")||{}).textContent == "` + want[1] + `"`)
		b.click(`.active a.chip`)
		b.waitFor(`!location.search.includes("from=")`)
	})

	t.Run("sort and page keep the filters", func(t *testing.T) {
		b.t = t
		b.open("/?place=Japan")
		b.do("sort newest", chromedp.Evaluate[chromedp.Void](`(function(){var s=document.getElementById("sort"); s.value="newest"; s.dispatchEvent(new Event("change", {bubbles:true}));})()`))
		b.waitFor(`location.search.includes("sort=newest")`)
		b.waitFor(`document.querySelector(".hit time") && document.querySelector(".hit time").textContent == "2024-01-22"`)
		b.open("/?sort=oldest&place=South%20Korea&size=3")
		b.click(`a[rel=next]`)
		b.waitFor(`new URLSearchParams(location.search).get("page") == "2"`)
		p := b.params()
		if p.Get("sort") != "oldest" || p.Get("place") != "South Korea" || p.Get("size") != "3" {
			t.Errorf("page 2 lost a filter: %v", p)
		}
		b.waitFor(`document.querySelector("ol.hits").getAttribute("start") == "4"`)
	})

	t.Run("slash focuses the search box", func(t *testing.T) {
		b.t = t
		b.open("/")
		b.do("blur", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
		// One keyDown carrying the text, as a real keyboard sends it, so that
		// the page's preventDefault also stops the character (chromedp's
		// KeyEvent sends a separate char event that nothing can cancel).
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text = "/"
			}
			ctx, cancel := b.step()
			_, err := chromedp.Call(ctx, input.DispatchKeyEvent, p)
			cancel()
			if err != nil {
				t.Fatalf("press /: %v", err)
			}
		}
		b.waitFor(`document.activeElement && document.activeElement.id == "q"`)
		if v := eval[string](b, `document.getElementById("q").value`); v != "" {
			t.Errorf("the slash was typed into the box: %q", v)
		}
	})

	t.Run("keyboard ticks a facet and keeps focus", func(t *testing.T) {
		b.t = t
		b.open("/")
		b.do("focus Japan", chromedp.Focus(chromedp.CSS(`input[name=place][value="Japan"]`)))
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: " ", Code: "Space", WindowsVirtualKeyCode: 32}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text = " "
			}
			ctx, cancel := b.step()
			_, err := chromedp.Call(ctx, input.DispatchKeyEvent, p)
			cancel()
			if err != nil {
				t.Fatalf("press space: %v", err)
			}
		}
		b.waitFor(`new URLSearchParams(location.search).get("place") == "Japan"`)
		b.waitFor(`document.activeElement && document.activeElement.name == "place" && document.activeElement.value == "Japan" && document.activeElement.checked`)
	})

	t.Run("type-ahead inside a long facet list", func(t *testing.T) {
		b.t = t
		b.open("/")
		b.waitFor(`document.querySelector("#facet-org .facet-find") && !document.querySelector("#facet-org .facet-find").hidden`)
		b.do("type in facet", chromedp.SendKeys(chromedp.CSS("#facet-org-find"), "toy"))
		b.waitFor(`document.querySelector("#facet-org-found a")`)
		if got := eval[string](b, `document.querySelector("#facet-org-found a").textContent`); got != "Toyota1" {
			t.Errorf("type-ahead offered %q, want Toyota with count 1", got)
		}
		b.click(`#facet-org-found a`)
		b.waitFor(`new URLSearchParams(location.search).get("org") == "Toyota"`)
		b.waitFor(`(document.querySelector("#count strong")||{}).textContent == "1"`)
	})

	t.Run("export the results", func(t *testing.T) {
		b.t = t
		b.open("/?org=KDDI")
		csv := eval[string](b, `fetch(document.querySelector('a[href^="/export.csv"]').href).then(r => r.text())`)
		if !strings.HasPrefix(csv, "id,title,url,source,published") || strings.Count(csv, "\n") != 5 {
			t.Errorf("CSV export:\n%s", csv)
		}
		js := eval[string](b, `fetch(document.querySelector('a[href^="/export.json"]').href).then(r => r.json()).then(j => String(j.count))`)
		if js != "4" {
			t.Errorf("JSON export count = %s, want 4", js)
		}
	})

	t.Run("markup in articles stays text", func(t *testing.T) {
		b.t = t
		b.open("/?q=alert")
		if n := eval[int](b, `document.scripts.length`); n != 1 {
			t.Errorf("%d script elements on the page, want only ours", n)
		}
		if got := eval[string](b, `document.querySelector(".hit-title").textContent.trim()`); got != "Chips <b>bold</b> & export rules" {
			t.Errorf("title shows as %q", got)
		}
		if eval[int](b, `document.querySelectorAll(".hit-title b, .snippet script, .chips i").length`) != 0 {
			t.Error("article markup became elements")
		}
		if eval[int](b, `document.querySelectorAll(".snippet mark").length`) == 0 {
			t.Error("no highlighted match in the snippet")
		}
	})

	t.Run("open an article", func(t *testing.T) {
		b.t = t
		b.open("/?q=%22Open%20RAN%20security%22")
		title := eval[string](b, `document.querySelector(".hit-title").textContent.trim()`)
		b.navigate(`.hit-title a`)
		if !strings.HasPrefix(eval[string](b, `location.pathname`), "/documents/") {
			t.Fatalf("not on an article page: %s", b.location())
		}
		if got := eval[string](b, `document.querySelector("h1").textContent`); got != title {
			t.Errorf("article h1 = %q, want %q", got, title)
		}
		if eval[int](b, `document.querySelectorAll(".related li").length`) == 0 {
			t.Error("no related articles")
		}
		b.navigate(`.back a`)
		if got := eval[string](b, `location.search`); got != "?q=%22Open%20RAN%20security%22" {
			t.Errorf("back link returned to %q", got)
		}
	})
}

func TestBrowserWithoutJavaScript(t *testing.T) {
	base := startTestHTTP(t)
	b := newTab(t, base, tabOptions{width: 1280, height: 900, noJS: true})

	b.open("/")
	if eval[bool](b, `document.documentElement.classList.contains("js")`) {
		t.Fatal("scripts ran although JavaScript is disabled")
	}
	if eval[string](b, `getComputedStyle(document.querySelector(".apply")).display`) == "none" {
		t.Error("the Apply button is hidden without JavaScript")
	}

	b.do("type", chromedp.SetValue(chromedp.CSS("#q"), `"Open RAN"`))
	b.navigate(`#sf button[type=submit]`)
	if got, want := b.count(), apiTotal(t, base, "q=%22Open+RAN%22"); got != want {
		t.Errorf("count = %s, want %s", got, want)
	}

	// Tick two organizations, then apply: both are OR-ed.
	b.click(`input[name=org][value="KDDI"]`)
	b.click(`input[name=org][value="SoftBank"]`)
	b.navigate(`.apply`)
	if got := b.params()["org"]; strings.Join(got, ",") != "KDDI,SoftBank" {
		t.Errorf("org filters after apply = %v", got)
	}
	if got, want := b.count(), apiTotal(t, base, "q=%22Open+RAN%22&org=KDDI&org=SoftBank"); got != want {
		t.Errorf("count = %s, want %s", got, want)
	}
	// Untick by removing the chip.
	b.navigate(`.active a.chip[href*="org=SoftBank"]`)
	if got := b.params()["org"]; strings.Join(got, ",") != "SoftBank" {
		t.Errorf("org filters after removing KDDI = %v", got)
	}
	// Untick with the checkbox and apply.
	b.click(`input[name=org][value="SoftBank"]`)
	b.navigate(`.apply`)
	if _, ok := b.params()["org"]; ok {
		t.Errorf("unticked organization still filters: %v", b.params())
	}

	b.navigate(`.bar-link .bar-hit`)
	if p := b.params(); p.Get("from") == "" || p.Get("to") == "" || p.Get("q") != `"Open RAN"` {
		t.Errorf("histogram bar gave %v", p)
	}

	b.open("/?place=Japan")
	b.do("choose newest", chromedp.SetValue(chromedp.CSS("#sort"), "newest"))
	b.navigate(`.apply-sort`)
	if b.params().Get("sort") != "newest" || b.params().Get("place") != "Japan" {
		t.Errorf("sort lost something: %v", b.params())
	}

	b.open("/?sort=oldest&place=South%20Korea&size=3")
	b.navigate(`a[rel=next]`)
	if p := b.params(); p.Get("page") != "2" || p.Get("sort") != "oldest" || p.Get("place") != "South Korea" {
		t.Errorf("page 2: %v", p)
	}

	b.navigate(`.hit-title a`)
	if !strings.HasPrefix(eval[string](b, `location.pathname`), "/documents/") || eval[string](b, `document.querySelector("h1").textContent`) == "" {
		t.Errorf("article page did not open: %s", b.location())
	}
}

// TestBrowserLayout: no sideways scrolling on a phone or a desktop, with and
// without JavaScript, on every kind of page.
func TestBrowserLayout(t *testing.T) {
	base := startTestHTTP(t)
	pages := []string{
		"/",
		"/?q=chips&place=South%20Korea&org=Samsung%20Electronics&from=2022-01-01&to=2023-12-31",
		"/?q=nothing-matches-this",
		"/documents/mic-5g",
		"/documents/msit-datacenter",
		"/documents/openran-visit",
		"/?from=not-a-date",
	}
	for _, o := range []struct {
		name string
		opts tabOptions
	}{
		{"phone", phone},
		{"phone-nojs", tabOptions{width: 375, height: 812, noJS: true}},
		{"desktop", desktop},
	} {
		t.Run(o.name, func(t *testing.T) {
			b := newTab(t, base, o.opts)
			for _, p := range pages {
				b.open(p)
				b.noHorizontalScroll(p)
			}
			if o.opts.width < 500 && !o.opts.noJS {
				b.open("/")
				if eval[bool](b, `document.querySelector(".filters-box").open`) {
					t.Error("filters are not folded on a phone")
				}
			}
		})
	}
}

// TestScreenshots refreshes docs/screenshots/*.png:
//
//	go test ./web -run TestScreenshots -screenshots
//
// It uses the demo corpus when it is there, so the pictures show real pages.
func TestScreenshots(t *testing.T) {
	if !*screenshots {
		t.Skip("run with -screenshots to refresh docs/screenshots")
	}
	docs, err := demoDocs(context.Background(), filepath.Join("..", "corpus"))
	if err != nil || len(docs) == 0 {
		t.Logf("demo corpus not usable (%v); using the test documents", err)
		docs = loadTestDocs(t)
	}
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(search.NewIndexSearcher(idx), Options{}))
	defer ts.Close()

	out := filepath.Join("..", "docs", "screenshots")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	query := "/?q=%22Open%20RAN%22&org=KDDI"
	for _, shot := range []struct {
		name string
		opts tabOptions
	}{
		{"desktop", desktop},
		{"phone", phone},
	} {
		b := newTab(t, ts.URL, shot.opts)
		b.open(query)
		b.waitFor(`document.documentElement.classList.contains("js")`)
		save(t, b, filepath.Join(out, "search-"+shot.name+".png"))
		b.navigate(`.hit-title a`)
		save(t, b, filepath.Join(out, "article-"+shot.name+".png"))
	}
}

func save(t *testing.T, b *tab, path string) {
	t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// demoDocs prepares every article of the demo corpus, as a build would.
func demoDocs(ctx context.Context, root string) ([]*corpus.Document, error) {
	if _, err := os.Stat(root); err != nil {
		return nil, err
	}
	var docs []*corpus.Document
	var errs []error
	err := corpus.Walk(ctx, root, func(src corpus.Source) error {
		d, err := indexer.Prepare(ctx, src.Path, src.Rel)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		docs = append(docs, d)
		return nil
	}, func(path string, err error) { errs = append(errs, fmt.Errorf("%s: %w", path, err)) })
	if err != nil {
		return nil, err
	}
	return docs, errors.Join(errs...)
}
