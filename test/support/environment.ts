// Loaded by mocha before any test (.mocharc.json "require"): tests that drive the provider in this
// process must not write the renewal journal into the user's ~/.pulumi.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

if (!process.env.RENEWED_CERTIFICATE_JOURNAL_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renewed-certificate-journal-"));
  process.env.RENEWED_CERTIFICATE_JOURNAL_DIR = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
