// Command pricing-waterfall prices a partner quote the way a deal desk
// does: a US price book and a derived EMEA book, a discount framework with
// five stacking groups, volume schedules, a deal-registration bonus,
// caps, floors and an approval matrix, all loaded from JSON (books.json,
// framework.json). It prints the line-by-line
// waterfall with the rules that applied and the ones that did not (and
// why), then compares what the same deal costs at each partner tier.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/partnerops/partnerops/examples/internal/chartdir"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func dec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

// The price books and the discount framework are data, kept as JSON the
// way a deal desk keeps them in its own database, and decoded strictly:
// an unknown key, a percent written as a bare number or an amount in the
// wrong currency is an error naming its path (books[us-2026].entries[SEC-100].list).
// Amounts are bare decimal strings because each book and the framework fix
// their currency; percents are in percent units ("20" is 20%); dates are
// days ("2026-03-01", midnight UTC).
var (
	//go:embed books.json
	booksJSON []byte
	//go:embed framework.json
	frameworkJSON []byte
)

func quote(tier partnerops.Tier) pricing.Quote {
	return pricing.Quote{
		ID:               "Q-1042",
		Partner:          partnerops.Partner{ID: "acme", Name: "Acme Resellers", Type: partnerops.PartnerTypeReseller, Tier: tier},
		Motion:           partnerops.MotionResell,
		DealRegistration: pricing.DealRegApproved,
		Business:         partnerops.BusinessNew,
		Region:           "na",
		Attributes:       map[string]string{"competitive": "yes"},
		Lines: []pricing.QuoteLine{
			{SKU: "SEC-100", Quantity: dec("120")},
			{SKU: "SEC-200", Quantity: dec("5")},
			{SKU: "STO-100", Quantity: dec("12")},
			{SKU: "SVC-1", Quantity: dec("1")},
		},
	}
}

func main() {
	flag.Parse() // -charts DIR writes the waterfalls as SVG and HTML
	books, err := pricing.ParsePriceBooks(booksJSON)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	framework, err := pricing.ParseFramework(frameworkJSON)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	engine, err := pricing.Compile(books, framework)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compile:", err)
		os.Exit(1)
	}
	at := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

	res, err := engine.Price(quote("gold"), at)
	if err != nil {
		fmt.Fprintln(os.Stderr, "price:", err)
		os.Exit(1)
	}
	if err := writeCharts(res); err != nil {
		fmt.Fprintln(os.Stderr, "charts:", err)
		os.Exit(1)
	}
	fmt.Println("== Waterfall for a gold partner")
	fmt.Println()
	fmt.Print(res.Text())

	fmt.Println()
	fmt.Println("== The same deal at every tier")
	fmt.Println()
	fmt.Printf("%-12s %12s %12s %10s  %s\n", "tier", "list", "net", "discount", "approval")
	for _, tier := range []partnerops.Tier{"registered", "silver", "gold", "platinum"} {
		r, err := engine.Price(quote(tier), at)
		if err != nil {
			fmt.Fprintln(os.Stderr, "price:", err)
			os.Exit(1)
		}
		approval := string(r.Approval)
		if approval == "" {
			approval = "none"
		}
		fmt.Printf("%-12s %12s %12s %10s  %s\n", tier, r.ListTotal.StringFixed(), r.NetTotal.StringFixed(), r.EffectiveDiscount.Round(2, partnerops.RoundHalfEven), approval)
	}

	fmt.Println()
	fmt.Println("== Catalog prices in force")
	fmt.Println()
	for _, b := range engine.Books() {
		var parts []string
		for _, sku := range []pricing.SKU{"SEC-100", "SEC-200", "STO-100", "SVC-1"} {
			p, err := engine.ListPrice(b, sku, at)
			if err != nil {
				fmt.Fprintln(os.Stderr, "list price:", err)
				os.Exit(1)
			}
			parts = append(parts, fmt.Sprintf("%s %s", sku, p.StringFixed()))
		}
		fmt.Printf("%-10s %s\n", b, strings.Join(parts, " · "))
	}
}

// writeCharts writes the quote's waterfall, each line's and a printable
// page with both into the -charts folder (nothing without the flag).
func writeCharts(res *pricing.Result) error {
	if err := chartdir.Write("pricing-quote.svg", res.SVG()); err != nil {
		return err
	}
	for i := range res.Lines {
		if err := chartdir.Write(fmt.Sprintf("pricing-line-%d.svg", res.Lines[i].Line), res.LineSVG(&res.Lines[i])); err != nil {
			return err
		}
	}
	return chartdir.Write("pricing-quote.html", res.HTML())
}
