package dealreg

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
)

// Index is an immutable index over existing registrations and direct
// opportunities, built by [Checker.Index] and answering [Index.Check]. It
// is safe for concurrent use. [Index.With] returns a new index with
// records added or replaced, leaving this one as it was.
type Index struct {
	c     *Checker
	base  *table
	delta *table // records added by With; masks base records with their IDs
}

// table is one immutable set of compiled records with its lookups.
type table struct {
	recs     []crec
	ids      map[RecordID]int32
	dom      group
	name     group
	skus     map[SKU]int32
	fams     map[Family]int32
	skuNames []SKU
	famNames []Family
	items    []int32 // each record's scope item IDs, sorted; families from famBase
}

// famBase offsets family IDs above SKU IDs in one item space.
const famBase = 1 << 30

// group maps a key to the records holding it, as compressed rows.
type group struct {
	keys    map[string]int32
	start   []int32 // group g is members[start[g]:start[g+1]]
	members []int32
}

func (g *group) lookup(k string) []int32 {
	if k == "" {
		return nil
	}
	i, ok := g.keys[k]
	if !ok {
		return nil
	}
	return g.members[g.start[i]:g.start[i+1]]
}

// crec is a compiled record.
type crec struct {
	id         RecordID
	partner    partnerops.PartnerID
	key        partnerops.AccountKey
	kind       Kind
	status     Status
	registered time.Time
	end        time.Time // zero: no end
	expires    time.Time // as given
	value      partnerops.Money
	off, n     int32
	active     bool
}

// Index validates the records (every problem reported at once, paths by
// record ID: records[R-7].account) and builds the index. Record IDs must
// be unique across registrations and opportunities ([ErrDuplicateID]).
// Building is linear in the records and their scopes.
func (c *Checker) Index(records []Record) (*Index, error) {
	if err := c.validate(records); err != nil {
		return nil, wrap(err, "indexing %d records", len(records))
	}
	return &Index{c: c, base: c.build(records)}, nil
}

func (c *Checker) validate(records []Record) error {
	var p partnerops.Problems
	seen := make(map[RecordID]int, len(records))
	dup := false
	for i, r := range records {
		path := partnerops.Path("records", i)
		if r.ID != "" {
			path = partnerops.Path("records", partnerops.Key(r.ID))
			if j, ok := seen[r.ID]; ok {
				p.Addf(partnerops.JoinPath(path, "id"), string(r.ID), "duplicate of record %d", j)
				dup = true
			} else {
				seen[r.ID] = i
			}
		}
		r.validate(&p, path, true)
	}
	err := p.Err()
	if dup {
		err = errors.Join(err, ErrDuplicateID)
	}
	return err
}

// build compiles validated records.
func (c *Checker) build(records []Record) *table {
	n := len(records)
	t := &table{
		recs: make([]crec, n),
		ids:  make(map[RecordID]int32, n),
		skus: map[SKU]int32{},
		fams: map[Family]int32{},
	}
	domOf := make([]int32, n)
	nameOf := make([]int32, n)
	t.dom.keys = make(map[string]int32, n)
	t.name.keys = make(map[string]int32, n)
	var domCount, nameCount []int32
	assign := func(keys map[string]int32, counts *[]int32, k string) int32 {
		if k == "" {
			return -1
		}
		g, ok := keys[k]
		if !ok {
			g = int32(len(*counts))
			keys[k] = g
			*counts = append(*counts, 0)
		}
		(*counts)[g]++
		return g
	}
	for i := range records {
		r := &records[i]
		cr := &t.recs[i]
		*cr = crec{
			id: r.ID, partner: r.Partner, key: r.Account, kind: r.Kind.norm(), status: r.Status,
			registered: r.Registered, expires: r.Expires, value: r.Value, active: c.active[r.Status],
			off: int32(len(t.items)),
		}
		switch {
		case !r.Expires.IsZero():
			cr.end = r.Expires
		case cr.kind == KindOpportunity && c.oppDays >= 0:
			cr.end = r.Registered.Add(time.Duration(c.oppDays))
		case cr.kind == KindRegistration && c.regDays >= 0:
			cr.end = r.Registered.Add(time.Duration(c.regDays))
		}
		t.ids[r.ID] = int32(i)
		for _, s := range r.Products.SKUs {
			id, ok := t.skus[s]
			if !ok {
				id = int32(len(t.skuNames))
				t.skus[s] = id
				t.skuNames = append(t.skuNames, s)
			}
			t.items = append(t.items, id)
		}
		for _, f := range r.Products.Families {
			id, ok := t.fams[f]
			if !ok {
				id = int32(len(t.famNames))
				t.fams[f] = id
				t.famNames = append(t.famNames, f)
			}
			t.items = append(t.items, famBase+id)
		}
		items := t.items[cr.off:]
		if len(items) > 1 {
			slices.Sort(items)
			items = slices.Compact(items)
			t.items = t.items[:int(cr.off)+len(items)]
		}
		cr.n = int32(len(items))
		domOf[i] = assign(t.dom.keys, &domCount, r.Account.Domain)
		nameOf[i] = assign(t.name.keys, &nameCount, r.Account.Name)
	}
	t.dom.fill(domOf, domCount)
	t.name.fill(nameOf, nameCount)
	return t
}

// fill lays out the members of each group, in record order.
func (g *group) fill(of []int32, counts []int32) {
	g.start = make([]int32, len(counts)+1)
	for i, c := range counts {
		g.start[i+1] = g.start[i] + c
	}
	g.members = make([]int32, g.start[len(counts)])
	next := slices.Clone(g.start[:len(counts)])
	for i, gr := range of {
		if gr >= 0 {
			g.members[next[gr]] = int32(i)
			next[gr]++
		}
	}
}

// Len returns the number of records in the index (a record replaced by
// [Index.With] counts once).
func (x *Index) Len() int {
	n := len(x.base.recs)
	if x.delta != nil {
		for _, r := range x.delta.recs {
			if _, ok := x.base.ids[r.id]; !ok {
				n++
			}
		}
	}
	return n
}

// Checker returns the checker the index was built with.
func (x *Index) Checker() *Checker { return x.c }

// Records returns every record in the index, base records first in the
// order given, then records added by [Index.With] in the order added. Its
// cost is linear in the records.
func (x *Index) Records() []Record {
	out := make([]Record, 0, x.Len())
	for i := range x.base.recs {
		if x.masked(x.base.recs[i].id) {
			continue
		}
		out = append(out, x.base.record(int32(i)))
	}
	if x.delta != nil {
		for i := range x.delta.recs {
			out = append(out, x.delta.record(int32(i)))
		}
	}
	return out
}

func (x *Index) masked(id RecordID) bool {
	if x.delta == nil {
		return false
	}
	_, ok := x.delta.ids[id]
	return ok
}

// record rebuilds the Record of compiled record i.
func (t *table) record(i int32) Record {
	cr := &t.recs[i]
	r := Record{
		ID: cr.id, Kind: cr.kind, Partner: cr.partner, Account: cr.key, Status: cr.status,
		Registered: cr.registered, Expires: cr.expires, Value: cr.value,
	}
	for _, it := range t.items[cr.off : cr.off+cr.n] {
		if it >= famBase {
			r.Products.Families = append(r.Products.Families, t.famNames[it-famBase])
		} else {
			r.Products.SKUs = append(r.Products.SKUs, t.skuNames[it])
		}
	}
	return r
}

// With returns a new index holding this index's records and the given
// ones; a given record replaces the one with its ID (to change a status,
// pass the record again with its new status). The records are validated
// as [Checker.Index] does. The receiver is unchanged. Additions are kept
// in a small second table, rebuilt on each call (linear in the records
// added so far); when it grows past a quarter of the base, everything is
// rebuilt into one table, so a series of calls costs amortized time
// linear in the records added.
func (x *Index) With(records ...Record) (*Index, error) {
	if err := x.c.validate(records); err != nil {
		return nil, wrap(err, "adding %d records", len(records))
	}
	var added []Record
	if x.delta != nil {
		added = make([]Record, 0, len(x.delta.recs)+len(records))
		given := make(map[RecordID]bool, len(records))
		for _, r := range records {
			given[r.ID] = true
		}
		for i := range x.delta.recs {
			if !given[x.delta.recs[i].id] {
				added = append(added, x.delta.record(int32(i)))
			}
		}
	}
	added = append(added, records...)
	if len(added) > 1024 && len(added) > len(x.base.recs)/4 {
		next := &Index{c: x.c, base: x.base, delta: x.c.build(added)}
		return &Index{c: x.c, base: x.c.build(next.Records())}, nil
	}
	return &Index{c: x.c, base: x.base, delta: x.c.build(added)}, nil
}

// Check checks a registration against the index at time at: a record
// protects the account from its registered time (inclusive) to its end
// (exclusive), while its status is active. It returns every duplicate,
// conflict and near-duplicate found (see [Rule]) and the outcome. A
// record with the registration's own ID is the registration itself (a
// re-check of a stored registration) and is never a finding. The
// registration needs a partner and an account key; its ID, status and
// dates are not used.
//
// Check costs one lookup per key of the registration plus the records
// that share its domain or name.
func (x *Index) Check(reg Record, at time.Time) (Result, error) {
	var p partnerops.Problems
	reg.validate(&p, "", false)
	if reg.Kind.norm() != KindRegistration {
		p.Add("kind", "only a registration is checked", string(reg.Kind))
	}
	if err := p.Err(); err != nil {
		return Result{}, wrap(err, "checking registration %q", reg.ID)
	}
	res := Result{Registration: reg.ID, Partner: reg.Partner, Account: reg.Account, At: at}
	x.scan(&res, x.base, &reg, at, x.delta)
	if x.delta != nil {
		x.scan(&res, x.delta, &reg, at, nil)
	}
	res.finish()
	return res, nil
}

// scan adds the findings of table t, skipping records masked by mask.
func (x *Index) scan(res *Result, t *table, reg *Record, at time.Time, mask *table) {
	var buf [16]int32
	ids := t.scopeIDs(reg.Products, buf[:0])
	whole := reg.Products.IsZero()
	visit := func(i int32) {
		cr := &t.recs[i]
		if reg.ID != "" && cr.id == reg.ID {
			return // a registration never conflicts with itself
		}
		if !cr.active || at.Before(cr.registered) || (!cr.end.IsZero() && !at.Before(cr.end)) {
			return
		}
		if mask != nil {
			if _, ok := mask.ids[cr.id]; ok {
				return
			}
		}
		match, key := reg.Account.Match(cr.key)
		near := false
		if match == partnerops.AccountMatchNone {
			if !reg.Account.NearDuplicate(cr.key) {
				return
			}
			near, match, key = true, partnerops.AccountMatchName, reg.Account.Name
		}
		var rule Rule
		switch {
		case cr.kind == KindOpportunity:
			rule = RuleDirectConflict
		case cr.partner == reg.Partner:
			rule = RuleDuplicate
		default:
			rule = RuleConflict
		}
		overlap := whole || cr.n == 0 || intersects(ids, t.items[cr.off:cr.off+cr.n])
		if !overlap && (rule == RuleDuplicate || x.c.scope == ConflictScopeProducts) {
			return
		}
		if near {
			rule = RuleNearDuplicate
		}
		res.Findings = append(res.Findings, x.finding(t, cr, rule, match, key, ids, whole, overlap))
	}
	// Domain matches first, then the name's records that the domain
	// lookup did not already visit.
	for _, i := range t.dom.lookup(reg.Account.Domain) {
		visit(i)
	}
	for _, i := range t.name.lookup(reg.Account.Name) {
		if d := t.recs[i].key.Domain; reg.Account.Domain != "" && d == reg.Account.Domain {
			continue
		}
		visit(i)
	}
}

// scopeIDs returns the sorted item IDs of s known to t; unknown items
// overlap nothing in t and are left out.
func (t *table) scopeIDs(s Scope, dst []int32) []int32 {
	for _, k := range s.SKUs {
		if id, ok := t.skus[k]; ok {
			dst = append(dst, id)
		}
	}
	for _, f := range s.Families {
		if id, ok := t.fams[f]; ok {
			dst = append(dst, famBase+id)
		}
	}
	slices.Sort(dst)
	return dst
}

// intersects reports whether two sorted lists share an element.
func intersects(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

func (x *Index) finding(t *table, cr *crec, rule Rule, match partnerops.AccountMatchRule, key string, ids []int32, whole, overlap bool) Finding {
	f := Finding{
		Rule: rule, Outcome: x.c.outcome(rule), Other: cr.id, OtherKind: cr.kind, OtherPartner: cr.partner,
		OtherAccount: cr.key, OtherStatus: cr.status, OtherRegistered: cr.registered, OtherEnd: cr.end,
		OtherValue: cr.value, Match: match, Key: key,
	}
	switch {
	case whole || cr.n == 0:
		f.WholeAccount = true
	case overlap:
		items := t.items[cr.off : cr.off+cr.n]
		i, j := 0, 0
		for i < len(ids) && j < len(items) {
			switch {
			case ids[i] == items[j]:
				if it := ids[i]; it >= famBase {
					f.Overlap.Families = append(f.Overlap.Families, t.famNames[it-famBase])
				} else {
					f.Overlap.SKUs = append(f.Overlap.SKUs, t.skuNames[it])
				}
				i++
				j++
			case ids[i] < items[j]:
				i++
			default:
				j++
			}
		}
	}
	f.Reason = f.describe()
	return f
}

// describe explains a finding in one sentence.
func (f Finding) describe() string {
	other := string(f.OtherStatus) + " " + string(f.OtherKind.norm()) + " " + string(f.Other)
	if f.OtherKind.norm() == KindOpportunity {
		other = string(f.OtherStatus) + " direct opportunity " + string(f.Other)
	} else if f.Rule != RuleDuplicate {
		other = "partner " + string(f.OtherPartner) + "'s " + other
	}
	var scope string
	switch {
	case f.WholeAccount:
		scope = "whole account"
	case f.Overlap.IsZero():
		scope = "other products on the account"
	default:
		scope = "products overlap: " + f.Overlap.String()
	}
	until := ""
	if !f.OtherEnd.IsZero() {
		until = ", protected until " + f.OtherEnd.Format(time.DateOnly)
	}
	switch f.Rule {
	case RuleDuplicate:
		return fmt.Sprintf("duplicate of the same partner's %s (%s %s; %s)%s", other, f.Match, f.Key, scope, until)
	case RuleNearDuplicate:
		return fmt.Sprintf("near-duplicate of %s: same name %q under another domain %q (%s)", other, f.Key, f.OtherAccount.Domain, scope)
	}
	return fmt.Sprintf("conflicts with %s (%s %s; %s)%s", other, f.Match, f.Key, scope, until)
}
