package processflow

import (
	"context"
	"errors"

	"github.com/partnerops/partnerops/process"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// Start starts an instance of h's workflow with ID id on taskQueue. The
// workflow ID is the instance ID, so starting an ID twice fails while the
// first runs (Temporal's own duplicate check).
func (h *Host) Start(ctx context.Context, c client.Client, taskQueue, id string, start process.Trigger) (client.WorkflowRun, error) {
	return c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: taskQueue}, h.name, start)
}

// Send applies tr to instance id and waits for the result. requestID,
// when not empty, is the update ID: Temporal applies an update ID once, so
// a client retrying a request after a timeout gets the first result back
// instead of applying the event twice. A refused event returns an error
// that [Refusal] decodes.
func Send(ctx context.Context, c client.Client, id, requestID string, tr process.Trigger) (Applied, error) {
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID:   id,
		UpdateID:     requestID,
		UpdateName:   UpdateEvent,
		Args:         []any{tr},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err != nil {
		return Applied{}, err
	}
	var out Applied
	err = h.Get(ctx, &out)
	return out, err
}

// Get queries instance id.
func Get(ctx context.Context, c client.Client, id string) (process.Instance, error) {
	v, err := c.QueryWorkflow(ctx, id, "", QueryInstance)
	if err != nil {
		return process.Instance{}, err
	}
	var in process.Instance
	err = v.Get(&in)
	return in, err
}

// Refusal returns the library's refusal carried by an update error: the
// [*process.TransitionError] (with its sentinel, so errors.Is works on it)
// when the event was refused by the workflow definition. ok is false for
// other errors; [IsVersionConflict] tells a stale ExpectVersion.
func Refusal(err error) (te *process.TransitionError, ok bool) {
	var ae *temporal.ApplicationError
	if !errors.As(err, &ae) || ae.Type() != ErrorTypeRefused || !ae.HasDetails() {
		return nil, false
	}
	if ae.Details(&te) != nil || te == nil {
		return nil, false
	}
	return te, true
}

// IsVersionConflict reports whether err says the trigger's ExpectVersion
// was stale.
func IsVersionConflict(err error) bool {
	var ae *temporal.ApplicationError
	return errors.As(err, &ae) && ae.Type() == ErrorTypeVersionConflict
}
