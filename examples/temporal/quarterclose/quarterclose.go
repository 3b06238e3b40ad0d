// Package quarterclose runs a quarter close as a fan-out on Temporal: a
// parent workflow splits the period's observations into shards, one
// activity per shard aggregates its shard on whichever worker takes it,
// and the parent merges the partials and scores every partner.
//
// # Shards and partials
//
// A shard is a bucket of partners ([Bucket]: FNV-1a of the partner ID
// modulo the number of shards), so every observation of a partner falls
// in one shard, and the shard's aggregate is final for its partners: its
// partial is the shard's [performance.ScoreInput] values, plain exact
// decimals that cross the wire as JSON. A shard reads its observations
// from each source system ([Request].Systems: the CRM for bookings, the
// LMS for certifications, the portal for logins) separately, aggregates
// each batch in its own [performance.Aggregator] and merges them with
// [performance.Aggregator.Merge], which is exact, associative and
// commutative, so the shard's values do not depend on the order the
// batches came in.
//
// Why not ship Aggregator partials between workers? The performance
// package has no wire format for an Aggregator yet, and Merge accepts only
// partials of the same compiled Catalog (one process). Sharding by partner
// keeps every partial exact and serializable today; with a wire format
// for Aggregator partials, shards could split a partner's observations
// too (by time, by system) and the parent would merge the partials.
//
// # Determinism
//
// The parent's merge and scoring run in workflow code: they are pure
// (Scorecard.ScoreAll does no I/O and reads no clock), so a replay on
// another worker gives the same result. The merge checks that no partner
// appears in two shards and orders partners by ID.
package quarterclose

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// Names of the workflow and the activity.
const (
	WorkflowName  = "partnerops.quarter_close"
	ActivityShard = "partnerops.quarter_close.shard"
)

// Request is one quarter close.
type Request struct {
	Period partnerops.Period `json:"period"`
	// Shards is the number of partner buckets (at least 1).
	Shards int `json:"shards"`
	// Systems are the source systems each shard reads (at least one).
	Systems []string `json:"systems"`
	// Partners are scored in the view, each with its tier; partners with
	// observations but not listed are not scored.
	Partners []partnerops.Partner `json:"partners"`
	// SegmentAttr names the partner attribute holding the segment, if any.
	SegmentAttr string           `json:"segment_attr,omitempty"`
	View        performance.View `json:"view"`
}

// ShardTask is one shard's work, the activity's input.
type ShardTask struct {
	Period      partnerops.Period    `json:"period"`
	Shard       int                  `json:"shard"`
	Shards      int                  `json:"shards"`
	Systems     []string             `json:"systems"`
	Partners    []partnerops.Partner `json:"partners"`
	SegmentAttr string               `json:"segment_attr,omitempty"`
}

// Partial is one shard's aggregate: the values of its partners.
type Partial struct {
	Shard        int                      `json:"shard"`
	Inputs       []performance.ScoreInput `json:"inputs"`
	Observations int                      `json:"observations"`
	Skipped      performance.Skipped      `json:"skipped"`
	// Worker is the identity of the worker that aggregated the shard.
	Worker string `json:"worker,omitempty"`
}

// Close is the result of a quarter close.
type Close struct {
	Period       partnerops.Period    `json:"period"`
	Results      []performance.Result `json:"results"`
	Observations int                  `json:"observations"`
	Skipped      performance.Skipped  `json:"skipped"`
	// Workers lists, per shard, the worker that aggregated it.
	Workers []string `json:"workers"`
}

// Bucket returns the shard of partner among shards: FNV-1a of its ID
// modulo shards. Sources use it to select a shard's observations.
func Bucket(partner partnerops.PartnerID, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(partner))
	return int(h.Sum32() % uint32(shards))
}

// Source reads observations: those of period from system whose partner
// is in the shard (Bucket(partner, shards) == shard). In SQL:
// WHERE system = $1 AND at >= $2 AND at < $3 AND bucket = $4.
type Source interface {
	Observations(ctx context.Context, system string, period partnerops.Period, shard, shards int) ([]performance.Observation, error)
}

// Closer hosts the quarter close: the workflow and the shard activity
// share one compiled scorecard. It is immutable and safe for concurrent
// use.
type Closer struct {
	sc  *performance.Scorecard
	src Source
	// ShardOptions are the shard activities' options; New sets 10 minutes
	// start-to-close and the default retries.
	ShardOptions workflow.ActivityOptions
	// Identity names this worker in [Partial].Worker (the worker's
	// identity, for the record of who aggregated which shard).
	Identity string
}

// New returns a closer scoring with sc and reading from src (src may be
// nil on a worker that runs only the workflow).
func New(sc *performance.Scorecard, src Source) *Closer {
	return &Closer{sc: sc, src: src, ShardOptions: workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Minute}}
}

// Register registers the workflow and the shard activity.
func (c *Closer) Register(r worker.Registry) {
	c.RegisterWorkflow(r)
	r.RegisterActivityWithOptions(c.Shard, activity.RegisterOptions{Name: ActivityShard})
}

// RegisterWorkflow registers the workflow alone (a replayer, or a worker
// that leaves the shards to others).
func (c *Closer) RegisterWorkflow(r worker.WorkflowRegistry) {
	r.RegisterWorkflowWithOptions(c.Run, workflow.RegisterOptions{Name: WorkflowName})
}

// Run is the parent workflow: fan out one shard activity per bucket, wait
// for every partial, merge, score.
func (c *Closer) Run(ctx workflow.Context, req Request) (Close, error) {
	if req.Shards < 1 || len(req.Systems) == 0 {
		return Close{}, temporal.NewNonRetryableApplicationError(fmt.Sprintf("quarter close: need at least one shard and one system (got %d shards, %d systems)", req.Shards, len(req.Systems)), "invalid", nil)
	}
	// Each shard gets only its partners, to keep payloads small.
	byShard := make([][]partnerops.Partner, req.Shards)
	for _, p := range req.Partners {
		b := Bucket(p.ID, req.Shards)
		byShard[b] = append(byShard[b], p)
	}
	actx := workflow.WithActivityOptions(ctx, c.ShardOptions)
	futs := make([]workflow.Future, req.Shards)
	for i := range futs {
		futs[i] = workflow.ExecuteActivity(actx, ActivityShard, ShardTask{
			Period: req.Period, Shard: i, Shards: req.Shards, Systems: req.Systems, Partners: byShard[i], SegmentAttr: req.SegmentAttr,
		})
	}
	parts := make([]Partial, req.Shards)
	for i, f := range futs {
		if err := f.Get(ctx, &parts[i]); err != nil {
			return Close{}, fmt.Errorf("quarter close: shard %d: %w", i, err)
		}
	}
	return c.Merge(req, parts)
}

// Merge merges the partials of a close and scores every partner: what the
// parent workflow does once all shards are in (pure, deterministic).
func (c *Closer) Merge(req Request, parts []Partial) (Close, error) {
	out := Close{Period: req.Period, Workers: make([]string, len(parts))}
	var ins []performance.ScoreInput
	seen := map[partnerops.PartnerID]int{}
	for i, p := range parts {
		out.Observations += p.Observations
		out.Skipped = addSkipped(out.Skipped, p.Skipped)
		out.Workers[i] = p.Worker
		for _, in := range p.Inputs {
			if s, dup := seen[in.Partner]; dup {
				return Close{}, temporal.NewNonRetryableApplicationError(fmt.Sprintf("quarter close: partner %q in shards %d and %d", in.Partner, s, p.Shard), "invalid", nil)
			}
			seen[in.Partner] = p.Shard
			ins = append(ins, in)
		}
	}
	slices.SortFunc(ins, func(a, b performance.ScoreInput) int { return cmp.Compare(a.Partner, b.Partner) })
	res, err := c.sc.ScoreAll(ins, req.View)
	if err != nil {
		return Close{}, temporal.NewNonRetryableApplicationError("quarter close: "+err.Error(), "invalid", nil)
	}
	out.Results = res
	return out, nil
}

// Shard is the shard activity: read the shard's observations from every
// system, aggregate each batch, merge the partials, and return the
// shard's score inputs.
func (c *Closer) Shard(ctx context.Context, t ShardTask) (Partial, error) {
	cat := c.sc.Catalog()
	periods := []partnerops.Period{t.Period}
	agg, err := cat.NewAggregator(periods)
	if err != nil {
		return Partial{}, temporal.NewNonRetryableApplicationError(err.Error(), "invalid", nil)
	}
	out := Partial{Shard: t.Shard, Worker: c.Identity}
	for _, sys := range t.Systems {
		obs, err := c.src.Observations(ctx, sys, t.Period, t.Shard, t.Shards)
		if err != nil {
			return Partial{}, fmt.Errorf("shard %d, system %s: %w", t.Shard, sys, err)
		}
		part, err := cat.NewAggregator(periods)
		if err != nil {
			return Partial{}, err
		}
		out.Skipped = addSkipped(out.Skipped, part.AddAll(obs))
		out.Observations += len(obs)
		if err := agg.Merge(part); err != nil {
			return Partial{}, err
		}
		activity.RecordHeartbeat(ctx, sys)
	}
	out.Inputs, err = agg.ScoreInputs(0, t.Partners, t.SegmentAttr)
	if err != nil {
		return Partial{}, err
	}
	return out, nil
}

func addSkipped(a, b performance.Skipped) performance.Skipped {
	a.UnknownMetric += b.UnknownMetric
	a.OutOfPeriod += b.OutOfPeriod
	a.MissingKey += b.MissingKey
	a.Derived += b.Derived
	a.CurrencyMismatch += b.CurrencyMismatch
	a.MissingPartner += b.MissingPartner
	a.OutOfRange += b.OutOfRange
	return a
}
