package dealreg

import (
	"slices"
	"strconv"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Outcome is what a check says about a registration: approve, review or
// refuse. Outcomes are ordered: approve < review < refuse, and a result's
// outcome is the highest of its findings'.
type Outcome string

// Outcomes.
const (
	// OutcomeApprove: nothing stands in the way (near-duplicates are
	// warnings that do not stop approval by default).
	OutcomeApprove Outcome = "approve"
	// OutcomeReview: a person decides, usually under the rules of
	// engagement (a conflict with another partner or with direct sales).
	OutcomeReview Outcome = "review"
	// OutcomeRefuse: the registration must not be approved (a duplicate
	// of the partner's own live registration).
	OutcomeRefuse Outcome = "refuse"
)

// Valid reports whether o is one of the outcomes.
func (o Outcome) Valid() bool { return o == OutcomeApprove || o == OutcomeReview || o == OutcomeRefuse }

// rank orders outcomes: approve 0, review 1, refuse 2.
func (o Outcome) rank() int {
	switch o {
	case OutcomeReview:
		return 1
	case OutcomeRefuse:
		return 2
	}
	return 0
}

// Rule names why a finding was raised.
type Rule string

// Rules, in the order results list them.
const (
	// RuleDuplicate: the same partner's live registration on the same
	// account with an overlapping product scope.
	RuleDuplicate Rule = "duplicate"
	// RuleConflict: another partner's live registration on the same
	// account (with an overlapping product scope, unless the settings'
	// conflict scope is the whole account).
	RuleConflict Rule = "conflict"
	// RuleDirectConflict: an open direct opportunity of the vendor on the
	// same account, within its protection window.
	RuleDirectConflict Rule = "direct_conflict"
	// RuleNearDuplicate: a live record with the same normalized name
	// under another domain ([partnerops.AccountKey.NearDuplicate]):
	// probably the same company, possibly two. A warning.
	RuleNearDuplicate Rule = "near_duplicate"
)

func (r Rule) order() int {
	switch r {
	case RuleDuplicate:
		return 0
	case RuleConflict:
		return 1
	case RuleDirectConflict:
		return 2
	}
	return 3
}

// Kind says whether a record is a partner's registration or the vendor's
// own (direct) opportunity.
type Kind string

// Kinds.
const (
	// KindRegistration is a partner's deal registration; the empty Kind
	// means the same.
	KindRegistration Kind = "registration"
	// KindOpportunity is an opportunity of the vendor's direct sales
	// team; it has no partner.
	KindOpportunity Kind = "opportunity"
)

// Valid reports whether k is empty (a registration) or one of the kinds.
func (k Kind) Valid() bool { return k == "" || k == KindRegistration || k == KindOpportunity }

// norm returns the kind with the empty kind read as a registration.
func (k Kind) norm() Kind {
	if k == "" {
		return KindRegistration
	}
	return k
}

// Status is a record's status as the host keeps it: for a registration,
// typically the state of its deal-registration workflow instance
// ("submitted", "approved", "expired"); for an opportunity "open" or a
// closed state. [Settings.Active] says which statuses still protect.
type Status string

// DefaultActive is the list of statuses that protect an account when
// [Settings.Active] is empty: the open states of the standard
// deal-registration workflow (process.DealRegistration with one
// extension) and "open" for direct opportunities.
func DefaultActive() []Status {
	return []Status{"submitted", "under_review", "info_requested", "approved", "extended", "open"}
}

// ConflictScope says which conflicts need overlapping product scopes.
type ConflictScope string

// Conflict scopes.
const (
	// ConflictScopeProducts (the default): another partner's registration
	// or a direct opportunity conflicts only where the product scopes
	// overlap (a scope with no SKUs and no families covers the whole
	// account and overlaps every scope).
	ConflictScopeProducts ConflictScope = "products"
	// ConflictScopeAccount: any live record of another partner or of
	// direct sales on the account conflicts, whatever its products.
	ConflictScopeAccount ConflictScope = "account"
)

// Outcomes says what each rule makes of a registration. Empty fields take
// the defaults named on each.
type Outcomes struct {
	// Duplicate defaults to refuse.
	Duplicate Outcome `json:"duplicate,omitempty"`
	// Conflict defaults to review.
	Conflict Outcome `json:"conflict,omitempty"`
	// DirectConflict defaults to review.
	DirectConflict Outcome `json:"direct_conflict,omitempty"`
	// NearDuplicate defaults to approve: a warning that does not stop
	// approval.
	NearDuplicate Outcome `json:"near_duplicate,omitempty"`
}

// Settings is the definition of the deal-registration checks. The zero
// value is usable: every field has a default. Decode it with
// [ParseSettings]; compile it with [Compile].
type Settings struct {
	// ID names the settings in results and errors; optional.
	ID string `json:"id,omitempty"`
	// Active lists the statuses of records that protect an account.
	// Defaults to [DefaultActive].
	Active []Status `json:"active,omitempty"`
	// RegistrationDays is the protection window of a registration
	// without an expiry, in days from its registration time (each day 24
	// hours). Defaults to 90; -1 means no end.
	RegistrationDays int `json:"registration_days,omitempty"`
	// OpportunityDays is the protection window of a direct opportunity
	// without an expiry, in days from its creation. Defaults to 180; -1
	// means no end.
	OpportunityDays int `json:"opportunity_days,omitempty"`
	// ConflictScope defaults to [ConflictScopeProducts].
	ConflictScope ConflictScope `json:"conflict_scope,omitempty"`
	// Outcomes says what each rule makes of a registration.
	Outcomes Outcomes `json:"outcomes,omitzero"`
}

type settingsPlain Settings

// ParseSettings decodes check settings strictly (see the package doc):
// unknown and duplicate keys and wrong shapes are errors with their paths.
func ParseSettings(data []byte) (Settings, error) {
	var s Settings
	if err := strict.Decode(data, (*settingsPlain)(&s), strict.Options{}); err != nil {
		return Settings{}, wrap(err, "parsing settings")
	}
	return s, nil
}

// UnmarshalJSON decodes strictly, as [ParseSettings] does.
func (s *Settings) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*settingsPlain)(s), strict.Options{})
}

// Checker holds compiled [Settings]. It is immutable and safe for
// concurrent use; [Checker.Index] builds the index a registration is
// checked against.
type Checker struct {
	id        string
	active    map[Status]bool
	regDays   int64 // window in nanoseconds; -1 none
	oppDays   int64
	scope     ConflictScope
	outcomes  Outcomes
	warnings  []partnerops.Warning
	activeOut []Status
}

const day = int64(24 * 60 * 60 * 1e9)

// Compile validates settings, reporting every problem with its path, and
// returns the checker.
func Compile(s Settings) (*Checker, error) {
	var p partnerops.Problems
	var w partnerops.Warnings
	c := &Checker{id: s.ID, active: map[Status]bool{}, scope: s.ConflictScope, outcomes: s.Outcomes}
	active := s.Active
	if len(active) == 0 {
		active = DefaultActive()
	}
	for i, st := range active {
		switch {
		case st == "":
			p.Add(partnerops.Path("active", i), "must not be empty", "")
		case c.active[st]:
			p.Add(partnerops.Path("active", i), "duplicate status", string(st))
		}
		switch st {
		case "won", "lost", "rejected", "expired", "withdrawn", "closed", "closed_won", "closed_lost":
			w.Add(partnerops.Path("active", i), "a closed status protects an account: records in it will raise duplicates and conflicts", string(st))
		}
		c.active[st] = true
		c.activeOut = append(c.activeOut, st)
	}
	window := func(path string, n, def int) int64 {
		switch {
		case n == 0:
			return int64(def) * day
		case n == -1:
			return -1
		case n < -1:
			p.Add(path, "must be a positive number of days, or -1 for no end", strconv.Itoa(n))
		case n > 3660:
			p.Add(path, "must be at most 3660 days (ten years), or -1 for no end", strconv.Itoa(n))
		}
		return int64(n) * day
	}
	c.regDays = window("registration_days", s.RegistrationDays, 90)
	c.oppDays = window("opportunity_days", s.OpportunityDays, 180)
	switch c.scope {
	case "":
		c.scope = ConflictScopeProducts
	case ConflictScopeProducts, ConflictScopeAccount:
	default:
		p.Addf("conflict_scope", string(s.ConflictScope), "must be %q or %q", ConflictScopeProducts, ConflictScopeAccount)
	}
	out := func(path string, o *Outcome, def Outcome) {
		if *o == "" {
			*o = def
		} else if !o.Valid() {
			p.Addf(path, string(*o), "must be %q, %q or %q", OutcomeApprove, OutcomeReview, OutcomeRefuse)
		}
	}
	out("outcomes.duplicate", &c.outcomes.Duplicate, OutcomeRefuse)
	out("outcomes.conflict", &c.outcomes.Conflict, OutcomeReview)
	out("outcomes.direct_conflict", &c.outcomes.DirectConflict, OutcomeReview)
	out("outcomes.near_duplicate", &c.outcomes.NearDuplicate, OutcomeApprove)
	if c.outcomes.Duplicate == OutcomeApprove {
		w.Add("outcomes.duplicate", "duplicates are approved: a partner can hold two registrations for one deal", string(OutcomeApprove))
	}
	if c.outcomes.Conflict == OutcomeApprove {
		w.Add("outcomes.conflict", "conflicts are approved: two partners can be protected on one deal", string(OutcomeApprove))
	}
	if c.outcomes.NearDuplicate == OutcomeRefuse {
		w.Add("outcomes.near_duplicate", "near-duplicates are refused: a different domain is evidence of another company, which a name alone cannot overrule", string(OutcomeRefuse))
	}
	if len(s.Active) > 0 && !c.active["approved"] && !c.active["open"] {
		w.Add("active", `neither "approved" nor "open" is active: approved registrations and open opportunities would protect nothing`, "")
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "compiling settings %q", s.ID)
	}
	c.warnings = w
	return c, nil
}

// Warnings returns what Compile found valid but suspicious: a closed
// status listed as active, duplicates or conflicts approved, near-duplicates
// refused.
func (c *Checker) Warnings() []partnerops.Warning { return slices.Clone(c.warnings) }

// Settings returns the settings with every default filled in.
func (c *Checker) Settings() Settings {
	days := func(n int64) int {
		if n < 0 {
			return -1
		}
		return int(n / day)
	}
	return Settings{
		ID: c.id, Active: slices.Clone(c.activeOut), RegistrationDays: days(c.regDays),
		OpportunityDays: days(c.oppDays), ConflictScope: c.scope, Outcomes: c.outcomes,
	}
}

func (c *Checker) outcome(r Rule) Outcome {
	switch r {
	case RuleDuplicate:
		return c.outcomes.Duplicate
	case RuleConflict:
		return c.outcomes.Conflict
	case RuleDirectConflict:
		return c.outcomes.DirectConflict
	}
	return c.outcomes.NearDuplicate
}
