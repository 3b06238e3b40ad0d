package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// Role is what a token may do.
//
//   - partner: one partner's own registrations, quotes and external
//     scorecard; another partner's records answer 404, as if they did not
//     exist, so IDs cannot be enumerated.
//   - deal_desk: the vendor's deal desk: every quote and registration,
//     pricing definitions.
//   - channel_manager: the vendor's channel team: every record, partners,
//     tokens, workflow, fit and scorecard definitions, observations.
type Role string

// The roles.
const (
	RolePartner        Role = "partner"
	RoleDealDesk       Role = "deal_desk"
	RoleChannelManager Role = "channel_manager"
)

// Principal is the caller a request was authenticated as.
type Principal struct {
	Label string
	Role  Role
	// PartnerID is set for RolePartner only.
	PartnerID partnerops.PartnerID
}

// IsVendor reports whether the principal is on the vendor's side (deal
// desk or channel manager) and so sees every partner's records.
func (p Principal) IsVendor() bool { return p.Role == RoleDealDesk || p.Role == RoleChannelManager }

// Sees reports whether the principal may see (and, where its role allows,
// change) a record of the given partner.
func (p Principal) Sees(partner partnerops.PartnerID) bool {
	return p.IsVendor() || (p.Role == RolePartner && p.PartnerID == partner)
}

// Actor is how the principal appears in workflow histories.
func (p Principal) Actor() string {
	if p.Role == RolePartner {
		return "partner:" + string(p.PartnerID)
	}
	return string(p.Role) + ":" + p.Label
}

// tokenPrefix marks the service's tokens so they are easy to spot in logs
// and secret scanners.
const tokenPrefix = "ddk_"

// hashToken returns the hex SHA-256 of a token: what the database stores.
// A token is 32 random bytes, so a plain (unsalted, fast) hash is safe here;
// passwords, being guessable, would need a slow salted hash instead.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// IssueToken creates a token for a role (and a partner, for RolePartner),
// stores its hash and returns the token. The token itself is shown once and
// never stored.
func (s *Store) IssueToken(ctx context.Context, label string, role Role, partner partnerops.PartnerID, now time.Time) (string, error) {
	switch role {
	case RolePartner:
		if partner == "" {
			return "", errors.New("a partner token needs a partner")
		}
	case RoleDealDesk, RoleChannelManager:
		if partner != "" {
			return "", fmt.Errorf("a %s token belongs to no partner", role)
		}
	default:
		return "", fmt.Errorf("unknown role %q", role)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	var pid any
	if partner != "" {
		pid = string(partner)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO tokens (hash, label, role, partner_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		hashToken(token), label, string(role), pid, unixNano(now))
	if err != nil {
		return "", fmt.Errorf("issuing token: %w", err)
	}
	return token, nil
}

// Authenticate returns the principal of a token, or errNotFound.
func (s *Store) Authenticate(ctx context.Context, token string) (Principal, error) {
	var p Principal
	var role string
	var partner sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT label, role, partner_id FROM tokens WHERE hash = ?`, hashToken(token)).
		Scan(&p.Label, &role, &partner)
	if errors.Is(err, sql.ErrNoRows) {
		return Principal{}, errNotFound
	}
	if err != nil {
		return Principal{}, err
	}
	p.Role = Role(role)
	p.PartnerID = partnerops.PartnerID(partner.String)
	return p, nil
}

// principalKey is the context key of the request's Principal.
type principalKey struct{}

// principal returns the request's authenticated principal; only handlers
// wrapped in authed call it.
func principal(r *http.Request) Principal {
	p, _ := r.Context().Value(principalKey{}).(Principal)
	return p
}

// authed wraps a handler: the request must carry "Authorization: Bearer
// <token>" with a known token (else 401), and, when roles are given, the
// token's role must be one of them (else 403: the route exists for
// everyone, so saying so reveals nothing). Record-level access (a partner
// seeing only its own records) is each handler's job, answered with 404.
func (a *API) authed(h http.HandlerFunc, roles ...Role) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dealdesk"`)
			writeError(w, http.StatusUnauthorized, "missing bearer token", nil)
			return
		}
		p, err := a.store.Authenticate(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, errNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dealdesk", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "unknown token", nil)
			return
		}
		if err != nil {
			a.internal(w, r, err)
			return
		}
		if len(roles) > 0 && !hasRole(p.Role, roles) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("role %s may not do this", p.Role), nil)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}

func hasRole(r Role, roles []Role) bool {
	for _, x := range roles {
		if r == x {
			return true
		}
	}
	return false
}

// vendors is the role list of vendor-only routes.
var vendors = []Role{RoleDealDesk, RoleChannelManager}
