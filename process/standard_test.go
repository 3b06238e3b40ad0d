package process_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

type pathStep struct {
	ev      process.Event
	role    process.Role
	data    process.Data
	wantErr error
}

func ev(e process.Event) pathStep { return pathStep{ev: e} }

func by(e process.Event, r process.Role) pathStep { return pathStep{ev: e, role: r} }

func with(e process.Event, d process.Data) pathStep { return pathStep{ev: e, data: d} }

func refused(e process.Event, err error) pathStep { return pathStep{ev: e, wantErr: err} }

type path struct {
	name  string
	data  process.Data
	steps []pathStep
	want  process.State
}

func runPaths(t *testing.T, w *process.Workflow, paths []path) {
	t.Helper()
	start := utc(2026, 3, 2, 10, 0)
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			in, _, err := w.Start("case-1", process.Trigger{Actor: "starter", Data: p.data}, start)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range p.steps {
				out, _, err := w.Apply(in, process.Trigger{Event: s.ev, Role: s.role, Data: s.data, Actor: "u"}, start.Add(time.Duration(i+1)*time.Hour))
				if s.wantErr != nil {
					if !errors.Is(err, s.wantErr) {
						t.Fatalf("step %d %q in %q: error %v, want %v", i, s.ev, in.State, err, s.wantErr)
					}
					continue
				}
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				in = out
			}
			if in.State != p.want {
				t.Errorf("final state = %q, want %q", in.State, p.want)
			}
			re, err := w.Replay(in.ID, in.History)
			if err != nil || !re.Equal(in) {
				t.Errorf("Replay = %v, %v; want the incremental instance", re.State, err)
			}
		})
	}
}

func compileStd(t testing.TB, d process.Definition) *process.Workflow {
	t.Helper()
	w, err := process.Compile(d, process.WithCalendar(weekCal()))
	if err != nil {
		t.Fatalf("Compile(%s): %v", d.ID, err)
	}
	return w
}

func TestDealRegistrationPaths(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	small := process.Data{"deal_value": process.Int(250000)}
	big := process.Data{"deal_value": process.Int(1000000)}
	evidence := process.Data{"evidence": process.String("POC signed")}
	cm, sd := process.RoleChannelManager, process.RoleSalesDirector
	runPaths(t, w, []path{
		{"approved and won", small, []pathStep{ev("start_review"), by("approve", cm), ev("win")}, "won"},
		{"1,000,000 needs the sales director second", big, []pathStep{ev("start_review"), by("approve", sd).err(process.ErrNotApprover), by("approve", cm), refused("win", process.ErrInvalidTransition), by("approve", sd), ev("win")}, "won"},
		{"rejected at triage (duplicate)", small, []pathStep{ev("reject")}, "rejected"},
		{"rejected in review", small, []pathStep{ev("start_review"), ev("reject")}, "rejected"},
		{"more information, resubmitted, lost", small, []pathStep{ev("start_review"), ev("request_info"), ev("resubmit"), by("approve", cm), ev("lose")}, "lost"},
		{"withdrawn before approval", small, []pathStep{ev("start_review"), ev("request_info"), ev("withdraw")}, "withdrawn"},
		{"no withdrawal after approval", small, []pathStep{ev("start_review"), by("approve", cm), refused("withdraw", process.ErrInvalidTransition)}, "approved"},
		{"extension needs evidence", small, []pathStep{ev("start_review"), by("approve", cm), refused("extend", process.ErrGuardRejected), with("extend", evidence), ev("win")}, "won"},
		{"one extension only, then expiry", small, []pathStep{ev("start_review"), by("approve", cm), with("extend", evidence), refused("extend", process.ErrInvalidTransition), ev("expire")}, "expired"},
		{"expired without extension", small, []pathStep{ev("start_review"), by("approve", cm), ev("expire")}, "expired"},
		{"terminal accepts nothing", small, []pathStep{ev("reject"), refused("start_review", process.ErrInvalidTransition)}, "rejected"},
	})
}

func TestDealRegistrationOptions(t *testing.T) {
	d := process.DealRegistration(process.DealRegistrationOptions{Extensions: 2, ValidityDays: 60, ExtensionDays: 30})
	w := compileStd(t, d)
	if _, ok := d.State("extended_2"); !ok {
		t.Fatalf("two extensions: no extended_2 state")
	}
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("d", process.Trigger{}, at)
	in, _, _ = w.Apply(in, process.Trigger{Event: "start_review"}, at)
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, at)
	// 60 days from 2 March 10:00 is 1 May 10:00; each extension adds 30
	// days to the expiry, whenever it is granted.
	if want := utc(2026, 5, 1, 10, 0); !in.Due.Equal(want) {
		t.Errorf("approved due %v, want %v", in.Due, want)
	}
	ext := process.Trigger{Event: "extend", Data: process.Data{"evidence": process.Bool(true)}}
	in, _, _ = w.Apply(in, ext, utc(2026, 4, 20, 0, 0))
	if want := utc(2026, 5, 31, 10, 0); !in.Due.Equal(want) || in.State != "extended" {
		t.Errorf("first extension: %q due %v, want extended due %v", in.State, in.Due, want)
	}
	in, _, _ = w.Apply(in, ext, utc(2026, 5, 2, 0, 0))
	if want := utc(2026, 6, 30, 10, 0); !in.Due.Equal(want) || in.State != "extended_2" {
		t.Errorf("second extension: %q due %v, want extended_2 due %v", in.State, in.Due, want)
	}
	none := process.DealRegistration(process.DealRegistrationOptions{Extensions: -1})
	if _, ok := none.State("extended"); ok {
		t.Errorf("Extensions -1 still has an extended state")
	}
	compileStd(t, none)
}

func TestOnboardingPaths(t *testing.T) {
	w := compileStd(t, process.Onboarding(process.OnboardingOptions{}))
	runPaths(t, w, []path{
		{"onboarded", nil, []pathStep{ev("accept"), ev("pass"), ev("sign"), ev("provision"), ev("certify"), ev("register_deal")}, "onboarded"},
		{"info requested in screening, then provided", nil, []pathStep{ev("accept"), ev("request_info"), ev("provide_info")}, "screening"},
		{"held in provisioning, resumed", nil, []pathStep{ev("accept"), ev("pass"), ev("sign"), ev("hold"), refused("provision", process.ErrInvalidTransition), ev("resume"), ev("provision")}, "enablement"},
		{"failed screening", nil, []pathStep{ev("accept"), ev("fail")}, "rejected"},
		{"agreement lapsed", nil, []pathStep{ev("accept"), ev("pass"), ev("lapse")}, "withdrawn"},
		{"withdrawn while on hold", nil, []pathStep{ev("hold"), ev("withdraw")}, "withdrawn"},
		{"no info request once signed", nil, []pathStep{ev("accept"), ev("pass"), ev("sign"), refused("request_info", process.ErrInvalidTransition)}, "provisioning"},
	})
}

func TestCoSellPaths(t *testing.T) {
	w := compileStd(t, process.CoSell(process.CoSellOptions{}))
	runPaths(t, w, []path{
		{"launched", nil, []pathStep{ev("accept"), ev("engage"), ev("launch")}, "launched"},
		{"action required, resubmitted, closed lost", nil, []pathStep{ev("require_action"), ev("resubmit"), ev("accept"), ev("engage"), ev("close_lost")}, "closed_lost"},
		{"closed lost before engagement", nil, []pathStep{ev("accept"), ev("close_lost")}, "closed_lost"},
		{"rejected", nil, []pathStep{ev("reject")}, "rejected"},
		{"withdrawn while action required", nil, []pathStep{ev("require_action"), ev("withdraw")}, "withdrawn"},
		{"no withdrawal once accepted", nil, []pathStep{ev("accept"), refused("withdraw", process.ErrInvalidTransition)}, "accepted"},
	})
}

func TestMDFClaimPaths(t *testing.T) {
	w := compileStd(t, process.MDFClaim(process.MDFClaimOptions{}))
	proof := process.Data{"proof_of_performance": process.String("attendee list")}
	cmk, fin := process.RoleChannelMarketing, process.RoleFinance
	runPaths(t, w, []path{
		{"paid", process.Data{"amount": process.Int(8000)}, []pathStep{ev("pre_approve"), ev("complete_activity"), with("submit_claim", proof), by("approve", cmk), ev("pay")}, "paid"},
		{"25,000 needs finance too, in any order", process.Data{"amount": process.Int(25000)}, []pathStep{ev("pre_approve"), ev("complete_activity"), with("submit_claim", proof), by("approve", fin), by("approve", fin).err(process.ErrNotApprover), by("approve", cmk)}, "approved"},
		{"claim needs proof of performance", nil, []pathStep{ev("pre_approve"), ev("complete_activity"), refused("submit_claim", process.ErrGuardRejected)}, "activity_completed"},
		{"unclaimed funds expire", nil, []pathStep{ev("pre_approve"), ev("complete_activity"), ev("expire")}, "expired"},
		{"activity never run", nil, []pathStep{ev("pre_approve"), ev("expire")}, "expired"},
		{"claim returned for information", nil, []pathStep{ev("pre_approve"), ev("complete_activity"), with("submit_claim", proof), ev("request_info"), ev("provide_info"), ev("reject")}, "rejected"},
		{"request rejected", nil, []pathStep{ev("reject")}, "rejected"},
		{"cancelled before the claim", nil, []pathStep{ev("pre_approve"), ev("cancel")}, "cancelled"},
	})
}

func (s pathStep) err(e error) pathStep { s.wantErr = e; return s }

func TestChannelConflictPaths(t *testing.T) {
	w := compileStd(t, process.ChannelConflict(process.ChannelConflictOptions{}))
	runPaths(t, w, []path{
		{"decided, not appealed", nil, []pathStep{ev("request_evidence"), ev("close_evidence"), ev("decide"), ev("close")}, "closed"},
		{"appealed and upheld", nil, []pathStep{ev("request_evidence"), ev("close_evidence"), ev("decide"), ev("appeal"), refused("appeal", process.ErrInvalidTransition), ev("uphold")}, "closed"},
		{"appealed and overturned", nil, []pathStep{ev("request_evidence"), ev("close_evidence"), ev("decide"), ev("appeal"), ev("overturn")}, "closed"},
		{"claim withdrawn during the decision", nil, []pathStep{ev("request_evidence"), ev("close_evidence"), ev("withdraw")}, "withdrawn"},
	})
}

func TestOffboardingPaths(t *testing.T) {
	w := compileStd(t, process.Offboarding(process.OffboardingOptions{}))
	runPaths(t, w, []path{
		{"offboarded", nil, []pathStep{ev("begin_transition"), ev("complete_transition"), ev("revoke_access"), ev("settle")}, "offboarded"},
		{"rescinded during notice", nil, []pathStep{ev("rescind")}, "rescinded"},
		{"held in export, resumed", nil, []pathStep{ev("begin_transition"), ev("complete_transition"), ev("hold"), ev("resume"), ev("revoke_access")}, "settling"},
		{"no rescinding once access is revoked", nil, []pathStep{ev("begin_transition"), ev("complete_transition"), ev("revoke_access"), refused("rescind", process.ErrInvalidTransition)}, "settling"},
	})
}

func TestLifecyclePaths(t *testing.T) {
	w := compileStd(t, process.PartnerLifecycle(process.LifecycleOptions{}))
	runPaths(t, w, []path{
		{"full cycle", nil, []pathStep{ev("start_onboarding"), ev("activate"), ev("flag_risk"), ev("recover"), ev("suspend"), ev("reinstate"), ev("offboard")}, "offboarded"},
		{"prospect offboarded", nil, []pathStep{ev("offboard"), refused("offboard", process.ErrInvalidTransition)}, "offboarded"},
	})
}

func TestStandardWorkflowsCompile(t *testing.T) {
	var ids []string
	for _, d := range process.Standard() {
		w := compileStd(t, d)
		ids = append(ids, w.ID())
		for _, s := range d.States {
			if !s.Terminal && s.Owner == "" {
				t.Errorf("%s: state %q has no owner", d.ID, s.Name)
			}
		}
	}
	want := []string{"partner_onboarding", "deal_registration", "co_sell", "mdf_claim", "channel_conflict", "partner_offboarding", "partner_lifecycle", "lead_acceptance"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("Standard() IDs (-want +got):\n%s", diff)
	}
	if _, err := process.Compile(process.DealRegistration(process.DealRegistrationOptions{})); err == nil {
		t.Errorf("deal registration compiled without a calendar for its business-day SLAs")
	}
}

func TestLeadAcceptancePaths(t *testing.T) {
	w := compileStd(t, process.LeadAcceptance(process.LeadAcceptanceOptions{}))
	runPaths(t, w, []path{
		{"accepted and converted", nil, []pathStep{ev("accept"), ev("convert")}, "converted"},
		{"accepted and disqualified", nil, []pathStep{ev("accept"), ev("disqualify")}, "disqualified"},
		{"declined", nil, []pathStep{ev("decline"), refused("accept", process.ErrInvalidTransition)}, "declined"},
		{"returned after acceptance", nil, []pathStep{refused("return", process.ErrInvalidTransition), ev("accept"), ev("return")}, "returned"},
	})
	// Offered Monday 09:00: reminded from Wednesday 01:00 (8 hours
	// before), timed out Wednesday 09:00, escalated to the channel manager.
	mon := utc(2026, 3, 2, 9, 0)
	in, _, _ := w.Start("lead-1", process.Trigger{}, mon)
	if got := w.Reminders(in, utc(2026, 3, 4, 0, 59)); got != nil {
		t.Errorf("reminder at Wednesday 00:59 = %v, want none", got)
	}
	if got := w.Reminders(in, utc(2026, 3, 4, 1, 0)); len(got) != 1 || got[0].Role != process.RolePartner {
		t.Errorf("reminder at Wednesday 01:00 = %v", got)
	}
	out, effs, err := w.Advance(in, utc(2026, 3, 4, 9, 0))
	if err != nil || out.State != "timed_out" {
		t.Fatalf("Advance at the deadline: %q %v", out.State, err)
	}
	if effs[0].Kind != process.EffectEscalate || effs[0].Role != process.RoleChannelManager {
		t.Errorf("timeout effects = %v, want an escalation first", effs)
	}
}

// TestStandardHostileThreshold: a standard workflow's threshold is a
// host number; out of range, Compile refuses it at once, by its path,
// without rendering it.
func TestStandardHostileThreshold(t *testing.T) {
	start := time.Now()
	d := process.DealRegistration(process.DealRegistrationOptions{SecondApprovalAt: partnerops.NewDecimal(1, -3000000)})
	_, err := process.Compile(d, process.WithCalendar(weekCal()))
	if !errors.Is(err, partnerops.ErrRange) {
		t.Fatalf("Compile = %v, want ErrRange", err)
	}
	if diff := cmp.Diff([]string{"states[under_review].approval.steps[sales_director].when[0].value"}, problemPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if el := time.Since(start); el > 100*time.Millisecond {
		t.Errorf("took %v", el)
	}
}
