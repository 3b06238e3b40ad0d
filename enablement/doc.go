// Package enablement implements the enablement catalog (assets by partner
// type, motion and skill level), certifications, learning paths and
// coverage against tier requirements.
package enablement
