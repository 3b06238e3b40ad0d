package processflow

import (
	"time"

	"github.com/partnerops/partnerops/process"
)

// nextAlarm returns when the instance next needs the workflow: its Wake
// (the next reminder, escalation level or SLA event), or zero. A wake-up
// whose SLA event the workflow refused is not retried.
func (s *run) nextAlarm() time.Time {
	if s.in.Wake.Equal(s.stuck) {
		return time.Time{}
	}
	return s.in.Wake
}

// alerts returns the instance and effects of an SLA wake-up at now: what
// Advance records and issues (each reminder and escalation once, SLA
// events at their due time).
func (s *run) alerts(now time.Time) (process.Instance, []process.Effect, error) {
	next, effs, err := s.h.wf.Advance(s.in, now)
	if err != nil && next.Wake.Equal(s.in.Wake) {
		s.stuck = next.Wake
	}
	return next, effs, err
}
