package fastdec

// MoneyOf is set by the root package when the program starts to a
// func(decimal.Decimal, partnerops.Currency) partnerops.Money that builds
// a Money without checks, for internal/fence's MoneyUnchecked: the root's
// types cannot be named here, and the root cannot import fence.
var MoneyOf any
