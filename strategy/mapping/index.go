package mapping

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

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
// Keys live in arena strings and three open-addressing hash tables (by
// domain, by name, and by name for the accounts without a domain) with
// posting lists; account IDs live in another arena and pipelines as
// integer minor units, so the index holds no per-account pointers.
// Building costs a few large allocations (15 for 5,000,000 accounts)
// rather than one per account, and a probe allocates nothing. Keys are
// compared byte for byte on every hash hit: a match is never made on a
// hash alone.
type Index struct {
	mode     MatchMode
	currency partnerops.Currency
	partners []partnerops.PartnerID // sorted
	entries  []mapEntry
	ids      string             // the account IDs, back to back
	pipes    []partnerops.Money // pipelines that are not whole int64 minor units
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

// mapEntry is one indexed partner account. It holds no pointers, so the
// garbage collector never scans the entries of a large index.
type mapEntry struct {
	idOff     uint32
	idLen     uint16
	status    uint8
	hasDomain bool
	partner   int32
	pipeSlow  int32 // index in pipes + 1, or 0 when pipeMinor holds the pipeline
	pipeMinor int64 // the pipeline in the currency's minor units
}

// mapMaxID is the longest account ID an index accepts.
const mapMaxID = 1024

// id returns the entry's account ID.
func (ix *Index) id(e *mapEntry) partnerops.AccountID {
	return partnerops.AccountID(ix.ids[e.idOff : e.idOff+uint32(e.idLen)])
}

// pipeline adds the entry's pipeline to acc.
func (ix *Index) pipeline(e *mapEntry, acc *mapMoneyAcc, places int32) {
	if e.pipeSlow > 0 {
		acc.add(ix.pipes[e.pipeSlow-1], places)
		return
	}
	acc.addMinor(e.pipeMinor)
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
	order := make([]int, len(partners))
	total, idBytes := 0, 0
	for i := range partners {
		order[i] = i
		total += len(partners[i].Accounts)
		for ai := range partners[i].Accounts {
			idBytes += len(partners[i].Accounts[ai].ID)
		}
	}
	if total > math.MaxInt32 || idBytes > math.MaxUint32 {
		return nil, fmt.Errorf("mapping: indexing %d accounts with %d bytes of IDs: too many: %w", total, idBytes, partnerops.ErrRange)
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(string(partners[a].Partner), string(partners[b].Partner)) })
	ix := &Index{mode: opts.Mode, partners: make([]partnerops.PartnerID, len(partners)), entries: make([]mapEntry, 0, total)}
	ids := make([]byte, 0, idBytes)
	var dup error
	for rank, pi := range order {
		pa := &partners[pi]
		ix.partners[rank] = pa.Partner
		if pa.Partner == "" {
			p.Add(partnerops.Path("partners", pi, "partner"), "must not be empty", "")
		}
		if rank > 0 && ix.partners[rank-1] == pa.Partner && dup == nil {
			dup = fmt.Errorf("mapping: indexing partner %q: %w", pa.Partner, ErrDuplicatePartner)
		}
		for ai := range pa.Accounts {
			a := &pa.Accounts[ai]
			if !mapCheckAccount(&p, a, opts.Mode, &cur, func() string {
				return partnerops.Path("partners", mapElem(string(pa.Partner), pi), "accounts", mapElem(string(a.ID), ai))
			}) {
				continue
			}
			if len(a.ID) > mapMaxID {
				p.Addf(partnerops.Path("partners", mapElem(string(pa.Partner), pi), "accounts", ai, "id"), "", "must be at most %d bytes", mapMaxID)
				continue
			}
			en := mapEntry{idOff: uint32(len(ids)), idLen: uint16(len(a.ID)), partner: int32(rank), status: uint8(mapStatusIndex(a.Status))}
			ids = append(ids, a.ID...)
			if v, ok := mapMinor(a.Pipeline, cur.MinorUnits()); ok {
				en.pipeMinor = v
			} else {
				ix.pipes = append(ix.pipes, a.Pipeline)
				en.pipeSlow = int32(len(ix.pipes))
			}
			ix.entries = append(ix.entries, en)
		}
	}
	ix.ids = string(ids)
	if err := p.Err(); err != nil {
		return nil, errors.Join(err, dup)
	}
	if dup != nil {
		return nil, dup
	}
	ix.currency = cur
	// Second pass: keys. Entries were appended in partner-rank order, so
	// walk the lists in the same order. The key text of every account is
	// about its raw text, which sizes the key arenas.
	domainBytes, nameBytes := 0, 0
	for _, pa := range partners {
		for ai := range pa.Accounts {
			a := &pa.Accounts[ai]
			domainBytes += len(a.Domain) + len(a.DomainHash)
			nameBytes += len(a.Name) + len(a.NameHash) + 1
		}
	}
	if domainBytes > math.MaxUint32/2 || nameBytes > math.MaxUint32/2 {
		return nil, fmt.Errorf("mapping: indexing %d bytes of keys: more than 2 GiB: %w", domainBytes+nameBytes, partnerops.ErrRange)
	}
	// Keys go in by batches whose table reads overlap (see probeBatch).
	var kb struct {
		buf  [mapBatch * 256]byte
		keys [mapBatch][]byte
		n    int
	}
	each := func(key func(buf []byte, a *Account) []byte, flush func(e0 int32, keys [][]byte)) {
		e0 := int32(0)
		for _, pi := range order {
			for ai := range partners[pi].Accounts {
				kb.keys[kb.n] = key(kb.buf[kb.n*256:kb.n*256:(kb.n+1)*256], &partners[pi].Accounts[ai])
				kb.n++
				if kb.n == mapBatch {
					flush(e0, kb.keys[:kb.n])
					e0 += int32(kb.n)
					kb.n = 0
				}
			}
		}
		flush(e0, kb.keys[:kb.n])
		kb.n = 0
	}
	ix.domain.init(len(ix.entries), domainBytes)
	domainOf := make([]int32, len(ix.entries))
	open := 0
	each(func(buf []byte, a *Account) []byte { return mapDomainKey(buf, a, ix.mode) }, func(e0 int32, keys [][]byte) {
		out := domainOf[e0 : e0+int32(len(keys))]
		ix.domain.insertBatch(keys, out)
		for i, k := range out {
			ix.entries[e0+int32(i)].hasDomain = k >= 0
			if k < 0 {
				open++
			}
		}
	})
	ix.domain.finish(domainOf)
	nameOf := domainOf // reused: the domain postings are built
	ix.name.init(len(ix.entries), nameBytes)
	openOf := make([]int32, len(ix.entries))
	ix.nameOpen.init(open, nameBytes/max(1, len(ix.entries))*open)
	each(func(buf []byte, a *Account) []byte { return mapNameKey(buf, a, ix.mode) }, func(e0 int32, keys [][]byte) {
		ix.name.insertBatch(keys, nameOf[e0:e0+int32(len(keys))])
		for i, k := range keys {
			e := e0 + int32(i)
			openOf[e] = -1
			if !ix.entries[e].hasDomain {
				openOf[e] = ix.nameOpen.insert(k)
			}
		}
	})
	ix.name.finish(nameOf)
	ix.nameOpen.finish(openOf)
	return ix, nil
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
func mapCheckAccount(p *partnerops.Problems, a *Account, mode MatchMode, cur *partnerops.Currency, path func() string) bool {
	ok := true
	if a.ID == "" {
		p.Add(partnerops.JoinPath(path(), "id"), "must not be empty", "")
		ok = false
	}
	if !a.Status.Valid() {
		p.Add(partnerops.JoinPath(path(), "status"), "must be customer, opportunity, prospect or target", string(a.Status))
		ok = false
	}
	if err := a.Pipeline.Amount().Validate(); err != nil {
		fixed.AddErr(p, partnerops.JoinPath(path(), "pipeline"), err)
		return false
	}
	if c := a.Pipeline.Currency(); c != "" {
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
	return ok
}

// mapDomainKey returns the domain key of a for mode, appending
// normalized text to buf.
func mapDomainKey(buf []byte, a *Account, mode MatchMode) []byte {
	if mode == MatchModeKeyedHash {
		return append(buf, a.DomainHash...)
	}
	return partnerops.AppendNormalizedDomain(buf, a.Domain)
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
func (ix *Index) Len() int { return len(ix.entries) }

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
	en := &ix.entries[e]
	rule, key := ix.ruleKey(t, k)
	return AccountMatch{
		Partner: ix.partners[en.partner], VendorAccount: id, PartnerAccount: ix.id(en),
		VendorStatus: st, PartnerStatus: mapStatusByIndex[en.status], Rule: rule, Key: key,
	}
}

// ruleKey returns the rule and the key text of slot k of table t.
func (ix *Index) ruleKey(t uint8, k int32) (MatchRule, string) {
	s := &ix.table(t).slots[k]
	return ix.ruleKeyAt(t, s.keyOff, s.keyLen)
}

// ruleKeyAt returns the rule of table t and the key text at off, n.
func (ix *Index) ruleKeyAt(t uint8, off uint32, n uint16) (MatchRule, string) {
	key := ix.table(t).keys[off : off+uint32(n)]
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
	dk := mapDomainKey(buf[:0], a, ix.mode)
	if k := ix.domain.lookup(dk); k >= 0 {
		ix.domain.each(k, mapTableDomain, hit)
	}
	t, tab := mapTableName, &ix.name
	if len(dk) > 0 {
		if ix.nameOpen.keys == "" {
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
	if len(k) == 0 || len(k) > mapMaxKey {
		return 0
	}
	return mapHash(k)
}

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
		ks.domain[i] = mapDomainKey(buf[i*256:i*256:(i+1)*256], &accts[i], ix.mode)
		ks.dh[i] = mapKeyHash(ks.domain[i])
		if len(ks.domain[i]) == 0 || ix.nameOpen.keys != "" {
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
	openEmpty := ix.nameOpen.keys == ""
	var touch uint32
	for i := range n {
		if h := ks.dh[i]; h != 0 {
			touch += t.slots[h&t.mask].hash
		} else if h := ks.nh[i]; h != 0 {
			touch += ix.name.slots[h&ix.name.mask].hash
		}
	}
	for i := range n {
		if h := ks.dh[i]; h != 0 {
			if s := &t.slots[h&t.mask]; s.keyLen > 0 && s.hash == uint32(h>>32) {
				touch += uint32(t.keys[s.keyOff])
				if s.count > 1 {
					touch += uint32(t.post[s.post])
				}
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
	flush := func() {
		for _, h := range hits[:nh] {
			touch += uint32(ix.entries[h.e].status)
		}
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
	return touch
}

// mapMaxKey is the longest key indexed; longer keys (junk, in practice)
// never match.
const mapMaxKey = 1024

// mapTable is an exact-key, open-addressing hash table from normalized
// keys to posting lists of entry numbers. A slot carries everything a
// probe needs, so a probe touches the slot, the key text and the
// postings (none when the key has one entry).
type mapTable struct {
	arena strings.Builder // keys back to back while building
	keys  string          // the arena's text, frozen by finish
	slots []mapSlot
	mask  uint64
	post  []int32
}

type mapSlot struct {
	hash   uint32 // high half of the key's hash
	keyOff uint32
	keyLen uint16 // 0: empty slot
	count  uint32 // entries with this key
	post   uint32 // the entry when count is 1, else its postings' start
}

func (t *mapTable) init(n, arena int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t.slots = make([]mapSlot, size)
	t.mask = uint64(size - 1)
	t.arena.Grow(arena)
}

// insert adds the next entry under key k and returns the key's slot, or
// -1 for an empty or overlong key. finish lays out the postings.
func (t *mapTable) insert(k []byte) int32 {
	if len(k) == 0 || len(k) > mapMaxKey {
		return -1
	}
	return t.insertHash(k, mapHash(k))
}

// insertBatch inserts keys in order, writing each key's slot to out. It
// first reads the slots and the key text the inserts will compare with,
// reads that do not depend on each other, so their cache misses overlap;
// it returns a value derived from them so that they are kept.
//
//go:noinline
func (t *mapTable) insertBatch(keys [][]byte, out []int32) uint32 {
	var hs [mapBatch]uint64
	keys = keys[:min(len(keys), mapBatch)]
	for i, k := range keys {
		if len(k) > 0 && len(k) <= mapMaxKey {
			hs[i] = mapHash(k)
		}
	}
	var touch uint32
	for i := range keys {
		if hs[i] != 0 {
			touch += t.slots[hs[i]&t.mask].hash
		}
	}
	arena := t.arena.String()
	for i := range keys {
		if hs[i] != 0 {
			if s := &t.slots[hs[i]&t.mask]; s.keyLen > 0 {
				touch += uint32(arena[s.keyOff])
			}
		}
	}
	for i, k := range keys {
		out[i] = -1
		if len(k) > 0 && len(k) <= mapMaxKey {
			out[i] = t.insertHash(k, hs[i])
		}
	}
	return touch
}

// insertHash is insert with the key's hash computed.
func (t *mapTable) insertHash(k []byte, h uint64) int32 {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.keyLen == 0 {
			*s = mapSlot{hash: uint32(h >> 32), keyOff: uint32(t.arena.Len()), keyLen: uint16(len(k)), count: 1}
			t.arena.Write(k)
			return int32(i)
		}
		if s.hash == uint32(h>>32) && int(s.keyLen) == len(k) && t.arena.String()[s.keyOff:s.keyOff+uint32(s.keyLen)] == string(k) {
			s.count++
			return int32(i)
		}
	}
}

// finish freezes the keys and lays out the posting lists from the slot
// of every entry: a key with one entry keeps it in its slot, the others
// get a range of post.
func (t *mapTable) finish(slotOf []int32) {
	t.keys = t.arena.String() // no copy: the builder is not written again
	t.arena = strings.Builder{}
	total := uint32(0)
	for i := range t.slots {
		if s := &t.slots[i]; s.count > 1 {
			total += s.count
			s.post = total // the end; filled backwards below
		}
	}
	t.post = make([]int32, total)
	for e := len(slotOf) - 1; e >= 0; e-- {
		if k := slotOf[e]; k >= 0 {
			s := &t.slots[k]
			if s.count == 1 {
				s.post = uint32(e)
				continue
			}
			s.post--
			t.post[s.post] = int32(e)
		}
	}
}

// each calls hit for every entry under slot k.
func (t *mapTable) each(k int32, tab uint8, hit func(e int32, t uint8, k int32)) {
	s := &t.slots[k]
	if s.count == 1 {
		hit(int32(s.post), tab, k)
		return
	}
	for _, e := range t.post[s.post : s.post+s.count] {
		hit(e, tab, k)
	}
}

// lookup returns the slot of key k, or -1.
func (t *mapTable) lookup(k []byte) int32 {
	if len(k) == 0 || len(k) > mapMaxKey {
		return -1
	}
	return t.lookupHash(k, mapHash(k))
}

// lookupHash is lookup with the key's hash computed.
func (t *mapTable) lookupHash(k []byte, h uint64) int32 {
	if len(k) == 0 || len(k) > mapMaxKey {
		return -1
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.keyLen == 0 {
			return -1
		}
		if s.hash == uint32(h>>32) && int(s.keyLen) == len(k) && t.keys[s.keyOff:s.keyOff+uint32(s.keyLen)] == string(k) {
			return int32(i)
		}
	}
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
	var tail uint64
	for i := len(b) - 1; i >= 0; i-- {
		tail = tail<<8 | uint64(b[i])
	}
	h ^= tail
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
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
	if m.IsZero() {
		return 0, true
	}
	amt := fence.Amount(m)
	exp := amt.Exponent() + places
	if exp < 0 || exp > 6 || amt.NumDigits() > 12 {
		return 0, false
	}
	v := amt.CoefficientInt64()
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
