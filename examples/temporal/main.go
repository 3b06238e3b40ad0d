// Command temporal is a Temporal worker hosting partnerops workflows: the
// standard deal registration as one Temporal workflow per registration,
// with its effects delivered by activities.
//
//	go run . -address localhost:7233 -namespace default -queue partnerops
//
// Notices are written to standard output as JSON lines (a stand-in for
// mail, chat or a CRM). See README.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"sync"
	"time"

	"github.com/partnerops/partnerops/examples/temporal/processflow"
	"github.com/partnerops/partnerops/examples/temporal/quarterclose"
	"github.com/partnerops/partnerops/examples/temporal/samples"
	"github.com/partnerops/partnerops/process"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
)

func main() {
	address := flag.String("address", client.DefaultHostPort, "Temporal frontend host:port")
	namespace := flag.String("namespace", client.DefaultNamespace, "Temporal namespace")
	queue := flag.String("queue", "partnerops", "task queue")
	zone := flag.String("zone", "UTC", "time zone of the business calendar (IANA name)")
	closeSample := flag.Bool("close-sample", true, "host the quarter close over SAMPLE data (200 generated partners, FY2027 Q1)")
	flag.Parse()
	if err := run(*address, *namespace, *queue, *zone, *closeSample); err != nil {
		log.Fatal(err)
	}
}

func run(address, namespace, queue, zone string, closeSample bool) error {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return err
	}
	cal, err := process.NewBusinessCalendar(process.CalendarDef{TimeZone: zone}, loc)
	if err != nil {
		return err
	}
	wf, err := process.Compile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(cal))
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	identity := fmt.Sprintf("%d@%s", os.Getpid(), host)
	c, err := client.Dial(client.Options{HostPort: address, Namespace: namespace, Identity: identity})
	if err != nil {
		return fmt.Errorf("connecting to Temporal at %s: %w", address, err)
	}
	defer c.Close()

	w := worker.New(c, queue, worker.Options{})
	deals := processflow.New(wf, processflow.Options{})
	deals.Register(w)
	(&processflow.Activities{Sink: &stdoutSink{enc: json.NewEncoder(os.Stdout)}}).Register(w)
	types := deals.Name()
	if closeSample {
		sc, err := samples.Scorecard()
		if err != nil {
			return err
		}
		q := samples.Quarter(2027, 1)
		src := quarterclose.MemorySource(samples.Observations(q, samples.Partners(200), 1))
		closer := quarterclose.New(sc, src)
		closer.Identity = identity
		closer.Register(w)
		types += ", " + quarterclose.WorkflowName
	}
	log.Printf("worker on %s namespace %s queue %s: workflow types %s", address, namespace, queue, types)
	return w.Run(worker.InterruptCh())
}

// stdoutSink writes each notice once per key as a JSON line. A real sink
// keeps the delivered keys in its own store (a unique index); this one
// remembers them for the life of the process.
type stdoutSink struct {
	mu   sync.Mutex
	enc  *json.Encoder
	seen map[string]bool
}

func (s *stdoutSink) Deliver(_ context.Context, n processflow.Notice) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[n.Key] {
		return nil
	}
	if err := s.enc.Encode(n); err != nil {
		return err
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[n.Key] = true
	return nil
}
