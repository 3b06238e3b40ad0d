// Package process implements workflow state machines with owners, SLAs and
// exception paths, and ships the standard partner workflows (onboarding,
// deal registration, co-sell, incentive claims, channel conflict,
// offboarding and the partner lifecycle) as ready definitions.
package process
