package pricing_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// euBook is the sample book in euros, for region emea.
func euBook() pricing.PriceBook {
	b := usBook()
	b.ID, b.Currency, b.Region = "eu", partnerops.EUR, "emea"
	for i := range b.Entries {
		b.Entries[i].List = ptr(partnerops.MustMoney(b.Entries[i].List.Amount().Mul(dec("0.9")).String(), partnerops.EUR))
		b.Entries[i].Cost, b.Entries[i].Floor = nil, nil
	}
	return b
}

func eur(s string) *partnerops.Money { return ptr(partnerops.MustMoney(s, partnerops.EUR)) }

func multiCurrency() pricing.Framework {
	fw := framework(add,
		pricing.Rule{ID: "usd-off", Group: "g", Currency: partnerops.USD, Effect: pricing.AmountOff(m("5"))},
		pricing.Rule{ID: "eur-off", Group: "g", Currency: partnerops.EUR, Effect: pricing.AmountOff(*eur("4"))},
		pricing.Rule{ID: "eur-promo", Group: "g", When: pricing.Conditions{Currencies: []partnerops.Currency{partnerops.EUR}},
			Effect: pricing.PercentOffList(pct("10"))},
		offList("everywhere", "g", "1"),
	)
	fw.Currency = ""
	return fw
}

func TestSeveralCurrencies(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook(), euBook()}, multiCurrency())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		book pricing.BookID
		want summary
	}{
		{"us", summary{Steps: []string{"everywhere 1 → 99", "usd-off 5 → 94"}, NetUnit: "94", NetExt: "94"}},
		{"eu", summary{Steps: []string{"eur-off 4 → 86", "eur-promo 9 → 77", "everywhere 0.9 → 76.1"}, NetUnit: "76.1", NetExt: "76.1"}},
	} {
		t.Run(string(tc.book), func(t *testing.T) {
			q := quote("gold", line("SEC-100", "1"))
			q.Book = tc.book
			r, err := e.Price(q, day)
			if err != nil {
				t.Fatal(err)
			}
			// Rules of another currency are not candidates: no record.
			if diff := cmp.Diff(tc.want, summarize(&r.Lines[0])); diff != "" {
				t.Errorf("waterfall (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCurrencyValidation(t *testing.T) {
	fw := multiCurrency()
	fw.Rules = append(fw.Rules,
		amountOff("no-currency", "g", "1"),
		pricing.Rule{ID: "mismatch", Group: "g", Currency: partnerops.EUR, Effect: pricing.AmountOff(m("1"))},
		pricing.Rule{ID: "bad", Group: "g", Currency: "XXY", When: pricing.Conditions{Currencies: []partnerops.Currency{"ZZZ"}}, Effect: pricing.PercentOffList(pct("1"))},
	)
	_, err := pricing.Compile([]pricing.PriceBook{usBook(), euBook()}, fw)
	want := []string{"rules[no-currency].effect.amount", "rules[mismatch].effect.amount", "rules[bad].currency", "rules[bad].when.currencies[0]"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	single := framework(add, pricing.Rule{ID: "eur", Group: "g", Currency: partnerops.EUR, Effect: pricing.AmountOff(*eur("1"))})
	_, err = pricing.Compile([]pricing.PriceBook{usBook(), euBook()}, single)
	if diff := cmp.Diff([]string{"rules[eur].currency", "rules[eur].effect.amount"}, validationPaths(err)); diff != "" {
		t.Errorf("a rule in another currency than a single-currency framework's (-want +got):\n%s\n%v", diff, err)
	}
}

func TestCurrencyRulesDoNotTie(t *testing.T) {
	fw := framework(first,
		pricing.Rule{ID: "a", Group: "g", Currency: partnerops.USD, Effect: pricing.AmountOff(m("5"))},
		pricing.Rule{ID: "b", Group: "g", Currency: partnerops.EUR, Effect: pricing.AmountOff(*eur("4"))})
	fw.Currency = ""
	e, err := pricing.Compile([]pricing.PriceBook{usBook(), euBook()}, fw)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Warnings()) > 0 {
		t.Errorf("warnings for rules of different currencies: %v", e.Warnings())
	}
}
