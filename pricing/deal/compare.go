package deal

import (
	"github.com/partnerops/partnerops"
)

// Comparison sets one deal side by side under several models ("direct vs
// resell vs marketplace vs referral"): what each party earns and what the
// vendor keeps.
type Comparison struct {
	Deal string          `json:"deal,omitempty"`
	Rows []ComparisonRow `json:"rows"`
}

// ComparisonRow is the deal under one model.
type ComparisonRow struct {
	Model        ModelID            `json:"model"`
	Motion       partnerops.Motion  `json:"motion"`
	PartnerTotal partnerops.Money   `json:"partner_total"`
	VendorNet    partnerops.Money   `json:"vendor_net"`
	VendorShare  partnerops.Percent `json:"vendor_share"`
	// VsFirst is this row's vendor net minus the first row's.
	VsFirst partnerops.Money `json:"vs_first"`
	// Result is the full waterfall under this model.
	Result Result `json:"result"`
}

// Compare evaluates d under each of models in turn, in the order given,
// ignoring d.Model. Parties whose slot a model lacks are left out of that
// model; slots no party fills are computed for an unnamed party unless
// optional. Errors name the model.
func (e *Engine) Compare(d Deal, models ...ModelID) (Comparison, error) {
	c := Comparison{Deal: d.ID, Rows: make([]ComparisonRow, 0, len(models))}
	for _, id := range models {
		m, ok := e.models[id]
		if !ok {
			return Comparison{}, wrap(ErrUnknownModel, "comparing deal %q: model %q", d.ID, id)
		}
		r, err := e.evaluate(m, d, true)
		if err != nil {
			return Comparison{}, wrap(err, "comparing deal %q under model %q", d.ID, id)
		}
		row := ComparisonRow{Model: id, Motion: r.Motion, PartnerTotal: r.PartnerTotal, VendorNet: r.VendorNet, VendorShare: r.VendorShare, Result: r}
		row.VsFirst = partnerops.Zero(e.currency)
		if len(c.Rows) > 0 {
			row.VsFirst, _ = r.VendorNet.Sub(c.Rows[0].VendorNet)
		}
		c.Rows = append(c.Rows, row)
	}
	return c, nil
}
