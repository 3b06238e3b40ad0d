// Package strategy implements partner and account analysis: ICP fit
// scoring, segment analysis, capability assessment and motion readiness,
// the competitive landscape, account mapping (whitespace) and program
// economic modeling.
package strategy
