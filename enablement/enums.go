package enablement

import (
	"fmt"
	"strings"
)

// Typed identifiers. Hosts use their own keys (LMS IDs, CMS slugs); the
// package only compares them, and sorts by them to break ties.
type (
	// AssetID identifies a catalog asset.
	AssetID string
	// CertificationID identifies a certification.
	CertificationID string
	// ExamID identifies an exam within a certification.
	ExamID string
	// PathID identifies a learning path.
	PathID string
	// ModuleID identifies a module within a learning path.
	ModuleID string
	// PersonID identifies a person at a partner.
	PersonID string
	// RequirementID identifies a tier or motion requirement.
	RequirementID string
)

// SkillLevel orders assets and people from foundational to expert:
// foundational < intermediate < advanced < expert. Levels compare with
// < and >. The zero value is unset and not [SkillLevel.Valid]. A level
// encodes to JSON and text as its lowercase name ("advanced").
type SkillLevel uint8

// Skill levels, lowest first. Never reordered; new levels are appended.
const (
	SkillLevelFoundational SkillLevel = iota + 1
	SkillLevelIntermediate
	SkillLevelAdvanced
	SkillLevelExpert
)

var skillLevelNames = [...]string{"", "foundational", "intermediate", "advanced", "expert"}

// SkillLevels returns the levels, lowest first.
func SkillLevels() []SkillLevel {
	return []SkillLevel{SkillLevelFoundational, SkillLevelIntermediate, SkillLevelAdvanced, SkillLevelExpert}
}

// Valid reports whether l is one of the four levels.
func (l SkillLevel) Valid() bool { return l >= SkillLevelFoundational && l <= SkillLevelExpert }

// String returns the level's name, or "level(N)" for an invalid level.
func (l SkillLevel) String() string {
	if int(l) < len(skillLevelNames) && l != 0 {
		return skillLevelNames[l]
	}
	return fmt.Sprintf("level(%d)", uint8(l))
}

// Next returns the level above l and false when l is expert. The level
// after the zero (unset) level is foundational.
func (l SkillLevel) Next() (SkillLevel, bool) {
	if l >= SkillLevelExpert {
		return 0, false
	}
	return l + 1, true
}

// JSONShape describes the JSON a SkillLevel decodes from; decoders quote
// it in their errors.
func (SkillLevel) JSONShape() string {
	return `one of "foundational", "intermediate", "advanced", "expert"`
}

// ParseSkillLevel parses a level name, ignoring case and surrounding
// spaces. Unknown text gives an error wrapping [ErrUnknownValue].
func ParseSkillLevel(s string) (SkillLevel, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for i := 1; i < len(skillLevelNames); i++ {
		if skillLevelNames[i] == k {
			return SkillLevel(i), nil
		}
	}
	return 0, errorf("parsing skill level %q: %w", clip(s), ErrUnknownValue)
}

// MarshalText encodes the level's name. The zero level encodes as "".
func (l SkillLevel) MarshalText() ([]byte, error) {
	if l == 0 {
		return []byte{}, nil
	}
	if !l.Valid() {
		return nil, errorf("encoding skill level %d: %w", uint8(l), ErrUnknownValue)
	}
	return []byte(l.String()), nil
}

// UnmarshalText decodes a level name; "" decodes to the zero level.
func (l *SkillLevel) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*l = 0
		return nil
	}
	if len(b) > 32 {
		return errorf("parsing skill level: too long: %w", ErrUnknownValue)
	}
	v, err := ParseSkillLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// AssetKind is what an asset is. The kinds are closed: a catalog with
// another kind fails to compile.
type AssetKind string

// Asset kinds.
const (
	AssetKindOnboardingKit     AssetKind = "onboarding_kit"
	AssetKindPlaybook          AssetKind = "playbook"
	AssetKindCertificationPrep AssetKind = "certification_prep"
	AssetKindCoSellGuide       AssetKind = "cosell_guide"
	AssetKindBattlecard        AssetKind = "battlecard"
	AssetKindPortalResource    AssetKind = "portal_resource"
	// AssetKindCourse is a course, such as one a certification requires.
	AssetKindCourse AssetKind = "course"
)

// AssetKinds returns the kinds in a fixed order.
func AssetKinds() []AssetKind {
	return []AssetKind{AssetKindOnboardingKit, AssetKindPlaybook, AssetKindCertificationPrep,
		AssetKindCoSellGuide, AssetKindBattlecard, AssetKindPortalResource, AssetKindCourse}
}

// Valid reports whether k is one of the asset kinds.
func (k AssetKind) Valid() bool {
	for _, x := range AssetKinds() {
		if x == k {
			return true
		}
	}
	return false
}

// Role is the job of a person at a partner, and the audience of an asset.
type Role string

// Roles.
const (
	RoleSales     Role = "sales"
	RolePresales  Role = "presales"
	RoleTechnical Role = "technical"
	RoleMarketing Role = "marketing"
)

// Roles returns the roles in a fixed order.
func Roles() []Role { return []Role{RoleSales, RolePresales, RoleTechnical, RoleMarketing} }

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	return r == RoleSales || r == RolePresales || r == RoleTechnical || r == RoleMarketing
}

// CertificationKind classifies certifications. Requirements may ask for a
// kind ("a specialization per motion") instead of naming certifications.
type CertificationKind string

// Certification kinds.
const (
	CertificationKindFundamentals   CertificationKind = "fundamentals"
	CertificationKindRoleBased      CertificationKind = "role_based"
	CertificationKindSpecialization CertificationKind = "specialization"
)

// Valid reports whether k is one of the certification kinds.
func (k CertificationKind) Valid() bool {
	return k == CertificationKindFundamentals || k == CertificationKindRoleBased || k == CertificationKindSpecialization
}
