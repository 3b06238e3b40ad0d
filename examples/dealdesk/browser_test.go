package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium to drive. Without one the
// browser tests skip, unless DEALDESK_BROWSER=required (CI sets it, after
// installing the Debian package chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DEALDESK_BROWSER") == "required" {
		t.Fatal("DEALDESK_BROWSER=required but no chromium on PATH")
	}
	t.Skip("no chromium on PATH (apt-get install chromium); set DEALDESK_BROWSER=required to fail instead")
	return ""
}

// TestPagesInBrowser loads a partner's quote page, scorecard page and QBR
// page in headless Chromium with the partner's token: each loads with no
// console error (the pages' content security policy would report any
// script or external request) and shows the net price or the partner's
// total score.
func TestPagesInBrowser(t *testing.T) {
	path := chromium(t)
	e := newEnv(t)
	initech := e.tokens["initech"]
	var q QuoteRecord
	e.must(http.StatusCreated, "POST", "/v1/quotes", initech, map[string]any{"quote": sampleQuote()}, &q)
	observeSample(t, e)
	var card struct {
		Total string `json:"total"`
	}
	e.must(http.StatusOK, "GET", "/v1/partners/initech/scorecard?fy=2027&q=1&format=json", initech, nil, &card)
	if card.Total == "" || card.Total == "0.00" {
		t.Fatalf("scorecard total %q", card.Total)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	var mu sync.Mutex
	var problems []string
	err := chromedp.Listen(browser, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console "+string(ev.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError && !strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = chromedp.Call(browser, network.SetExtraHTTPHeaders,
		network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": "Bearer " + initech}})
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, path, want string
	}{
		{"quote", "/v1/quotes/" + q.ID + "/waterfall?format=html", "9440.00"},
		{"scorecard", "/v1/partners/initech/scorecard?fy=2027&q=1&format=html", card.Total},
		{"qbr", "/v1/partners/initech/qbr?fy=2027&q=1&format=html", card.Total},
	} {
		t.Run(c.name, func(t *testing.T) {
			mu.Lock()
			problems = nil
			mu.Unlock()
			err := chromedp.Do(browser,
				chromedp.Navigate(e.srv.URL+c.path),
				chromedp.WaitReady("body"),
				chromedp.Sleep(300*time.Millisecond), // let late console messages arrive
			)
			if err != nil {
				t.Fatal(err)
			}
			text, err := chromedp.Run(browser, chromedp.Text("body"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, c.want) {
				t.Errorf("the page does not show %s:\n%s", c.want, text)
			}
			for _, hidden := range []string{"tier-silver", "Support cost", "globex"} {
				if strings.Contains(text, hidden) {
					t.Errorf("the partner's page shows %q", hidden)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if len(problems) > 0 {
				t.Errorf("the page logged problems: %v", problems)
			}
		})
	}
}
