// Package processflow hosts partnerops process workflows on Temporal: each
// instance of a compiled [process.Workflow] (a deal registration, an
// onboarding) runs as one Temporal workflow execution whose workflow ID is
// the instance ID.
//
// The mapping, one to one:
//
//   - The instance lives in workflow state. [process.Workflow.Start] runs
//     when the execution starts, with the start trigger as the workflow's
//     input; the instance is returned as the workflow's result when it
//     reaches a terminal state.
//   - Events arrive as Updates named [UpdateEvent] carrying a
//     [process.Trigger]. The update's validator runs the library's
//     transition check ([process.Workflow.Check]), so a refused event is rejected before anything is
//     written to the workflow history, and the caller gets the library's
//     refusal back ([Refusal] decodes the [*process.TransitionError] from
//     the error's details). An accepted event is applied inside workflow
//     code with the workflow clock ([workflow.Now]), never the machine's,
//     so a replay on another worker computes the same instance.
//   - Trigger.ExpectVersion gives optimistic concurrency across clients,
//     and the update ID deduplicates retries of one request ([Send]).
//   - start_timer and cancel_timer effects become durable timers: the
//     instance's one timer (its Wake: the next reminder, escalation level
//     or SLA event) is one Temporal timer, moved and cancelled with the
//     effects. When it fires, the workflow calls
//     [process.Workflow.Advance] with the workflow time, which records each
//     reminder and escalation in the instance's history once, so a 90-day
//     expiry fires on day 90 even if every worker was redeployed meanwhile.
//   - notify, remind, escalate and completed effects run as the activity
//     [ActivityNotify], request_approval effects as [ActivityRequestApproval],
//     each with the effect's idempotency key as its activity ID and in the
//     [Notice] it delivers. Temporal runs an activity at least once, so a
//     [Sink] must deduplicate by key (a unique index, an idempotency header).
//   - The instance is queryable ([QueryInstance], [QueryExplain],
//     [QueryNotices]).
//
// # Idempotency keys
//
// Every effect carries its identity from the library: [process.Effect.Key]
// is "<instance>/<version>/<index>", the instance version whose history
// entry produced it and its position among that entry's effects. Keys are
// stable because workflow code is deterministic: a replay issues the same
// effects with the same keys. The instance ID is the workflow ID, so a
// replayer must replay under the original workflow ID.
//
// # Versions of a definition
//
// Workflow code must replay identically, and the compiled definition is
// part of it (its SLAs decide the timers). So the Temporal workflow type
// is named after the definition's ID and version ([Host.Name]:
// "process.deal_registration.v1"): deploy a changed definition under a new
// version, and keep registering the old one until its instances finish.
//
// # Determinism
//
// Everything the workflow code calls in the library is pure (no clock, no
// I/O, no goroutines, no map-order output), which is what Temporal asks of
// workflow code. Activities do the I/O.
package processflow
