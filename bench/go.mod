module github.com/partnerops/partnerops/bench

go 1.24

require (
	github.com/partnerops/partnerops v0.0.0
	github.com/qmuntal/stateless v1.7.2
	github.com/shopspring/decimal v1.6.0
)

replace github.com/partnerops/partnerops => ../
