//! The stylesheet of the page: inline, system fonts only, nothing loaded.

/// The whole stylesheet: system fonts only, nothing loaded.
pub(super) const CSS: &str = r"
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--err:#b42318;--err-bg:#fef3f2;--ok:#116329;--ok-bg:#e6f6ea;--warn:#7d4e00;--warn-bg:#fff8c5;--note:#0550ae;--note-bg:#ddf4ff;--focus:#0969da}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--fg);background:#fff}
body{margin:0}
code,pre,.sbs td{font-family:ui-monospace,'SFMono-Regular','DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.875rem}
a{color:var(--note)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:3px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:10}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 2rem;padding:.75rem 2rem;border-bottom:1px solid var(--line);background:var(--soft)}
.brand{margin:0;font-weight:600;color:var(--muted);letter-spacing:.02em}
nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}
main{max-width:1120px;margin:0 auto;padding:1.5rem 2rem 3rem}
footer{max-width:1120px;margin:0 auto;padding:1rem 2rem 2rem;color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}
h1,h2,h3,h4{line-height:1.25}
h2{font-size:1.5rem;margin:2.5rem 0 1rem;padding-bottom:.35rem;border-bottom:1px solid var(--line)}
h3{font-size:1.2rem;margin:1.75rem 0 .5rem;display:flex;align-items:baseline;gap:.75rem}
h4{font-size:1rem;margin:0 0 .35rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.decision{border:1px solid var(--line);border-left:10px solid var(--muted);border-radius:8px;padding:1.25rem 1.5rem;background:var(--soft)}
.decision.fail,.decision.error{border-left-color:var(--err);background:var(--err-bg)}
.decision.pass{border-left-color:var(--ok);background:var(--ok-bg)}
.decision h1{margin:0 0 .5rem;font-size:2.25rem;display:flex;align-items:baseline;gap:1rem;flex-wrap:wrap}
.decision.fail .verdict,.decision.error .verdict{color:var(--err)}
.decision.pass .verdict{color:var(--ok)}
.decision .cmd{font-size:1rem;font-weight:500;color:var(--muted)}
.why{margin:.25rem 0 .75rem;font-size:1.05rem}
.alert{margin:.5rem 0;padding:.6rem .9rem;border:3px solid var(--err);border-radius:6px;background:#fff;color:var(--err);font-weight:700}
.because{margin:.5rem 0 .25rem;font-weight:600}
.reasons{margin:0 0 .75rem;padding-left:1.25rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:.75rem 0;padding:0}
.count{padding:.2rem .75rem;border-radius:999px;font-weight:600;border:1px solid currentColor}
.count.error{color:var(--err);background:#fff}
.count.warning{color:var(--warn);background:#fff}
.count.note{color:var(--note);background:#fff}
.count.waived{color:var(--muted);background:#fff}
.count.zero{font-weight:400;color:var(--muted)}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.5rem 1.5rem;margin:1rem 0 0}
.meta div{min-width:0}
.meta dt,.facts dt{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.meta dd,.facts dd{margin:0;overflow-wrap:anywhere}
.contract{margin-top:1.5rem}
.contract.broken>h3{color:var(--err)}
.tally{font-size:.875rem;font-weight:400;color:var(--muted)}
.owner{margin:.25rem 0 .5rem;color:var(--muted)}
.timeline{display:flex;flex-wrap:wrap;list-style:none;margin:0 0 1rem;padding:0;gap:0}
.timeline .v{position:relative;padding:.35rem .9rem .35rem 1.1rem;border:1px solid var(--line);background:#fff;margin-right:-1px}
.timeline .v:first-child{border-radius:6px 0 0 6px}
.timeline .v:last-child{border-radius:0 6px 6px 0}
.timeline .v.deprecated{background:var(--warn-bg)}
.timeline .v.affected{border-color:var(--err);box-shadow:inset 0 -3px 0 var(--err);z-index:1}
.vk{font-weight:700}
.vs{color:var(--muted);font-size:.875rem}
.vf{color:var(--err);font-size:.8rem;font-weight:600}
.finding{border:1px solid var(--line);border-left:6px solid var(--note);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem;background:#fff}
.finding.error{border-left-color:var(--err)}
.finding.warning{border-left-color:#bf8700}
.finding.is-waived{border-left-color:var(--muted);border-left-style:dashed}
.sev{display:inline-block;padding:.05rem .55rem;border-radius:4px;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#fff;background:var(--note)}
.sev.error{background:var(--err)}
.sev.warning{background:var(--warn)}
.rule{font-size:.95rem;font-weight:600}
.state{font-size:.8rem;color:var(--muted)}
.msg{margin:.25rem 0 .75rem;font-size:1.05rem}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.5rem 1.5rem;margin:0 0 .75rem}
.consumers{margin:0;padding-left:1.1rem}
.help{margin:0 0 .75rem;padding:.5rem .75rem;border-left:3px solid var(--ok);background:var(--ok-bg)}
.help .label{font-weight:600}
.waiver{padding:.5rem .75rem;background:var(--soft);border-radius:4px}
.payload{margin:.75rem 0}
figcaption,.notes .label{font-weight:600;margin:0 0 .25rem}
pre{margin:0;padding:.75rem 1rem;background:var(--soft);border:1px solid var(--line);border-radius:6px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.notes ul{margin:0;padding-left:1.25rem}
.notes li{margin:.15rem 0}
details{margin:.75rem 0}
summary{cursor:pointer;font-weight:600;padding:.35rem 0}
.sbs-wrap,.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.35rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
.sbs{table-layout:fixed}
.sbs col.ln{width:3.5rem}
.sbs td{padding:.05rem .4rem;white-space:pre-wrap;overflow-wrap:anywhere;border-top:0;border-bottom:0}
.sbs td.ln{color:var(--muted);text-align:right;user-select:none;background:var(--soft)}
.sbs tbody tr:last-child td{border-bottom:1px solid var(--line)}
.sbs tr.hunk td{background:var(--note-bg);color:var(--note);border:1px solid var(--line)}
.sbs td.del{background:#ffebe9}
.sbs td.add{background:#dafbe1}
.sbs td.empty{background:repeating-linear-gradient(45deg,#fff,#fff 4px,var(--soft) 4px,var(--soft) 8px)}
del{background:#ffc1bc;text-decoration:line-through;color:inherit}
ins{background:#aceebb;text-decoration:none;color:inherit}
.legend{color:var(--muted);font-size:.9rem}
.key{display:inline-block;width:2rem;height:0;vertical-align:middle;margin:0 .35rem 0 .75rem;border-top:2px solid var(--muted)}
.key.bad{border-top:3px dashed var(--err)}
.map-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:#fff}
svg.map{display:block;max-width:100%;height:auto;font-family:inherit}
.map .colhead{font-size:14px;font-weight:700;fill:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.map .edge path{fill:none;stroke:#8c959f;stroke-width:1.5}
.map .edge.broken path{stroke:var(--err);stroke-width:3;stroke-dasharray:8 5}
.map .node rect{fill:#fff;stroke:#57606a;stroke-width:1.25}
.map .node.contract rect{fill:var(--note-bg);stroke:var(--note)}
.map .node.broken rect{fill:var(--err-bg);stroke:var(--err);stroke-width:2.5}
.map .node text{font-size:13px;fill:var(--fg)}
.map .node.broken text{fill:var(--err);font-weight:700}
.edges tr.broken td,.edges tr.broken th{color:var(--err);font-weight:600}
@media print{
 html{font-size:11pt}
 *{background:transparent!important;box-shadow:none!important}
 .top nav,.skip{display:none}
 main{max-width:none;padding:0}
 details::details-content{content-visibility:visible;display:block}
 details>summary{list-style:none}
 .finding,.decision,figure,tr{break-inside:avoid}
 .sbs td.del,.sbs td.add{font-weight:700}
 a{color:inherit;text-decoration:none}
}
";
