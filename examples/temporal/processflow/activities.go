package processflow

import (
	"context"
	"sync"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"
)

// Sink delivers notices: a mail, a chat message, a CRM task. Temporal runs
// an activity at least once (a worker may crash after delivering and
// before reporting), so Deliver must be idempotent by [Notice].Key: a
// second delivery of a key does nothing and returns nil.
type Sink interface {
	Deliver(ctx context.Context, n Notice) error
}

// Activities are the effect activities, delivering to Sink.
type Activities struct {
	Sink Sink
}

// Notify delivers a notify, remind, escalate or completed effect.
func (a *Activities) Notify(ctx context.Context, n Notice) error { return a.Sink.Deliver(ctx, n) }

// RequestApproval delivers a request_approval effect.
func (a *Activities) RequestApproval(ctx context.Context, n Notice) error {
	return a.Sink.Deliver(ctx, n)
}

// Register registers the activities under [ActivityNotify] and
// [ActivityRequestApproval].
func (a *Activities) Register(r worker.ActivityRegistry) {
	r.RegisterActivityWithOptions(a.Notify, activity.RegisterOptions{Name: ActivityNotify})
	r.RegisterActivityWithOptions(a.RequestApproval, activity.RegisterOptions{Name: ActivityRequestApproval})
}

// MemorySink is an idempotent in-memory [Sink] for tests and demos: it
// keeps the first delivery of each key, in delivery order.
type MemorySink struct {
	mu   sync.Mutex
	seen map[string]bool
	list []Notice
	// Attempts counts Deliver calls, duplicates included.
	attempts int
}

// Deliver records n unless its key was delivered before.
func (m *MemorySink) Deliver(_ context.Context, n Notice) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.attempts++
	if m.seen[n.Key] {
		return nil
	}
	if m.seen == nil {
		m.seen = map[string]bool{}
	}
	m.seen[n.Key] = true
	m.list = append(m.list, n)
	return nil
}

// Delivered returns the notices delivered, each key once, in order.
func (m *MemorySink) Delivered() []Notice {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Notice(nil), m.list...)
}

// Attempts returns the number of Deliver calls, duplicates included.
func (m *MemorySink) Attempts() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.attempts
}
