package pricing_test

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// priceJSON parses books, a framework and a quote from JSON, prices the
// quote at exampleAt and prints its text rendering.
func priceJSON(books, framework, quote string) {
	bs, err := pricing.ParsePriceBooks([]byte(books))
	if err != nil {
		fmt.Println(err)
		return
	}
	fw, err := pricing.ParseFramework([]byte(framework))
	if err != nil {
		fmt.Println(err)
		return
	}
	q, err := pricing.ParseQuote([]byte(quote))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := pricing.Compile(bs, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range e.Warnings() {
		fmt.Println("warning:", w)
	}
	r, err := e.Price(q, exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Text())
}

// Units of measure: a seat sold by the box of 12 (an entry's conversion)
// and the security family by the pack of 5 (a book's). Quantity
// conditions and schedules count seats; prices come back per box; a rule
// scoped to the box states its price per box.
func Example_unitsOfMeasure() {
	priceJSON(`[{"id": "us", "currency": "USD", "units": [{"unit": "pack", "factor": "5", "family": "security"}],
	  "entries": [{"sku": "SEC-100", "family": "security", "unit": "seat", "list": "100.00",
	               "units": [{"unit": "box", "factor": "12"}]}]}]`,
		`{"currency": "USD", "groups": [{"id": "volume", "mode": "first"}, {"id": "contract", "mode": "first"}],
	  "rules": [
	    {"id": "volume", "group": "volume", "when": {"min_quantity": "20"}, "effect": {"kind": "percent_off_list", "percent": "10"}},
	    {"id": "box-deal", "group": "contract", "when": {"units": ["box"]}, "effect": {"kind": "fixed_price", "amount": "1000.00"}}]}`,
		`{"id": "Q-9", "lines": [{"sku": "SEC-100", "quantity": "2", "unit": "box"}, {"sku": "SEC-100", "quantity": "3", "unit": "pack"}]}`)
	// Output:
	// Quote Q-9 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 2 box (24 seat)
	//   Step                 Rule      Amount   Unit price
	//   List price                              1200.00
	//   10% off list         volume    -120.00  1080.00
	//   fixed price 1000.00  box-deal  -80.00   1000.00
	//   Net unit price                          1000.00
	//   Extended: list 2400.00, net 2000.00, discount 400.00 (16.6667%), approval: none
	//
	// Line 2: SEC-100 × 3 pack (15 seat)
	//   Step            Rule  Amount  Unit price
	//   List price                    500.00
	//   Net unit price                500.00
	//   Extended: list 1500.00, net 1500.00, discount 0.00 (0.00%), approval: none
	//   Skipped:
	//     volume: condition failed: quantity (wants quantity at least 20)
	//     box-deal: condition failed: unit (wants unit box)
	//
	// Total: list 3900.00 USD, net 3500.00 USD, discount 400.00 USD (10.2564%), approval: none
}

// Free goods: one seat free for every 10 bought, and onboarding at
// 100.00 when the quote holds at least 30 security seats across its
// lines. Free units go on lines of their own that say which rule and
// line made them; the lines that earn them keep their prices.
func Example_freeGoods() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "SEC-100", "family": "security", "unit": "seat", "list": "100.00"},
	  {"sku": "SEC-200", "family": "security", "unit": "seat", "list": "250.00"},
	  {"sku": "SVC-1", "family": "services", "list": "1500.00"}]}]`,
		`{"currency": "USD", "groups": [{"id": "free", "mode": "additive"}],
	  "rules": [
	    {"id": "b10g1", "group": "free", "when": {"skus": ["SEC-100"]},
	     "effect": {"kind": "free_goods", "free": {"buy": "10", "get": "1", "recursive": true}}},
	    {"id": "onboarding", "group": "free",
	     "when": {"skus": ["SEC-200"], "lines": [{"families": ["security"], "min_quantity": "30"}]},
	     "effect": {"kind": "free_goods", "free": {"buy": "1", "get": "1", "sku": "SVC-1", "price": "100.00"}}}]}`,
		`{"id": "Q-10", "lines": [{"sku": "SEC-100", "quantity": "25"}, {"sku": "SEC-200", "quantity": "5"}]}`)
	// Output:
	// Quote Q-10 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 25 seat
	//   Step            Rule  Amount  Unit price
	//   List price                    100.00
	//   Net unit price                100.00
	//   Extended: list 2500.00, net 2500.00, discount 0.00 (0.00%), approval: none
	//
	// Line 2: SEC-200 × 5 seat
	//   Step            Rule  Amount  Unit price
	//   List price                    250.00
	//   Net unit price                250.00
	//   Extended: list 1250.00, net 1250.00, discount 0.00 (0.00%), approval: none
	//
	// Line 3: SEC-100 × 2 seat · free with line 1 (rule b10g1)
	//   Step            Rule   Amount   Unit price
	//   List price                      100.00
	//   free goods      b10g1  -100.00  0.00
	//   Net unit price                  0.00
	//   Extended: list 200.00, net 0.00, discount 200.00 (100.00%), approval: none
	//
	// Line 4: SVC-1 × 1 · free with line 2 (rule onboarding)
	//   Step                  Rule        Amount    Unit price
	//   List price                                  1500.00
	//   free goods at 100.00  onboarding  -1400.00  100.00
	//   Net unit price                              100.00
	//   Extended: list 1500.00, net 100.00, discount 1400.00 (93.3333%), approval: none
	//
	// Total: list 5450.00 USD, net 3850.00 USD, discount 1600.00 USD (29.3578%), approval: none
}

// Margins and caps as amounts: an Odoo-style pricelist formula (15% off
// list, rounded to whole units, less 0.01, never more than 10.00 under
// list) and a strategic group capped at 5.00 a seat.
func Example_marginsAsAmounts() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "SEC-100", "unit": "seat", "list": "100.00", "cost": "30.00"},
	  {"sku": "SEC-200", "unit": "seat", "list": "50.00", "cost": "20.00"}]}]`,
		`{"currency": "USD", "groups": [{"id": "pricelist", "mode": "first"},
	    {"id": "strategic", "mode": "compounding", "cap_amount": "5.00"}],
	  "rules": [
	    {"id": "odoo", "group": "pricelist", "effect": {"kind": "formula", "base": "list",
	     "formula": {"discount": "15", "increment": "1", "surcharge": "-0.01", "allow_negative": true,
	                 "min_margin_amount": "-10.00"}}},
	    {"id": "competitive", "group": "strategic", "effect": {"kind": "percent_off_running", "percent": "8"}}]}`,
		`{"id": "Q-11", "lines": [{"sku": "SEC-100", "quantity": "10"}, {"sku": "SEC-200", "quantity": "10"}]}`)
	// Output:
	// Quote Q-11 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 10 seat
	//   Step                  Rule         Amount  Unit price
	//   List price                                 100.00
	//   price formula         odoo         -10.00  90.00
	//   8% off running price  competitive  -5.00   85.00       limited by group cap (requested 7.20)
	//   Net unit price                             85.00
	//   Extended: list 1000.00, net 850.00, discount 150.00 (15.00%), approval: none
	//
	// Line 2: SEC-200 × 10 seat
	//   Step                  Rule         Amount   Unit price
	//   List price                                  50.00
	//   price formula         odoo         -7.01    42.99
	//   8% off running price  competitive  -3.4392  39.5508
	//   Net unit price                              39.55
	//   Extended: list 500.00, net 395.50, discount 104.50 (20.90%), approval: none
	//
	// Total: list 1500.00 USD, net 1245.50 USD, discount 254.50 USD (16.9667%), approval: none
}

// Several currencies in one framework: the framework sets no currency;
// each rule with an amount states its own and is a candidate only for
// quotes priced in a book of that currency, so a euro quote never sees
// the dollar rule (not even as skipped).
func Example_severalCurrencies() {
	books := `[{"id": "us", "currency": "USD", "entries": [{"sku": "SEC-100", "list": "100.00"}]},
	  {"id": "eu", "currency": "EUR", "region": "emea", "entries": [{"sku": "SEC-100", "list": "90.00"}]}]`
	fw := `{"groups": [{"id": "promo", "mode": "additive"}],
	  "rules": [
	    {"id": "usd-off", "group": "promo", "currency": "USD", "effect": {"kind": "amount_off", "amount": "5.00"}},
	    {"id": "eur-off", "group": "promo", "currency": "EUR", "effect": {"kind": "amount_off", "amount": "4.00"}},
	    {"id": "emea-launch", "group": "promo", "when": {"currencies": ["EUR"]}, "effect": {"kind": "percent_off_list", "percent": "10"}}]}`
	priceJSON(books, fw, `{"id": "Q-US", "book": "us", "lines": [{"sku": "SEC-100", "quantity": "1"}]}`)
	priceJSON(books, fw, `{"id": "Q-EU", "region": "emea", "lines": [{"sku": "SEC-100", "quantity": "1"}]}`)
	// Output:
	// Quote Q-US · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 1
	//   Step               Rule     Amount  Unit price
	//   List price                          100.00
	//   5.00 off per unit  usd-off  -5.00   95.00
	//   Net unit price                      95.00
	//   Extended: list 100.00, net 95.00, discount 5.00 (5.00%), approval: none
	//
	// Total: list 100.00 USD, net 95.00 USD, discount 5.00 USD (5.00%), approval: none
	// Quote Q-EU · book eu (EUR) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 1
	//   Step               Rule         Amount  Unit price
	//   List price                              90.00
	//   10% off list       emea-launch  -9.00   81.00
	//   4.00 off per unit  eur-off      -4.00   77.00
	//   Net unit price                          77.00
	//   Extended: list 90.00, net 77.00, discount 13.00 (14.4444%), approval: none
	//
	// Total: list 90.00 EUR, net 77.00 EUR, discount 13.00 EUR (14.4444%), approval: none
}

// Host inputs: a rep's manual discount after the partner group (like
// CPQ's additional discount before partner discounts), a manual price,
// and a line that ignores every rule. Manual steps stop at the floor
// and the total cap and are judged by the approval matrix; any manual
// input here needs a manager.
func Example_manualInputs() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "SEC-100", "unit": "seat", "list": "100.00", "floor": "60.00"}]}]`,
		`{"currency": "USD", "manual_after": "partner", "manual_approval": "manager",
	  "approvals": [{"level": "manager", "above": "20"}, {"level": "vp", "above": "35"}],
	  "groups": [{"id": "partner", "mode": "first"}, {"id": "promo", "mode": "additive"}],
	  "rules": [
	    {"id": "tier", "group": "partner", "effect": {"kind": "percent_off_list", "percent": "20"}},
	    {"id": "spring", "group": "promo", "effect": {"kind": "amount_off", "amount": "5.00"}}]}`,
		`{"id": "Q-12", "lines": [
	    {"sku": "SEC-100", "quantity": "10", "manual_discount": "30"},
	    {"sku": "SEC-100", "quantity": "10", "manual_price": "79.00"},
	    {"sku": "SEC-100", "quantity": "1", "ignore_rules": true}]}`)
	// Output:
	// Quote Q-12 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 10 seat
	//   Step                 Rule      Amount  Unit price
	//   List price                             100.00
	//   20% off list         tier      -20.00  80.00
	//   manual discount 30%  (manual)  -20.00  60.00       limited by floor (requested 24.00)
	//   Net unit price                         60.00
	//   Extended: list 1000.00, net 600.00, discount 400.00 (40.00%), approval: vp
	//   Skipped:
	//     spring: floored: already at the price floor
	//
	// Line 2: SEC-100 × 10 seat
	//   Step                Rule      Amount  Unit price
	//   List price                            100.00
	//   20% off list        tier      -20.00  80.00
	//   manual price 79.00  (manual)  -1.00   79.00
	//   5.00 off per unit   spring    -5.00   74.00
	//   Net unit price                        74.00
	//   Extended: list 1000.00, net 740.00, discount 260.00 (26.00%), approval: manager
	//
	// Line 3: SEC-100 × 1 seat
	//   Step            Rule  Amount  Unit price
	//   List price                    100.00
	//   Net unit price                100.00
	//   Extended: list 100.00, net 100.00, discount 0.00 (0.00%), approval: none
	//
	// Total: list 2100.00 USD, net 1440.00 USD, discount 660.00 USD (31.4286%), approval: vp
}

// Conditions and targets across lines: "if the quote holds 1,000.00 of
// SEC-200, give 10% off STO-100", an attribute test with negation (not
// for government accounts) and a numeric range on a partner attribute.
func Example_conditionsAcrossLines() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "SEC-200", "unit": "seat", "list": "250.00"},
	  {"sku": "STO-100", "unit": "TB", "list": "40.00"}]}]`,
		`{"currency": "USD", "groups": [{"id": "promo", "mode": "additive"}],
	  "rules": [
	    {"id": "bundle", "group": "promo",
	     "when": {"skus": ["STO-100"], "lines": [{"skus": ["SEC-200"], "min_value": "1000.00"}]},
	     "effect": {"kind": "percent_off_list", "percent": "10"}},
	    {"id": "commercial", "group": "promo",
	     "when": {"attribute_conditions": [{"name": "industry", "op": "not_in", "values": ["gov"]},
	                                       {"name": "installed_seats", "op": "range", "min": "100", "max": "1000"}]},
	     "effect": {"kind": "amount_off", "amount": "2.00"}}]}`,
		`{"id": "Q-13", "partner": {"id": "p-1", "name": "Acme", "attributes": {"installed_seats": "250"}},
	  "attributes": {"industry": "retail"},
	  "lines": [{"sku": "SEC-200", "quantity": "5"}, {"sku": "STO-100", "quantity": "10"}]}`)
	// Output:
	// Quote Q-13 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-200 × 5 seat
	//   Step               Rule        Amount  Unit price
	//   List price                             250.00
	//   2.00 off per unit  commercial  -2.00   248.00
	//   Net unit price                         248.00
	//   Extended: list 1250.00, net 1240.00, discount 10.00 (0.80%), approval: none
	//
	// Line 2: STO-100 × 10 TB
	//   Step               Rule        Amount  Unit price
	//   List price                             40.00
	//   10% off list       bundle      -4.00   36.00
	//   2.00 off per unit  commercial  -2.00   34.00
	//   Net unit price                         34.00
	//   Extended: list 400.00, net 340.00, discount 60.00 (15.00%), approval: none
	//
	// Total: list 1650.00 USD, net 1580.00 USD, discount 70.00 USD (4.2424%), approval: none
}

// Product hierarchy: families as a tree (a rule on security covers edr,
// two levels down, and a rule on endpoint is more specific), a variant
// that takes its parent's price, and a parent priced at its lowest
// variant.
func Example_productHierarchy() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "EDR-1", "family": "edr", "unit": "seat", "list": "100.00"},
	  {"sku": "SHIRT", "family": "merch", "list": "25.00"},
	  {"sku": "SHIRT-L", "parent": "SHIRT"},
	  {"sku": "MUG", "family": "merch", "list_from_variants": true},
	  {"sku": "MUG-RED", "parent": "MUG", "list": "9.00"},
	  {"sku": "MUG-BLUE", "parent": "MUG", "list": "7.50"}]}]`,
		`{"currency": "USD",
	  "families": [{"id": "security"}, {"id": "endpoint", "parent": "security"}, {"id": "edr", "parent": "endpoint"}],
	  "groups": [{"id": "promo", "mode": "first"}],
	  "rules": [
	    {"id": "security", "group": "promo", "priority": 5, "when": {"families": ["security"]}, "effect": {"kind": "percent_off_list", "percent": "10"}},
	    {"id": "endpoint", "group": "promo", "when": {"families": ["endpoint"]}, "effect": {"kind": "percent_off_list", "percent": "15"}}]}`,
		`{"id": "Q-14", "lines": [{"sku": "EDR-1", "quantity": "1"}, {"sku": "SHIRT-L", "quantity": "2"}, {"sku": "MUG", "quantity": "1"}]}`)
	// Output:
	// Quote Q-14 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: EDR-1 × 1 seat
	//   Step            Rule      Amount  Unit price
	//   List price                        100.00
	//   15% off list    endpoint  -15.00  85.00
	//   Net unit price                    85.00
	//   Extended: list 100.00, net 85.00, discount 15.00 (15.00%), approval: none
	//   Skipped:
	//     security: not selected: "endpoint" won the group
	//
	// Line 2: SHIRT-L × 2
	//   Step            Rule  Amount  Unit price
	//   List price                    25.00
	//   Net unit price                25.00
	//   Extended: list 50.00, net 50.00, discount 0.00 (0.00%), approval: none
	//
	// Line 3: MUG × 1
	//   Step            Rule  Amount  Unit price
	//   List price                    7.50
	//   Net unit price                7.50
	//   Extended: list 7.50, net 7.50, discount 0.00 (0.00%), approval: none
	//
	// Total: list 157.50 USD, net 142.50 USD, discount 15.00 USD (9.5238%), approval: none
}

// Volume schedules across lines and orders: a slab over the quote's
// seats of a SKU after the 5 bought earlier under the contract (the
// lines fill the slabs in order, and the explanation shows each tier's
// units), and a range of amounts off whose tier comes from a line
// attribute (a fabric length).
func Example_volumeSchedulesAcrossLines() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "SEC-100", "unit": "seat", "list": "100.00"},
	  {"sku": "FABRIC", "unit": "roll", "list": "40.00"}]}]`,
		`{"currency": "USD", "groups": [{"id": "volume", "mode": "first"}],
	  "rules": [
	    {"id": "seats", "group": "volume", "when": {"skus": ["SEC-100"]},
	     "effect": {"kind": "schedule", "schedule": {"kind": "slab", "scope": "sku", "prior": true, "tiers": [
	       {"from": "1", "to": "10", "price": "100.00"}, {"from": "10", "to": "20", "price": "90.00"}, {"from": "20", "price": "80.00"}]}}},
	    {"id": "long-rolls", "group": "volume", "when": {"skus": ["FABRIC"]},
	     "effect": {"kind": "schedule", "schedule": {"kind": "range", "attribute": "length_m", "tiers": [
	       {"from": "0", "to": "50", "amount_off": "0.00"}, {"from": "50", "amount_off": "4.00"}]}}}]}`,
		`{"id": "Q-15", "prior": [{"sku": "SEC-100", "quantity": "5"}],
	  "lines": [{"sku": "SEC-100", "quantity": "8"}, {"sku": "SEC-100", "quantity": "10"},
	            {"sku": "FABRIC", "quantity": "2", "attributes": {"length_m": "60"}}]}`)
	// Output:
	// Quote Q-15 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 8 seat
	//   Step                                                  Rule   Amount  Unit price
	//   List price                                                           100.00
	//   volume slab: 4 at tier 1, 4 at tier 2: down to 90.00  seats  -5.00   95.00
	//   Net unit price                                                       95.00
	//   Extended: list 800.00, net 760.00, discount 40.00 (5.00%), approval: none
	//
	// Line 2: SEC-100 × 10 seat
	//   Step                                                  Rule   Amount  Unit price
	//   List price                                                           100.00
	//   volume slab: 6 at tier 2, 4 at tier 3: down to 80.00  seats  -14.00  86.00
	//   Net unit price                                                       86.00
	//   Extended: list 1000.00, net 860.00, discount 140.00 (14.00%), approval: none
	//
	// Line 3: FABRIC × 2 roll
	//   Step                             Rule        Amount  Unit price
	//   List price                                           40.00
	//   volume tier 2: 4.00 off (by 60)  long-rolls  -4.00   36.00
	//   Net unit price                                       36.00
	//   Extended: list 80.00, net 72.00, discount 8.00 (10.00%), approval: none
	//
	// Total: list 1880.00 USD, net 1692.00 USD, discount 188.00 USD (10.00%), approval: none
}

// Quote-level rules: a 5% deal-size discount spread over the lines by
// their nets (exact to the cent: the shares sum to the discount), a 3%
// marketplace fee that lowers the proceeds without counting as a
// discount, and a book whose prices include 20% VAT.
func Example_quoteRules() {
	priceJSON(`[{"id": "uk", "currency": "GBP", "tax": {"rate": "20", "included": true}, "entries": [
	  {"sku": "SEC-100", "unit": "seat", "list": "120.00"},
	  {"sku": "STO-100", "unit": "TB", "list": "48.00"}]}]`,
		`{"currency": "GBP", "groups": [{"id": "partner", "mode": "first"}],
	  "approvals": [{"level": "manager", "above": "20"}],
	  "rules": [{"id": "tier", "group": "partner", "effect": {"kind": "percent_off_list", "percent": "10"}}],
	  "quote_rules": [
	    {"id": "deal-size", "kind": "discount", "percent": "5", "when": {"min_deal_value": "900.00"}},
	    {"id": "marketplace", "kind": "fee", "percent": "3", "when": {"motions": ["marketplace"]}}]}`,
		`{"id": "Q-16", "motion": "marketplace", "lines": [{"sku": "SEC-100", "quantity": "7"}, {"sku": "STO-100", "quantity": "3"}]}`)
	// Output:
	// Quote Q-16 · book uk (GBP) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 7 seat
	//   Step               Rule       Amount  Unit price
	//   List price                            120.00
	//   10% off list       tier       -12.00  108.00
	//   quote discount 5%  deal-size  -5.40   102.60
	//   Net unit price                        102.60
	//   Extended: list 840.00, net 718.20, discount 121.80 (14.50%), approval: none
	//   fee 21.55; net of tax 598.50, tax 119.70, gross 718.20
	//
	// Line 2: STO-100 × 3 TB
	//   Step               Rule       Amount  Unit price
	//   List price                            48.00
	//   10% off list       tier       -4.80   43.20
	//   quote discount 5%  deal-size  -2.16   41.04
	//   Net unit price                        41.04
	//   Extended: list 144.00, net 123.12, discount 20.88 (14.50%), approval: none
	//   fee 3.69; net of tax 102.60, tax 20.52, gross 123.12
	//
	// Quote rules:
	//   deal-size: discount 5.00% of 885.60 = 44.28, applied 44.28
	//   marketplace: fee 3.00% of 841.32 = 25.24, applied 25.24
	//
	// Total: list 984.00 GBP, net 841.32 GBP, discount 142.68 GBP (14.50%), approval: none
	// Fees: 25.24 GBP, proceeds 816.08 GBP
	// Tax: net of tax 701.10 GBP, tax 140.22 GBP, gross 841.32 GBP
}

// Groups of groups: a best-of between a compounded chain (a 15% campaign
// then a 10% loyalty discount: 23.5%) and a single 25% clearance offer,
// as Dynamics' best price against compounded discounts; and among two
// exclusive offers, the larger one, as the group asks.
func Example_groupsOfGroups() {
	priceJSON(`[{"id": "us", "currency": "USD", "entries": [{"sku": "SEC-100", "unit": "seat", "list": "100.00"}]}]`,
		`{"currency": "USD", "groups": [
	    {"id": "promo", "mode": "best_of"},
	    {"id": "chain", "mode": "compounding", "within": "promo"},
	    {"id": "vip", "mode": "additive", "best_exclusive": true}],
	  "rules": [
	    {"id": "clearance", "group": "promo", "effect": {"kind": "percent_off_list", "percent": "25"}},
	    {"id": "campaign", "group": "chain", "priority": 1, "effect": {"kind": "percent_off_running", "percent": "15"}},
	    {"id": "loyalty", "group": "chain", "effect": {"kind": "percent_off_running", "percent": "10"}},
	    {"id": "vip-10", "group": "vip", "priority": 5, "exclusive": true, "when": {"attributes": {"vip": ["yes"]}},
	     "effect": {"kind": "percent_off_list", "percent": "10"}},
	    {"id": "vip-30", "group": "vip", "exclusive": true, "when": {"attributes": {"vip": ["yes"]}},
	     "effect": {"kind": "percent_off_list", "percent": "30"}}]}`,
		`{"id": "Q-17", "lines": [{"sku": "SEC-100", "quantity": "1"}, {"sku": "SEC-100", "quantity": "1", "attributes": {"vip": "yes"}}]}`)
	// Output:
	// Quote Q-17 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 1 seat
	//   Step            Rule       Amount  Unit price
	//   List price                         100.00
	//   25% off list    clearance  -25.00  75.00
	//   Net unit price                     75.00
	//   Extended: list 100.00, net 75.00, discount 25.00 (25.00%), approval: none
	//   Skipped:
	//     vip-10: condition failed: attribute vip (wants yes)
	//     vip-30: condition failed: attribute vip (wants yes)
	//     campaign: not selected: "clearance" won the group
	//     loyalty: not selected: "clearance" won the group
	//
	// Line 2: SEC-100 × 1 seat
	//   Step            Rule    Amount  Unit price
	//   List price                      100.00
	//   30% off list    vip-30  -30.00  70.00
	//   Net unit price                  70.00
	//   Extended: list 100.00, net 70.00, discount 30.00 (30.00%), approval: none
	//   Skipped:
	//     clearance: excluded by "vip-30"
	//     campaign: excluded by "vip-30"
	//     loyalty: excluded by "vip-30"
	//     vip-10: excluded by "vip-30"
	//
	// Total: list 200.00 USD, net 145.00 USD, discount 55.00 USD (27.50%), approval: none
}

// Margin, markup and group subtotals: a line reports its profit when the
// cost is known, and its unit price after each group, CPQ's regular,
// customer, partner and net prices.
func Example_marginAndSubtotals() {
	books, _ := pricing.ParsePriceBooks([]byte(`[{"id": "us", "currency": "USD", "entries": [
	  {"sku": "SEC-100", "unit": "seat", "list": "100.00", "cost": "30.00"}]}]`))
	fw, _ := pricing.ParseFramework([]byte(`{"currency": "USD", "manual_after": "regular",
	  "groups": [{"id": "regular", "label": "regular", "mode": "first"}, {"id": "customer", "label": "customer", "mode": "first"},
	             {"id": "partner", "label": "partner", "mode": "first"}, {"id": "distributor", "label": "net", "mode": "first"}],
	  "rules": [
	    {"id": "contract", "group": "regular", "effect": {"kind": "percent_off_list", "percent": "10"}},
	    {"id": "partner", "group": "partner", "effect": {"kind": "percent_off_running", "percent": "20"}},
	    {"id": "distributor", "group": "distributor", "effect": {"kind": "percent_off_running", "percent": "5"}}]}`))
	e, err := pricing.Compile(books, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	q, _ := pricing.ParseQuote([]byte(`{"lines": [{"sku": "SEC-100", "quantity": "10", "manual_discount": "5"}]}`))
	r, err := e.Price(q, exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	l := r.Lines[0]
	for _, s := range l.Subtotals() {
		fmt.Printf("%-9s %s\n", s.Label, s.Price)
	}
	p, _ := l.Profit()
	fmt.Println("cost", p.Cost, "· margin", p.Margin, "·", p.MarginPercent, "of the net ·", p.MarkupPercent, "markup")
	mg, _ := pricing.MarginOf(partnerops.MustMoney("100", partnerops.USD), partnerops.MustMoney("80", partnerops.USD))
	mk, _ := pricing.MarkupOf(partnerops.MustMoney("100", partnerops.USD), partnerops.MustMoney("80", partnerops.USD))
	fmt.Println("price 100, cost 80:", mg, "margin,", mk, "markup")
	// Output:
	// regular   85.50 USD
	// customer  85.50 USD
	// partner   68.40 USD
	// net       64.98 USD
	// cost 300.00 USD · margin 349.80 USD · 53.8319% of the net · 116.6000% markup
	// price 100, cost 80: 20.0000% margin, 25.0000% markup
}
