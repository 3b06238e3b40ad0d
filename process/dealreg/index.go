package dealreg

import (
	"cmp"
	"errors"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
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
	ids      hindex
	dom      hindex
	name     hindex
	skus     map[SKU]int32
	fams     map[Family]int32
	skuNames []SKU
	famNames []Family
	items    []int32 // each record's scope item IDs, sorted; families from famBase
}

// famBase offsets family IDs above SKU IDs in one item space.
const famBase = 1 << 30

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
// Building is one pass over the records and three sorts of integers.
func (c *Checker) Index(records []Record) (*Index, error) {
	ids, err := c.validate(records)
	if err != nil {
		return nil, wrap(err, "indexing %d records", len(records))
	}
	return &Index{c: c, base: c.build(records, ids)}, nil
}

// validate checks every record and the uniqueness of their IDs, and
// returns the ID index.
func (c *Checker) validate(records []Record) (hindex, error) {
	var p partnerops.Problems
	for i := range records {
		r := &records[i]
		if r.valid() {
			continue // the common case, without building a path
		}
		path := partnerops.Path("records", i)
		if r.ID != "" {
			path = partnerops.Path("records", partnerops.Key(r.ID))
		}
		r.validate(&p, path, true)
	}
	ids := newHindex(maphash.MakeSeed(), len(records), func(i int) string { return string(records[i].ID) })
	// Records with equal IDs share hash bits, so they sit in one run.
	type dup struct{ first, again int }
	var dups []dup
	mask := ^uint64(0) << ids.shift
	for lo := 0; lo < len(ids.entries); {
		hi := lo + 1
		for hi < len(ids.entries) && ids.entries[hi]&mask == ids.entries[lo]&mask {
			hi++
		}
		for a := lo + 1; a < hi; a++ {
			ia := ids.index(ids.entries[a])
			for b := lo; b < a; b++ {
				if ib := ids.index(ids.entries[b]); records[ib].ID == records[ia].ID {
					dups = append(dups, dup{int(ib), int(ia)})
					break
				}
			}
		}
		lo = hi
	}
	slices.SortFunc(dups, func(a, b dup) int { return cmp.Compare(a.again, b.again) })
	for _, d := range dups {
		id := records[d.again].ID
		p.Addf(partnerops.Path("records", partnerops.Key(id), "id"), string(id), "duplicate of record %d", d.first)
	}
	err := p.Err()
	if len(dups) > 0 {
		err = errors.Join(err, ErrDuplicateID)
	}
	return ids, err
}

// build compiles validated records.
func (c *Checker) build(records []Record, ids hindex) *table {
	n := len(records)
	t := &table{
		recs: make([]crec, n),
		ids:  ids,
		skus: map[SKU]int32{},
		fams: map[Family]int32{},
	}
	for i := range records {
		r := &records[i]
		cr := &t.recs[i]
		*cr = crec{
			id: r.ID, partner: r.Partner, key: r.Account, kind: r.Kind.norm(), status: r.Status,
			registered: r.Registered, expires: r.Expires, value: zeroless(r.Value), active: c.active[r.Status],
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
	}
	t.dom = newHindex(ids.seed, n, func(i int) string { return records[i].Account.Domain })
	t.name = newHindex(ids.seed, n, func(i int) string { return records[i].Account.Name })
	return t
}

// buildValid builds records known to be valid.
func (c *Checker) buildValid(records []Record) *table {
	ids := newHindex(maphash.MakeSeed(), len(records), func(i int) string { return string(records[i].ID) })
	return c.build(records, ids)
}

// has reports whether t holds a record with the ID.
func (t *table) has(id RecordID) bool {
	for _, e := range t.ids.candidates(string(id)) {
		if t.recs[t.ids.index(e)].id == id {
			return true
		}
	}
	return false
}

// Len returns the number of records in the index (a record replaced by
// [Index.With] counts once).
func (x *Index) Len() int {
	n := len(x.base.recs)
	if x.delta != nil {
		for _, r := range x.delta.recs {
			if !x.base.has(r.id) {
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
	return x.delta.has(id)
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
	if _, err := x.c.validate(records); err != nil {
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
		next := &Index{c: x.c, base: x.base, delta: x.c.buildValid(added)}
		return &Index{c: x.c, base: x.c.buildValid(next.Records())}, nil
	}
	return &Index{c: x.c, base: x.base, delta: x.c.buildValid(added)}, nil
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
			if mask.has(cr.id) {
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
	for _, e := range t.dom.candidates(reg.Account.Domain) {
		if i := t.dom.index(e); t.recs[i].key.Domain == reg.Account.Domain {
			visit(i)
		}
	}
	for _, e := range t.name.candidates(reg.Account.Name) {
		i := t.name.index(e)
		if k := t.recs[i].key; k.Name != reg.Account.Name || (reg.Account.Domain != "" && k.Domain == reg.Account.Domain) {
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
	// Shared items in name order, whatever order the records interned
	// them in.
	slices.Sort(f.Overlap.SKUs)
	slices.Sort(f.Overlap.Families)
	f.Reason = f.describe()
	return f
}

// describe explains a finding in one sentence, in one allocation.
func (f Finding) describe() string {
	var b strings.Builder
	b.Grow(160)
	switch f.Rule {
	case RuleDuplicate:
		b.WriteString("duplicate of the same partner's ")
	case RuleNearDuplicate:
		b.WriteString("near-duplicate of ")
	default:
		b.WriteString("conflicts with ")
	}
	if f.OtherKind.norm() == KindOpportunity {
		b.WriteString(string(f.OtherStatus))
		b.WriteString(" direct opportunity ")
	} else {
		if f.Rule != RuleDuplicate {
			b.WriteString("partner ")
			b.WriteString(string(f.OtherPartner))
			b.WriteString("'s ")
		}
		b.WriteString(string(f.OtherStatus))
		b.WriteString(" registration ")
	}
	b.WriteString(string(f.Other))
	if f.Rule == RuleNearDuplicate {
		b.WriteString(": same name ")
		b.WriteString(strconv.Quote(f.Key))
		b.WriteString(" under another domain ")
		b.WriteString(strconv.Quote(f.OtherAccount.Domain))
		b.WriteString(" (")
	} else {
		b.WriteString(" (")
		b.WriteString(string(f.Match))
		b.WriteString(" ")
		b.WriteString(f.Key)
		b.WriteString("; ")
	}
	switch {
	case f.WholeAccount:
		b.WriteString("whole account")
	case f.Overlap.IsZero():
		b.WriteString("other products on the account")
	default:
		b.WriteString("products overlap: ")
		f.Overlap.write(&b)
	}
	b.WriteString(")")
	if !f.OtherEnd.IsZero() && f.Rule != RuleNearDuplicate {
		var day [16]byte
		b.WriteString(", protected until ")
		b.Write(f.OtherEnd.AppendFormat(day[:0], time.DateOnly))
	}
	return b.String()
}
