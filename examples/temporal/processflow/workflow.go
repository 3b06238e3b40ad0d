package processflow

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops/process"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// Names of the update, the queries and the activities.
const (
	// UpdateEvent applies one event: its argument is a [process.Trigger],
	// its result an [Applied].
	UpdateEvent = "event"
	// QueryInstance returns the [process.Instance].
	QueryInstance = "instance"
	// QueryExplain returns [process.Workflow.Explain] as of the workflow
	// time.
	QueryExplain = "explain"
	// QueryNotices returns every effect issued so far, as [Notice] values
	// with their status.
	QueryNotices = "notices"

	// ActivityNotify delivers notify, remind, escalate and completed
	// effects.
	ActivityNotify = "process.notify"
	// ActivityRequestApproval delivers request_approval effects.
	ActivityRequestApproval = "process.request_approval"
)

// Error types of the application errors a refused update carries (see
// [Refusal]).
const (
	ErrorTypeRefused         = "process.refused"
	ErrorTypeVersionConflict = "process.version_conflict"
	ErrorTypeInvalid         = "process.invalid"
)

// Applied is the result of an accepted event.
type Applied struct {
	Instance string        `json:"instance"`
	Version  int           `json:"version"`
	State    process.State `json:"state"`
	// Effects are the effects the event issued, with their keys, in order.
	Effects []Notice `json:"effects,omitempty"`
}

// Notice is one effect with its identity: what an activity delivers, and
// what [QueryNotices] lists.
type Notice struct {
	// Key is the effect's idempotency key ([process.Effect.Key]).
	Key      string `json:"key"`
	Workflow string `json:"workflow"`
	Instance string `json:"instance"`
	// Version is the instance version whose entry issued the effect.
	Version int            `json:"version"`
	Effect  process.Effect `json:"effect"`
	// Issued is the workflow time the effect was issued at.
	Issued time.Time `json:"issued"`
	// Status is "pending", "done", "failed" (the activity gave up; Error
	// says why) or "timer" for start and cancel timer effects, which the
	// workflow carries out itself. Only [QueryNotices] sets it.
	Status string `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Options tune a [Host]. The zero value is usable.
type Options struct {
	// Activity are the options of effect activities; ActivityID is set per
	// effect. Zero: start-to-close 1 minute, retried with backoff (1 s
	// doubling to 10 min) for up to 7 days.
	Activity workflow.ActivityOptions
	// TaskQueue, when set, is where effect activities are sent (a queue
	// served by the workers that can reach the mail server or CRM).
	// Empty: the workflow's own queue.
	TaskQueue string
}

// Host runs the instances of one compiled workflow definition as Temporal
// workflows. It is immutable and safe for concurrent use.
type Host struct {
	wf   *process.Workflow
	name string
	opts Options
}

// New returns a host for wf.
func New(wf *process.Workflow, opts Options) *Host {
	def := wf.Definition()
	ao := opts.Activity
	if ao.StartToCloseTimeout == 0 && ao.ScheduleToCloseTimeout == 0 {
		ao.StartToCloseTimeout = time.Minute
		ao.ScheduleToCloseTimeout = 7 * 24 * time.Hour
	}
	if ao.RetryPolicy == nil {
		ao.RetryPolicy = &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 10 * time.Minute}
	}
	if opts.TaskQueue != "" {
		ao.TaskQueue = opts.TaskQueue
	}
	opts.Activity = ao
	return &Host{wf: wf, name: fmt.Sprintf("process.%s.v%d", def.ID, def.Version), opts: opts}
}

// Name is the Temporal workflow type: "process.<definition id>.v<version>".
func (h *Host) Name() string { return h.name }

// Workflow returns the compiled definition.
func (h *Host) Workflow() *process.Workflow { return h.wf }

// Register registers the workflow under [Host.Name].
func (h *Host) Register(r worker.WorkflowRegistry) {
	r.RegisterWorkflowWithOptions(h.Run, workflow.RegisterOptions{Name: h.name})
}

// Run is the workflow function: it starts an instance whose ID is the
// workflow ID with start as its start trigger, applies events sent as
// updates until the instance reaches a terminal state, and returns it.
func (h *Host) Run(ctx workflow.Context, start process.Trigger) (process.Instance, error) {
	s := &run{h: h}
	id := workflow.GetInfo(ctx).WorkflowExecution.ID
	in, effs, err := h.wf.Start(id, start, workflow.Now(ctx))
	if err != nil {
		return process.Instance{}, refusal(err)
	}
	s.commit(ctx, in, effs)

	if err := workflow.SetQueryHandler(ctx, QueryInstance, func() (process.Instance, error) { return s.in, nil }); err != nil {
		return process.Instance{}, err
	}
	if err := workflow.SetQueryHandler(ctx, QueryExplain, func() (string, error) { return h.wf.Explain(s.in, workflow.Now(ctx)), nil }); err != nil {
		return process.Instance{}, err
	}
	if err := workflow.SetQueryHandler(ctx, QueryNotices, func() ([]Notice, error) { return s.noticesWithStatus(), nil }); err != nil {
		return process.Instance{}, err
	}
	err = workflow.SetUpdateHandlerWithOptions(ctx, UpdateEvent,
		func(ctx workflow.Context, tr process.Trigger) (Applied, error) {
			now := workflow.Now(ctx)
			next, effs, err := h.wf.Apply(s.in, tr, now)
			if err != nil {
				return Applied{}, refusal(err)
			}
			return Applied{Instance: next.ID, Version: next.Version, State: next.State, Effects: s.commit(ctx, next, effs)}, nil
		},
		workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, tr process.Trigger) error {
			return refusal(h.wf.Check(s.in, tr, workflow.Now(ctx)))
		}})
	if err != nil {
		return process.Instance{}, err
	}

	for {
		if err := workflow.Await(ctx, func() bool { return len(s.queue) > 0 || s.alarmDue() || s.finished() }); err != nil {
			return s.in, err
		}
		switch {
		case len(s.queue) > 0:
			s.carryOut(ctx)
		case s.alarmDue():
			s.timer = nil
			s.wake(ctx)
		default:
			// Terminal: let running activities and update handlers finish.
			if err := workflow.Await(ctx, func() bool { return s.running == 0 && workflow.AllHandlersFinished(ctx) }); err != nil {
				return s.in, err
			}
			return s.in, nil
		}
	}
}

// run is the state of one workflow execution.
type run struct {
	h  *Host
	in process.Instance
	// queue holds issued effects not yet carried out.
	queue []Notice
	// notices are all issued effects, in order; status by key.
	notices []Notice
	status  map[string]string
	// stuck is a wake-up whose SLA event the workflow refused.
	stuck   time.Time
	timer   *slaTimer
	running int
}

// slaTimer is the instance's one durable timer.
type slaTimer struct {
	at     time.Time
	fut    workflow.Future // nil when due on creation
	cancel workflow.CancelFunc
}

func (s *run) alarmDue() bool {
	return s.timer != nil && (s.timer.fut == nil || s.timer.fut.IsReady())
}

func (s *run) finished() bool {
	return len(s.queue) == 0 && s.h.wf.IsTerminal(s.in.State)
}

// commit makes in the current instance and queues effs, keyed.
func (s *run) commit(ctx workflow.Context, in process.Instance, effs []process.Effect) []Notice {
	s.in = in
	now := workflow.Now(ctx)
	out := make([]Notice, 0, len(effs))
	for _, e := range effs {
		out = append(out, Notice{Key: e.Key(), Workflow: in.Workflow, Instance: in.ID, Version: e.Version, Effect: e, Issued: now})
	}
	s.queue = append(s.queue, out...)
	s.notices = append(s.notices, out...)
	return out
}

// carryOut runs the queued effects: timers here, the rest as activities.
func (s *run) carryOut(ctx workflow.Context) {
	q := s.queue
	s.queue = nil
	timers := false
	for _, n := range q {
		switch n.Effect.Kind {
		case process.EffectStartTimer, process.EffectCancelTimer:
			timers = true
			s.setStatus(n.Key, "timer")
		default:
			s.execute(ctx, n)
		}
	}
	if timers || s.timer == nil {
		s.reschedule(ctx)
	}
}

func (s *run) setStatus(key, st string) {
	if s.status == nil {
		s.status = map[string]string{}
	}
	s.status[key] = st
}

func (s *run) execute(ctx workflow.Context, n Notice) {
	ao := s.h.opts.Activity
	ao.ActivityID = n.Key
	name := ActivityNotify
	if n.Effect.Kind == process.EffectRequestApproval {
		name = ActivityRequestApproval
	}
	fut := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, ao), name, n)
	s.running++
	s.setStatus(n.Key, "pending")
	workflow.Go(ctx, func(gctx workflow.Context) {
		defer func() { s.running-- }()
		if err := fut.Get(gctx, nil); err != nil {
			s.setStatus(n.Key, "failed: "+err.Error())
			workflow.GetLogger(gctx).Error("effect failed", "key", n.Key, "error", err)
			return
		}
		s.setStatus(n.Key, "done")
	})
}

func (s *run) noticesWithStatus() []Notice {
	out := make([]Notice, len(s.notices))
	for i, n := range s.notices {
		st := s.status[n.Key]
		if after, ok := cutPrefix(st, "failed: "); ok {
			n.Status, n.Error = "failed", after
		} else {
			n.Status = st
		}
		out[i] = n
	}
	return out
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return s, false
}

// reschedule makes the durable timer match the instance's next SLA
// wake-up: it cancels a timer no longer wanted and starts the new one.
func (s *run) reschedule(ctx workflow.Context) {
	at := s.nextAlarm()
	if s.timer != nil && s.timer.at.Equal(at) {
		return
	}
	if s.timer != nil && s.timer.cancel != nil {
		s.timer.cancel()
	}
	s.timer = nil
	if at.IsZero() {
		return
	}
	d := at.Sub(workflow.Now(ctx))
	if d <= 0 {
		s.timer = &slaTimer{at: at}
		return
	}
	tctx, cancel := workflow.WithCancel(ctx)
	fut := workflow.NewTimerWithOptions(tctx, d, workflow.TimerOptions{Summary: fmt.Sprintf("%s sla %s %s", s.in.ID, s.in.State, at.UTC().Format(time.RFC3339))})
	s.timer = &slaTimer{at: at, fut: fut, cancel: cancel}
}

// wake handles the SLA wake-up at the workflow time.
func (s *run) wake(ctx workflow.Context) {
	now := workflow.Now(ctx)
	next, effs, err := s.alerts(now)
	if err != nil {
		workflow.GetLogger(ctx).Error("sla event refused", "instance", s.in.ID, "state", s.in.State, "error", err)
	}
	s.commit(ctx, next, effs)
	s.carryOut(ctx)
}

// refusal converts a library error into a non-retryable application error
// whose details carry the refusal; nil stays nil.
func refusal(err error) error {
	if err == nil {
		return nil
	}
	opts := temporal.ApplicationErrorOptions{NonRetryable: true}
	typ := ErrorTypeInvalid
	var te *process.TransitionError
	switch {
	case errors.As(err, &te):
		typ = ErrorTypeRefused
		opts.Details = []any{te}
	case errors.Is(err, process.ErrVersionConflict):
		typ = ErrorTypeVersionConflict
	}
	return temporal.NewApplicationErrorWithOptions(err.Error(), typ, opts)
}
