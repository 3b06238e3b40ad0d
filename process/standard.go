package process

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
)

// Roles used by the standard workflows. Hosts map them to people or
// queues, or rename them in a copy of a definition.
const (
	RolePartner          Role = "partner"
	RoleChannelManager   Role = "channel_manager"
	RoleChannelDirector  Role = "channel_director"
	RolePartnerOps       Role = "partner_ops"
	RoleSalesRep         Role = "sales_rep"
	RoleSalesDirector    Role = "sales_director"
	RoleAllianceManager  Role = "alliance_manager"
	RoleChannelMarketing Role = "channel_marketing"
	RoleFinance          Role = "finance"
	RoleLegal            Role = "legal"
	RoleConflictDesk     Role = "conflict_desk"
	RoleVPPartnerships   Role = "vp_partnerships"
)

// Standard workflow IDs.
const (
	WorkflowOnboarding       = "partner_onboarding"
	WorkflowDealRegistration = "deal_registration"
	WorkflowCoSell           = "co_sell"
	WorkflowMDFClaim         = "mdf_claim"
	WorkflowChannelConflict  = "channel_conflict"
	WorkflowOffboarding      = "partner_offboarding"
	WorkflowLifecycle        = "partner_lifecycle"
	WorkflowLeadAcceptance   = "lead_acceptance"
)

// orDefault returns v, or def when v is zero.
func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func state(name State, owner Role, desc string) StateDef {
	return StateDef{Name: name, Owner: owner, Description: desc}
}

func terminal(name State, desc string) StateDef {
	return StateDef{Name: name, Terminal: true, Description: desc}
}

func withSLA(s StateDef, sla SLA) StateDef {
	s.SLA = &sla
	return s
}

// reminder returns days as a Duration, or 0 for a negative count.
func reminder(days int) Duration {
	if days < 0 {
		return 0
	}
	return Duration(time.Duration(days) * 24 * time.Hour)
}

func remind(s SLA, days int) SLA {
	s.RemindBefore = reminder(days)
	return s
}

func pausing(s StateDef) StateDef {
	s.PausesSLA = true
	return s
}

func businessDays(n int, escalate Role) SLA {
	return SLA{Days: n, Clock: ClockBusiness, EscalateTo: escalate}
}

func calendarDays(n int, escalate Role, fire Event) SLA {
	return SLA{Days: n, Clock: ClockCalendar, EscalateTo: escalate, Fire: fire}
}

func tr(from State, ev Event, to State, guards ...Guard) Transition {
	return Transition{From: from, Event: ev, To: to, Guards: guards}
}

// OnboardingOptions parameterizes [Onboarding]. Zero fields take the
// defaults named on each.
type OnboardingOptions struct {
	// ReviewDays is the business-day SLA to review an application.
	// Defaults to 2.
	ReviewDays int `json:"review_days,omitempty"`
	// ScreeningDays is the business-day SLA for due diligence. Defaults
	// to 5.
	ScreeningDays int `json:"screening_days,omitempty"`
	// SignatureDays is how many calendar days the agreement stays open
	// before it lapses. Defaults to 30.
	SignatureDays int `json:"signature_days,omitempty"`
	// ProvisioningHours is the calendar-time SLA to provision portal, PRM
	// and deal-registration access after signing. Defaults to 48.
	ProvisioningHours int `json:"provisioning_hours,omitempty"`
	// EnablementDays is the calendar-day SLA for the first
	// certifications. Defaults to 45.
	EnablementDays int `json:"enablement_days,omitempty"`
	// FirstDealDays is the calendar-day SLA for the first registered
	// deal, the time-to-first-deal target. Defaults to 90.
	FirstDealDays int `json:"first_deal_days,omitempty"`
}

// Onboarding returns the partner onboarding workflow: application,
// screening (due diligence), agreement, provisioning, enablement and first
// deal. Exceptions: withdraw from any open state; hold and resume;
// request_info from review and screening, answered by provide_info.
// It uses business-day SLAs, so compile it with [WithCalendar].
func Onboarding(o OnboardingOptions) Definition {
	return Definition{
		ID:      WorkflowOnboarding,
		Name:    "Partner onboarding",
		Version: 1,
		Initial: "applied",
		States: []StateDef{
			withSLA(state("applied", RolePartnerOps, "application received, awaiting review"), businessDays(orDefault(o.ReviewDays, 2), RoleChannelDirector)),
			withSLA(state("screening", RolePartnerOps, "due diligence: sanctions, credit, references"), businessDays(orDefault(o.ScreeningDays, 5), RoleChannelDirector)),
			withSLA(state("agreement", RoleLegal, "partner agreement sent for signature"), calendarDays(orDefault(o.SignatureDays, 30), RoleChannelManager, "lapse")),
			withSLA(state("provisioning", RolePartnerOps, "portal, PRM and deal-registration access"), SLA{Duration: Duration(time.Duration(orDefault(o.ProvisioningHours, 48)) * time.Hour), EscalateTo: RoleChannelDirector}),
			withSLA(state("enablement", RoleChannelManager, "kickoff and first certifications"), calendarDays(orDefault(o.EnablementDays, 45), RoleChannelDirector, "")),
			withSLA(state("first_deal", RoleChannelManager, "waiting for the first registered deal"), calendarDays(orDefault(o.FirstDealDays, 90), RoleChannelDirector, "")),
			pausing(withSLA(state("info_requested", RolePartner, "more information requested from the applicant"), calendarDays(14, RoleChannelManager, ""))),
			pausing(state("on_hold", RolePartnerOps, "paused")),
			terminal("onboarded", "onboarding complete"),
			terminal("rejected", "application rejected"),
			terminal("withdrawn", "applicant withdrew or the agreement lapsed"),
		},
		Transitions: []Transition{
			tr("applied", "accept", "screening"),
			tr("applied", "reject", "rejected"),
			tr("screening", "pass", "agreement"),
			tr("screening", "fail", "rejected"),
			tr("agreement", "sign", "provisioning"),
			tr("agreement", "lapse", "withdrawn"),
			tr("provisioning", "provision", "enablement"),
			tr("enablement", "certify", "first_deal"),
			tr("first_deal", "register_deal", "onboarded"),
			{From: "info_requested", Event: "provide_info", ToPrevious: true},
			{From: "on_hold", Event: "resume", ToPrevious: true},
		},
		Exceptions: []Exception{
			{Event: "withdraw", To: "withdrawn"},
			{Event: "hold", To: "on_hold", Except: []State{"info_requested"}},
			{Event: "request_info", To: "info_requested", From: []State{"applied", "screening"}},
		},
	}
}

// DealRegistrationOptions parameterizes [DealRegistration]. Zero fields
// take the defaults named on each.
type DealRegistrationOptions struct {
	// TriageDays is the business-day SLA to pick up a submission (run
	// the duplicate and conflict checks). Defaults to 1.
	TriageDays int `json:"triage_days,omitempty"`
	// ReviewDays is the business-day SLA of the review. Defaults to 2.
	ReviewDays int `json:"review_days,omitempty"`
	// InfoDays is how many calendar days the partner has to answer a
	// request for information before the registration is withdrawn.
	// Defaults to 10.
	InfoDays int `json:"info_days,omitempty"`
	// ValidityDays is the protection period after approval, in calendar
	// days; then the registration expires. Defaults to 90.
	ValidityDays int `json:"validity_days,omitempty"`
	// ExtensionDays is what one extension adds to the expiry date, in
	// calendar days. Defaults to 60.
	ExtensionDays int `json:"extension_days,omitempty"`
	// Extensions is how many extensions are allowed. Defaults to 1; set
	// -1 for none.
	Extensions int `json:"extensions,omitempty"`
	// ReminderDays is how many days before expiry the partner is
	// reminded (by [Workflow.Advance]). Defaults to 14; set -1 for no
	// reminder.
	ReminderDays int `json:"reminder_days,omitempty"`
	// SecondApprovalAt is the deal value (field "deal_value") from which
	// the review needs a second approval by the sales director. Defaults
	// to 1,000,000.
	SecondApprovalAt partnerops.Decimal `json:"second_approval_at,omitzero"`
}

// DealRegistration returns the deal registration workflow: submitted
// (triage), under review (approved by the channel manager, and by the
// sales director too when deal_value is at least SecondApprovalAt;
// escalated to the channel director when the review SLA is breached and
// to the VP of partnerships two days later), more information requested
// (pauses the review clock; withdrawn when the partner does not answer),
// approved (valid ValidityDays, with a reminder ReminderDays before
// expiry, then expired), extended (on evidence of progress: the
// "evidence" field must be set; each extension adds ExtensionDays to the
// expiry), won, lost, rejected, and withdrawn (allowed only before
// approval). It uses business-day SLAs, so compile it with
// [WithCalendar].
func DealRegistration(o DealRegistrationOptions) Definition {
	second := o.SecondApprovalAt
	if second.IsZero() {
		second = partnerops.DecimalFromInt(1_000_000)
	}
	ext := orDefault(o.Extensions, 1)
	if ext < 0 {
		ext = 0
	}
	d := Definition{
		ID:      WorkflowDealRegistration,
		Name:    "Deal registration",
		Version: 1,
		Initial: "submitted",
		States: []StateDef{
			withSLA(state("submitted", RoleChannelManager, "registered by the partner; duplicate and conflict checks"), businessDays(orDefault(o.TriageDays, 1), RoleChannelDirector)),
			{
				Name: "under_review", Owner: RoleChannelManager, Description: "reviewed against the rules of engagement",
				SLA: &SLA{Days: orDefault(o.ReviewDays, 2), Clock: ClockBusiness, EscalateTo: RoleChannelDirector,
					Escalations: []Escalation{{After: Duration(48 * time.Hour), To: RoleVPPartnerships}}},
				Approval: &Approval{Event: "approve", Mode: ApprovalSequential, Steps: []ApprovalStep{
					{Role: RoleChannelManager},
					{Role: RoleSalesDirector, When: []Guard{{Field: "deal_value", Op: OpGe, Value: numberValue(second)}}},
				}},
			},
			pausing(withSLA(state("info_requested", RolePartner, "more information requested from the partner; the review clock stops"), calendarDays(orDefault(o.InfoDays, 10), RoleChannelManager, "withdraw"))),
			withSLA(state("approved", RolePartner, "protected; the partner works the deal"), remind(calendarDays(orDefault(o.ValidityDays, 90), "", "expire"), orDefault(o.ReminderDays, 14))),
		},
		Transitions: []Transition{
			tr("submitted", "start_review", "under_review"),
			tr("submitted", "reject", "rejected"),
			tr("under_review", "approve", "approved"),
			tr("under_review", "reject", "rejected"),
			tr("under_review", "request_info", "info_requested"),
			tr("info_requested", "resubmit", "under_review"),
		},
		Exceptions: []Exception{
			{Event: "withdraw", To: "withdrawn", From: []State{"submitted", "under_review", "info_requested"}},
		},
	}
	prev := State("approved")
	open := []State{"approved"}
	for i := 1; i <= ext; i++ {
		name := State("extended")
		if i > 1 {
			name = State(fmt.Sprintf("extended_%d", i))
		}
		d.States = append(d.States, StateDef{
			Name: name, Owner: RolePartner, Description: fmt.Sprintf("extension %d granted on evidence of progress", i),
			SLA: &SLA{Days: orDefault(o.ExtensionDays, 60), Anchor: AnchorPreviousDue, Fire: "expire", RemindBefore: reminder(orDefault(o.ReminderDays, 14))},
		})
		d.Transitions = append(d.Transitions, tr(prev, "extend", name, Guard{Name: "evidence of progress", Field: "evidence", Op: OpExists}))
		prev = name
		open = append(open, name)
	}
	for _, s := range open {
		d.Transitions = append(d.Transitions, tr(s, "win", "won"), tr(s, "lose", "lost"), tr(s, "expire", "expired"))
	}
	d.States = append(d.States,
		terminal("won", "closed won; the partner is credited"),
		terminal("lost", "closed lost"),
		terminal("rejected", "rejected: duplicate, conflict, ineligible"),
		terminal("expired", "protection period ended without a close"),
		terminal("withdrawn", "withdrawn by the partner before approval"),
	)
	return d
}

// CoSellOptions parameterizes [CoSell]. Zero fields take the defaults
// named on each.
type CoSellOptions struct {
	// ReviewDays is the business-day SLA for the vendor to review a
	// partner-submitted opportunity. Defaults to 2.
	ReviewDays int `json:"review_days,omitempty"`
	// ActionDays is the business-day SLA for the partner to answer
	// "action required". Defaults to 5.
	ActionDays int `json:"action_days,omitempty"`
	// EngageHours is the calendar-time SLA for the vendor seller to
	// engage after acceptance. Defaults to 48.
	EngageHours int `json:"engage_hours,omitempty"`
	// StaleDays is the calendar-day SLA after which an engaged
	// opportunity without a launch is escalated. Defaults to 90.
	StaleDays int `json:"stale_days,omitempty"`
}

// CoSell returns the co-sell opportunity workflow, after AWS ACE and
// Microsoft Partner Center: submitted, in review, action required,
// accepted, engaged, launched (won), closed lost, rejected, withdrawn.
// It uses business-day SLAs, so compile it with [WithCalendar].
func CoSell(o CoSellOptions) Definition {
	return Definition{
		ID:      WorkflowCoSell,
		Name:    "Co-sell opportunity",
		Version: 1,
		Initial: "submitted",
		States: []StateDef{
			withSLA(state("submitted", RoleAllianceManager, "shared by the partner, read-only"), businessDays(orDefault(o.ReviewDays, 2), RoleChannelDirector)),
			withSLA(state("action_required", RolePartner, "vendor asked the partner to fix or complete fields"), businessDays(orDefault(o.ActionDays, 5), RoleAllianceManager)),
			withSLA(state("accepted", RoleSalesRep, "in the vendor seller's pipeline"), SLA{Duration: Duration(time.Duration(orDefault(o.EngageHours, 48)) * time.Hour), EscalateTo: RoleSalesDirector}),
			withSLA(state("engaged", RoleSalesRep, "vendor and partner working the deal together"), calendarDays(orDefault(o.StaleDays, 90), RoleSalesDirector, "")),
			terminal("launched", "won and live"),
			terminal("closed_lost", "lost, with a closed-lost reason"),
			terminal("rejected", "declined by the vendor, with a reason"),
			terminal("withdrawn", "withdrawn by the partner"),
		},
		Transitions: []Transition{
			tr("submitted", "accept", "accepted"),
			tr("submitted", "reject", "rejected"),
			tr("submitted", "require_action", "action_required"),
			tr("action_required", "resubmit", "submitted"),
			tr("accepted", "engage", "engaged"),
			tr("engaged", "launch", "launched"),
		},
		Exceptions: []Exception{
			{Event: "close_lost", To: "closed_lost", From: []State{"accepted", "engaged"}},
			{Event: "withdraw", To: "withdrawn", From: []State{"submitted", "action_required"}},
		},
	}
}

// MDFClaimOptions parameterizes [MDFClaim]. Zero fields take the defaults
// named on each.
type MDFClaimOptions struct {
	// PreApprovalDays is the business-day SLA to pre-approve a fund
	// request. Defaults to 5.
	PreApprovalDays int `json:"pre_approval_days,omitempty"`
	// ActivityDays is how many calendar days after pre-approval the
	// activity must be completed before the funds expire. Defaults to 90.
	ActivityDays int `json:"activity_days,omitempty"`
	// ClaimDays is how many calendar days after the activity the claim
	// must be filed before the funds expire. Defaults to 30.
	ClaimDays int `json:"claim_days,omitempty"`
	// ClaimReviewDays is the business-day SLA to review a claim.
	// Defaults to 10.
	ClaimReviewDays int `json:"claim_review_days,omitempty"`
	// PaymentDays is the calendar-day SLA to pay an approved claim.
	// Defaults to 30.
	PaymentDays int `json:"payment_days,omitempty"`
	// FinanceApprovalAt is the claimed amount (field "amount") from which
	// finance must approve the claim too. Defaults to 25,000.
	FinanceApprovalAt partnerops.Decimal `json:"finance_approval_at,omitzero"`
}

// MDFClaim returns the market development funds workflow: request,
// pre-approval, activity, claim with proof of performance (field
// "proof_of_performance" must be set), approval (by channel marketing, and
// finance too when "amount" is at least FinanceApprovalAt), payment, and
// expiry of unclaimed funds. Exceptions: request_info from review steps,
// answered by provide_info; cancel before the claim. It uses business-day
// SLAs, so compile it with [WithCalendar].
func MDFClaim(o MDFClaimOptions) Definition {
	fin := o.FinanceApprovalAt
	if fin.IsZero() {
		fin = partnerops.DecimalFromInt(25_000)
	}
	return Definition{
		ID:      WorkflowMDFClaim,
		Name:    "MDF request and claim",
		Version: 1,
		Initial: "requested",
		States: []StateDef{
			withSLA(state("requested", RoleChannelMarketing, "fund request for an activity"), businessDays(orDefault(o.PreApprovalDays, 5), RoleChannelDirector)),
			withSLA(state("pre_approved", RolePartner, "funds reserved; the partner runs the activity"), calendarDays(orDefault(o.ActivityDays, 90), RoleChannelManager, "expire")),
			withSLA(state("activity_completed", RolePartner, "activity done; claim with proof of performance due"), calendarDays(orDefault(o.ClaimDays, 30), RoleChannelManager, "expire")),
			{
				Name: "claim_submitted", Owner: RoleChannelMarketing, Description: "claim with proof of performance under review",
				SLA: &SLA{Days: orDefault(o.ClaimReviewDays, 10), Clock: ClockBusiness, EscalateTo: RoleChannelDirector},
				Approval: &Approval{Event: "approve", Mode: ApprovalParallel, Steps: []ApprovalStep{
					{Role: RoleChannelMarketing},
					{Role: RoleFinance, When: []Guard{{Field: "amount", Op: OpGe, Value: numberValue(fin)}}},
				}},
			},
			pausing(withSLA(state("info_requested", RolePartner, "more information or proof requested"), calendarDays(14, RoleChannelManager, ""))),
			withSLA(state("approved", RoleFinance, "approved for payment"), calendarDays(orDefault(o.PaymentDays, 30), RoleChannelDirector, "")),
			terminal("paid", "paid to the partner"),
			terminal("rejected", "request or claim rejected"),
			terminal("expired", "unclaimed funds expired"),
			terminal("cancelled", "cancelled by the partner or the program"),
		},
		Transitions: []Transition{
			tr("requested", "pre_approve", "pre_approved"),
			tr("requested", "reject", "rejected"),
			tr("pre_approved", "complete_activity", "activity_completed"),
			tr("pre_approved", "expire", "expired"),
			tr("activity_completed", "submit_claim", "claim_submitted", Guard{Name: "proof of performance attached", Field: "proof_of_performance", Op: OpExists}),
			tr("activity_completed", "expire", "expired"),
			tr("claim_submitted", "approve", "approved"),
			tr("claim_submitted", "reject", "rejected"),
			tr("approved", "pay", "paid"),
			{From: "info_requested", Event: "provide_info", ToPrevious: true},
		},
		Exceptions: []Exception{
			{Event: "request_info", To: "info_requested", From: []State{"requested", "claim_submitted"}},
			{Event: "cancel", To: "cancelled", From: []State{"requested", "pre_approved", "activity_completed"}},
		},
	}
}

// ChannelConflictOptions parameterizes [ChannelConflict]. Zero fields
// take the defaults named on each.
type ChannelConflictOptions struct {
	// TriageDays is the business-day SLA to open the evidence phase.
	// Defaults to 2.
	TriageDays int `json:"triage_days,omitempty"`
	// EvidenceDays is how many business days the parties have to submit
	// evidence; then the decision phase starts. Defaults to 5.
	EvidenceDays int `json:"evidence_days,omitempty"`
	// DecisionDays is the business-day SLA for the decision. Defaults
	// to 5.
	DecisionDays int `json:"decision_days,omitempty"`
	// AppealDays is the calendar-day window to appeal a decision; then
	// the case closes. Defaults to 10.
	AppealDays int `json:"appeal_days,omitempty"`
	// AppealDecisionDays is the business-day SLA to decide an appeal.
	// Defaults to 10.
	AppealDecisionDays int `json:"appeal_decision_days,omitempty"`
}

// ChannelConflict returns the channel conflict case workflow: opened,
// evidence, decision, appeal window, appeal, closed; withdraw from any
// open state. One appeal is allowed. It uses business-day SLAs, so compile
// it with [WithCalendar].
func ChannelConflict(o ChannelConflictOptions) Definition {
	return Definition{
		ID:      WorkflowChannelConflict,
		Name:    "Channel conflict case",
		Version: 1,
		Initial: "opened",
		States: []StateDef{
			withSLA(state("opened", RoleConflictDesk, "two claims on one deal logged"), businessDays(orDefault(o.TriageDays, 2), RoleChannelDirector)),
			withSLA(state("evidence", RoleConflictDesk, "parties submit registrations, activity and customer statements"), SLA{Days: orDefault(o.EvidenceDays, 5), Clock: ClockBusiness, Fire: "close_evidence"}),
			withSLA(state("deciding", RoleChannelDirector, "ownership or credit split decided under the rules of engagement"), businessDays(orDefault(o.DecisionDays, 5), RoleVPPartnerships)),
			withSLA(state("decided", RolePartner, "decision published with its reason; appeal window open"), calendarDays(orDefault(o.AppealDays, 10), "", "close")),
			withSLA(state("appealed", RoleVPPartnerships, "appeal under review"), businessDays(orDefault(o.AppealDecisionDays, 10), "")),
			terminal("closed", "decision final"),
			terminal("withdrawn", "claim withdrawn"),
		},
		Transitions: []Transition{
			tr("opened", "request_evidence", "evidence"),
			tr("evidence", "close_evidence", "deciding"),
			tr("deciding", "decide", "decided"),
			tr("decided", "appeal", "appealed"),
			tr("decided", "close", "closed"),
			tr("appealed", "uphold", "closed"),
			tr("appealed", "overturn", "closed"),
		},
		Exceptions: []Exception{
			{Event: "withdraw", To: "withdrawn"},
		},
	}
}

// OffboardingOptions parameterizes [Offboarding]. Zero fields take the
// defaults named on each.
type OffboardingOptions struct {
	// NoticeDays is the notice period in calendar days; then the
	// transition of customers and open deals starts. Defaults to 30.
	NoticeDays int `json:"notice_days,omitempty"`
	// TransitionDays is the calendar-day SLA to move customers and open
	// deals to other partners or direct. Defaults to 30.
	TransitionDays int `json:"transition_days,omitempty"`
	// ExportDays is the calendar-day data-export window before access is
	// cut. Defaults to 7.
	ExportDays int `json:"export_days,omitempty"`
	// SettlementDays is the calendar-day SLA for the final settlement of
	// payouts and claims. Defaults to 30.
	SettlementDays int `json:"settlement_days,omitempty"`
}

// Offboarding returns the partner offboarding workflow: notice, transition
// of customers and open deals, data-export window, access and discounts
// revoked, final settlement, offboarded. Exceptions: rescind during notice
// or transition; hold and resume.
func Offboarding(o OffboardingOptions) Definition {
	return Definition{
		ID:      WorkflowOffboarding,
		Name:    "Partner offboarding",
		Version: 1,
		Initial: "notice_given",
		States: []StateDef{
			withSLA(state("notice_given", RoleChannelManager, "termination notice served"), calendarDays(orDefault(o.NoticeDays, 30), "", "begin_transition")),
			withSLA(state("transitioning", RoleChannelManager, "customers and open deals moved to other partners or direct"), calendarDays(orDefault(o.TransitionDays, 30), RoleChannelDirector, "")),
			withSLA(state("data_export", RolePartner, "export window before access is cut"), calendarDays(orDefault(o.ExportDays, 7), "", "revoke_access")),
			withSLA(state("settling", RoleFinance, "access and discounts revoked; final settlement of payouts and claims"), calendarDays(orDefault(o.SettlementDays, 30), RoleChannelDirector, "")),
			pausing(state("on_hold", RoleChannelManager, "paused")),
			terminal("offboarded", "relationship ended and settled"),
			terminal("rescinded", "notice withdrawn; the partner stays"),
		},
		Transitions: []Transition{
			tr("notice_given", "begin_transition", "transitioning"),
			tr("transitioning", "complete_transition", "data_export"),
			tr("data_export", "revoke_access", "settling"),
			tr("settling", "settle", "offboarded"),
			{From: "on_hold", Event: "resume", ToPrevious: true},
		},
		Exceptions: []Exception{
			{Event: "rescind", To: "rescinded", From: []State{"notice_given", "transitioning"}},
			{Event: "hold", To: "on_hold"},
		},
	}
}

// LifecycleOptions parameterizes [PartnerLifecycle]. Zero fields take the
// defaults named on each.
type LifecycleOptions struct {
	// OnboardingDays is the calendar-day SLA to finish onboarding.
	// Defaults to 90.
	OnboardingDays int `json:"onboarding_days,omitempty"`
	// AtRiskDays is how many calendar days a partner may stay at risk
	// before it is suspended. Defaults to 90.
	AtRiskDays int `json:"at_risk_days,omitempty"`
	// SuspendedDays is how many calendar days a partner may stay
	// suspended before it is offboarded. Defaults to 180.
	SuspendedDays int `json:"suspended_days,omitempty"`
}

// PartnerLifecycle returns the partner lifecycle workflow: prospect,
// onboarding, active, at risk, suspended, offboarded. Transitions come
// from process events (onboarding completed, offboarding) and from
// performance (a scorecard flags risk or recovery). offboard is allowed
// from every state.
func PartnerLifecycle(o LifecycleOptions) Definition {
	return Definition{
		ID:      WorkflowLifecycle,
		Name:    "Partner lifecycle",
		Version: 1,
		Initial: "prospect",
		States: []StateDef{
			state("prospect", RoleChannelManager, "recruited, not yet onboarding"),
			withSLA(state("onboarding", RolePartnerOps, "running the onboarding workflow"), calendarDays(orDefault(o.OnboardingDays, 90), RoleChannelDirector, "")),
			state("active", RoleChannelManager, "in good standing"),
			withSLA(state("at_risk", RoleChannelManager, "performance or compliance below the bar"), calendarDays(orDefault(o.AtRiskDays, 90), RoleChannelDirector, "suspend")),
			withSLA(state("suspended", RoleChannelDirector, "benefits paused"), calendarDays(orDefault(o.SuspendedDays, 180), RoleVPPartnerships, "offboard")),
			terminal("offboarded", "relationship ended"),
		},
		Transitions: []Transition{
			tr("prospect", "start_onboarding", "onboarding"),
			tr("onboarding", "activate", "active"),
			tr("active", "flag_risk", "at_risk"),
			tr("active", "suspend", "suspended"),
			tr("at_risk", "recover", "active"),
			tr("at_risk", "suspend", "suspended"),
			tr("suspended", "reinstate", "active"),
		},
		Exceptions: []Exception{
			{Event: "offboard", To: "offboarded"},
		},
	}
}

// LeadAcceptanceOptions parameterizes [LeadAcceptance]. Zero fields take
// the defaults named on each.
type LeadAcceptanceOptions struct {
	// AcceptHours is how long (calendar time) a partner has to accept or
	// decline a routed lead before it times out. Defaults to 48.
	AcceptHours int `json:"accept_hours,omitempty"`
	// ReminderHours is how long before the deadline the partner is
	// reminded. Defaults to 8; set -1 for no reminder.
	ReminderHours int `json:"reminder_hours,omitempty"`
	// WorkDays is the calendar-day SLA for the partner to work an
	// accepted lead to an opportunity or a disqualification. Defaults to
	// 30.
	WorkDays int `json:"work_days,omitempty"`
}

// LeadAcceptance returns the lead acceptance workflow for one partner a
// lead was routed to: offered (accept or decline within AcceptHours, else
// timed out), accepted (worked to converted or disqualified), and returned
// (the partner hands the lead back). Declined, timed-out and returned
// leads end here; the host routes them to the next partner with a new
// instance.
func LeadAcceptance(o LeadAcceptanceOptions) Definition {
	remind := Duration(time.Duration(orDefault(o.ReminderHours, 8)) * time.Hour)
	if remind < 0 {
		remind = 0
	}
	return Definition{
		ID:      WorkflowLeadAcceptance,
		Name:    "Lead acceptance",
		Version: 1,
		Initial: "offered",
		States: []StateDef{
			withSLA(state("offered", RolePartner, "routed to the partner; accept or decline"),
				SLA{Duration: Duration(time.Duration(orDefault(o.AcceptHours, 48)) * time.Hour), Fire: "time_out", EscalateTo: RoleChannelManager, RemindBefore: remind}),
			withSLA(state("accepted", RolePartner, "the partner works the lead"), calendarDays(orDefault(o.WorkDays, 30), RoleChannelManager, "")),
			terminal("converted", "turned into an opportunity or a deal registration"),
			terminal("disqualified", "not a real opportunity, with a reason"),
			terminal("declined", "declined by the partner, with a reason; route to the next partner"),
			terminal("timed_out", "not answered in time; route to the next partner"),
			terminal("returned", "handed back after acceptance; route to the next partner"),
		},
		Transitions: []Transition{
			tr("offered", "accept", "accepted"),
			tr("offered", "decline", "declined"),
			tr("offered", "time_out", "timed_out"),
			tr("accepted", "convert", "converted"),
			tr("accepted", "disqualify", "disqualified"),
		},
		Exceptions: []Exception{
			{Event: "return", To: "returned", From: []State{"accepted"}},
		},
	}
}

// Standard returns every standard workflow with default options, in a
// fixed order: onboarding, deal registration, co-sell, MDF claim, channel
// conflict, offboarding, lifecycle, lead acceptance.
func Standard() []Definition {
	return []Definition{
		Onboarding(OnboardingOptions{}),
		DealRegistration(DealRegistrationOptions{}),
		CoSell(CoSellOptions{}),
		MDFClaim(MDFClaimOptions{}),
		ChannelConflict(ChannelConflictOptions{}),
		Offboarding(OffboardingOptions{}),
		PartnerLifecycle(LifecycleOptions{}),
		LeadAcceptance(LeadAcceptanceOptions{}),
	}
}
