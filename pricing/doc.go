// Package pricing implements price books, discount frameworks and the
// explainable price waterfall a deal desk needs.
package pricing
