package mapping

import "github.com/partnerops/partnerops"

// PreparedAccount is a vendor account with its match keys normalized and
// hashed once, by [PrepareAccounts], so that a host probing many indexes
// (or one index many times) with the same accounts does not normalize
// them on every probe. ID and Status are reported in the matches; the keys
// are fixed when the account is prepared.
type PreparedAccount struct {
	ID     partnerops.AccountID
	Status AccountStatus
	mode   MatchMode
	domain []byte // the domain key: normalized text or keyed hash
	name   []byte // the name key
	dh, nh uint64 // mapKeyHash of domain and name
}

// Mode returns the match mode the account was prepared for.
func (p *PreparedAccount) Mode() MatchMode { return p.mode }

// DomainKey returns the account's domain key: its normalized domain, or
// its DomainHash in [MatchModeKeyedHash] ("" when it has none).
func (p *PreparedAccount) DomainKey() string { return string(p.domain) }

// NameKey returns the account's name key: its normalized name, or its
// NameHash in [MatchModeKeyedHash] ("" when it has none).
func (p *PreparedAccount) NameKey() string { return string(p.name) }

// PrepareAccounts normalizes (or, in [MatchModeKeyedHash], takes as given)
// the domain and name keys of accounts and hashes them, for
// [Index.AppendMatchesPrepared]. It validates nothing, like
// [Index.AppendMatches]. The keys of all accounts share one buffer,
// so preparing makes two allocations in all, whatever the number of
// accounts (a few more only if normalized names outgrow their raw text).
func PrepareAccounts(accounts []Account, mode MatchMode) []PreparedAccount {
	out := make([]PreparedAccount, len(accounts))
	size := 0
	for i := range accounts {
		a := &accounts[i]
		size += len(a.Domain) + len(a.Name) + len(a.DomainHash) + len(a.NameHash)
	}
	// Normalized keys are never longer than the raw text, except that
	// NormalizeName may expand a folded letter (Œ to oe, ß to ss): such
	// rare growth reallocates the buffer, and earlier keys keep the old
	// one, which stays valid.
	buf := make([]byte, 0, size)
	for i := range accounts {
		a := &accounts[i]
		p := &out[i]
		p.ID, p.Status, p.mode = a.ID, a.Status, mode
		lo := len(buf)
		buf = mapDomainKey(buf, a, mode)
		p.domain = buf[lo:len(buf):len(buf)]
		lo = len(buf)
		buf = mapNameKey(buf, a, mode)
		p.name = buf[lo:len(buf):len(buf)]
		p.dh, p.nh = mapKeyHash(p.domain), mapKeyHash(p.name)
	}
	return out
}

// AppendMatchesPrepared is [Index.AppendMatchesBatch] for prepared
// accounts: it appends the matches of every account, in input order,
// exactly as AppendMatchesBatch does for the accounts they were prepared
// from, and returns the extended slice. It normalizes and hashes nothing,
// probes in batches whose table reads overlap, still compares every key
// byte for byte, and does not allocate when dst has room. An account
// prepared for another match mode than the index's matches nothing.
func (ix *Index) AppendMatchesPrepared(dst []AccountMatch, prepared []PreparedAccount) []AccountMatch {
	var ks mapKeys
	for lo := 0; lo < len(prepared); lo += mapBatch {
		batch := prepared[lo:min(lo+mapBatch, len(prepared))]
		ks.n = len(batch)
		for i := range batch {
			p := &batch[i]
			if p.mode != ix.mode {
				ks.domain[i], ks.name[i], ks.dh[i], ks.nh[i] = nil, nil, 0, 0
				continue
			}
			ks.domain[i], ks.name[i], ks.dh[i], ks.nh[i] = p.domain, p.name, p.dh, p.nh
		}
		ix.probeKeys(&ks, func(i int, e int32, t uint8, k int32) {
			dst = append(dst, ix.match(batch[i].ID, batch[i].Status, e, t, k))
		})
	}
	return dst
}
