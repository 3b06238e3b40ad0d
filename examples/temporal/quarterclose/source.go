package quarterclose

import (
	"context"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// MemorySource is a [Source] over observations held in memory, by system.
// Observations outside the period are passed on too (a close counts them
// as skipped, as a query on a loose index would return them).
type MemorySource map[string][]performance.Observation

// Observations returns the observations of system whose partner is in the
// shard.
func (m MemorySource) Observations(_ context.Context, system string, _ partnerops.Period, shard, shards int) ([]performance.Observation, error) {
	var out []performance.Observation
	for _, o := range m[system] {
		if Bucket(o.Partner, shards) == shard {
			out = append(out, o)
		}
	}
	return out, nil
}
