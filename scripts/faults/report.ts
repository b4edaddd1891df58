/** The matrix as a table, the failures in detail, and the summary counts. */
import type { ScenarioResult } from "./evaluate";

/** The counts of the last line. */
export interface Summary {
  scenarios: number;
  doubleRenewals: number;
  /** Accepted ids no later operation recorded, apart from those unreachable by design. */
  lostJobIds: number;
  unclearErrors: number;
  /** Accepted ids the vendor cannot be asked about whose answer never arrived (Symantec only). */
  unreachableByDesign: number;
}

export function summarize(results: ScenarioResult[]): Summary {
  return {
    scenarios: results.length,
    doubleRenewals: results.reduce((n, r) => n + r.doubleRenewals, 0),
    lostJobIds: results.reduce((n, r) => n + r.lost.length, 0),
    unclearErrors: results.reduce((n, r) => n + r.errors.filter((e) => e.lacks.length).length, 0),
    unreachableByDesign: results.reduce((n, r) => n + r.unreachable, 0),
  };
}

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function idsCell(r: ScenarioResult): string {
  if (!r.accepted.length) return "-";
  const kept = r.accepted.length - r.lost.length - r.unreachable;
  const parts = [`${kept}/${r.accepted.length} in state`];
  if (r.unreachable) parts.push(`${r.unreachable} unreachable`);
  if (r.lost.length) parts.push(`LOST ${r.lost.join(",")}`);
  return parts.join(", ");
}

function errorsCell(r: ScenarioResult): string {
  if (!r.errors.length) return "-";
  const unclear = r.errors.filter((e) => e.lacks.length);
  return unclear.length ? `${unclear.length}/${r.errors.length} UNCLEAR` : `${r.errors.length} clear`;
}

/** Prints the table (one row per scenario) and the details of anything that went wrong. */
export function printReport(results: ScenarioResult[], print: (line: string) => void): void {
  const columns: [string, number, (r: ScenarioResult) => string][] = [
    ["scenario", 30, (r) => r.scenario.id],
    ["api", 12, (r) => r.scenario.api],
    ["fault", 52, (r) => r.scenario.fault],
    ["renewals", 9, (r) => `${r.renewals}/${r.scenario.intendedRenewals}`],
    ["accepted ids", 30, idsCell],
    ["errors", 12, errorsCell],
    ["checks", 8, (r) => (r.failedChecks.length || r.leaks.length ? "FAIL" : "ok")],
    ["s", 4, (r) => String(Math.round(r.ms / 1000))],
  ];
  print(columns.map(([h, w]) => pad(h, w)).join(" "));
  print(columns.map(([, w]) => "-".repeat(w)).join(" "));
  for (const r of results) print(columns.map(([, w, cell]) => pad(cell(r), w)).join(" "));
  for (const r of results) {
    const problems = [
      ...r.failedChecks.map((c) => `check failed: ${c}`),
      ...r.errors
        .filter((e) => e.lacks.length)
        .map((e) => `unclear (lacks ${e.lacks.join(", ")}): ${e.message}`),
      ...r.lost.map((id) => `accepted id ${id} never reached state`),
      ...(r.doubleRenewals ? [`${r.doubleRenewals} renewal(s) more than intended`] : []),
      ...r.leaks.map(() => "a credential or challenge appeared in engine output"),
    ];
    if (!problems.length) continue;
    print("");
    print(`${r.scenario.id}: expected: ${r.scenario.expect}`);
    for (const p of problems) print(`  - ${p}`);
    for (const n of r.notes) print(`  · ${n}`);
  }
}
