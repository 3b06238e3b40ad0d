// Package performance implements partner metrics with leading indicators,
// internal and external scorecards, trends, tier requalification and QBR
// assembly.
package performance
