package mapping

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unsafe"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
	"github.com/shopspring/decimal"
)

// ErrDuplicatePartner is returned by [NewIndex] when two account
// lists name the same partner.
var ErrDuplicatePartner = errors.New("mapping: duplicate partner in account index")

// AccountStatus is where an account stands with its owner (the vendor or
// a partner). It is a closed set; the order of [AccountStatuses] is the
// order of rows and columns in an [OverlapMatrix].
type AccountStatus string

// Account statuses, from the strongest relationship to the weakest.
const (
	// AccountStatusCustomer is a paying customer (closed-won).
	AccountStatusCustomer AccountStatus = "customer"
	// AccountStatusOpportunity has an open opportunity.
	AccountStatusOpportunity AccountStatus = "opportunity"
	// AccountStatusProspect is being worked but has no open opportunity.
	AccountStatusProspect AccountStatus = "prospect"
	// AccountStatusTarget is on a target list (an ICP account, a named
	// account) and not yet engaged.
	AccountStatusTarget AccountStatus = "target"
)

// mapStatusCount is the number of account statuses.
const mapStatusCount = 4

// AccountStatuses returns the statuses in matrix order: customer,
// opportunity, prospect, target.
func AccountStatuses() []AccountStatus {
	return []AccountStatus{AccountStatusCustomer, AccountStatusOpportunity, AccountStatusProspect, AccountStatusTarget}
}

// mapStatusByIndex is the inverse of mapStatusIndex.
var mapStatusByIndex = [mapStatusCount]AccountStatus{AccountStatusCustomer, AccountStatusOpportunity, AccountStatusProspect, AccountStatusTarget}

// mapStatusIndex returns s's position in [AccountStatuses], or -1.
func mapStatusIndex(s AccountStatus) int {
	switch s {
	case AccountStatusCustomer:
		return 0
	case AccountStatusOpportunity:
		return 1
	case AccountStatusProspect:
		return 2
	case AccountStatusTarget:
		return 3
	}
	return -1
}

// Valid reports whether s is one of the four statuses.
func (s AccountStatus) Valid() bool { return mapStatusIndex(s) >= 0 }

// String returns the status name.
func (s AccountStatus) String() string { return string(s) }

// ParseAccountStatus parses a status name in any letter case; it also
// accepts "open_opportunity", "open opportunity" and "opp" for
// [AccountStatusOpportunity]. Other text gives an error wrapping
// [partnerops.ErrSyntax].
func ParseAccountStatus(s string) (AccountStatus, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "customer":
		return AccountStatusCustomer, nil
	case "opportunity", "open_opportunity", "open opportunity", "opp":
		return AccountStatusOpportunity, nil
	case "prospect":
		return AccountStatusProspect, nil
	case "target":
		return AccountStatusTarget, nil
	}
	return "", fmt.Errorf("mapping: parsing account status %q: want customer, opportunity, prospect or target: %w", s, partnerops.ErrSyntax)
}

// Account is one row of a vendor's or a partner's account list: a CRM
// account with the keys it is matched on. The zero value is not a valid
// account (it has no ID and no status).
type Account struct {
	// ID is the owner's identifier of the account. IDs should be unique
	// within one list; duplicates are matched as separate accounts.
	ID partnerops.AccountID `json:"id"`
	// Name is the company name, matched after [partnerops.NormalizeName].
	Name string `json:"name,omitempty"`
	// Domain is the web domain, URL or an e-mail address of the company,
	// matched after [partnerops.NormalizeDomain].
	Domain string `json:"domain,omitempty"`
	// Status is the owner's relationship with the account.
	Status AccountStatus `json:"status"`
	// Segment optionally groups the account (a region, an industry, a
	// size band) for the whitespace report.
	Segment string `json:"segment,omitempty"`
	// Pipeline is the value at stake for the owner: open pipeline for an
	// opportunity, ARR for a customer, an estimate for a target. The zero
	// Money counts as nothing. All amounts of one mapping share one
	// currency.
	Pipeline partnerops.Money `json:"pipeline,omitzero"`
	// DomainHash and NameHash are the host's keyed hashes of the
	// normalized domain and name, used instead of Domain and Name in
	// [MatchModeKeyedHash]; see [KeyedAccounts].
	DomainHash string `json:"domain_hash,omitempty"`
	NameHash   string `json:"name_hash,omitempty"`
}

// MatchMode says which keys accounts are matched on.
type MatchMode uint8

// Match modes.
const (
	// MatchModeNormalized matches the normalized Domain and Name of each
	// account; the match key reported is the normalized text.
	MatchModeNormalized MatchMode = iota
	// MatchModeKeyedHash matches DomainHash and NameHash exactly, as the
	// host computed them with its own secret (see [KeyedAccounts]), so two
	// parties can compare lists without sharing them. The match key
	// reported is the hash.
	MatchModeKeyedHash
)

// String returns "normalized" or "keyed_hash".
func (m MatchMode) String() string {
	if m == MatchModeKeyedHash {
		return "keyed_hash"
	}
	if m == MatchModeNormalized {
		return "normalized"
	}
	return fmt.Sprintf("MatchMode(%d)", uint8(m))
}

// MarshalText encodes m as "normalized" or "keyed_hash".
func (m MatchMode) MarshalText() ([]byte, error) {
	if m > MatchModeKeyedHash {
		return nil, fmt.Errorf("mapping: match mode %d: %w", uint8(m), partnerops.ErrInvalid)
	}
	return []byte(m.String()), nil
}

// UnmarshalText decodes "normalized" (or "") and "keyed_hash".
func (m *MatchMode) UnmarshalText(b []byte) error {
	switch string(b) {
	case "normalized", "":
		*m = MatchModeNormalized
	case "keyed_hash":
		*m = MatchModeKeyedHash
	default:
		return fmt.Errorf("mapping: match mode %q: want normalized or keyed_hash: %w", b, partnerops.ErrSyntax)
	}
	return nil
}

// MatchRule says which key two accounts matched on.
type MatchRule string

// Match rules. A domain match is always preferred over a name match.
const (
	MatchRuleDomain     MatchRule = "domain"
	MatchRuleName       MatchRule = "name"
	MatchRuleDomainHash MatchRule = "domain_hash"
	MatchRuleNameHash   MatchRule = "name_hash"
)

// KeyedAccounts prepares accounts for [MatchModeKeyedHash]: it returns
// copies whose DomainHash is hash("domain:" + partnerops.NormalizeDomain(Domain)) and
// whose NameHash is hash("name:" + partnerops.NormalizeName(Name)) (left empty when the
// normalized key is empty), and whose Domain and Name are cleared so that
// the copies can be shared. The prefixes keep domain and name keys apart.
//
// hash is the host's keyed hash, typically HMAC-SHA-256 under a secret
// both parties agreed on, rendered as hex. It must be deterministic and
// collision resistant: matches on keyed hashes are exact matches of the
// hash text.
func KeyedAccounts(accounts []Account, hash func(key string) string) []Account {
	out := make([]Account, len(accounts))
	for i, a := range accounts {
		if d := partnerops.NormalizeDomain(a.Domain); d != "" {
			a.DomainHash = hash("domain:" + d)
		}
		if n := partnerops.NormalizeName(a.Name); n != "" {
			a.NameHash = hash("name:" + n)
		}
		a.Domain, a.Name = "", ""
		out[i] = a
	}
	return out
}

// AccountMatch is one matched pair: a vendor account and a partner
// account that are the same company.
type AccountMatch struct {
	Partner        partnerops.PartnerID `json:"partner"`
	VendorAccount  partnerops.AccountID `json:"vendor_account"`
	PartnerAccount partnerops.AccountID `json:"partner_account"`
	VendorStatus   AccountStatus        `json:"vendor_status"`
	PartnerStatus  AccountStatus        `json:"partner_status"`
	// Rule and Key say why the accounts match: the rule that fired and
	// the exact normalized key (or keyed hash) both sides share.
	Rule MatchRule `json:"rule"`
	Key  string    `json:"key"`
}

// MatchAccounts reports whether a and b are the same company under mode,
// and on which rule and key. The partner, status and ID fields of the
// result are left empty. The rules, in order:
//
//  1. domain: both normalized domains are non-empty and equal;
//  2. name: both normalized names are non-empty and equal, and at most
//     one of the two accounts has a domain (two different domains are
//     evidence of two companies, which a name match never overrides).
//
// In [MatchModeKeyedHash] the same rules apply to DomainHash and
// NameHash, compared as given. MatchAccounts is symmetric:
// MatchAccounts(a, b) and MatchAccounts(b, a) agree. It is the pairwise
// reference that [Index] implements at scale.
func MatchAccounts(a, b Account, mode MatchMode) (AccountMatch, bool) {
	da, db, na, nb := a.DomainHash, b.DomainHash, a.NameHash, b.NameHash
	ruleD, ruleN := MatchRuleDomainHash, MatchRuleNameHash
	if mode != MatchModeKeyedHash {
		da, db = partnerops.NormalizeDomain(a.Domain), partnerops.NormalizeDomain(b.Domain)
		na, nb = partnerops.NormalizeName(a.Name), partnerops.NormalizeName(b.Name)
		ruleD, ruleN = MatchRuleDomain, MatchRuleName
	}
	if da != "" && da == db {
		return AccountMatch{Rule: ruleD, Key: da}, true
	}
	if na != "" && na == nb && (da == "" || db == "") {
		return AccountMatch{Rule: ruleN, Key: na}, true
	}
	return AccountMatch{}, false
}

// PartnerAccounts is one partner's account list.
type PartnerAccounts struct {
	Partner  partnerops.PartnerID `json:"partner"`
	Accounts []Account            `json:"accounts"`
}

// IndexOptions configures [NewIndex].
type IndexOptions struct {
	// Mode selects the keys matched on. Defaults to MatchModeNormalized.
	Mode MatchMode `json:"mode,omitempty"`
	// Currency of every non-zero Pipeline, in the index and in the vendor
	// accounts mapped against it. Defaults to the currency of the first
	// non-zero pipeline found; every other one must agree.
	Currency partnerops.Currency `json:"currency,omitempty"`
}

// Index is a prebuilt, immutable index of partners' accounts by
// normalized domain and by normalized name (or by keyed hash). Build it
// once with [NewIndex] and probe it with many vendor lists
// ([Index.Map]) or single accounts ([Index.AppendMatches]).
// It is safe for concurrent use.
//
// Keys live in arenas and three open-addressing hash tables (by domain,
// by name, and by name for the accounts without a domain) with posting
// lists; account IDs live in another arena, and each account's status and
// pipeline (as integer minor units) in arrays of numbers, so the index
// holds no per-account pointers and about 27 bytes per account besides
// its ID and key text (9 for the account, 14 of table slots and 4 of
// reference per key). It is built in one pass over the accounts (two
// when some have names) with arenas that grow by 256 KiB chunks without
// copying, in a few large allocations rather than one per account; the
// name tables are sized by the accounts that have a name (none when no
// account has one). A probe allocates nothing. Keys are compared byte for
// byte on every hash hit: a match is never made on a hash alone.
type Index struct {
	mode     MatchMode
	currency partnerops.Currency
	partners []partnerops.PartnerID // sorted
	// The indexed accounts ("entries"), in partner order: entry e
	// belongs to the partner r with first[r] <= e < first[r+1]; idEnd[e]
	// holds where its ID ends in ids (the low mapIDBits, see id) and its
	// status (above), what a match reads; meta[e] holds flags
	// (mapMeta...), pipe[e] its pipeline in minor units (or, with
	// mapMetaSlowPipe, the index of its pipeline in pipes).
	first    []int32
	idEnd    []uint32
	meta     []uint8
	pipe     []int32
	ids      mapArena           // the account IDs, back to back
	pipes    []partnerops.Money // pipelines that are not int32 minor units
	domain   mapTable
	name     mapTable // every account with a name
	nameOpen mapTable // accounts with a name and no domain
}

// Tables of an [Index], as recorded in a probe hit.
const (
	mapTableDomain uint8 = iota
	mapTableName
	mapTableNameOpen
)

// Entry flags in Index.meta.
const (
	mapMetaDomain   = 1 << 0 // the account has a domain key
	mapMetaSlowPipe = 1 << 1 // pipe holds an index in pipes
)

// An entry's ID end takes the low mapIDBits of Index.idEnd, its status
// the bits above: account IDs total at most 1 GiB.
const (
	mapIDBits = 30
	mapIDMask = 1<<mapIDBits - 1
)

// mapMaxID is the longest account ID an index accepts.
const mapMaxID = 1024

// id returns entry e's account ID: it ends at idEnd[e] and starts where
// the previous one ends, or at the start of its chunk of ids when the
// previous one ends in an earlier chunk (IDs are not empty).
func (ix *Index) id(e int32) partnerops.AccountID {
	end := ix.idEnd[e] & mapIDMask
	start := (end - 1) &^ mapChunkMask
	if e > 0 {
		start = max(start, ix.idEnd[e-1]&mapIDMask)
	}
	return partnerops.AccountID(ix.ids.str(start, int(end-start)))
}

// status returns entry e's status index.
func (ix *Index) status(e int32) uint8 { return uint8(ix.idEnd[e] >> mapIDBits) }

// partnerOf returns the rank of entry e's partner: the last partner
// whose first entry is at or before e. The search takes no branch on the
// comparisons (they would be mispredicted half the time).
func (ix *Index) partnerOf(e int32) int {
	first := ix.first[:len(ix.first)-1] // first[0] == 0 <= e
	base, n := 0, len(first)
	for n > 1 {
		half := n / 2
		base += half & -mapB2I(first[base+half] <= e)
		n -= half
	}
	return base
}

// mapB2I is 1 for true and 0 for false, without a branch.
func mapB2I(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// pipeline adds entry e's pipeline to acc.
func (ix *Index) pipeline(e int32, acc *mapMoneyAcc, places int32) {
	if ix.meta[e]&mapMetaSlowPipe != 0 {
		acc.add(ix.pipes[ix.pipe[e]], places)
		return
	}
	acc.addMinor(int64(ix.pipe[e]))
}

// NewIndex validates the partners' account lists and indexes them.
// Every problem is reported as a [*partnerops.ValidationError] (a missing
// partner ID or account ID, an unknown status, a pipeline in another
// currency, an account with no key for the mode); a partner listed twice
// gives an error wrapping [ErrDuplicatePartner]. Accounts whose keys
// normalize to nothing are kept (they count as accounts) but never match.
func NewIndex(partners []PartnerAccounts, opts IndexOptions) (*Index, error) {
	var p partnerops.Problems
	if opts.Mode > MatchModeKeyedHash {
		p.Add("mode", "must be normalized or keyed_hash", opts.Mode.String())
	}
	cur := opts.Currency
	if cur != "" && !cur.Valid() {
		p.Add("currency", "must be a known ISO 4217 code", string(cur))
	}
	// One pass validates the accounts, records them and indexes their
	// domains, and a second indexes names only when some account has
	// one: each pass streams the accounts from memory. Arenas grow by
	// chunks, so nothing needs sizing in advance but the tables, by the
	// number of accounts.
	order := make([]int, len(partners))
	total := 0
	for i := range partners {
		order[i] = i
		total += len(partners[i].Accounts)
	}
	if total > math.MaxInt32 {
		return nil, fmt.Errorf("mapping: indexing %d accounts: too many: %w", total, partnerops.ErrRange)
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(string(partners[a].Partner), string(partners[b].Partner)) })
	ix := &Index{mode: opts.Mode, partners: make([]partnerops.PartnerID, len(partners)), first: make([]int32, len(partners)+1),
		idEnd: make([]uint32, 0, total), meta: make([]uint8, 0, total), pipe: make([]int32, 0, total)}
	ix.ids.init(16 * total)
	ix.ids.maxChunks = 1 << (mapIDBits - mapChunkBits)
	ix.domain.init(total, 24*total)
	// Domain keys go in by batches whose table reads overlap (see
	// probeBatch), as long as every account so far is valid (else the
	// index is not built).
	var kb mapKeyBatch
	open, named, nameBytes := 0, 0, 0
	var dup error
	for rank, pi := range order {
		pa := &partners[pi]
		ix.partners[rank] = pa.Partner
		ix.first[rank] = int32(len(ix.idEnd))
		if pa.Partner == "" {
			p.Add(partnerops.Path("partners", pi, "partner"), "must not be empty", "")
		}
		if rank > 0 && ix.partners[rank-1] == pa.Partner && dup == nil {
			dup = fmt.Errorf("mapping: indexing partner %q: %w", pa.Partner, ErrDuplicatePartner)
		}
		for ai := range pa.Accounts {
			a := &pa.Accounts[ai]
			ok, amt := mapCheckAccount(&p, a, opts.Mode, &cur, func() string {
				return partnerops.Path("partners", mapElem(string(pa.Partner), pi), "accounts", mapElem(string(a.ID), ai))
			})
			if !ok {
				continue
			}
			if len(a.ID) > mapMaxID {
				p.Addf(partnerops.Path("partners", mapElem(string(pa.Partner), pi), "accounts", ai, "id"), "", "must be at most %d bytes", mapMaxID)
				continue
			}
			// The name key's source: reading only it keeps the other
			// one's memory out of the pass.
			if n := len(mapNameSource(a, ix.mode)); n > 0 {
				nameBytes += n + 1
				named++
			}
			off, ok := ix.ids.add(string(a.ID))
			if !ok {
				return nil, fmt.Errorf("mapping: indexing account IDs: more than 1 GiB: %w", partnerops.ErrRange)
			}
			ix.idEnd = append(ix.idEnd, off+uint32(len(a.ID))|uint32(mapStatusIndex(a.Status))<<mapIDBits)
			var meta uint8
			if v, ok := amt.minor(cur.MinorUnits()); ok && v == int64(int32(v)) {
				ix.pipe = append(ix.pipe, int32(v))
			} else {
				ix.pipe = append(ix.pipe, int32(len(ix.pipes)))
				ix.pipes = append(ix.pipes, a.Pipeline)
				meta |= mapMetaSlowPipe
			}
			ix.meta = append(ix.meta, meta)
			if p.Len() == 0 && kb.add(mapDomainKeyView(kb.next(), a, ix.mode)) {
				n, err := ix.insertDomains(&kb)
				if err != nil {
					return nil, err
				}
				open += n
			}
		}
	}
	ix.first[len(partners)] = int32(len(ix.idEnd))
	ix.ids.freeze()
	if err := p.Err(); err != nil {
		return nil, errors.Join(err, dup)
	}
	if dup != nil {
		return nil, dup
	}
	n, err := ix.insertDomains(&kb)
	if err != nil {
		return nil, err
	}
	open += n
	ix.domain.finish()
	ix.currency = cur
	ix.name.init(named, nameBytes+mapRefLen*named)
	nOpen := min(open, named)
	ix.nameOpen.init(nOpen, (nameBytes/max(1, named)+mapRefLen)*nOpen)
	if named > 0 {
		// Entries were appended in partner-rank order: walk the lists in
		// the same order.
		kb.e0 = 0
		for _, pi := range order {
			for ai := range partners[pi].Accounts {
				if kb.add(mapNameKey(kb.next(), &partners[pi].Accounts[ai], ix.mode)) {
					if err := ix.insertNames(&kb); err != nil {
						return nil, err
					}
				}
			}
		}
		if err := ix.insertNames(&kb); err != nil {
			return nil, err
		}
	}
	ix.name.finish()
	ix.nameOpen.finish()
	return ix, nil
}

// mapKeyBatch collects the keys of up to mapBatch consecutive entries,
// the first of which is e0.
type mapKeyBatch struct {
	buf  [mapBatch * 256]byte
	keys [mapBatch][]byte
	n    int
	e0   int32
}

// next returns the buffer for the next key (keys longer than 256 bytes
// go to the heap).
func (kb *mapKeyBatch) next() []byte {
	return kb.buf[kb.n*256 : kb.n*256 : (kb.n+1)*256]
}

// add adds the next key and reports whether the batch is full.
func (kb *mapKeyBatch) add(k []byte) bool {
	kb.keys[kb.n] = k
	kb.n++
	return kb.n == mapBatch
}

// take returns the batch's keys and first entry and empties it.
func (kb *mapKeyBatch) take() ([][]byte, int32) {
	keys, e0 := kb.keys[:kb.n], kb.e0
	kb.e0 += int32(kb.n)
	kb.n = 0
	return keys, e0
}

// errMapKeys is returned when a table's keys outgrow their arena.
var errMapKeys = fmt.Errorf("mapping: indexing keys: more than 4 GiB: %w", partnerops.ErrRange)

// insertDomains indexes the batch's domain keys and flags the entries
// that have one; it returns the number of entries without one.
func (ix *Index) insertDomains(kb *mapKeyBatch) (int, error) {
	keys, e0 := kb.take()
	if !ix.domain.insertBatch(keys, e0) {
		return 0, errMapKeys
	}
	open := 0
	for i, k := range keys {
		if mapKeyOK(k) {
			ix.meta[e0+int32(i)] |= mapMetaDomain
		} else {
			open++
		}
	}
	return open, nil
}

// insertNames indexes the batch's name keys, in the name table and, for
// entries without a domain, in the nameOpen table.
func (ix *Index) insertNames(kb *mapKeyBatch) error {
	keys, e0 := kb.take()
	if !ix.name.insertBatch(keys, e0) {
		return errMapKeys
	}
	for i, k := range keys {
		if e := e0 + int32(i); ix.meta[e]&mapMetaDomain == 0 && !ix.nameOpen.insert(k, e) {
			return errMapKeys
		}
	}
	return nil
}

// mapElem names a list element in a path: by its ID (partners[p-alpha])
// when it has a short one, else by its index.
func mapElem(id string, i int) any {
	if id == "" || len(id) > 64 {
		return i
	}
	return partnerops.Key(id)
}

// mapCheckAccount validates one account, recording problems under the
// path that path() builds (called only when there is a problem).
// It also returns the account's pipeline as read by mapAmountOf.
func mapCheckAccount(p *partnerops.Problems, a *Account, mode MatchMode, cur *partnerops.Currency, path func() string) (bool, mapAmount) {
	ok := true
	if a.ID == "" {
		p.Add(partnerops.JoinPath(path(), "id"), "must not be empty", "")
		ok = false
	}
	if !a.Status.Valid() {
		p.Add(partnerops.JoinPath(path(), "status"), "must be customer, opportunity, prospect or target", string(a.Status))
		ok = false
	}
	amt := mapAmountOf(a.Pipeline)
	if !amt.small { // else certainly valid
		if err := a.Pipeline.Amount().Validate(); err != nil {
			fixed.AddErr(p, partnerops.JoinPath(path(), "pipeline"), err)
			return false, amt
		}
	}
	// A zero pipeline is zero in any currency (JSON leaves it out), so
	// only non-zero ones set or must match the mapping's currency.
	if c := a.Pipeline.Currency(); c != "" && !a.Pipeline.IsZero() {
		switch {
		case *cur == "":
			*cur = c
		case c != *cur:
			p.Addf(partnerops.JoinPath(path(), "pipeline"), string(c), "must be in %s like the rest of the mapping", *cur)
			ok = false
		}
	}
	if mode == MatchModeKeyedHash && (a.Domain != "" || a.Name != "") && a.DomainHash == "" && a.NameHash == "" {
		p.Add(partnerops.JoinPath(path(), "domain_hash"), "keyed-hash mode needs domain_hash or name_hash, not raw domain or name", "")
		ok = false
	}
	return ok, amt
}

// mapDomainKey returns the domain key of a for mode, appending
// normalized text to buf.
func mapDomainKey(buf []byte, a *Account, mode MatchMode) []byte {
	if mode == MatchModeKeyedHash {
		return append(buf, a.DomainHash...)
	}
	return partnerops.AppendNormalizedDomain(buf, a.Domain)
}

// mapDomainKeyView is mapDomainKey for a key that is only read, and only
// while a is: a domain that is already normalized
// ([partnerops.IsNormalizedDomain]) is returned as a view of a.Domain's
// bytes, not copied.
func mapDomainKeyView(buf []byte, a *Account, mode MatchMode) []byte {
	if mode == MatchModeNormalized && partnerops.IsNormalizedDomain(a.Domain) {
		return unsafe.Slice(unsafe.StringData(a.Domain), len(a.Domain)) // never written
	}
	return mapDomainKey(buf, a, mode)
}

// mapNameSource returns the text a's name key comes from in mode.
func mapNameSource(a *Account, mode MatchMode) string {
	if mode == MatchModeKeyedHash {
		return a.NameHash
	}
	return a.Name
}

// mapNameKey returns the name key of a for mode, appending normalized
// text to buf.
func mapNameKey(buf []byte, a *Account, mode MatchMode) []byte {
	if mode == MatchModeKeyedHash {
		return append(buf, a.NameHash...)
	}
	return partnerops.AppendNormalizedName(buf, a.Name)
}

// Partners returns the indexed partners in ID order.
func (ix *Index) Partners() []partnerops.PartnerID { return slices.Clone(ix.partners) }

// Len returns the number of indexed partner accounts.
func (ix *Index) Len() int { return len(ix.idEnd) }

// Mode returns the index's match mode.
func (ix *Index) Mode() MatchMode { return ix.mode }

// AppendMatches appends to dst the matches of one vendor account against
// every indexed partner account, domain matches first, and returns the
// extended slice. It validates nothing (see [Index.Map]) and does
// not allocate when dst has room.
func (ix *Index) AppendMatches(dst []AccountMatch, a Account) []AccountMatch {
	ix.probe(&a, func(e int32, t uint8, k int32) {
		dst = append(dst, ix.match(a.ID, a.Status, e, t, k))
	})
	return dst
}

// AppendMatchesBatch is [Index.AppendMatches] for many vendor
// accounts: it appends the matches of every account, in input order. It
// probes in batches whose table reads overlap, which is faster than one
// account at a time on an index larger than the CPU caches.
func (ix *Index) AppendMatchesBatch(dst []AccountMatch, accounts []Account) []AccountMatch {
	for lo := 0; lo < len(accounts); lo += mapBatch {
		batch := accounts[lo:min(lo+mapBatch, len(accounts))]
		ix.probeBatch(batch, func(i int, e int32, t uint8, k int32) {
			dst = append(dst, ix.match(batch[i].ID, batch[i].Status, e, t, k))
		})
	}
	return dst
}

// match returns the match of the vendor account id (in status st) with
// entry e, found under slot k of table t.
func (ix *Index) match(id partnerops.AccountID, st AccountStatus, e int32, t uint8, k int32) AccountMatch {
	rule, key := ix.ruleKey(t, k)
	return AccountMatch{
		Partner: ix.partners[ix.partnerOf(e)], VendorAccount: id, PartnerAccount: ix.id(e),
		VendorStatus: st, PartnerStatus: mapStatusByIndex[ix.status(e)], Rule: rule, Key: key,
	}
}

// ruleKey returns the rule and the key text of slot k of table t.
func (ix *Index) ruleKey(t uint8, k int32) (MatchRule, string) {
	s := &ix.table(t).slots[k]
	return ix.ruleKeyAt(t, s.keyOff, s.keyLen())
}

// ruleKeyAt returns the rule of table t and the key text at off, n.
func (ix *Index) ruleKeyAt(t uint8, off uint32, n uint16) (MatchRule, string) {
	key := ix.table(t).arena.str(off+mapRefLen, int(n))
	switch {
	case t == mapTableDomain && ix.mode == MatchModeKeyedHash:
		return MatchRuleDomainHash, key
	case t == mapTableDomain:
		return MatchRuleDomain, key
	case ix.mode == MatchModeKeyedHash:
		return MatchRuleNameHash, key
	}
	return MatchRuleName, key
}

// table returns table t.
func (ix *Index) table(t uint8) *mapTable {
	switch t {
	case mapTableDomain:
		return &ix.domain
	case mapTableName:
		return &ix.name
	}
	return &ix.nameOpen
}

// probe calls hit for every entry matching a, with the table and slot of
// the key. A vendor account with a domain is matched by name only against
// the partner accounts without one (the small nameOpen table), so the
// common case costs one lookup.
func (ix *Index) probe(a *Account, hit func(e int32, t uint8, k int32)) {
	var buf [256]byte
	dk := mapDomainKeyView(buf[:0], a, ix.mode)
	if k := ix.domain.lookup(dk); k >= 0 {
		ix.domain.each(k, mapTableDomain, hit)
	}
	t, tab := mapTableName, &ix.name
	if len(dk) > 0 {
		if ix.nameOpen.nkeys == 0 {
			return
		}
		t, tab = mapTableNameOpen, &ix.nameOpen
	}
	nk := mapNameKey(buf[:0], a, ix.mode)
	if k := tab.lookup(nk); k >= 0 {
		tab.each(k, t, hit)
	}
}

// mapBatch is the number of accounts probed together by probeBatch.
const mapBatch = 16

// mapKeys holds the keys of up to mapBatch vendor accounts and their
// hashes (0 for an empty or overlong key), ready for probeKeys. A name key
// is left empty when probeKeys will not look it up (the account has a
// domain and no indexed account lacks one).
type mapKeys struct {
	n            int
	domain, name [mapBatch][]byte
	dh, nh       [mapBatch]uint64
}

// mapKeyHash returns the hash of key k, or 0 when k is empty or overlong.
func mapKeyHash(k []byte) uint64 {
	if !mapKeyOK(k) {
		return 0
	}
	return mapHash(k)
}

// mapKeyOK reports whether k can be indexed: not empty, not overlong.
func mapKeyOK(k []byte) bool { return len(k) > 0 && len(k) <= mapMaxKey }

// probeBatch probes up to mapBatch accounts like probe, calling hit with
// each account's position in accts: it normalizes their keys, then hands
// them to probeKeys.
func (ix *Index) probeBatch(accts []Account, hit func(i int, e int32, t uint8, k int32)) uint32 {
	var buf [mapBatch * 256]byte
	var nbuf [mapBatch * 256]byte
	var ks mapKeys
	accts = accts[:min(len(accts), mapBatch)]
	ks.n = len(accts)
	for i := range accts {
		ks.domain[i] = mapDomainKeyView(buf[i*256:i*256:(i+1)*256], &accts[i], ix.mode)
		ks.dh[i] = mapKeyHash(ks.domain[i])
		if len(ks.domain[i]) == 0 || ix.nameOpen.nkeys != 0 {
			ks.name[i] = mapNameKey(nbuf[i*256:i*256:(i+1)*256], &accts[i], ix.mode)
			ks.nh[i] = mapKeyHash(ks.name[i])
		}
	}
	return ix.probeKeys(&ks, hit)
}

// probeKeys probes the keys of up to mapBatch accounts like probe,
// calling hit with each account's position in the batch. It first reads
// the slot of every key of the batch, then the key text of the slots
// whose hash agrees and the start of their posting lists, loads that do
// not depend on each other, so that their cache misses overlap instead of
// queueing; it returns a value derived
// from those reads so that they are not optimized away.
//
//go:noinline
func (ix *Index) probeKeys(ks *mapKeys, hit func(i int, e int32, t uint8, k int32)) uint32 {
	n := min(ks.n, mapBatch)
	t := &ix.domain
	openEmpty := ix.nameOpen.nkeys == 0
	var touch uint32
	for i := range n {
		if h := ks.dh[i]; h != 0 {
			touch += t.slots[t.home(h)].tag
		} else if h := ks.nh[i]; h != 0 {
			touch += ix.name.slots[ix.name.home(h)].tag
		}
	}
	// The key text of the domain keys found in their first slot (most of
	// the keys found: the table is at most 4/7 full).
	var home [mapBatch]int32 // the first slot, when it carries the key's tag
	for i := range n {
		home[i] = -1
		if h := ks.dh[i]; h != 0 {
			if k := t.home(h); t.slots[k].tag == mapTag(h, len(ks.domain[i])) {
				home[i] = int32(k)
				touch += uint32(t.arena.byteAt(t.slots[k].keyOff)) // the key's reference and text
			}
		}
	}
	// The postings of those keys that have several entries.
	for i := range n {
		if k := home[i]; k >= 0 {
			if ref := t.ref(t.slots[k].keyOff); ref&mapMulti != 0 {
				touch += uint32(t.post[ref&^mapMulti])
			}
		}
	}
	// Collect the hits, then read their entries together before handing
	// them out, for the same reason.
	type pending struct {
		i    int
		e, k int32
		t    uint8
	}
	var hits [4 * mapBatch]pending
	nh := 0
	var flushed uint32 // what flush read; touch stays out of the closure, in a register
	flush := func() {
		var f uint32
		for _, h := range hits[:nh] {
			f += ix.idEnd[h.e]
		}
		for _, h := range hits[:nh] {
			if end := ix.idEnd[h.e] & mapIDMask; end > 0 {
				f += uint32(ix.ids.byteAt(end - 1)) // the ID's text
			}
		}
		flushed += f
		for _, h := range hits[:nh] {
			hit(h.i, h.e, h.t, h.k)
		}
		nh = 0
	}
	add := func(i int, e int32, t uint8, k int32) {
		if nh == len(hits) {
			flush()
		}
		hits[nh] = pending{i: i, e: e, k: k, t: t}
		nh++
	}
	for i := range n {
		dk := ks.domain[i]
		if k := t.lookupHash(dk, ks.dh[i]); k >= 0 {
			t.each(k, mapTableDomain, func(e int32, tab uint8, k int32) { add(i, e, tab, k) })
		}
		tab, nt := mapTableName, &ix.name
		if len(dk) > 0 {
			if openEmpty {
				continue
			}
			tab, nt = mapTableNameOpen, &ix.nameOpen
		}
		if k := nt.lookupHash(ks.name[i], ks.nh[i]); k >= 0 {
			nt.each(k, tab, func(e int32, tab uint8, k int32) { add(i, e, tab, k) })
		}
	}
	flush()
	return touch + flushed
}

// mapMaxKey is the longest key indexed; longer keys (junk, in practice)
// never match.
const mapMaxKey = 1024

// mapTable is an exact-key, open-addressing hash table (linear probing)
// from normalized keys to posting lists of entry numbers. A probe reads
// slots (8 bytes: part of the key's hash, its length and where its text
// is) until one carries the key's tag, then the key text, which follows
// the key's reference: its entry, or the start of its postings. The
// table has about 1.75 slots per key it may hold.
type mapTable struct {
	arena mapArena // each key's reference and text, back to back
	nkeys int      // distinct keys
	slots []mapSlot
	size  uint64 // len(slots)
	// post holds the postings of the keys with more than one entry: the
	// count, then the entries in order.
	post []int32
	// While building, the entries after the first of each key, as
	// chains: a key with several entries refers (with mapMulti) to the
	// last link of its chain, and each link to the previous one
	// (mapMulti set) or to the key's first entry (mapMulti clear).
	links []mapLink
	multi int // keys with more than one entry
	touch uint32
}

// mapLink is a link of a building table's chain of entries.
type mapLink struct{ entry, prev uint32 }

// mapSlot is a slot of a mapTable.
type mapSlot struct {
	// tag is the key length (low 11 bits, at least 1) and 21 bits of
	// the key's hash; 0 marks an empty slot.
	tag uint32
	// keyOff is where the key's reference is in keys, its text after it.
	keyOff uint32
}

const (
	mapMulti    = 1 << 31 // a reference to postings (or a chain), not an entry
	mapRefLen   = 4       // bytes of a key's reference, before its text
	mapLenBits  = 11      // mapMaxKey < 1<<mapLenBits
	mapTagEmpty = 0
)

// keyLen returns the length of the slot's key.
func (s *mapSlot) keyLen() uint16 { return uint16(s.tag & (1<<mapLenBits - 1)) }

// mapTag returns the tag of a key of length n with hash h: bits the slot
// position does not use (it takes the high ones), and the length.
func mapTag(h uint64, n int) uint32 { return uint32(h)&^(1<<mapLenBits-1) | uint32(n) }

// home returns the first slot to look at for hash h.
func (t *mapTable) home(h uint64) uint64 {
	hi, _ := bits.Mul64(h, t.size)
	return hi
}

// ref returns the reference of the key at off (once frozen).
func (t *mapTable) ref(off uint32) uint32 {
	k := t.arena.str(off, mapRefLen)
	return uint32(k[0]) | uint32(k[1])<<8 | uint32(k[2])<<16 | uint32(k[3])<<24
}

// init sizes t for up to n keys, their text and references about arena
// bytes.
func (t *mapTable) init(n, arena int) {
	size := max(16, n+3*n/4)
	t.slots = make([]mapSlot, size)
	t.size = uint64(size)
	t.arena.init(arena)
}

// insert adds entry e under key k (nothing for an empty or overlong
// key). Entries must come in increasing order. finish lays out the
// postings.
func (t *mapTable) insert(k []byte, e int32) bool {
	return !mapKeyOK(k) || t.insertHash(k, mapHash(k), e)
}

// insertBatch inserts keys in order, as entries e0, e0+1, ..., and
// reports whether the arena held them. It first reads the slots and the
// key text the inserts will compare with, reads that do not depend on
// each other, so their cache misses overlap (and are not optimized away:
// they feed t.touch).
//
//go:noinline
func (t *mapTable) insertBatch(keys [][]byte, e0 int32) bool {
	var hs [mapBatch]uint64
	keys = keys[:min(len(keys), mapBatch)]
	for i, k := range keys {
		if mapKeyOK(k) {
			hs[i] = mapHash(k)
		}
	}
	var touch uint32
	for i := range keys {
		if hs[i] != 0 {
			touch += t.slots[t.home(hs[i])].tag
		}
	}
	for i := range keys {
		if hs[i] != 0 {
			if c := t.find(t.home(hs[i]), mapTag(hs[i], len(keys[i]))); c >= 0 {
				touch += uint32(t.arena.bytes(t.slots[c].keyOff, 1)[0])
			}
		}
	}
	t.touch += touch
	for i, k := range keys {
		if hs[i] != 0 && !t.insertHash(k, hs[i], e0+int32(i)) {
			return false
		}
	}
	return true
}

// insertHash is insert with the key's hash computed.
func (t *mapTable) insertHash(k []byte, h uint64, e int32) bool {
	tag := mapTag(h, len(k))
	for i := t.home(h); ; {
		s := &t.slots[i]
		if s.tag == mapTagEmpty {
			off, b, ok := t.arena.alloc(mapRefLen + len(k))
			if !ok {
				return false
			}
			*s = mapSlot{tag: tag, keyOff: off}
			binary.LittleEndian.PutUint32(b, uint32(e))
			copy(b[mapRefLen:], k)
			t.nkeys++
			return true
		}
		if s.tag == tag && string(t.arena.bytes(s.keyOff+mapRefLen, len(k))) == string(k) {
			b := t.arena.bytes(s.keyOff, mapRefLen)
			ref := binary.LittleEndian.Uint32(b)
			if ref&mapMulti == 0 {
				t.multi++
			}
			t.links = append(t.links, mapLink{entry: uint32(e), prev: ref})
			binary.LittleEndian.PutUint32(b, mapMulti|uint32(len(t.links)-1))
			return true
		}
		if i++; i == t.size {
			i = 0
		}
	}
}

// finish lays out the posting lists of the keys with several entries
// from their chains, and freezes the keys.
func (t *mapTable) finish() {
	if len(t.links) > 0 {
		t.post = make([]int32, 0, len(t.links)+2*t.multi)
		for i := range t.slots {
			s := &t.slots[i]
			if s.tag == mapTagEmpty {
				continue
			}
			b := t.arena.bytes(s.keyOff, mapRefLen)
			ref := binary.LittleEndian.Uint32(b)
			if ref&mapMulti == 0 {
				continue
			}
			count := 1
			r := ref
			for ; r&mapMulti != 0; r = t.links[r&^mapMulti].prev {
				count++
			}
			start := len(t.post)
			t.post = append(t.post, int32(count))
			t.post = t.post[:start+1+count]
			r = ref
			for j := start + count; r&mapMulti != 0; j-- {
				l := &t.links[r&^mapMulti]
				t.post[j] = int32(l.entry)
				r = l.prev
			}
			t.post[start+1] = int32(r) // the first entry
			binary.LittleEndian.PutUint32(b, mapMulti|uint32(start))
		}
		t.links = nil
	}
	t.arena.freeze()
}

// each calls hit for every entry under slot k.
func (t *mapTable) each(k int32, tab uint8, hit func(e int32, t uint8, k int32)) {
	ref := t.ref(t.slots[k].keyOff)
	if ref&mapMulti == 0 {
		hit(int32(ref), tab, k)
		return
	}
	p := ref &^ mapMulti
	for _, e := range t.post[p+1 : p+1+uint32(t.post[p])] {
		hit(e, tab, k)
	}
}

// find returns the first slot from i on (in probe order) that carries
// tag, or -1 when an empty slot comes first.
func (t *mapTable) find(i uint64, tag uint32) int64 {
	for {
		switch t.slots[i].tag {
		case tag:
			return int64(i)
		case mapTagEmpty:
			return -1
		}
		if i++; i == t.size {
			i = 0
		}
	}
}

// lookup returns the slot of key k, or -1.
func (t *mapTable) lookup(k []byte) int32 {
	if !mapKeyOK(k) {
		return -1
	}
	return t.lookupHash(k, mapHash(k))
}

// lookupHash is lookup with the key's hash computed.
func (t *mapTable) lookupHash(k []byte, h uint64) int32 {
	if !mapKeyOK(k) {
		return -1
	}
	return t.lookupAt(k, t.find(t.home(h), mapTag(h, len(k))))
}

// lookupAt is lookup from c, the first slot carrying k's tag (or -1).
func (t *mapTable) lookupAt(k []byte, c int64) int32 {
	for c >= 0 {
		s := &t.slots[c]
		if t.arena.str(s.keyOff+mapRefLen, len(k)) == string(k) {
			return int32(c)
		}
		i := uint64(c) + 1 // another key with the same tag: look on
		if i == t.size {
			i = 0
		}
		c = t.find(i, s.tag)
	}
	return -1
}

// mapHash is a fast 64-bit hash of a short key (a multiply-xorshift
// construction over 8-byte words, with the splitmix64 finalizer). It only
// spreads keys over the table: keys are always compared in full.
func mapHash(b []byte) uint64 {
	h := uint64(len(b))*0x9E3779B97F4A7C15 ^ 0x2545F4914F6CDD1D
	for len(b) >= 8 {
		h ^= binary.LittleEndian.Uint64(b)
		h *= 0xBF58476D1CE4E5B9
		h ^= h >> 31
		b = b[8:]
	}
	h ^= mapTail(b)
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

// mapTail packs the last len(b) < 8 bytes of a key (little-endian) into
// a word: by whole loads of 4, 2 and 1 bytes rather than byte by byte.
func mapTail(b []byte) uint64 {
	var t uint64
	shift := 0
	if len(b) >= 4 {
		t = uint64(binary.LittleEndian.Uint32(b))
		b, shift = b[4:], 32
	}
	if len(b) >= 2 {
		t |= uint64(binary.LittleEndian.Uint16(b)) << shift
		b, shift = b[2:], shift+16
	}
	if len(b) == 1 {
		t |= uint64(b[0]) << shift
	}
	return t
}

// mapMoneyAcc sums amounts of one currency exactly: in int64 minor units
// while they fit, in a decimal otherwise. It does not allocate on the fast
// path.
type mapMoneyAcc struct {
	minor int64
	rest  decimal.Decimal
	slow  bool
}

func (acc *mapMoneyAcc) add(m partnerops.Money, places int32) {
	if v, ok := mapMinor(m, places); ok {
		acc.addMinor(v)
		return
	}
	acc.rest = acc.rest.Add(fence.Amount(m))
	acc.slow = true
}

// addMinor adds v minor units, moving to the decimal on overflow.
func (acc *mapMoneyAcc) addMinor(v int64) {
	if s := acc.minor + v; (v >= 0 && s >= acc.minor) || (v < 0 && s < acc.minor) {
		acc.minor = s
		return
	}
	acc.rest = acc.rest.Add(decimal.NewFromInt(v))
	acc.slow = true
}

// mapMinor returns m in whole minor units at places when it is exact and
// small enough (at most 12 digits and 6 zeros added), without allocating.
func mapMinor(m partnerops.Money, places int32) (int64, bool) {
	return mapAmountOf(m).minor(places)
}

// mapAmount is an amount read once: its coefficient and exponent when it
// is small (at most 12 digits and an exponent within ±18, which
// partnerops.Decimal.Validate certainly accepts).
type mapAmount struct {
	coef  int64
	exp   int32
	small bool
}

// mapAmountOf reads m's amount, without allocating; the exponent is
// checked before the digits are counted (which takes time proportional
// to the coefficient's size).
func mapAmountOf(m partnerops.Money) mapAmount {
	amt := fence.Amount(m)
	exp := amt.Exponent()
	if exp < -partnerops.MaxDecimalScale || exp > partnerops.MaxDecimalScale || amt.NumDigits() > 12 {
		return mapAmount{}
	}
	return mapAmount{coef: amt.CoefficientInt64(), exp: exp, small: true}
}

// minor returns the amount in whole minor units at places when it is
// exact and small enough (at most 12 digits and 6 zeros added).
func (a mapAmount) minor(places int32) (int64, bool) {
	if !a.small {
		return 0, false
	}
	if a.coef == 0 {
		return 0, true
	}
	exp := a.exp + places
	if exp < 0 || exp > 6 {
		return 0, false
	}
	v := a.coef
	for ; exp > 0; exp-- {
		v *= 10
	}
	return v, true
}

func (acc *mapMoneyAcc) money(c partnerops.Currency, places int32) partnerops.Money {
	d := decimal.New(acc.minor, -places)
	if acc.slow {
		d = d.Add(acc.rest)
	}
	m, err := fence.Money(d, c)
	if err != nil {
		return partnerops.Zero(c)
	}
	return m
}
